//! Reading the three tables out of a section's lines (spec §2–§4, §8.4).
//!
//! The text of a table region is cut into tokens line by line
//! ([`crate::layout`]). Text tokens are classified against the template's
//! labels: a data-row label opens a row; values that follow — on the same
//! line, or on the next lines in a one-cell-per-line or wrapped layout —
//! belong to it, until the next label. Group labels, fragments of vertical
//! labels, captions and headers never take values. A row's values are then
//! cut to what the row really holds: from its first to its last number,
//! extended with blank cells only up to the template's count; a row with
//! another count is kept as found and reported, never shifted.

use crate::layout::{tokenize, Kind, Line, LineKind, Token};
use crate::text::{cn_numeral, contains, find, key};
use crate::value::{parse, Parsed, Val};

/// Template version of a table or block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V2019,
    V2021,
}

/// A cell as read.
#[derive(Debug, Clone, Copy)]
pub struct RawCell {
    pub start: usize,
    pub end: usize,
    pub parsed: Parsed,
}

impl RawCell {
    pub fn blank(&self) -> bool {
        self.parsed.val == Val::Blank
    }
}

/// A row as read.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub key: &'static str,
    /// Byte range of its label.
    pub label: (usize, usize),
    pub cells: Vec<RawCell>,
    /// Number of value cells the template has for this row.
    pub expected: usize,
    /// Template label when the written one differs (typo, other wording).
    pub variant: Option<&'static str>,
    /// Digits written into the label (`规章555`).
    pub merged: Option<(usize, usize)>,
    /// Every value cell was blank (or there were none).
    pub all_blank: bool,
    /// A subtotal row the template does not have (`（三）不予公开` with numbers).
    pub subtotal: bool,
    /// Table 1: the block's version.
    pub version: Option<Version>,
    /// Value tokens found after the label (0: a bare label).
    pub tokens: usize,
}

/// A row with numbers whose label the template does not have.
#[derive(Debug, Clone)]
pub struct ExtraRow {
    pub label: (usize, usize),
    /// The label repeats a row already read.
    pub duplicate: Option<&'static str>,
}

/// Table 1 or 2 as read.
#[derive(Debug, Clone, Default)]
pub struct RawTable {
    pub rows: Vec<RawRow>,
    pub extra: Vec<ExtraRow>,
    /// Where the table starts (its first token).
    pub anchor: (usize, usize),
    /// Where it ends (its last token).
    pub last: (usize, usize),
    /// Table 2: version from its （六） rows; table 1: unused.
    pub version: Option<Version>,
    /// Table 1: version of each block (一, 五, 六, 八, 九) from its header.
    pub blocks: [Option<Version>; 5],
    /// Table 1: unit of the money column (header), and decimals it demands.
    pub money_unit: [Option<&'static str>; 5],
    pub money_decimals: [Option<u8>; 5],
}

impl RawTable {
    pub fn row(&self, key: &str) -> Option<&RawRow> {
        self.rows.iter().find(|r| r.key == key)
    }
}

/// Table 3 as read.
#[derive(Debug, Clone)]
pub struct RawReview {
    pub cells: Vec<RawCell>,
    pub anchor: (usize, usize),
    pub all_blank: bool,
}

// ---- the catalogue -------------------------------------------------------------

/// A data row of table 2: key, template label, comparison keys.
pub struct RowDef {
    pub key: &'static str,
    pub label: &'static str,
    /// Comparison keys (see [`crate::text::key`]), without the enumerator.
    pub keys: &'static [&'static str],
}

