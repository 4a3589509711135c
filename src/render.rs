//! Human-readable output of a report, like a compiler's.
//!
//! ```text
//! report.txt：示例县教育局，2021 年度，表格格式：2021 版（国办公开办函〔2021〕30号）
//!
//! error[T2-SUM]: （七）总计（自然人）为 0，但各项办理结果之和为 1
//!    --> report.txt:123:2
//!     |
//! 123 |     0
//!     |     ^
//!     = 期望 1，实际 0
//!     = 规则：表二（七）总计不等于各项办理结果之和（xxgk rule T2-SUM）
//!
//! report.txt：1 个错误，0 个警告，0 条提示
//! ```
//!
//! Carets are placed by display width, not by byte or character count: a CJK
//! character takes two terminal columns (per `unicode-width`), a tab is shown
//! as four spaces in both the source line and the caret line, and control
//! characters are shown as visible symbols (so a report cannot send escape
//! sequences to the terminal). Long lines are cut to a window around the
//! span.
//!
//! A finding explained by another (its `caused_by`, e.g. a relation broken
//! by the cell a `FIX-CELL` names) is shown indented under that finding, not
//! on its own.
//!
//! The module only builds strings: it has no terminal dependency and builds
//! for wasm32. Whether to colour is the caller's decision.

use crate::model::{Diagnostic, Origin, Report, Severity, Span, Template};
use crate::rules::{self, Group, Rule, ALL_RULES, RULES};
use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns a tab is shown as.
const TAB_WIDTH: usize = 4;
/// Source lines wider than this are cut to a window around the span.
const MAX_LINE_WIDTH: usize = 100;

/// Bytes of a line looked at either side of a span: enough for a window of
/// `MAX_LINE_WIDTH` columns of any characters.
const WINDOW_BYTES: usize = 16 * MAX_LINE_WIDTH;
/// Columns of context kept before the span when a line is cut.
const CONTEXT_BEFORE: usize = 30;
/// Related cells listed in a note before "…".
const MAX_RELATED: usize = 10;

/// Render a report for a terminal: a header line, every diagnostic with its
/// source line and carets, and a summary line. Ends with a newline.
///
/// `text` must be the text the report was made from (spans index into it;
/// out-of-range spans are clamped, never a panic). `color` adds ANSI colours.
#[must_use]
pub fn render_text(report: &Report, text: &str, color: bool) -> String {
    let mut out = String::new();
    out.push_str(&render_header(report, color));
    out.push('\n');
    if let Some(block) = render_inferred(report) {
        out.push('\n');
        out.push_str(&block);
    }
    let diagnostics = &report.diagnostics;
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if folded(diagnostics, i) {
            continue;
        }
        out.push('\n');
        out.push_str(&render_diagnostic(diagnostic, &report.source, text, color));
        let consequences: Vec<usize> = diagnostic
            .explains
            .iter()
            .copied()
            .filter(|&j| {
                j < diagnostics.len()
                    && folded(diagnostics, j)
                    && diagnostics[j].caused_by == Some(i)
            })
            .collect();
        if consequences.is_empty() {
            continue;
        }
        for j in consequences {
            out.push('\n');
            let shown = render_diagnostic(&diagnostics[j], &report.source, text, color);
            for line in shown.lines() {
                push_line(&mut out, &format!("    {line}"));
            }
        }
    }
    out.push('\n');
    out.push_str(&render_summary(report, color));
    out.push('\n');
    out
}

/// The legend of [`render_inferred`].
pub const INFERRED_LEGEND: &str =
    "标 * 的数值由勾稽关系推断：原文的数字连成了一串，按表中的勾稽关系只有这一种分法";

