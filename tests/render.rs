//! Snapshots of the terminal rendering, on reports built by hand (so they do
//! not depend on the parser): CJK alignment, tabs, empty spans, findings
//! without a span, spans over several lines, long lines, header and summary.
//!
//! Besides the snapshots, `underlined` reads the rendered carets back and
//! checks they sit exactly under the span's characters.

use unicode_width::UnicodeWidthChar;
use xxgk::model::*;
use xxgk::render::{render_diagnostic, render_summary, render_text, rules_markdown};

/// A span of `text[start..end]` with its line and column computed.
fn span(text: &str, start: usize, end: usize) -> Span {
    let before = &text[..start];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        start,
        end,
        line,
        column: 1 + text[line_start..start].chars().count(),
        utf16: None,
    }
}

/// The span of the `nth` (0-based) occurrence of `needle`.
fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"))
        .0;
    span(text, start, start + needle.len())
}

/// The span of the first `needle` after the first `prefix`.
fn after(text: &str, prefix: &str, needle: &str) -> Span {
    let from = text.find(prefix).expect("prefix") + prefix.len();
    let start = from + text[from..].find(needle).expect("needle");
    span(text, start, start + needle.len())
}

fn diagnostic(
    code: &'static str,
    severity: Severity,
    message: &str,
    span: Option<Span>,
) -> Diagnostic {
    Diagnostic {
        code,
        severity,
        message: message.to_string(),
        spec: None,
        cell: None,
        expected: None,
        actual: None,
        span,
        origin: Origin::Report,
        related: Vec::new(),
        caused_by: None,
        explains: Vec::new(),
    }
}

fn report(diagnostics: Vec<Diagnostic>) -> Report {
    Report {
        schema_version: SCHEMA_VERSION,
        source: "示例.txt".to_string(),
        template: Template::F2021,
        year: Some(2021),
        agency: Some("示例县教育局".to_string()),
        date: None,
        period: None,
        sections: Vec::new(),
        tables: Tables::default(),
        diagnostics,
        deferred_runs: false,
    }
}

/// Read the carets of a rendered snippet back: the text of the source line
/// that sits above them, by display width (tabs as four columns).
fn underlined(rendered: &str) -> String {
    let lines: Vec<&str> = rendered.lines().collect();
    let caret_line = lines
        .iter()
        .position(|l| l.contains('^'))
        .expect("a caret line");
    let source = lines[caret_line - 1];
    let carets = lines[caret_line];
    let bar = source.find(" | ").expect("gutter") + 3;
    let from = carets[bar..].find('^').expect("caret");
    let width = carets[bar..].matches('^').count();
    let mut column = 0;
    let mut out = String::new();
    for c in source[bar..].chars() {
        let w = c.width().unwrap_or(0);
        if column >= from && column + w <= from + width {
            out.push(c);
        }
        column += w;
    }
    out
}

const TEXT: &str = "示例县教育局2021年政府信息公开工作年度报告\n\
三、收到和处理政府信息公开申请情况\n\
一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n\
（七）总计\t2\t0\t0\t0\t0\t0\t2\n\
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t\n\
\n\
六、其他需要报告的事项\n";

#[test]
fn cjk_alignment() {
    let mut d = diagnostic(
        "T2-SUM",
        Severity::Error,
        "（七）总计（自然人）为 2，但各项办理结果之和为 3",
        Some(after(TEXT, "（七）总计", "2")),
    );
    d.expected = Some(Number::Int(3));
    d.actual = Some(Number::Int(2));
    let out = render_diagnostic(&d, "示例.txt", TEXT, false);
    assert_eq!(underlined(&out), "2");
    insta::assert_snapshot!(out);
}

#[test]
fn cjk_span() {
    let d = diagnostic(
        "LABEL-VARIANT",
        Severity::Info,
        "表二行标签与模板不同",
        Some(find(TEXT, "收到和处理", 0)),
    );
    let out = render_diagnostic(&d, "示例.txt", TEXT, false);
    assert_eq!(underlined(&out), "收到和处理");
    insta::assert_snapshot!(out);
}