pub const T2_ROWS: &[RowDef] = &[
    RowDef {
        key: "new",
        label: "一、本年新收政府信息公开申请数量",
        keys: &["本年新收政府信息公开申请数量"],
    },
    RowDef {
        key: "carried_over",
        label: "二、上年结转政府信息公开申请数量",
        keys: &["上年结转政府信息公开申请数量"],
    },
    RowDef {
        key: "granted",
        label: "（一）予以公开",
        keys: &["予以公开"],
    },
    RowDef {
        key: "partial",
        label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        keys: &["部分公开区分处理的只计这一情形不计其他情形", "部分公开"],
    },
    RowDef {
        key: "denied.1",
        label: "1.属于国家秘密",
        keys: &["属于国家秘密"],
    },
    RowDef {
        key: "denied.2",
        label: "2.其他法律行政法规禁止公开",
        keys: &["其他法律行政法规禁止公开"],
    },
    RowDef {
        key: "denied.3",
        label: "3.危及“三安全一稳定”",
        keys: &["危及三安全一稳定"],
    },
    RowDef {
        key: "denied.4",
        label: "4.保护第三方合法权益",
        keys: &["保护第三方合法权益"],
    },
    RowDef {
        key: "denied.5",
        label: "5.属于三类内部事务信息",
        keys: &["属于三类内部事务信息"],
    },
    RowDef {
        key: "denied.6",
        label: "6.属于四类过程性信息",
        keys: &["属于四类过程性信息"],
    },
    RowDef {
        key: "denied.7",
        label: "7.属于行政执法案卷",
        keys: &["属于行政执法案卷"],
    },
    RowDef {
        key: "denied.8",
        label: "8.属于行政查询事项",
        keys: &["属于行政查询事项"],
    },
    RowDef {
        key: "unable.1",
        label: "1.本机关不掌握相关政府信息",
        keys: &["本机关不掌握相关政府信息"],
    },
    RowDef {
        key: "unable.2",
        label: "2.没有现成信息需要另行制作",
        keys: &["没有现成信息需要另行制作"],
    },
    RowDef {
        key: "unable.3",
        label: "3.补正后申请内容仍不明确",
        keys: &["补正后申请内容仍不明确"],
    },
    RowDef {
        key: "not_processed.1",
        label: "1.信访举报投诉类申请",
        keys: &["信访举报投诉类申请"],
    },
    RowDef {
        key: "not_processed.2",
        label: "2.重复申请",
        keys: &["重复申请"],
    },
    RowDef {
        key: "not_processed.3",
        label: "3.要求提供公开出版物",
        keys: &["要求提供公开出版物"],
    },
    RowDef {
        key: "not_processed.4",
        label: "4.无正当理由大量反复申请",
        keys: &["无正当理由大量反复申请"],
    },
    RowDef {
        key: "not_processed.5",
        label: "5.要求行政机关确认或重新出具已获取信息",
        keys: &["要求行政机关确认或重新出具已获取信息"],
    },
    RowDef {
        key: "other",
        label: "（六）其他处理",
        keys: &["其他处理"],
    },
    RowDef {
        key: "other.1",
        label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        keys: &["申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请"],
    },
    RowDef {
        key: "other.2",
        label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        keys: &["申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"],
    },
    RowDef {
        key: "other.3",
        label: "3.其他",
        keys: &[],
    },
    RowDef {
        key: "total",
        label: "（七）总计",
        keys: &[],
    },
    RowDef {
        key: "carried_forward",
        label: "四、结转下年度继续办理",
        keys: &["结转下年度继续办理"],
    },
];

/// Group labels of table 2 (no numbers of their own) and the key a subtotal
/// row written next to them gets.
const T2_GROUPS: &[(&str, &str)] = &[
    ("本年度办理结果", "results"),
    ("不予公开", "denied"),
    ("无法提供", "unable"),
    ("不予处理", "not_processed"),
];

/// Row keys of table 2 in template order, for each version.
pub fn t2_expected(v: Version) -> Vec<&'static str> {
    T2_ROWS
        .iter()
        .map(|r| r.key)
        .filter(|k| match v {
            Version::V2019 => !k.starts_with("other."),
            Version::V2021 => *k != "other",
        })
        .collect()
}

pub const T1_ROWS: &[RowDef] = &[
    RowDef {
        key: "regulations",
        label: "规章",
        keys: &["规章"],
    },
    RowDef {
        key: "normative_documents",
        label: "规范性文件",
        keys: &["行政规范性文件", "规范性文件"],
    },
    RowDef {
        key: "licensing",
        label: "行政许可",
        keys: &["行政许可"],
    },
    RowDef {
        key: "other_services",
        label: "其他对外管理服务事项",
        keys: &["其他对外管理服务事项"],
    },
    RowDef {
        key: "penalty",
        label: "行政处罚",
        keys: &["行政处罚"],
    },
    RowDef {
        key: "enforcement",
        label: "行政强制",
        keys: &["行政强制"],
    },
    RowDef {
        key: "fees",
        label: "行政事业性收费",
        keys: &["行政事业性收费"],
    },
    RowDef {
        key: "procurement",
        label: "政府集中采购",
        keys: &["政府集中采购"],
    },
];

/// The block (index into `blocks`: 一, 五, 六, 八, 九) a table 1 row belongs to.
pub fn t1_block(key: &str) -> usize {
    match key {
        "regulations" | "normative_documents" => 0,
        "licensing" | "other_services" => 1,
        "penalty" | "enforcement" => 2,
        "fees" => 3,
        _ => 4,
    }
}

/// Value cells of a table 1 row in a version.
pub fn t1_count(key: &str, v: Version) -> usize {
    match (t1_block(key), v) {
        (0, _) => 3,
        (1 | 2, Version::V2019) => 3,
        (3, Version::V2019) | (4, _) => 2,
        _ => 1,
    }
}

