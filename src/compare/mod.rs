//! Year over year: two reports of one agency, a year apart, checked against
//! each other.
//!
//! ```
//! let last_text = "示例县教育局2021年政府信息公开工作年度报告";
//! let this_text = "示例县教育局2022年政府信息公开工作年度报告";
//! let opts = xxgk::Options::default();
//! let (last, this) = (xxgk::check(last_text, &opts), xxgk::check(this_text, &opts));
//! let comparison = xxgk::compare(&last, last_text, &this, this_text);
//! assert!(comparison.paired);
//! ```
//!
//! [`compare`] takes both reports with the texts they were read from (the
//! copied-text checks read the prose) and returns a [`Comparison`]: the
//! findings of the [`Group::Compare`](crate::rules::Group::Compare) rules,
//! each with a span into **this** year's text and, where useful, one into
//! last year's.
//!
//! # Pairing
//!
//! Two reports are a pair when their agencies have the same [`agency_key`]
//! and this year's report is one year later than last year's. The key of an
//! agency name drops every character that is not a letter or a digit
//! (whitespace and punctuation, full-width or not), every year phrase (digits
//! followed by 年度 or 年, such as `2021年度`), and a trailing
//! `政府信息公开工作年度报告`, `政府信息公开年度报告` or `年度报告`: so
//! `示例县 教育局`, `（示例县教育局）` and `2021年度示例县教育局` all pair.
//! Reports that are not a pair get one `XYR-PAIR` finding and no other check.
//! [`pairs`] finds the pairs among many reports.
//!
//! # Checks
//!
//! * `T2-XYR` (error): per column, this year's 二、上年结转 equals last year's
//!   四、结转下年度继续办理.
//! * `T1-19-XYR` (warning, both reports in the 2019 format): this year's
//!   上一年项目数量 equals last year's 上一年项目数量 + 本年增/减.
//! * `T1-21-STOCK` (warning, both in the 2021 format): this year's 现行有效件数
//!   is not more than last year's + 本年制发件数 − 本年废止件数 (less is normal:
//!   documents also lapse by expiry).
//! * `XYR-COPY` (warning): copied prose, see [`COPY_SHARE`].
//! * `XYR-STALE` (warning): last year's figures in this year's prose.

mod text;

use serde::Serialize;

use crate::model::{
    Cell, CellRef, Number, Origin, Report, Rows, Severity, Span, TableId, Template,
};
use crate::rules::Code;
use crate::template::{table2, Row};

pub use text::{COPY_MIN_CHARS, COPY_MIN_SENTENCES, COPY_SHARE};

/// The year-over-year findings of two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Last year's report.
    pub last: Side,
    /// This year's report.
    pub this: Side,
    /// Whether the two are one agency's reports of consecutive years; when
    /// not, `findings` holds only `XYR-PAIR`.
    pub paired: bool,
    /// How much of this year's prose repeats last year's, when it has any
    /// sentence long enough to count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copied: Option<Copied>,
    /// The findings, in the order of this year's text.
    pub findings: Vec<Finding>,
}

/// One of the two reports compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The report's source (file name or `-`).
    pub source: String,
    /// The agency as read.
    pub agency: Option<String>,
    /// The agency's [`agency_key`].
    pub agency_key: Option<String>,
    /// The report year.
    pub year: Option<i32>,
    /// The format its tables follow.
    pub template: Template,
}

/// The share of this year's prose found word for word in last year's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Copied {
    /// Sentences of this year's prose that count (at least
    /// [`COPY_MIN_CHARS`] characters).
    pub sentences: usize,
    /// How many of them are also in last year's prose.
    pub repeated: usize,
    /// `repeated / sentences`, 0 to 1.
    pub share: f64,
}

/// A sentence of this year's text repeated from last year's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Repeat {
    /// The sentence in this year's text.
    pub this: Span,
    /// The same sentence in last year's text.
    pub last: Span,
}

/// One year-over-year finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule code (group `compare` of [`crate::rules::RULES`]).
    pub code: &'static str,
    /// How serious the finding is.
    pub severity: Severity,
    /// One line, in Chinese, with the numbers of this case.
    pub message: String,
    /// The id in the format specification, if any.
    pub spec: Option<&'static str>,
    /// This year's cell the finding is about.
    pub cell: Option<CellRef>,
    /// What the cell should hold, from last year's report.
    pub expected: Option<Number>,
    /// What this year's cell holds.
    pub actual: Option<Number>,
    /// Where the finding is in this year's text.
    pub span: Option<Span>,
    /// Where the matching place is in last year's text.
    pub last_span: Option<Span>,
    /// Whether the reports are wrong or could not be paired.
    pub origin: Origin,
    /// For `XYR-COPY`: every repeated sentence, in both texts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repeated: Vec<Repeat>,
}

