//! Property tests: whatever the text, `xxgk::check` does not panic and every
//! span it returns is inside the text, on character boundaries, with a line
//! and column that agree with the text; `xxgk::decode` does not panic on any
//! bytes and reads back what was encoded.
//!
//! Besides arbitrary strings, a fictional report (示例县教育局, made-up
//! numbers) is mutated at random with the things real reports contain: tabs,
//! line breaks, CJK and full-width digits, `（无）`, section headings, table-2
//! row labels.

use proptest::prelude::*;
use proptest::sample::Index;
use xxgk::{check, decode, Options};

mod common;
/// The span checks the fuzz targets use (every span inside the text, on
/// character boundaries, with the text's line, column and UTF-16 offsets).
#[path = "../fuzz/replay.rs"]
mod replay;
/// A complete 2021-format report.
use common::CLEAN_2021 as REPORT;

/// Pieces inserted into the report by the mutations.
const TOKENS: &[&str] = &[
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{3000}",
    "\u{A0}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{2028}",
    "\u{85}",
    "1234567890123456789012345678901234567890",
    "\u{0}",
    "\u{1b}",
    "0",
    "1",
    "9",
    "12",
    "007",
    "3.5",
    "-",
    "--",
    "+2",
    "减 18",
    "增1",
    "—",
    "/",
    "无",
    "（无）",
    "０",
    "１",
    "９",
    "〇",
    "一",
    "二",
    "三",
    "十",
    "百",
    "万元",
    "元",
    "（",
    "）",
    "(",
    ")",
    "、",
    "．",
    ".",
    "，",
    "|",
    "\u{20000}",
    "e\u{301}",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（三）不予公开",
    "1.属于国家秘密",
    "（四）无法提供",
    "（六）其他处理",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "自然人",
    "总计",
    "合计",
    "第二十条第（一）项",
    "第二十条第（九）项",
    "规章",
    "规范性文件",
    "本年新制作数量",
    "上一年项目数量",
    "本年增/减",
    "采购总金额",
    "行政许可",
    "本年收费金额（单位：万元）",
    "结果维持",
    "2019年",
    "2021年",
    "2022年1月20日",
    "统计期限自2021年1月1日起至2021年12月31日止",
    "信息处理费",
];