/// Table 1 rows in template order for each version.
pub fn t1_expected(v: Version) -> Vec<&'static str> {
    T1_ROWS
        .iter()
        .map(|r| r.key)
        .filter(|k| v == Version::V2019 || !matches!(*k, "other_services" | "procurement"))
        .collect()
}

const T1_HEADERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增减",
    "采购项目数量",
    "采购总金额",
];
const T1_HEADERS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];

/// Words of table 2's header (never row labels).
const T2_HEADER_WORDS: &[&str] = &[
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "公益组织",
    "社会组织",
    "法律服务机构",
    "申请人情况",
    "勾稽关系",
    "第一项加第二项",
];

const T3_HEADER_WORDS: &[&str] = &[
    "复议",
    "诉讼",
    "结果",
    "维持",
    "纠正",
    "审结",
    "总计",
    "合计",
    "起诉",
    "申请人情况",
];

// ---- classifying text tokens ---------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Label {
    /// A data row (index into the catalogue), with the template label when
    /// the text differs, and digits run into the label.
    Data {
        row: usize,
        variant: bool,
        merged: Option<(usize, usize)>,
    },
    /// A group label (index into T2_GROUPS).
    Group(usize),
    /// Table 1 block caption 第二十条第（X）项: block index.
    Caption(usize),
    /// Table 1 header cell: version marker, money unit, decimals.
    Header(Option<Version>, Option<&'static str>, Option<u8>),
    /// Piece of a label (vertical labels broken apart), header words.
    Fragment,
    /// A label the template does not have.
    Unknown,
    /// A sentence: the table has ended.
    Narrative,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    T1,
    T2,
}