/// The rows holding cells whose values were separated from a run of digits
/// by the relations, each value marked `*`, with a legend line; `None` when
/// there is no such cell. Ends with a newline.
#[must_use]
pub fn render_inferred(report: &Report) -> Option<String> {
    use crate::model::Cell;
    use crate::template::{table1, table2};
    fn line(out: &mut String, name: &str, cells: &[Cell]) {
        if !cells.iter().any(|c| !c.inferred.is_empty()) {
            return;
        }
        let values: Vec<String> = cells
            .iter()
            .map(|c| {
                let v = c.value.map_or_else(|| "?".to_string(), |v| v.to_string());
                if c.inferred.is_empty() {
                    v
                } else {
                    format!("{v}*")
                }
            })
            .collect();
        let mut relations: Vec<&str> = Vec::new();
        for r in cells.iter().flat_map(|c| &c.inferred) {
            if !relations.contains(&r.as_str()) {
                relations.push(r);
            }
        }
        let _ = writeln!(
            out,
            "  {name}：{}（{}）",
            values.join(" "),
            relations.join("、")
        );
    }
    let t = &report.tables;
    let mut out = String::new();
    for (key, cells) in t.active.iter().flat_map(|r| &r.0) {
        let label = table1::ROWS
            .iter()
            .find(|d| d.key.key() == *key)
            .map_or(*key, |d| table1::label(d.key, None));
        line(&mut out, &format!("表一「{label}」"), cells);
    }
    for (key, cells) in t.applications.iter().flat_map(|r| &r.0) {
        let label = table2::ROWS
            .iter()
            .find(|d| d.key.key() == *key)
            .map_or(*key, |d| table2::label(d.key));
        line(&mut out, &format!("表二「{label}」"), cells);
    }
    if let Some(cells) = &t.review {
        line(&mut out, "表三", cells);
    }
    if out.is_empty() {
        return None;
    }
    Some(format!("{INFERRED_LEGEND}：\n{out}"))
}

/// Whether the `i`-th diagnostic is shown under the finding that explains
/// it rather than on its own: its `caused_by` names another diagnostic that
/// lists it in `explains`.
fn folded(diagnostics: &[Diagnostic], i: usize) -> bool {
    diagnostics[i].caused_by.is_some_and(|root| {
        root != i
            && diagnostics
                .get(root)
                .is_some_and(|r| r.caused_by.is_none() && r.explains.contains(&i))
    })
}

/// One line naming the file, the agency, the year and the template found.
/// No trailing newline.
#[must_use]
pub fn render_header(report: &Report, color: bool) -> String {
    let style = Style(color);
    let agency = report.agency.as_deref().unwrap_or("机关名称未识别");
    let year = match report.year {
        Some(year) => format!("{year} 年度"),
        None => "年度未识别".to_string(),
    };
    let template = template_name(report.template);
    let mut line = format!(
        "{}：{agency}，{year}，表格格式：{template}",
        style.bold(&report.source)
    );
    if let Some(date) = &report.date {
        let _ = write!(line, "，落款日期 {date}");
    }
    line
}

/// `report.txt：2 个错误，1 个警告，0 条提示` (no trailing newline).
#[must_use]
pub fn render_summary(report: &Report, color: bool) -> String {
    let style = Style(color);
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let infos = report.count(Severity::Info);
    let counts = format!("{errors} 个错误，{warnings} 个警告，{infos} 条提示");
    let counts = if errors > 0 {
        style.paint(Severity::Error, &counts)
    } else if warnings > 0 {
        style.paint(Severity::Warning, &counts)
    } else {
        counts
    };
    format!("{}：{counts}", style.bold(&report.source))
}

/// The name of a template for people.
#[must_use]
pub fn template_name(template: Template) -> &'static str {
    template.display_name()
}

/// The Chinese word for a severity: 错误, 警告, 提示.
#[must_use]
pub fn severity_name(severity: Severity) -> &'static str {
    severity.display_name()
}

