//! Kangxi radicals and CJK radical supplements to the ideographs they stand
//! for. PDF text often carries the radical code points (`⼆` U+2F06, `⼯`,
//! `⽉`, `⾏`) where the document shows ordinary characters; labels and
//! headings are matched on the ideographs, while the text and its offsets
//! keep what was written.
//!
//! The table is generated from the compatibility decompositions of
//! U+2F00–U+2FD5 (the 214 Kangxi radicals, each the ideograph of the same
//! radical) and of the two CJK Radicals Supplement characters that have one
//! (U+2E9F, U+2EF3).

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

/// CJK Radicals Supplement characters with an ideograph of their own.
const SUPPLEMENT: [(char, char); 2] = [('\u{2e9f}', '母'), ('\u{2ef3}', '龟')];

/// The unified ideograph a radical stands for; other characters unchanged.
#[must_use]
pub fn unify(c: char) -> char {
    match c {
        '\u{2f00}'..='\u{2fd5}' => KANGXI[c as usize - 0x2f00],
        '\u{2e80}'..='\u{2eff}' => SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map_or(c, |(_, u)| *u),
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
        assert_eq!(unify('\u{2e80}'), '\u{2e80}');
        assert_eq!(unify('二'), '二');
        assert_eq!(unify('a'), 'a');
    }
}