/// Strip a leading enumerator from a key (`一`, `三`, `1`, `12`) and return it.
fn split_enum(k: &str) -> (Option<u32>, &str) {
    let mut it = k.char_indices();
    if let Some((_, c)) = it.next() {
        if c.is_ascii_digit() {
            let end = k
                .char_indices()
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(k.len(), |(i, _)| i);
            if end <= 2 {
                return (k[..end].parse().ok(), &k[end..]);
            }
        } else if let Some(v) = cn_numeral(&c.to_string()) {
            if v <= 10 {
                return (Some(v), &k[c.len_utf8()..]);
            }
        }
    }
    (None, k)
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

struct Classifier {
    which: Which,
    /// A data row was already read (short labels like 总计 may follow).
    seen_data: bool,
}

impl Classifier {
    fn defs(&self) -> &'static [RowDef] {
        match self.which {
            Which::T1 => T1_ROWS,
            Which::T2 => T2_ROWS,
        }
    }

    fn classify(&self, raw: &str, base: usize) -> Label {
        let k = key(raw);
        if k.is_empty() {
            return Label::Fragment;
        }
        let n = k.chars().count();
        if raw.contains('。') || raw.contains('；') || n > 60 {
            return Label::Narrative;
        }
        if self.which == Which::T1 {
            if let Some(p) = find(&k, "第二十条第") {
                let rest = &k[p + "第二十条第".len()..];
                let num: String = rest.chars().take_while(|&c| c != '项').collect();
                let b = match cn_numeral(&num) {
                    Some(1) => 0,
                    Some(5) => 1,
                    Some(6) => 2,
                    Some(8) => 3,
                    Some(9) => 4,
                    _ => return Label::Fragment,
                };
                return Label::Caption(b);
            }
        }
        let (en, body) = split_enum(&k);
        // Short labels that need their enumerator.
        if self.which == Which::T2 {
            let short = |s: &str| body == s || k.ends_with(s) && k.len() <= s.len() + 6;
            if (short("总计") || short("合计"))
                && (en == Some(7) || (self.seen_data && body.len() == k.len()))
            {
                return self.data("total");
            }
            if body == "其他" && (en == Some(3) || self.seen_data) {
                return self.data("other.3");
            }
        }
        // Most labels are exactly a template key once the enumerator is gone.
        for (i, d) in self.defs().iter().enumerate() {
            if d.keys.contains(&body) {
                return Label::Data {
                    row: i,
                    variant: false,
                    merged: None,
                };
            }
        }
        if self.which == Which::T2 {
            if let Some(i) = T2_GROUPS.iter().position(|(g, _)| *g == body) {
                return Label::Group(i);
            }
        }
        // Header cells never contain a row label: reject them cheaply.
        if self.which == Which::T2 && T2_HEADER_WORDS.iter().any(|w| contains(body, w)) {
            return Label::Fragment;
        }
        if self.which == Which::T1 && !contains(&k, "规") && !contains(&k, "行政") {
            if let Some(h) = t1_header(&k, raw) {
                return h;
            }
        }
        // The longest template key contained in the text.
        let mut best: Option<(usize, usize, usize)> = None; // (row, key len, position)
        for (i, d) in self.defs().iter().enumerate() {
            for &dk in d.keys {
                if let Some(p) = find(&k, dk) {
                    if best.is_none_or(|b| dk.len() > b.1) {
                        best = Some((i, dk.len(), p));
                    }
                }
            }
        }
        if let Some((row, len, p)) = best {
            // A group label that contains it is not it (T2 groups contain no keys).
            let rest = &k[p + len..];
            let merged = if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
                raw.char_indices()
                    .rev()
                    .take_while(|(_, c)| {
                        crate::text::fold(*c).is_ascii_digit() || crate::text::is_space(*c)
                    })
                    .last()
                    .map(|(i, _)| (base + i, base + raw.trim_end().len()))
            } else {
                None
            };
            // Words after the label (an explanation in brackets) make it a variant.
            let variant = merged.is_none() && !rest.is_empty();
            return Label::Data {
                row,
                variant,
                merged,
            };
        }
        if self.which == Which::T1 {
            if let Some(h) = t1_header(&k, raw) {
                return h;
            }
        }
        if self.which == Which::T2 {
            for (i, (g, _)) in T2_GROUPS.iter().enumerate() {
                if body == *g || (contains(&k, g) && k.len() <= g.len() + 9) {
                    return Label::Group(i);
                }
            }
        }
        // A truncated label (continued on a later line).
        if body.chars().count() >= 5 {
            for (i, d) in self.defs().iter().enumerate() {
                for &dk in d.keys {
                    if dk.starts_with(body) && body.len() * 10 >= dk.len() * 5 {
                        return Label::Data {
                            row: i,
                            variant: false,
                            merged: None,
                        };
                    }
                }
            }
        }
        // A fragment of a group, header or row label.
        let bn = body.chars().count();
        if bn <= 8 {
            let frag = T2_GROUPS.iter().any(|(g, _)| contains(g, body))
                || T3_HEADER_WORDS.iter().any(|w| contains(body, w))
                || bn <= 4;
            if frag {
                return Label::Fragment;
            }
        }
        if T2_HEADER_WORDS.iter().any(|w| contains(body, w)) {
            return Label::Fragment;
        }
        // A label with a typo.
        if bn >= 4 {
            let bc: Vec<char> = body.chars().collect();
            let mut best: Option<(usize, f64)> = None;
            for (i, d) in self.defs().iter().enumerate() {
                for &dk in d.keys {
                    let dc: Vec<char> = dk.chars().collect();
                    let (a, b) = (bc.len().min(dc.len()), bc.len().max(dc.len()));
                    if a * 10 < b * 7 {
                        continue;
                    }
                    let r = 2.0 * lcs(&bc, &dc) as f64 / (bc.len() + dc.len()) as f64;
                    if r >= 0.8 && best.is_none_or(|x| r > x.1) {
                        best = Some((i, r));
                    }
                }
            }
            if let Some((row, _)) = best {
                return Label::Data {
                    row,
                    variant: true,
                    merged: None,
                };
            }
        }
        if bn <= 8 {
            Label::Fragment
        } else {
            Label::Unknown
        }
    }

    fn data(&self, key: &str) -> Label {
        let row = self.defs().iter().position(|d| d.key == key).unwrap_or(0);
        Label::Data {
            row,
            variant: false,
            merged: None,
        }
    }
}

fn t1_header(k: &str, raw: &str) -> Option<Label> {
    let mut v = None;
    if T1_HEADERS_2021.iter().any(|h| contains(k, h)) {
        v = Some(Version::V2021);
    } else if T1_HEADERS_2019.iter().any(|h| contains(k, h))
        || (contains(k, "处理决定数量") && !contains(k, "本年处理决定数量"))
    {
        v = Some(Version::V2019);
    } else if k.chars().count() >= 3 {
        let in19 = T1_HEADERS_2019.iter().any(|h| h.starts_with(k));
        let in21 = T1_HEADERS_2021.iter().any(|h| h.starts_with(k));
        v = match (in19, in21) {
            (true, false) => Some(Version::V2019),
            (false, true) => Some(Version::V2021),
            _ => None,
        };
        if !(in19 || in21) && k != "信息内容" {
            return None;
        }
    } else if k != "信息内容" {
        return None;
    }
    let unit = if raw.contains("万元") {
        Some("万元")
    } else if raw.contains('元') {
        Some("元")
    } else {
        None
    };
    let decimals = raw.find("保留").and_then(|p| {
        let c = raw[p + "保留".len()..].chars().next()?;
        let c = crate::text::fold(c);
        c.to_digit(10)
            .or_else(|| cn_numeral(&c.to_string()))
            .map(|d| d as u8)
    });
    Some(Label::Header(v, unit, decimals))
}