#[test]
fn tabs_inside_and_before_the_span() {
    let line_start = TEXT.find("一、本年新收").unwrap();
    let start = line_start + "一、本年新收政府信息公开申请数量\t".len();
    let end = start + "3\t0\t0".len();
    let d = diagnostic(
        "ROW-CELLS",
        Severity::Error,
        "一行里有三个数",
        Some(span(TEXT, start, end)),
    );
    let out = render_diagnostic(&d, "示例.txt", TEXT, false);
    assert_eq!(underlined(&out), "3    0    0");
    insta::assert_snapshot!(out);
}

#[test]
fn empty_spans() {
    // Between two tabs, at the end of a line, and on an empty line.
    let row = TEXT.find("四、结转").unwrap();
    let between = row + "四、结转下年度继续办理\t0\t".len();
    let line_end = row + TEXT[row..].find('\n').unwrap();
    let empty_line = line_end + 1;
    let mut out = String::new();
    for (at, message) in [
        (between, "单元格为空"),
        (line_end, "行末的单元格为空"),
        (empty_line, "空行"),
    ] {
        let d = diagnostic(
            "DOC-BLANK",
            Severity::Warning,
            message,
            Some(span(TEXT, at, at)),
        );
        let rendered = render_diagnostic(&d, "示例.txt", TEXT, false);
        assert_eq!(rendered.matches('^').count(), 1, "{rendered}");
        out.push_str(&rendered);
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

#[test]
fn no_span() {
    let d = diagnostic(
        "DOC-FEE",
        Severity::Warning,
        "2021年及以后的报告未说明信息处理费收取情况",
        None,
    );
    insta::assert_snapshot!(render_diagnostic(&d, "示例.txt", TEXT, false));
}

#[test]
fn multi_line_span_shows_its_first_line() {
    let start = TEXT.find("三、收到").unwrap();
    let end = TEXT.find("（七）总计").unwrap();
    let d = diagnostic(
        "DOC-TABLES",
        Severity::Error,
        "表二不完整",
        Some(span(TEXT, start, end)),
    );
    let out = render_diagnostic(&d, "示例.txt", TEXT, false);
    assert_eq!(underlined(&out), "三、收到和处理政府信息公开申请情况");
    insta::assert_snapshot!(out);
}

#[test]
fn related_cells_and_input_origin() {
    let mut d = diagnostic(
        "CELL-UNREADABLE",
        Severity::Error,
        "单元格「3」无法读成数字",
        Some(find(TEXT, "3", 1)),
    );
    d.origin = Origin::Input;
    d.related = (0..12)
        .map(|i| Related {
            cell: CellRef {
                table: TableId::Applications,
                row: Some("received"),
                column: i % 7,
            },
            span: find(TEXT, "0", i),
        })
        .collect();
    insta::assert_snapshot!(render_diagnostic(&d, "示例.txt", TEXT, false));
}

#[test]
fn long_lines_are_cut_around_the_span() {
    let sentence = "2021年，示例县教育局通过门户网站、政务新媒体等渠道主动公开各类信息，";
    let mut text = sentence.repeat(6);
    let start = text.len();
    text.push_str("2020年，我局将");
    let end = text.len();
    text.push_str(&sentence.repeat(4));
    text.push('\n');
    let d = diagnostic(
        "DOC-YEAR",
        Severity::Warning,
        "年度不一致",
        Some(span(&text, start, end)),
    );
    let out = render_diagnostic(&d, "示例.txt", &text, false);
    assert_eq!(underlined(&out), "2020年，我局将");
    for line in out.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) < 120, "{line}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn crlf_and_control_characters() {
    let text = "一、总体情况\r\n规章\x1b[31m\t110\r\n";
    let d = diagnostic(
        "T1-REGS",
        Severity::Warning,
        "规章不为零",
        Some(find(text, "110", 0)),
    );
    let out = render_diagnostic(&d, "示例.txt", text, false);
    assert!(
        !out.contains('\x1b'),
        "escape sequences from the text are shown, not sent"
    );
    assert!(!out.contains('\r'));
    assert_eq!(underlined(&out), "110");
    insta::assert_snapshot!(out);
}

#[test]
fn wide_gutter_for_large_line_numbers() {
    let mut text = "\n".repeat(1233);
    text.push_str("（七）总计\t0\n");
    let d = diagnostic(
        "T2-SUM",
        Severity::Error,
        "总计不对",
        Some(find(&text, "0", 0)),
    );
    insta::assert_snapshot!(render_diagnostic(&d, "示例.txt", &text, false));
}

#[test]
fn spans_out_of_range_do_not_panic() {
    let broken = Span {
        start: 10_000,
        end: 20_000,
        line: 99,
        column: 1,
        utf16: None,
    };
    let inside_char = Span {
        start: 1,
        end: 2,
        line: 1,
        column: 1,
        utf16: None,
    };
    for s in [broken, inside_char] {
        let d = diagnostic("T2-SUM", Severity::Error, "x", Some(s));
        let out = render_diagnostic(&d, "示例.txt", "示例", false);
        assert!(out.contains('^'));
    }
}

#[test]
fn whole_report_with_header_and_summary() {
    let mut sum = diagnostic(
        "T2-SUM",
        Severity::Error,
        "（七）总计（自然人）为 2，但各项办理结果之和为 3",
        Some(after(TEXT, "（七）总计", "2")),
    );
    sum.expected = Some(Number::Int(3));
    sum.actual = Some(Number::Int(2));
    let diagnostics = vec![
        sum,
        diagnostic(
            "DOC-FEE",
            Severity::Warning,
            "未说明信息处理费收取情况",
            None,
        ),
        diagnostic(
            "LABEL-VARIANT",
            Severity::Info,
            "表二行标签与模板不同",
            Some(find(TEXT, "结转下年度", 0)),
        ),
    ];
    let mut r = report(diagnostics);
    r.date = Some("2022-01-20".to_string());
    let out = render_text(&r, TEXT, false);
    assert!(
        out.ends_with("示例.txt：1 个错误，1 个警告，1 条提示\n"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn header_when_nothing_was_recognised() {
    let mut r = report(Vec::new());
    r.agency = None;
    r.year = None;
    r.template = Template::Unknown;
    r.source = "-".to_string();
    insta::assert_snapshot!(render_text(&r, "随便一段文字", false));
}

#[test]
fn colour_is_optional_and_only_decoration() {
    let mut d = diagnostic(
        "T2-SUM",
        Severity::Error,
        "总计不对",
        Some(after(TEXT, "（七）总计", "2")),
    );
    d.expected = Some(Number::Int(3));
    let r = report(vec![d]);
    let plain = render_text(&r, TEXT, false);
    let coloured = render_text(&r, TEXT, true);
    assert!(!plain.contains('\x1b'));
    assert!(coloured.contains("\x1b[1;31m"));
    assert_eq!(strip_ansi(&coloured), plain);
    assert_eq!(
        strip_ansi(&render_summary(&r, true)),
        render_summary(&r, false)
    );
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn rules_markdown_lists_every_rule() {
    let markdown = rules_markdown();
    assert!(markdown.starts_with("# xxgk 检查规则\n"));
    for rule in xxgk::rules::RULES {
        assert!(
            markdown.contains(&format!(
                "| [{}](#{}) |",
                rule.code,
                rule.code.to_ascii_lowercase()
            )),
            "index row for {}",
            rule.code
        );
        assert!(markdown.contains(&format!("\n### {}\n", rule.code)));
    }
}
