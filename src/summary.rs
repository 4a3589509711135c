//! A batch of reports in one table: one row per report with its counts and
//! key figures, as CSV, JSON or an Excel workbook that adds every finding and
//! one sheet per table. `xxgk check --summary csv|xlsx|json` writes these, and
//! the page's batch view exports the same files.

use serde::Serialize;

use crate::compare::Comparison;
use crate::template::{table1, table2, table3};
use crate::{Cell, Number, Report, Rows, Severity};

/// One report's row of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The report's source (its file name).
    pub source: String,
    /// The agency as read.
    pub agency: Option<String>,
    /// The report year.
    pub year: Option<i32>,
    /// The format its tables follow (`2019`, `2021`, …).
    pub template: &'static str,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of notes.
    pub infos: usize,
    /// 一、本年新收 (总计 column).
    pub new: Option<f64>,
    /// 二、上年结转.
    pub carried_over: Option<f64>,
    /// （七）总计.
    pub results_total: Option<f64>,
    /// 四、结转下年度继续办理.
    pub carried_forward: Option<f64>,
    /// 行政复议 总计.
    pub review_total: Option<f64>,
    /// 行政诉讼 总计 (both groups).
    pub litigation_total: Option<f64>,
    /// 行政复议 结果纠正.
    pub review_corrected: Option<f64>,
    /// 行政诉讼 结果纠正 (both groups).
    pub litigation_corrected: Option<f64>,
    /// Year-over-year findings where this report is this year's (with `--compare`).
    pub compare_findings: usize,
}

/// The column titles of the summary, in the order of [`Row`]'s fields.
pub const HEADERS: [&str; 16] = [
    "文件",
    "机关",
    "年度",
    "格式",
    "错误",
    "警告",
    "提示",
    "本年新收",
    "上年结转",
    "办理结果总计",
    "结转下年度",
    "行政复议总计",
    "行政诉讼总计",
    "复议纠正",
    "诉讼纠正",
    "跨年问题",
];

fn value(c: &Cell) -> Option<f64> {
    c.value.map(Number::as_f64)
}

fn t2(report: &Report, key: &str) -> Option<f64> {
    value(
        report
            .tables
            .applications
            .as_ref()?
            .get(key)?
            .get(table2::TOTAL_COLUMN)?,
    )
}

fn t3(report: &Report, cells: &[usize]) -> Option<f64> {
    let review = report.tables.review.as_ref()?;
    if review.len() != table3::CELLS {
        return None;
    }
    cells.iter().map(|&i| value(&review[i])).sum()
}

