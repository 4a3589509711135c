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
use xxgk::{check, decode, Options, Report, Span};

/// A complete 2021-format report.
const REPORT: &str = concat!(
    "示例县教育局2021年政府信息公开工作年度报告\n",
    "\n",
    "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n",
    "\n",
    "一、总体情况\n",
    "\n",
    "2021年，示例县教育局围绕学校招生、经费使用等事项做好主动公开，全年共收到政府信息公开申请3件，均已按期答复。\n",
    "\n",
    "二、主动公开政府信息情况\n",
    "\n",
    "第二十条第（一）项\n",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n",
    "规章\t0\t0\t0\n",
    "行政规范性文件\t2\t1\t5\n",
    "第二十条第（五）项\n",
    "信息内容\t本年处理决定数量\n",
    "行政许可\t12\n",
    "第二十条第（六）项\n",
    "信息内容\t本年处理决定数量\n",
    "行政处罚\t0\n",
    "行政强制\t0\n",
    "第二十条第（八）项\n",
    "信息内容\t本年收费金额（单位：万元）\n",
    "行政事业性收费\t0\n",
    "\n",
    "三、收到和处理政府信息公开申请情况\n",
    "\n",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n",
    "\t自然人\t法人或其他组织\t总计\n",
    "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n",
    "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n",
    "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n",
    "三、本年度办理结果\t（一）予以公开\t2\t0\t0\t0\t0\t0\t2\n",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0\n",
    "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n",
    "2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n",
    "3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n",
    "4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0\n",
    "5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0\n",
    "6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0\n",
    "7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n",
    "8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0\n",
    "（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1\n",
    "2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0\n",
    "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0\n",
    "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\n",
    "2.重复申请\t0\t0\t0\t0\t0\t0\t0\n",
    "3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0\n",
    "4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0\n",
    "5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0\n",
    "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n",
    "3.其他\t0\t0\t0\t0\t0\t0\t0\n",
    "（七）总计\t3\t0\t0\t0\t0\t0\t3\n",
    "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n",
    "\n",
    "四、政府信息公开行政复议、行政诉讼情况\n",
    "\n",
    "行政复议\t行政诉讼\n",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n",
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n",
    "\n",
    "五、存在的主要问题及改进情况\n",
    "\n",
    "2021年，我局政府信息公开工作仍存在栏目更新不够及时的问题。2022年，我局将加强信息发布审核，及时更新公开内容。\n",
    "\n",
    "六、其他需要报告的事项\n",
    "\n",
    "本年度未收取信息处理费。\n",
    "\n",
    "示例县教育局\n",
    "2022年1月20日\n",
);

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
fn char_range(text: &str, at: &Index, chars: usize) -> (usize, usize) {
    let bounds = boundaries(text);
    let first = at.index(bounds.len());
    let last = (first + chars).min(bounds.len() - 1);
    (bounds[first], bounds[last])
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Insert(at, token) => {
            let (at, _) = char_range(text, at, 0);
            text.insert_str(at, TOKENS[*token]);
        }
        Mutation::Delete(at, n) => {
            let (start, end) = char_range(text, at, *n);
            text.replace_range(start..end, "");
        }
        Mutation::Replace(at, n, token) => {
            let (start, end) = char_range(text, at, *n);
            text.replace_range(start..end, TOKENS[*token]);
        }
        Mutation::Copy(from, n, to) => {
            let (start, end) = char_range(text, from, *n);
            let piece = text[start..end].to_string();
            let (at, _) = char_range(text, to, 0);
            text.insert_str(at, &piece);
        }
    }
}

/// Every span of a report, with a name for messages.
fn all_spans(report: &Report) -> Vec<(String, Span)> {
    let mut spans = Vec::new();
    if let Some(period) = &report.period {
        spans.push(("period".to_string(), period.span));
    }
    for section in &report.sections {
        spans.push((format!("section {}", section.number), section.span));
    }
    let tables = &report.tables;
    for (name, rows) in [
        ("active", &tables.active),
        ("applications", &tables.applications),
    ] {
        for (key, cells) in rows.iter().flat_map(|rows| rows.0.iter()) {
            for (i, cell) in cells.iter().enumerate() {
                spans.push((format!("{name}.{key}[{i}]"), cell.span));
            }
        }
    }
    for (i, cell) in tables.review.iter().flatten().enumerate() {
        spans.push((format!("review[{i}]"), cell.span));
    }
    for d in &report.diagnostics {
        if let Some(span) = d.span {
            spans.push((format!("diagnostic {}", d.code), span));
        }
        for r in &d.related {
            spans.push((format!("related of {}", d.code), r.span));
        }
    }
    spans
}

/// Check every span against the text; `utf16` says whether UTF-16 offsets
/// were asked for.
fn check_spans(text: &str, report: &Report, utf16: bool) -> Result<(), TestCaseError> {
    for (name, span) in all_spans(report) {
        prop_assert!(
            span.start <= span.end && span.end <= text.len(),
            "{name}: {span:?} out of range (len {})",
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{name}: {span:?} not on char boundaries"
        );
        let before = &text[..span.start];
        // Lines end at `\n`, `\r\n` or a lone `\r`.
        let breaks: Vec<usize> = before
            .match_indices(['\n', '\r'])
            .filter(|&(i, c)| c == "\n" || text.as_bytes().get(i + 1) != Some(&b'\n'))
            .map(|(i, _)| i)
            .collect();
        let line = 1 + breaks.len();
        let line_start = breaks.last().map_or(0, |i| i + 1);
        let column = 1 + text[line_start..span.start].chars().count();
        prop_assert_eq!(
            (span.line, span.column),
            (line, column),
            "{}: {:?} line/column disagree with the text",
            name,
            span
        );
        if utf16 {
            let u = span.utf16.ok_or_else(|| {
                TestCaseError::fail(format!("{name}: utf16 asked for but missing"))
            })?;
            prop_assert_eq!(
                u.start,
                before.encode_utf16().count(),
                "{}: utf16 start",
                name
            );
            prop_assert_eq!(
                u.end,
                text[..span.end].encode_utf16().count(),
                "{}: utf16 end",
                name
            );
        } else {
            prop_assert!(span.utf16.is_none(), "{name}: utf16 not asked for");
        }
    }
    Ok(())
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
        check_spans(REPORT, &report, utf16).unwrap();
        // The report is read at all: sections and tables were found.
        assert!(!all_spans(&report).is_empty());
    }
}

proptest! {
    #![proptest_config(cases(384))]

    #[test]
    fn arbitrary_strings(text in any::<String>(), utf16 in any::<bool>()) {
        let report = check(&text, &options(utf16));
        check_spans(&text, &report, utf16)?;
    }

    #[test]
    fn strings_of_report_pieces(
        pieces in prop::collection::vec(0..TOKENS.len(), 0..80),
        utf16 in any::<bool>(),
    ) {
        let text: String = pieces.iter().map(|&i| TOKENS[i]).collect();
        let report = check(&text, &options(utf16));
        check_spans(&text, &report, utf16)?;
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
        check_spans(&text, &report, utf16)?;
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