// ---- assembling rows -----------------------------------------------------------

struct Building {
    def: usize,
    label: (usize, usize),
    variant: bool,
    merged: Option<(usize, usize)>,
    subtotal: Option<&'static str>,
    /// Index of the line holding the label.
    line: usize,
    /// (token, same line as the label)
    toks: Vec<(Token, bool)>,
}

enum Open {
    None,
    Row(Building),
    Extra {
        label: (usize, usize),
        first: Option<(usize, usize)>,
        dup: Option<&'static str>,
    },
}

/// Read table 1 or 2 from lines `from..to`.
fn read_rows(text: &str, lines: &[Line], from: usize, to: usize, which: Which) -> Option<RawTable> {
    let mut t = RawTable::default();
    let mut cls = Classifier {
        which,
        seen_data: false,
    };
    let mut built: Vec<Building> = Vec::new();
    let mut extras: Vec<ExtraRow> = Vec::new();
    let mut open = Open::None;
    let mut block: Option<usize> = None;
    let mut block_marks = [[0u32; 2]; 5];
    let mut pending_group: Option<(usize, (usize, usize))> = None;
    let mut anchor: Option<(usize, usize)> = None;
    let mut last = (0, 0);
    let mut any = false;
    let mut toks = Vec::new();

    let close = |open: &mut Open, built: &mut Vec<Building>, extras: &mut Vec<ExtraRow>| {
        match std::mem::replace(open, Open::None) {
            Open::Row(b) => built.push(b),
            Open::Extra {
                label,
                first: Some(first),
                dup,
            } => {
                let _ = first;
                extras.push(ExtraRow {
                    label,
                    duplicate: dup,
                })
            }
            _ => {}
        }
    };

    for (li, line) in lines[from..to].iter().enumerate() {
        toks.clear();
        if tokenize(text, *line, &mut toks) != LineKind::Cells {
            continue;
        }
        let has_text = toks.iter().any(|t| t.kind == Kind::Text);
        let mut seen_label = false;
        for tok in toks.iter().copied() {
            let raw = &text[tok.start..tok.end];
            match tok.kind {
                Kind::Text => {
                    let mut label = cls.classify(raw, tok.start);
                    let span = (tok.start, tok.end);
                    // An unknown short label followed on its line by numbers
                    // is a row the template does not have.
                    if label == Label::Fragment && !seen_label && key(raw).chars().count() >= 3 {
                        // (Tokens are in text order: a binary search keeps
                        // a line of many such labels linear.)
                        let next = toks.get(toks.partition_point(|t| t.start < tok.end));
                        if next.is_some_and(|t| matches!(t.kind, Kind::Num | Kind::Bad)) {
                            label = Label::Unknown;
                        }
                    }
                    match label {
                        Label::Narrative => {
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            continue;
                        }
                        Label::Fragment => continue,
                        _ => {}
                    }
                    any = true;
                    anchor.get_or_insert(span);
                    last = span;
                    seen_label = true;
                    match label {
                        Label::Caption(b) => {
                            close(&mut open, &mut built, &mut extras);
                            block = Some(b);
                            pending_group = None;
                        }
                        Label::Header(v, unit, dec) => {
                            close(&mut open, &mut built, &mut extras);
                            if let Some(b) = block {
                                if let Some(v) = v {
                                    block_marks[b][(v == Version::V2021) as usize] += 1;
                                }
                                if unit.is_some() {
                                    t.money_unit[b] = unit;
                                }
                                if dec.is_some() {
                                    t.money_decimals[b] = dec;
                                }
                            }
                        }
                        Label::Data {
                            row,
                            variant,
                            merged,
                        } => {
                            // A label followed on its own line by a more
                            // specific one (（六）其他处理 → 1.申请人…) is a group label.
                            if matches!(&open, Open::Row(b) if b.line == li && b.toks.is_empty()) {
                                open = Open::None;
                            }
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            let key = cls.defs()[row].key;
                            let dup = built
                                .iter()
                                .any(|b| b.subtotal.is_none() && cls.defs()[b.def].key == key);
                            cls.seen_data = true;
                            if dup {
                                open = Open::Extra {
                                    label: span,
                                    first: None,
                                    dup: Some(key),
                                };
                            } else {
                                open = Open::Row(Building {
                                    def: row,
                                    label: span,
                                    variant,
                                    merged,
                                    subtotal: None,
                                    line: li,
                                    toks: Vec::new(),
                                });
                            }
                        }
                        Label::Group(g) => {
                            close(&mut open, &mut built, &mut extras);
                            pending_group = Some((g, span));
                        }
                        Label::Unknown => {
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            open = Open::Extra {
                                label: span,
                                first: None,
                                dup: None,
                            };
                        }
                        Label::Fragment | Label::Narrative => {}
                    }
                }
                Kind::Num | Kind::Bad | Kind::Blank => {
                    // Blank cells before a line's label are merged label columns.
                    if has_text && !seen_label && tok.kind == Kind::Blank {
                        continue;
                    }
                    if let Some((g, span)) = pending_group.take() {
                        if tok.kind != Kind::Blank {
                            let other = T2_GROUPS[g].1;
                            let def = T2_ROWS.iter().position(|d| d.key == "other").unwrap_or(0);
                            open = Open::Row(Building {
                                def,
                                label: span,
                                variant: false,
                                merged: None,
                                subtotal: Some(other),
                                line: li,
                                toks: Vec::new(),
                            });
                        } else {
                            pending_group = Some((g, span));
                            continue;
                        }
                    }
                    match &mut open {
                        Open::Row(b) => {
                            b.toks.push((tok, seen_label && has_text));
                            if tok.kind != Kind::Blank {
                                last = (tok.start, tok.end);
                            }
                        }
                        Open::Extra { first, .. } => {
                            if tok.kind != Kind::Blank && first.is_none() {
                                *first = Some((tok.start, tok.end));
                            }
                        }
                        Open::None => {}
                    }
                }
            }
        }
    }
    close(&mut open, &mut built, &mut extras);
    if !any {
        return None;
    }

    // Block versions (table 1).
    for (b, m) in block_marks.iter().enumerate() {
        t.blocks[b] = match (m[0], m[1]) {
            (0, 0) => None,
            (a, b) if a >= b => Some(Version::V2019),
            _ => Some(Version::V2021),
        };
    }
    // A block without a header still tells its version by rows only 2019 has.
    for b in &built {
        let key = cls.defs()[b.def].key;
        if which == Which::T1 && matches!(key, "other_services" | "procurement") {
            let blk = t1_block(key);
            t.blocks[blk].get_or_insert(Version::V2019);
        }
    }

    for b in built {
        let def = &cls.defs()[b.def];
        let (key, subtotal) = match b.subtotal {
            Some(k) => (k, true),
            None => (def.key, false),
        };
        let version = if which == Which::T1 {
            t.blocks[t1_block(key)]
        } else {
            None
        };
        let expected = match which {
            Which::T2 => 7,
            Which::T1 => version.map_or(0, |v| t1_count(key, v)),
        };
        let (mut cells, all_blank) = finish(text, &b.toks, expected, which == Which::T1, b.label.1);
        if let Some((ms, me)) = b.merged {
            // Digits run into the label: the row's cells are unreadable, not blank.
            let n = expected.max(1);
            cells = (0..n)
                .map(|i| RawCell {
                    start: if i == 0 { ms } else { me },
                    end: me,
                    parsed: Parsed {
                        val: Val::Bad,
                        unit: None,
                        signed: false,
                    },
                })
                .collect();
        }
        let all_blank = all_blank && b.merged.is_none();
        t.rows.push(RawRow {
            key,
            label: b.label,
            cells,
            expected,
            variant: b.variant.then_some(def.label),
            merged: b.merged,
            all_blank,
            subtotal,
            version,
            tokens: b.toks.len(),
        });
    }
    t.extra = extras;
    t.anchor = anchor.unwrap_or((0, 0));
    t.last = last;
    if which == Which::T2 {
        let has = |k: &str| t.rows.iter().any(|r| r.key == k && !r.subtotal);
        t.version = if has("other.1") || has("other.2") || has("other.3") {
            Some(Version::V2021)
        } else if has("other") {
            Some(Version::V2019)
        } else {
            None
        };
        // In a 2021 table, （六）其他处理 on a line of its own is the group
        // label; with numbers it is a subtotal.
        if t.version == Some(Version::V2021) {
            t.rows.retain(|r| !(r.key == "other" && r.tokens == 0));
            for r in &mut t.rows {
                if r.key == "other" {
                    r.subtotal = true;
                }
            }
        }
    }
    Some(t)
}