impl Row {
    /// The row of a checked report.
    #[must_use]
    pub fn of(report: &Report) -> Row {
        Row {
            source: report.source.clone(),
            agency: report.agency.clone(),
            year: report.year,
            template: report.template.as_str(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            new: t2(report, "new"),
            carried_over: t2(report, "carried_over"),
            results_total: t2(report, "total"),
            carried_forward: t2(report, "carried_forward"),
            review_total: t3(report, &[table3::REVIEW_TOTAL]),
            litigation_total: t3(report, &[9, 14]),
            review_corrected: t3(report, &[1]),
            litigation_corrected: t3(report, &[6, 11]),
            compare_findings: 0,
        }
    }

    /// The row's cells, in the order of [`HEADERS`].
    #[must_use]
    pub fn fields(&self) -> Vec<Field> {
        let n = |v: Option<f64>| v.map_or(Field::Empty, Field::Number);
        vec![
            Field::Text(self.source.clone()),
            self.agency.clone().map_or(Field::Empty, Field::Text),
            self.year
                .map_or(Field::Empty, |y| Field::Number(f64::from(y))),
            Field::Text(self.template.to_string()),
            Field::Number(self.errors as f64),
            Field::Number(self.warnings as f64),
            Field::Number(self.infos as f64),
            n(self.new),
            n(self.carried_over),
            n(self.results_total),
            n(self.carried_forward),
            n(self.review_total),
            n(self.litigation_total),
            n(self.review_corrected),
            n(self.litigation_corrected),
            Field::Number(self.compare_findings as f64),
        ]
    }
}

/// A cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// Text, written as a string.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

/// A text cell safe to open in a spreadsheet: one starting with `=`, `+`,
/// `-` or `@` would be read as a formula, so it gets a leading `'`.
#[must_use]
pub fn safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The summary as CSV: UTF-8 with a byte-order mark (so Excel reads the
/// Chinese), CRLF line ends, every text field quoted and made [`safe`].
#[must_use]
pub fn csv(rows: &[Row]) -> Vec<u8> {
    csv_of(&HEADERS, rows.iter().map(Row::fields))
}

/// CSV with [`csv`]'s conventions: the header line, then one line per record.
fn csv_of(headers: &[&str], records: impl Iterator<Item = Vec<Field>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let quote = |s: &str| format!("\"{}\"", safe(s).replace('"', "\"\""));
    out.push_str(
        &headers
            .iter()
            .map(|h| quote(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for record in records {
        let line: Vec<String> = record
            .iter()
            .map(|f| match f {
                Field::Text(s) => quote(s),
                Field::Number(v) => v.to_string(),
                Field::Empty => String::new(),
            })
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The column titles of the findings (the workbook's 问题 sheet and [`problems_csv`]).
pub const PROBLEM_HEADERS: [&str; 6] = ["文件", "代码", "严重程度", "行", "列", "说明"];

/// Every finding as CSV, with [`csv`]'s conventions and the columns of
/// [`PROBLEM_HEADERS`].
#[must_use]
pub fn problems_csv(problems: &[Problem]) -> Vec<u8> {
    let n = |v: Option<usize>| v.map_or(Field::Empty, |v| Field::Number(v as f64));
    csv_of(
        &PROBLEM_HEADERS,
        problems.iter().map(|p| {
            vec![
                Field::Text(p.source.clone()),
                Field::Text(p.code.to_string()),
                Field::Text(p.severity.display_name().to_string()),
                n(p.line),
                n(p.column),
                Field::Text(p.message.clone()),
            ]
        }),
    )
}

/// The summary as a JSON array of objects (the fields of [`Row`]).
#[must_use]
pub fn json(rows: &[Row]) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(rows).unwrap_or_default();
    out.push(b'\n');
    out
}

/// One finding for the 问题 sheet.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The report's source.
    pub source: String,
    /// Rule code.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// Its line in the report's text.
    pub line: Option<usize>,
    /// Its column in the report's text.
    pub column: Option<usize>,
    /// The message.
    pub message: String,
}

impl Problem {
    /// A report's findings.
    #[must_use]
    pub fn of_report(report: &Report) -> Vec<Problem> {
        report
            .diagnostics
            .iter()
            .map(|d| Problem {
                source: report.source.clone(),
                code: d.code,
                severity: d.severity,
                line: d.span.map(|s| s.line),
                column: d.span.map(|s| s.column),
                message: d.message.clone(),
            })
            .collect()
    }

    /// A comparison's findings, under this year's report, each saying
    /// which report it was compared with.
    #[must_use]
    pub fn of_comparison(c: &Comparison) -> Vec<Problem> {
        c.findings
            .iter()
            .map(|f| Problem {
                source: c.this.source.clone(),
                code: f.code,
                severity: f.severity,
                line: f.span.map(|s| s.line),
                column: f.span.map(|s| s.column),
                message: format!("（与 {} 比较）{}", c.last.source, f.message),
            })
            .collect()
    }
}

/// What a table sheet keeps of one report: its values in the sheet's columns.
#[derive(Debug, Clone)]
pub struct TableRows {
    /// The report's source.
    pub source: String,
    /// 表一, in the columns of the workbook's 表一 sheet.
    pub active: Vec<Option<TableCell>>,
    /// 表二, in the columns of the 表二 sheet.
    pub applications: Vec<Option<TableCell>>,
    /// 表三, in the columns of the 表三 sheet.
    pub review: Vec<Option<TableCell>>,
}

/// A table cell for the workbook: the number, else the text as written.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    /// The cell's number.
    Number(f64),
    /// The cell's text, when it is not a number.
    Text(String),
}

/// The columns of the table sheets: (row key, column index, title).
fn table_columns() -> [Vec<(&'static str, usize, String)>; 3] {
    let mut active = Vec::new();
    for def in table1::ROWS {
        for i in 0..3 {
            active.push((def.key.key(), i, format!("{}（第{}列）", def.label, i + 1)));
        }
    }
    let mut applications = Vec::new();
    for def in table2::ROWS {
        for (i, col) in table2::COLUMNS.iter().enumerate() {
            applications.push((def.key.key(), i, format!("{}｜{col}", def.label)));
        }
    }
    let review = table3::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| ("", i, (*c).to_string()))
        .collect();
    [active, applications, review]
}

impl TableRows {
    /// A report's tables.
    #[must_use]
    pub fn of(report: &Report) -> TableRows {
        let [a, b, c] = table_columns();
        let cell = |c: &Cell| {
            if let Some(v) = c.value {
                Some(TableCell::Number(v.as_f64()))
            } else if c.text.is_empty() {
                None
            } else {
                Some(TableCell::Text(c.text.clone()))
            }
        };
        let of_rows = |rows: Option<&Rows>, cols: &[(&str, usize, String)]| {
            cols.iter()
                .map(|(k, i, _)| {
                    rows.and_then(|r| r.get(k))
                        .and_then(|r| r.get(*i))
                        .and_then(cell)
                })
                .collect()
        };
        TableRows {
            source: report.source.clone(),
            active: of_rows(report.tables.active.as_ref(), &a),
            applications: of_rows(report.tables.applications.as_ref(), &b),
            review: c
                .iter()
                .map(|(_, i, _)| {
                    report
                        .tables
                        .review
                        .as_ref()
                        .and_then(|r| r.get(*i))
                        .and_then(cell)
                })
                .collect(),
        }
    }
}

/// The workbook: sheets 汇总, 问题, 表一, 表二, 表三.
///
/// # Errors
///
/// The writer's message, in Chinese, when the workbook cannot be made.
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
pub fn xlsx(rows: &[Row], problems: &[Problem], tables: &[TableRows]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let run = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let ws = wb.add_worksheet().set_name("汇总")?;
        for (c, h) in HEADERS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, f) in row.fields().iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match f {
                    Field::Text(s) => ws.write_string(r, c, s)?,
                    Field::Number(v) => ws.write_number(r, c, *v)?,
                    Field::Empty => ws,
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let ws = wb.add_worksheet().set_name("问题")?;
        for (c, h) in PROBLEM_HEADERS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, p) in problems.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, &p.source)?;
            ws.write_string(r, 1, p.code)?;
            ws.write_string(r, 2, p.severity.display_name())?;
            if let Some(l) = p.line {
                ws.write_number(r, 3, l as f64)?;
            }
            if let Some(c) = p.column {
                ws.write_number(r, 4, c as f64)?;
            }
            ws.write_string(r, 5, &p.message)?;
        }
        ws.set_freeze_panes(1, 0)?;
        let columns = table_columns();
        for (t, name) in ["表一", "表二", "表三"].iter().enumerate() {
            let ws = wb.add_worksheet().set_name(*name)?;
            ws.write_string_with_format(0, 0, "文件", &bold)?;
            for (c, (_, _, title)) in columns[t].iter().enumerate() {
                ws.write_string_with_format(0, c as u16 + 1, title, &bold)?;
            }
            for (r, tr) in tables.iter().enumerate() {
                let r = r as u32 + 1;
                ws.write_string(r, 0, &tr.source)?;
                let cells = match t {
                    0 => &tr.active,
                    1 => &tr.applications,
                    _ => &tr.review,
                };
                for (c, v) in cells.iter().enumerate() {
                    let c = c as u16 + 1;
                    match v {
                        Some(TableCell::Number(v)) => ws.write_number(r, c, *v)?,
                        Some(TableCell::Text(s)) => ws.write_string(r, c, s)?,
                        None => ws,
                    };
                }
            }
            ws.set_freeze_panes(1, 1)?;
        }
        wb.save_to_buffer()
    };
    run().map_err(|e| format!("无法生成 xlsx：{e}"))
}

/// Everything a batch's exports hold: one row, the findings and the tables
/// of each report, then the year-over-year comparisons, whose findings are
/// counted in this year's row and listed after the reports' own.
#[derive(Debug, Clone)]
pub struct Batch {
    /// One row per report, in the order given.
    pub rows: Vec<Row>,
    /// Every report's findings, then every comparison's.
    pub problems: Vec<Problem>,
    /// Every report's tables.
    pub tables: Vec<TableRows>,
    /// The comparisons of the pairs given.
    pub comparisons: Vec<Comparison>,
}

impl Batch {
    /// The batch of checked reports (each with the text it was read from)
    /// and of the given `(last, this)` pairs of indices into them; a pair
    /// naming a report that is not there, or one report twice, is skipped.
    #[must_use]
    pub fn new(checked: &[(&str, &Report)], pairs: &[(usize, usize)]) -> Batch {
        let mut batch = Batch {
            rows: checked.iter().map(|(_, r)| Row::of(r)).collect(),
            problems: checked
                .iter()
                .flat_map(|(_, r)| Problem::of_report(r))
                .collect(),
            tables: checked.iter().map(|(_, r)| TableRows::of(r)).collect(),
            comparisons: Vec::new(),
        };
        for &(a, b) in pairs {
            let (Some((last_text, last)), Some((this_text, this))) =
                (checked.get(a), checked.get(b))
            else {
                continue;
            };
            if a == b {
                continue;
            }
            let c = crate::compare(last, last_text, this, this_text);
            batch.rows[b].compare_findings += c.findings.len();
            batch.problems.extend(Problem::of_comparison(&c));
            batch.comparisons.push(c);
        }
        batch
    }
}

#[cfg(test)]
mod tests {
    use super::{problems_csv, safe, Batch, Problem};
    use crate::{Options, Severity};