/// The tokens GBK can encode, without the control characters.
fn gbk_tokens() -> Vec<&'static str> {
    TOKENS
        .iter()
        .copied()
        .filter(|t| !encoding_rs::GBK.encode(t).2 && !t.contains(['\u{0}', '\u{1b}']))
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(Index, usize),
    Delete(Index, usize),
    Replace(Index, usize, usize),
    /// Copy a stretch of the text to another place (duplicated rows, moved
    /// sections).
    Copy(Index, usize, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = 0..TOKENS.len();
    prop_oneof![
        4 => (any::<Index>(), token.clone()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        3 => (any::<Index>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        3 => (any::<Index>(), 1usize..6, token).prop_map(|(at, n, t)| Mutation::Replace(at, n, t)),
        1 => (any::<Index>(), 1usize..200, any::<Index>()).prop_map(|(from, n, to)| Mutation::Copy(from, n, to)),
    ]
}

/// Byte offsets of the character boundaries of `text`, including its end.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// The byte range of `chars` characters from boundary `at`.
fn char_range(text: &str, at: Index, chars: usize) -> (usize, usize) {
    let bounds = boundaries(text);
    let first = at.index(bounds.len());
    let last = (first + chars).min(bounds.len() - 1);
    (bounds[first], bounds[last])
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Insert(at, token) => {
            let (at, _) = char_range(text, *at, 0);
            text.insert_str(at, TOKENS[*token]);
        }
        Mutation::Delete(at, n) => {
            let (start, end) = char_range(text, *at, *n);
            text.replace_range(start..end, "");
        }
        Mutation::Replace(at, n, token) => {
            let (start, end) = char_range(text, *at, *n);
            text.replace_range(start..end, TOKENS[*token]);
        }
        Mutation::Copy(from, n, to) => {
            let (start, end) = char_range(text, *from, *n);
            let piece = text[start..end].to_string();
            let (at, _) = char_range(text, *to, 0);
            text.insert_str(at, &piece);
        }
    }
}

/// Cases per property: `n`, or `PROPTEST_CASES` from the environment for a
/// longer search.
fn cases(n: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

fn options(utf16: bool) -> Options {
    Options {
        source: "-".to_string(),
        utf16,
    }
}

#[test]
fn the_unmutated_report_has_valid_spans() {
    for utf16 in [false, true] {
        let report = check(REPORT, &options(utf16));
        replay::check_report(REPORT, &report, utf16);
        // The report is read at all: sections and tables were found.
        assert_eq!(report.sections.len(), 6);
        assert!(report.tables.applications.is_some() && report.tables.review.is_some());
    }
}

proptest! {
    #![proptest_config(cases(384))]

    #[test]
    fn arbitrary_strings(text in any::<String>(), utf16 in any::<bool>()) {
        let report = check(&text, &options(utf16));
        replay::check_report(&text, &report, utf16);
    }

    #[test]
    fn strings_of_report_pieces(
        pieces in prop::collection::vec(0..TOKENS.len(), 0..80),
        utf16 in any::<bool>(),
    ) {
        let text: String = pieces.iter().map(|&i| TOKENS[i]).collect();
        let report = check(&text, &options(utf16));
        replay::check_report(&text, &report, utf16);
    }
}

proptest! {
    #![proptest_config(cases(500))]

    #[test]
    fn mutated_reports(
        mutations in prop::collection::vec(mutation(), 1..12),
        utf16 in any::<bool>(),
    ) {
        let mut text = REPORT.to_string();
        for m in &mutations {
            apply(&mut text, m);
        }
        let report = check(&text, &options(utf16));
        replay::check_report(&text, &report, utf16);
        // The report renders without panicking.
        let rendered = xxgk::render::render_text(&report, &text, false);
        prop_assert!(rendered.ends_with("条提示\n"));
        // The same text gives the same report.
        prop_assert_eq!(check(&text, &options(utf16)), report);
    }
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = decode(&bytes) {
            prop_assert!(!text.trim().is_empty());
        }
    }

    #[test]
    fn decode_never_panics_on_text_like_bytes(
        prefix in prop::sample::select(vec![
            &b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"%PDF", b"PK\x03\x04",
            b"\xD0\xCF\x11\xE0",
        ]),
        text in "\\PC{0,60}",
        noise in prop::collection::vec(any::<u8>(), 0..8),
        at in any::<Index>(),
    ) {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(text.as_bytes());
        let at = prefix.len() + at.index(text.len() + 1);
        bytes.splice(at..at, noise);
        let _ = decode(&bytes);
    }

    #[test]
    fn utf8_and_utf16_read_back(text in "\\PC{1,80}") {
        prop_assume!(!text.trim().is_empty());
        prop_assume!(!text.starts_with('\u{FEFF}'));
        prop_assert_eq!(decode(text.as_bytes()), Ok(text.clone()));
        for big_endian in [false, true] {
            let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
            for unit in text.encode_utf16() {
                bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
            }
            prop_assert_eq!(decode(&bytes), Ok(text.clone()));
        }
    }

    #[test]
    fn gbk_reads_back(pieces in prop::collection::vec(prop::sample::select(gbk_tokens()), 1..40)) {
        // Ten CJK characters first, as any report has: short GBK byte strings
        // can also be valid UTF-8, long ones cannot.
        let mut text = "示例县教育局年度报告".to_string();
        for piece in &pieces {
            text.push_str(piece);
        }
        let (bytes, _, had_errors) = encoding_rs::GBK.encode(&text);
        prop_assert!(!had_errors);
        prop_assert_eq!(decode(&bytes), Ok(text));
    }
}