impl Finding {
    fn new(code: Code, message: String) -> Self {
        let rule = code.rule();
        Finding {
            code: rule.code,
            severity: rule.severity,
            message,
            spec: rule.spec,
            cell: None,
            expected: None,
            actual: None,
            span: None,
            last_span: None,
            origin: rule.origin,
            repeated: Vec::new(),
        }
    }
}

impl Comparison {
    /// Number of findings of the given severity.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The comparison as JSON (one line).
    ///
    /// # Panics
    ///
    /// Never: a comparison holds only strings, numbers and plain containers.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("comparison serialises")
    }
}

/// The pairing key of an agency name (see the module's documentation):
/// `2021年度 示例县教育局` → `示例县教育局`.
#[must_use]
pub fn agency_key(name: &str) -> String {
    // Year phrases: digits followed by 年度 or 年.
    let mut out = text::alphanumeric_key(name, |run, after, out| match after {
        ['年', '度', ..] => 2,
        ['年', ..] => 1,
        _ => {
            out.push_str(run);
            0
        }
    });
    for suffix in [
        "政府信息公开工作年度报告",
        "政府信息公开年度报告",
        "年度报告",
    ] {
        if let Some(s) = out.strip_suffix(suffix) {
            out.truncate(s.len());
            break;
        }
    }
    out
}

/// The pairs among `reports`: `(last, this)` indices of one agency's reports
/// of consecutive years, in the order of `(agency key, year)`. A report
/// without agency or year is in no pair; of several reports of one agency
/// and year, the first is used.
#[must_use]
pub fn pairs(reports: &[&Report]) -> Vec<(usize, usize)> {
    let mut keyed: Vec<(String, i32, usize)> = reports
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let key = agency_key(r.agency.as_deref()?);
            (!key.is_empty()).then_some((key, r.year?, i))
        })
        .collect();
    keyed.sort();
    keyed.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
    keyed
        .windows(2)
        .filter(|w| w[0].0 == w[1].0 && w[0].1.checked_add(1) == Some(w[1].1))
        .map(|w| (w[0].2, w[1].2))
        .collect()
}

/// Compare last year's report with this year's; each with the text it was
/// read from. Spans are given in UTF-16 too when this year's report has them
/// (it was checked with [`crate::Options::utf16`]).
#[must_use]
pub fn compare(last: &Report, last_text: &str, this: &Report, this_text: &str) -> Comparison {
    let side = |r: &Report| Side {
        source: r.source.clone(),
        agency: r.agency.clone(),
        agency_key: r.agency.as_deref().map(agency_key),
        year: r.year,
        template: r.template,
    };
    let mut out = Comparison {
        last: side(last),
        this: side(this),
        paired: false,
        copied: None,
        findings: Vec::new(),
    };
    if let Some(message) = unpaired(&out.last, &out.this) {
        out.findings.push(Finding::new(Code::XyrPair, message));
        return out;
    }
    out.paired = true;
    carried_over(last, this, &mut out.findings);
    match (last.template, this.template) {
        (Template::F2019, Template::F2019) => items(last, this, &mut out.findings),
        (Template::F2021, Template::F2021) => stock(last, this, &mut out.findings),
        _ => {}
    }
    let utf16 = this.sections.iter().any(|s| s.span.utf16.is_some());
    out.copied = text::prose(last, last_text, this, this_text, utf16, &mut out.findings);
    out.findings
        .sort_by_key(|f| f.span.map_or(usize::MAX, |s| s.start));
    out
}

/// Why two reports are not a pair, if they are not.
fn unpaired(last: &Side, this: &Side) -> Option<String> {
    if let (Some(a), Some(b)) = (&last.agency_key, &this.agency_key) {
        if a != b {
            return Some(format!(
                "两份报告的机关不同（上年：{}，本年：{}）",
                last.agency.as_deref().unwrap_or(""),
                this.agency.as_deref().unwrap_or("")
            ));
        }
    }
    match (last.year, this.year) {
        (Some(a), Some(b)) if a.checked_add(1) == Some(b) => None,
        (Some(a), Some(b)) => Some(format!(
            "两份报告的年度不相邻（上年报告 {a} 年，本年报告 {b} 年）"
        )),
        _ => Some("未能识别两份报告的年度".to_string()),
    }
}

/// A cell's count: its integer, or 0 for a blank (`—`, `/`, `无` or nothing);
/// `None` when it holds anything else.
fn count(c: &Cell) -> Option<i64> {
    match c.value {
        Some(Number::Int(v)) => Some(v),
        Some(Number::Dec(_)) => None,
        None => {
            let t = c.text.trim();
            (t.is_empty() || ["—", "-", "－", "/", "／", "无", "——"].contains(&t)).then_some(0)
        }
    }
}

fn row(rows: Option<&Rows>, key: Row) -> Option<&[Cell]> {
    rows?.get(key.key())
}