    fn fixture(name: &str) -> (String, crate::Report) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/compare")
            .join(name);
        let text = std::fs::read_to_string(path).expect("fixture exists");
        let options = Options {
            source: name.to_string(),
            utf16: false,
        };
        let report = crate::check(&text, &options);
        (text, report)
    }

    #[test]
    fn a_batch_counts_the_comparisons_of_its_pairs() {
        let checked: Vec<(String, crate::Report)> = ["health_2021.txt", "health_2022.txt"]
            .iter()
            .map(|n| fixture(n))
            .collect();
        let both: Vec<(&str, &crate::Report)> =
            checked.iter().map(|(t, r)| (t.as_str(), r)).collect();
        // A pair out of range, and a report with itself, are skipped.
        let batch = Batch::new(&both, &[(0, 1), (0, 7), (1, 1)]);
        assert_eq!(batch.rows.len(), 2);
        assert_eq!(batch.comparisons.len(), 1);
        assert_eq!(batch.rows[0].compare_findings, 0);
        assert!(batch.rows[1].compare_findings > 0);
        assert!(batch.problems.iter().any(|p| p.code == "T2-XYR"
            && p.source == "health_2022.txt"
            && p.message.starts_with("（与 health_2021.txt 比较）")));
        assert_eq!(batch.tables.len(), 2);
    }

    #[test]
    fn findings_csv_has_a_bom_and_safe_text() {
        let problems = [Problem {
            source: "=甲.txt".to_string(),
            code: "T2-SUM",
            severity: Severity::Error,
            line: Some(3),
            column: None,
            message: "说明\"引号\"".to_string(),
        }];
        let text = String::from_utf8(problems_csv(&problems)).expect("utf-8");
        assert_eq!(
            text,
            "\u{feff}\"文件\",\"代码\",\"严重程度\",\"行\",\"列\",\"说明\"\r\n\"'=甲.txt\",\"T2-SUM\",\"错误\",3,,\"说明\"\"引号\"\"\"\r\n"
        );
    }

    #[test]
    fn formula_like_text_is_quoted() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("-1"), "'-1");
        assert_eq!(safe("示例县教育局"), "示例县教育局");
    }
}