/// Cut a row's value tokens to its cells.
///
/// `expected == 0` means not yet known (table 1 block without a header): the
/// cells are taken as found and resized later by [`resize_t1_row`].
fn finish(
    text: &str,
    toks: &[(Token, bool)],
    expected: usize,
    leading_blanks_count: bool,
    label_end: usize,
) -> (Vec<RawCell>, bool) {
    let cell = |t: &Token| RawCell {
        start: t.start,
        end: t.end,
        parsed: if t.kind == Kind::Bad {
            Parsed {
                val: Val::Bad,
                unit: None,
                signed: false,
            }
        } else {
            parse(&text[t.start..t.end])
        },
    };
    let first = toks.iter().position(|(t, _)| t.kind != Kind::Blank);
    let Some(first) = first else {
        // No value at all: as many blank cells as the template has.
        let want = if expected == 0 { toks.len() } else { expected };
        let mut cells: Vec<RawCell> = toks.iter().take(want).map(|(t, _)| cell(t)).collect();
        let at = cells.last().map_or(label_end, |c| c.end);
        while cells.len() < want {
            cells.push(RawCell {
                start: at,
                end: at,
                parsed: parse(""),
            });
        }
        return (cells, true);
    };
    let last = toks
        .iter()
        .rposition(|(t, _)| t.kind != Kind::Blank)
        .unwrap_or(first);
    // Leading blanks: in table 1 they are cells; in table 2, blanks on the
    // label's own line are merged label columns, on later lines they are cells.
    let mut start = first;
    if leading_blanks_count {
        start = 0;
    } else {
        while start > 0 && !toks[start - 1].1 {
            start -= 1;
        }
    }
    let mut cells: Vec<RawCell> = toks[start..=last].iter().map(|(t, _)| cell(t)).collect();
    for (t, _) in &toks[last + 1..] {
        if cells.len() >= expected || t.kind != Kind::Blank {
            break;
        }
        cells.push(cell(t));
    }
    (cells, false)
}

