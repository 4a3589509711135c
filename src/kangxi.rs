//! Kangxi radicals and CJK radical supplements to the ideographs they stand
//! for. PDF text often carries the radical code points (`⼆` U+2F06, `⼯`,
//! `⽉`, `⾏`) where the document shows ordinary characters; labels and
//! headings are matched on the ideographs, while the text and its offsets
//! keep what was written.
//!
//! The table is generated from the compatibility decompositions of
//! U+2F00–U+2FD5 (the 214 Kangxi radicals, each the ideograph of the same
//! radical) and from Unicode's equivalent unified ideographs of the CJK
//! Radicals Supplement (U+2E80–U+2EFF).

/// The ideograph of each Kangxi radical, U+2F00 onwards.
const KANGXI: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿', '入', '八', '冂', '冖', '冫', '几',
    '凵', '刀', '力', '勹', '匕', '匚', '匸', '十', '卜', '卩', '厂', '厶', '又', '口', '囗', '土',
    '士', '夂', '夊', '夕', '大', '女', '子', '宀', '寸', '小', '尢', '尸', '屮', '山', '巛', '工',
    '己', '巾', '干', '幺', '广', '廴', '廾', '弋', '弓', '彐', '彡', '彳', '心', '戈', '戶', '手',
    '支', '攴', '文', '斗', '斤', '方', '无', '日', '曰', '月', '木', '欠', '止', '歹', '殳', '毋',
    '比', '毛', '氏', '气', '水', '火', '爪', '父', '爻', '爿', '片', '牙', '牛', '犬', '玄', '玉',
    '瓜', '瓦', '甘', '生', '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛', '矢', '石',
    '示', '禸', '禾', '穴', '立', '竹', '米', '糸', '缶', '网', '羊', '羽', '老', '而', '耒', '耳',
    '聿', '肉', '臣', '自', '至', '臼', '舌', '舛', '舟', '艮', '色', '艸', '虍', '虫', '血', '行',
    '衣', '襾', '見', '角', '言', '谷', '豆', '豕', '豸', '貝', '赤', '走', '足', '身', '車', '辛',
    '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜', '隶', '隹', '雨', '靑', '非', '面',
    '革', '韋', '韭', '音', '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟', '鬥', '鬯',
    '鬲', '鬼', '魚', '鳥', '鹵', '鹿', '麥', '麻', '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠',
    '鼻', '齊', '齒', '龍', '龜', '龠',
];