/// Render one diagnostic (several lines, ending with a newline).
///
/// `source` is the file name shown after `-->`; `text` is the checked text.
#[must_use]
pub fn render_diagnostic(diagnostic: &Diagnostic, source: &str, text: &str, color: bool) -> String {
    let style = Style(color);
    let mut out = String::new();
    let severity = diagnostic.severity;
    let _ = writeln!(
        out,
        "{}: {}",
        style.paint(
            severity,
            &format!("{}[{}]", severity.as_str(), diagnostic.code)
        ),
        style.bold(&diagnostic.message)
    );

    let snippet = diagnostic.span.map(|span| Snippet::new(text, span));
    let gutter = snippet
        .as_ref()
        .map_or(1, |s| s.line_number.to_string().len());
    let pad = " ".repeat(gutter);
    let bar = style.blue("|");

    match (&diagnostic.span, &snippet) {
        (Some(span), Some(snippet)) => {
            let _ = writeln!(
                out,
                "{pad}{} {source}:{}:{}",
                style.blue("-->"),
                span.line,
                span.column
            );
            let _ = writeln!(out, "{pad} {bar}");
            let number = style.blue(&format!("{:>gutter$}", snippet.line_number));
            push_line(&mut out, &format!("{number} {bar} {}", snippet.shown));
            let carets = style.paint(severity, &"^".repeat(snippet.caret_width));
            push_line(
                &mut out,
                &format!("{pad} {bar} {}{carets}", " ".repeat(snippet.caret_column)),
            );
        }
        _ => {
            let _ = writeln!(out, "{pad}{} {source}", style.blue("-->"));
        }
    }

    let note = |out: &mut String, text: &str| {
        let _ = writeln!(out, "{pad} {} {text}", style.blue("="));
    };
    match (diagnostic.expected, diagnostic.actual) {
        (Some(expected), Some(actual)) => {
            note(&mut out, &format!("期望 {expected}，实际 {actual}"));
        }
        (Some(expected), None) => note(&mut out, &format!("期望 {expected}")),
        (None, Some(actual)) => note(&mut out, &format!("实际 {actual}")),
        (None, None) => {}
    }
    if !diagnostic.related.is_empty() {
        let mut places: Vec<String> = diagnostic
            .related
            .iter()
            .take(MAX_RELATED)
            .map(|r| format!("{}:{}", r.span.line, r.span.column))
            .collect();
        if diagnostic.related.len() > MAX_RELATED {
            places.push(format!("…（共 {} 处）", diagnostic.related.len()));
        }
        note(
            &mut out,
            &format!("相关单元格（行:列）：{}", places.join("、")),
        );
    }
    if !diagnostic.explains.is_empty() {
        note(
            &mut out,
            &format!(
                "改正此处后，由它引起的 {} 条错误随之消除",
                diagnostic.explains.len()
            ),
        );
    }
    if diagnostic.origin == Origin::Input {
        note(
            &mut out,
            "说明：这是读取文本时遇到的问题，不一定是报告本身有误",
        );
    }
    match rules::rule(diagnostic.code) {
        Some(rule) => note(
            &mut out,
            &format!("规则：{}（xxgk rule {}）", rule.title, rule.code),
        ),
        None => note(&mut out, &format!("规则：{}", diagnostic.code)),
    }
    out
}

/// Push a line without trailing blanks.
fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

/// The first source line of a span, ready to print, with where the carets go.
struct Snippet {
    line_number: usize,
    /// The line as shown: tabs expanded, control characters made visible,
    /// possibly cut with `...` at either end.
    shown: String,
    /// Display columns before the first caret.
    caret_column: usize,
    /// Number of carets (at least one).
    caret_width: usize,
}