/// Read table 1 from lines `from..to`.
pub fn read_active(text: &str, lines: &[Line], from: usize, to: usize) -> Option<RawTable> {
    read_rows(text, lines, from, to, Which::T1)
}

/// Read table 2 from lines `from..to`.
pub fn read_applications(text: &str, lines: &[Line], from: usize, to: usize) -> Option<RawTable> {
    read_rows(text, lines, from, to, Which::T2)
}

/// Once the template is known, give table 1 rows of blocks without a header
/// their version and cut their cells to the count.
pub fn settle_t1(t: &mut RawTable, fallback: Option<Version>) {
    for r in &mut t.rows {
        if r.version.is_some() {
            continue;
        }
        let found = r.cells.len();
        let v = fallback.or_else(|| {
            if found == t1_count(r.key, Version::V2021) {
                Some(Version::V2021)
            } else {
                Some(Version::V2019)
            }
        });
        r.version = v;
        let b = t1_block(r.key);
        t.blocks[b].get_or_insert(v.unwrap_or(Version::V2019));
        r.expected = t1_count(r.key, v.unwrap_or(Version::V2019));
        if r.all_blank {
            let at = r.cells.last().map_or(r.label.1, |c| c.end);
            r.cells.truncate(r.expected);
            while r.cells.len() < r.expected {
                r.cells.push(RawCell {
                    start: at,
                    end: at,
                    parsed: parse(""),
                });
            }
        } else {
            // Trailing blank cells beyond the count are the grid's.
            while r.cells.len() > r.expected && r.cells.last().is_some_and(|c| c.blank()) {
                r.cells.pop();
            }
        }
    }
}

/// Read table 3 from lines `from..to`.
pub fn read_review(text: &str, lines: &[Line], from: usize, to: usize) -> Option<RawReview> {
    let mut toks = Vec::new();
    let mut header: Option<(usize, usize)> = None;
    let mut values: Vec<Token> = Vec::new();
    let mut started = false;
    for line in &lines[from..to] {
        toks.clear();
        if tokenize(text, *line, &mut toks) != LineKind::Cells {
            continue;
        }
        let texts: Vec<&Token> = toks.iter().filter(|t| t.kind == Kind::Text).collect();
        let is_header = !texts.is_empty()
            && texts.iter().all(|t| {
                let k = key(&text[t.start..t.end]);
                k.chars().count() <= 12 && T3_HEADER_WORDS.iter().any(|w| contains(&k, w))
                    || k.chars().count() <= 2
            })
            && texts.iter().any(|t| {
                let k = key(&text[t.start..t.end]);
                T3_HEADER_WORDS.iter().any(|w| contains(&k, w))
            });
        if is_header {
            if started {
                break;
            }
            header.get_or_insert((texts[0].start, texts[0].end));
            values.clear();
            continue;
        }
        if header.is_none() {
            continue;
        }
        let nvals = toks.iter().filter(|t| t.kind != Kind::Text).count();
        if !texts.is_empty() {
            // A short row label before the numbers (数量 0 0 …) is allowed.
            let short =
                texts.len() == 1 && key(&text[texts[0].start..texts[0].end]).chars().count() <= 4;
            if !(short && nvals >= 5) {
                if started {
                    break;
                }
                continue;
            }
        }
        if toks.iter().any(|t| matches!(t.kind, Kind::Num | Kind::Bad)) {
            started = true;
        }
        values.extend(toks.iter().filter(|t| t.kind != Kind::Text).copied());
    }
    let anchor = header?;
    let toks: Vec<(Token, bool)> = values.iter().map(|t| (*t, false)).collect();
    let first = toks.iter().position(|(t, _)| t.kind != Kind::Blank);
    let (mut cells, all_blank) = finish(text, &toks, 15, true, anchor.1);
    if first.is_some() {
        // Leading and trailing blanks beyond 15 belong to the grid.
        let lead = cells.iter().take_while(|c| c.blank()).count();
        cells.drain(..lead.min(cells.len().saturating_sub(15)));
        while cells.len() > 15 && cells.last().is_some_and(|c| c.blank()) {
            cells.pop();
        }
    }
    Some(RawReview {
        cells,
        anchor,
        all_blank,
    })
}