/// CJK Radicals Supplement characters and the unified ideograph each stands
/// for (Unicode's `EquivalentUnifiedIdeograph.txt`, the entries in the Basic
/// Multilingual Plane). Simplified Chinese fonts print 见 长 门 车 页 马 … as
/// these when a PDF's text is extracted.
const SUPPLEMENT: [(char, char); 83] = [
    ('\u{2e81}', '厂'),
    ('\u{2e84}', '乙'),
    ('\u{2e85}', '亻'),
    ('\u{2e86}', '冂'),
    ('\u{2e89}', '刂'),
    ('\u{2e8a}', '卜'),
    ('\u{2e8c}', '小'),
    ('\u{2e92}', '巳'),
    ('\u{2e93}', '幺'),
    ('\u{2e96}', '忄'),
    ('\u{2e98}', '扌'),
    ('\u{2e99}', '攵'),
    ('\u{2e9b}', '旡'),
    ('\u{2e9c}', '日'),
    ('\u{2e9d}', '月'),
    ('\u{2e9e}', '歺'),
    ('\u{2e9f}', '母'),
    ('\u{2ea0}', '民'),
    ('\u{2ea1}', '氵'),
    ('\u{2ea2}', '氺'),
    ('\u{2ea3}', '灬'),
    ('\u{2ea4}', '爫'),
    ('\u{2ea6}', '丬'),
    ('\u{2ea7}', '牜'),
    ('\u{2ea8}', '犭'),
    ('\u{2ea9}', '王'),
    ('\u{2eab}', '目'),
    ('\u{2eac}', '示'),
    ('\u{2ead}', '礻'),
    ('\u{2eaf}', '糸'),
    ('\u{2eb0}', '纟'),
    ('\u{2eb1}', '罓'),
    ('\u{2eb2}', '罒'),
    ('\u{2eb6}', '羊'),
    ('\u{2eb9}', '耂'),
    ('\u{2ebe}', '艹'),
    ('\u{2ebf}', '艹'),
    ('\u{2ec0}', '艹'),
    ('\u{2ec1}', '虎'),
    ('\u{2ec2}', '衤'),
    ('\u{2ec3}', '覀'),
    ('\u{2ec4}', '西'),
    ('\u{2ec5}', '见'),
    ('\u{2ec6}', '角'),
    ('\u{2ec8}', '讠'),
    ('\u{2ec9}', '贝'),
    ('\u{2ecb}', '车'),
    ('\u{2ecc}', '辶'),
    ('\u{2ecd}', '辶'),
    ('\u{2ecf}', '阝'),
    ('\u{2ed0}', '钅'),
    ('\u{2ed1}', '長'),
    ('\u{2ed2}', '镸'),
    ('\u{2ed3}', '长'),
    ('\u{2ed4}', '门'),
    ('\u{2ed6}', '阝'),
    ('\u{2ed7}', '雨'),
    ('\u{2ed8}', '青'),
    ('\u{2ed9}', '韦'),
    ('\u{2eda}', '页'),
    ('\u{2edb}', '风'),
    ('\u{2edc}', '飞'),
    ('\u{2edd}', '食'),
    ('\u{2edf}', '飠'),
    ('\u{2ee0}', '饣'),
    ('\u{2ee2}', '马'),
    ('\u{2ee3}', '骨'),
    ('\u{2ee4}', '鬼'),
    ('\u{2ee5}', '鱼'),
    ('\u{2ee6}', '鸟'),
    ('\u{2ee7}', '卤'),
    ('\u{2ee8}', '麦'),
    ('\u{2ee9}', '黄'),
    ('\u{2eea}', '黾'),
    ('\u{2eeb}', '斉'),
    ('\u{2eec}', '齐'),
    ('\u{2eed}', '歯'),
    ('\u{2eee}', '齿'),
    ('\u{2eef}', '竜'),
    ('\u{2ef0}', '龙'),
    ('\u{2ef1}', '龜'),
    ('\u{2ef2}', '亀'),
    ('\u{2ef3}', '龟'),
];

/// The unified ideograph a radical stands for; other characters unchanged.
#[must_use]
pub fn unify(c: char) -> char {
    match c {
        '\u{2f00}'..='\u{2fd5}' => KANGXI[c as usize - 0x2f00],
        '\u{2e80}'..='\u{2eff}' => SUPPLEMENT
            .binary_search_by_key(&c, |&(r, _)| r)
            .map_or(c, |i| SUPPLEMENT[i].1),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::unify;

    #[test]
    fn radicals_become_ideographs() {
        assert_eq!(unify('\u{2f06}'), '二');
        assert_eq!(unify('\u{2f2f}'), '工');
        assert_eq!(unify('\u{2f49}'), '月');
        assert_eq!(unify('\u{2f8f}'), '行');
        assert_eq!(unify('\u{2fd5}'), '龠');
        assert_eq!(unify('\u{2e9f}'), '母');
        assert_eq!(unify('\u{2ec5}'), '见');
        assert_eq!(unify('\u{2ed3}'), '长');
        assert_eq!(unify('\u{2ed4}'), '门');
        assert_eq!(unify('\u{2e80}'), '\u{2e80}');
        assert_eq!(unify('二'), '二');
        assert_eq!(unify('a'), 'a');
    }

    #[test]
    fn supplement_is_sorted() {
        assert!(super::SUPPLEMENT.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