impl Snippet {
    fn new(text: &str, span: Span) -> Snippet {
        let start = floor_boundary(text, span.start);
        let end = floor_boundary(text, span.end.max(start));
        // Lines end at `\n`, `\r\n` or a lone `\r`, as in the checker's
        // line numbers.
        let bytes = text.as_bytes();
        let is_break =
            |i: usize| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        // Look at most WINDOW_BYTES either side of the span, so that many
        // findings on one very long line cost time linear in the output.
        let back = start.saturating_sub(WINDOW_BYTES);
        let (line_start, cut_before) = match (back..start).rev().find(|&i| is_break(i)) {
            Some(i) => (i + 1, false),
            None if back == 0 => (0, false),
            None => (ceil_boundary(text, back), true),
        };
        let ahead = floor_boundary(text, end.max(start) + WINDOW_BYTES);
        let (line_end, cut_after) = match text[start..ahead].find(['\n', '\r']) {
            Some(i) => (start + i, false),
            None => (ahead, ahead < text.len()),
        };
        // Only the first line of a multi-line span is underlined.
        let underline_end = end.min(line_end);

        // Each character: byte offset, how it is shown, its width.
        let pieces: Vec<(usize, String, usize)> = text[line_start..line_end]
            .char_indices()
            .map(|(i, c)| {
                let (shown, width) = show_char(c);
                (line_start + i, shown, width)
            })
            .collect();

        let caret_column: usize = pieces
            .iter()
            .take_while(|(offset, _, _)| *offset < start)
            .map(|p| p.2)
            .sum();
        let underlined: usize = pieces
            .iter()
            .filter(|(offset, _, _)| *offset >= start && *offset < underline_end)
            .map(|p| p.2)
            .sum();
        let caret_width = underlined.max(1);
        let total: usize = pieces.iter().map(|p| p.2).sum();

        let line_number = span.line;
        if total <= MAX_LINE_WIDTH && !cut_before && !cut_after {
            let shown = pieces.into_iter().map(|p| p.1).collect();
            return Snippet {
                line_number,
                shown,
                caret_column,
                caret_width,
            };
        }

        // Cut the line to a window of MAX_LINE_WIDTH columns around the span.
        let window_start = caret_column.saturating_sub(CONTEXT_BEFORE);
        let mut shown = String::new();
        let mut column = 0;
        let mut first_shown = None;
        let mut last_shown_end = 0;
        let mut cut_right = false;
        for (_, piece, width) in &pieces {
            let piece_start = column;
            column += width;
            if piece_start < window_start {
                continue;
            }
            if piece_start + width > window_start + MAX_LINE_WIDTH {
                cut_right = true;
                break;
            }
            first_shown.get_or_insert(piece_start);
            shown.push_str(piece);
            last_shown_end = piece_start + width;
        }
        let first_shown = first_shown.unwrap_or(window_start);
        let mut prefix_width = 0;
        if first_shown > 0 || cut_before {
            shown.insert_str(0, "...");
            prefix_width = 3;
        }
        if cut_right || cut_after {
            shown.push_str("...");
        }
        let caret_column_cut = caret_column.saturating_sub(first_shown) + prefix_width;
        let visible_end = last_shown_end.max(first_shown);
        let caret_width = if caret_column >= visible_end {
            1
        } else {
            (caret_width.min(visible_end - caret_column)).max(1)
        };
        Snippet {
            line_number,
            shown,
            caret_column: caret_column_cut,
            caret_width,
        }
    }
}

/// How a character is shown, and its width in columns.
fn show_char(c: char) -> (String, usize) {
    match c {
        '\t' => (" ".repeat(TAB_WIDTH), TAB_WIDTH),
        // C0 controls as the Control Pictures block (␍, ␌ …), DEL as ␡.
        '\u{0}'..='\u{1F}' => {
            let picture = char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}');
            (picture.to_string(), 1)
        }
        '\u{7F}' => ('\u{2421}'.to_string(), 1),
        c if c.is_control() => ('\u{FFFD}'.to_string(), 1),
        // Line and paragraph separators would break the line in a terminal.
        '\u{2028}' | '\u{2029}' => ('\u{FFFD}'.to_string(), 1),
        c => (c.to_string(), c.width().unwrap_or(0)),
    }
}

/// The largest char boundary ≤ `index` (clamped to the text).
/// The smallest char boundary at or after `index`.
fn ceil_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// ANSI colours, or nothing.
#[derive(Clone, Copy)]
struct Style(bool);

impl Style {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn blue(self, text: &str) -> String {
        self.wrap("1;34", text)
    }

    fn paint(self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, text)
    }
}

/// What part of the report a rule group covers, for people.
#[must_use]
pub fn group_name(group: Group) -> &'static str {
    match group {
        Group::Active => "表一（主动公开政府信息情况）",
        Group::Applications => "表二（收到和处理政府信息公开申请情况）",
        Group::Review => "表三（行政复议、行政诉讼情况）",
        Group::Table => "各统计表",
        Group::Document => "报告全文",
        Group::Compare => "跨年比较（相邻两年的报告）",
    }
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Report => "报告内容有误",
        Origin::Input => "文本未能读懂（不一定是报告有误）",
    }
}