/// The first line in `from..to` that starts a table of the given kind
/// (for reports whose section heading was not found).
pub fn find_anchor(text: &str, lines: &[Line], from: usize, to: usize, table: u8) -> Option<usize> {
    (from..to).find(|&i| {
        let l = lines[i];
        let s = &text[l.start..l.end];
        if s.len() > 600 {
            return false;
        }
        let k = key(s);
        match table {
            1 => k.contains("第二十条第"),
            2 => k.contains("本年新收政府信息公开申请数量") || k.contains("申请人情况"),
            _ => k.starts_with("行政复议") && k.chars().count() <= 16,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::lines;

    fn t2(text: &str) -> RawTable {
        let ls = lines(text);
        read_applications(text, &ls, 0, ls.len()).expect("table")
    }

    fn vals(r: &RawRow) -> Vec<Option<i64>> {
        r.cells
            .iter()
            .map(|c| match c.parsed.val {
                Val::Int(v) => Some(v),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn group_label_shares_a_line() {
        let t = t2("（三）不予公开\t1.属于国家秘密\t0 0 0 0 0 0 1\n");
        assert_eq!(t.rows[0].key, "denied.1");
        assert_eq!(
            vals(&t.rows[0]),
            [
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(1)
            ]
        );
    }

    #[test]
    fn one_cell_per_line() {
        let mut s = String::from("\t\n\t（一）予以公开\n");
        for v in [1, 0, 0, 0, 0, 0, 1] {
            s += &format!("\t{v}\n");
        }
        s += "\n\t\n\t（二）部分公开\n";
        for _ in 0..7 {
            s += "\t0\n";
        }
        let t = t2(&s);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells.len(), 7);
        assert_eq!(t.rows[1].key, "partial");
        assert_eq!(t.rows[1].cells.len(), 7);
    }

    #[test]
    fn short_row_is_kept_as_found() {
        let t = t2("\t四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\n");
        assert_eq!(t.rows[0].cells.len(), 6);
        let t = t2("\t（七）总计\t3\t0\t0\t0\t0\t\t3\t\t\n");
        assert_eq!(t.rows[0].key, "total");
        assert_eq!(
            vals(&t.rows[0]),
            [Some(3), Some(0), Some(0), Some(0), Some(0), None, Some(3)]
        );
    }

    #[test]
    fn vertical_fragments_and_continued_labels() {
        let t = t2("三、 本 年 度 办\t(一) 予以公开\t5\t0\t0\t0\t0\t0\t5\n\t\t2.其他法律行政法规禁止\t0\t0\t0\t0\t0\t0\t0\n理 结 果\t公开\t公开\t\t\t\n");
        assert_eq!(t.rows[0].key, "granted");
        assert_eq!(t.rows[1].key, "denied.2");
        assert_eq!(t.rows[1].cells.len(), 7);
    }

    #[test]
    fn typo_is_a_variant() {
        let t = t2("2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n");
        assert_eq!(t.rows[0].key, "denied.2");
        assert!(t.rows[0].variant.is_some());
    }

    #[test]
    fn table1_blocks() {
        let text = "第二十条第（五）项\n信息内容\t本年处理决定数量\t\t\n行政许可\t588\t\t\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章555\n";
        let ls = lines(text);
        let t = read_active(text, &ls, 0, ls.len()).unwrap();
        assert_eq!(t.blocks[1], Some(Version::V2021));
        assert_eq!(t.blocks[0], Some(Version::V2019));
        let lic = t.row("licensing").unwrap();
        assert_eq!(lic.cells.len(), 1);
        assert!(t.row("regulations").unwrap().merged.is_some());
    }

    #[test]
    fn review_table() {
        let text = "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        let ls = lines(text);
        let r = read_review(text, &ls, 0, ls.len()).unwrap();
        assert_eq!(r.cells.len(), 16);
    }
}