/// T2-XYR.
fn carried_over(last: &Report, this: &Report, out: &mut Vec<Finding>) {
    let (Some(before), Some(now)) = (
        row(last.tables.applications.as_ref(), Row::CarriedForward),
        row(this.tables.applications.as_ref(), Row::CarriedOver),
    ) else {
        return;
    };
    if before.len() != table2::COLUMNS.len() || now.len() != table2::COLUMNS.len() {
        return;
    }
    for (column, (b, n)) in before.iter().zip(now).enumerate() {
        let (Some(want), Some(have)) = (count(b), count(n)) else {
            continue;
        };
        if want == have {
            continue;
        }
        let mut f = Finding::new(
            Code::T2Xyr,
            format!(
                "表二「二、上年结转」{}列为 {have}，上年报告「四、结转下年度继续办理」该列为 {want}",
                table2::COLUMNS[column]
            ),
        );
        f.cell = Some(CellRef {
            table: TableId::Applications,
            row: Some(Row::CarriedOver.key()),
            column,
        });
        f.expected = Some(Number::Int(want));
        f.actual = Some(Number::Int(have));
        f.span = Some(n.span);
        f.last_span = Some(b.span);
        out.push(f);
    }
}

/// The rows of table 1 with 上一年项目数量 and 本年增/减 (2019 format).
const ITEM_ROWS: [(Row, &str); 5] = [
    (Row::Licensing, "行政许可"),
    (Row::OtherServices, "其他对外管理服务事项"),
    (Row::Penalty, "行政处罚"),
    (Row::Enforcement, "行政强制"),
    (Row::Fees, "行政事业性收费"),
];

/// T1-19-XYR.
fn items(last: &Report, this: &Report, out: &mut Vec<Finding>) {
    for (key, label) in ITEM_ROWS {
        let (Some(before), Some(now)) = (
            row(last.tables.active.as_ref(), key),
            row(this.tables.active.as_ref(), key),
        ) else {
            continue;
        };
        let (Some(b0), Some(b1), Some(n0)) = (before.first(), before.get(1), now.first()) else {
            continue;
        };
        let (Some(prev), Some(change), Some(have)) = (count(b0), count(b1), count(n0)) else {
            continue;
        };
        let want = prev.saturating_add(change);
        if want == have {
            continue;
        }
        let mut f = Finding::new(
            Code::T1F19Xyr,
            format!(
                "表一「{label}」上一年项目数量为 {have}，上年报告为 {prev}、本年增/减 {change}，年末应为 {want}"
            ),
        );
        f.cell = Some(CellRef {
            table: TableId::Active,
            row: Some(key.key()),
            column: 0,
        });
        f.expected = Some(Number::Int(want));
        f.actual = Some(Number::Int(have));
        f.span = Some(n0.span);
        f.last_span = Some(b0.span);
        out.push(f);
    }
}

/// T1-21-STOCK.
fn stock(last: &Report, this: &Report, out: &mut Vec<Finding>) {
    for (key, label) in [
        (Row::Regulations, "规章"),
        (Row::NormativeDocuments, "行政规范性文件"),
    ] {
        let (Some(before), Some(now)) = (
            row(last.tables.active.as_ref(), key),
            row(this.tables.active.as_ref(), key),
        ) else {
            continue;
        };
        if before.len() != 3 || now.len() != 3 {
            continue;
        }
        let (Some(prev), Some(issued), Some(repealed), Some(have)) = (
            count(&before[2]),
            count(&now[0]),
            count(&now[1]),
            count(&now[2]),
        ) else {
            continue;
        };
        let most = prev.saturating_add(issued).saturating_sub(repealed);
        if have <= most {
            continue;
        }
        let mut f = Finding::new(
            Code::T1F21Stock,
            format!(
                "表一「{label}」现行有效件数为 {have}，多于上年的 {prev} 件加本年制发 {issued} 件减本年废止 {repealed} 件（{most} 件）"
            ),
        );
        f.cell = Some(CellRef {
            table: TableId::Active,
            row: Some(key.key()),
            column: 2,
        });
        f.expected = Some(Number::Int(most));
        f.actual = Some(Number::Int(have));
        f.span = Some(now[2].span);
        f.last_span = Some(before[2].span);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::agency_key;

    #[test]
    fn agency_keys() {
        assert_eq!(agency_key("示例县 教育局"), "示例县教育局");
        assert_eq!(agency_key("（示例县教育局）"), "示例县教育局");
        assert_eq!(agency_key("2021年度示例县教育局"), "示例县教育局");
        assert_eq!(
            agency_key("示例县教育局２０２１年政府信息公开工作年度报告"),
            "示例县教育局"
        );
        assert_eq!(agency_key("第3中学"), "第3中学");
    }
}