/// Explain one rule for `xxgk rule CODE` (ends with a newline).
#[must_use]
pub fn render_rule(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}：{}", rule.code, rule.title);
    let _ = writeln!(
        out,
        "级别：{}（{}）　规格条目：{}　范围：{}　性质：{}",
        severity_name(rule.severity),
        rule.severity.as_str(),
        rule.spec.unwrap_or("无（本程序自定的检查）"),
        group_name(rule.group),
        origin_name(rule.origin)
    );
    out.push('\n');
    let explanation = rule.explanation.trim();
    if explanation.is_empty() {
        out.push_str("（暂无详细说明。）\n");
    } else {
        out.push_str(explanation);
        out.push('\n');
    }
    out
}

/// Every rule, one per line, aligned: code, severity, title (ends with a
/// newline). Used by `xxgk rules`.
#[must_use]
pub fn rules_text() -> String {
    let code_width = RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        let severity = severity_name(rule.severity);
        let _ = writeln!(
            out,
            "{:<code_width$}  {severity}{}  {}",
            rule.code,
            " ".repeat(4usize.saturating_sub(severity.width())),
            rule.title
        );
    }
    out
}

/// A Markdown page of every rule: an index table, then one section per rule
/// (code, severity, spec id, title, explanation), grouped by the part of the
/// report the rule looks at. Ends with a newline.
#[must_use]
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str("# xxgk 检查规则\n\n");
    out.push_str(
        "<!-- 本页由 `xxgk rules --format markdown` 生成，请勿手工修改；\
         规则的说明写在 src/rules.rs。 -->\n\n",
    );
    out.push_str(
        "xxgk 的每一项检查都有一个固定的代码（如 `T2-SUM`），代码不会改作他用。\
         级别：**错误**表示报告确有不合格式或数字对不上之处；**警告**表示很可能有问题，\
         请核对；**提示**供参考。“规格条目”是检查所依据的格式说明中的条目编号。\
         命令行中可用 `xxgk rule 代码` 查看单条规则的说明。\n\n",
    );
    out.push_str("| 代码 | 级别 | 规格条目 | 检查内容 |\n| --- | --- | --- | --- |\n");
    for rule in ALL_RULES {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} |",
            rule.code,
            rule.code.to_ascii_lowercase(),
            severity_name(rule.severity),
            rule.spec.unwrap_or("—"),
            escape_cell(rule.title)
        );
    }

    let mut groups: Vec<Group> = Vec::new();
    for rule in ALL_RULES {
        if !groups.contains(&rule.group) {
            groups.push(rule.group);
        }
    }
    for group in groups {
        let _ = write!(out, "\n## {}\n", group_name(group));
        for rule in ALL_RULES.iter().filter(|r| r.group == group) {
            let _ = write!(out, "\n### {}\n\n**{}**\n\n", rule.code, rule.title);
            let _ = writeln!(
                out,
                "级别：{}　规格条目：{}　性质：{}",
                severity_name(rule.severity),
                rule.spec.map_or("—".to_string(), |s| format!("`{s}`")),
                origin_name(rule.origin)
            );
            let explanation = rule.explanation.trim();
            if !explanation.is_empty() {
                out.push('\n');
                out.push_str(explanation);
                out.push('\n');
            }
        }
    }
    out
}

/// Make text safe inside a Markdown table cell.
fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_boundary_clamps() {
        let text = "示例";
        assert_eq!(floor_boundary(text, 0), 0);
        assert_eq!(floor_boundary(text, 1), 0);
        assert_eq!(floor_boundary(text, 4), 3);
        assert_eq!(floor_boundary(text, 99), 6);
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(show_char('\u{1b}').0, "\u{241b}");
        assert_eq!(show_char('\t'), ("    ".to_string(), 4));
        assert_eq!(show_char('示').1, 2);
        assert_eq!(show_char('\u{85}').0, "\u{FFFD}");
    }

    #[test]
    fn every_rule_renders() {
        for rule in RULES {
            let text = render_rule(rule);
            assert!(text.starts_with(rule.code));
            assert!(text.contains(rule.title));
        }
        let markdown = rules_markdown();
        let listing = rules_text();
        for rule in RULES {
            assert!(markdown.contains(&format!("### {}\n", rule.code)));
            assert!(listing.contains(rule.code));
        }
        assert_eq!(listing.lines().count(), RULES.len());
    }
}
