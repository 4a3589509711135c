//! `xxgk check --summary csv|xlsx|json`: one row per report with its counts
//! and key figures; the workbook adds every finding and one sheet per table.

use serde::Serialize;
use xxgk::compare::Comparison;
use xxgk::template::{table1, table2, table3};
use xxgk::{Cell, Number, Report, Severity};

/// One report's row of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub source: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub template: &'static str,
    pub errors: usize,
    pub warnings: usize,
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
const HEADERS: [&str; 16] = [
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

    fn fields(&self) -> Vec<Field> {
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
enum Field {
    Text(String),
    Number(f64),
    Empty,
}

/// A text cell safe to open in a spreadsheet: one starting with `=`, `+`,
/// `-` or `@` would be read as a formula, so it gets a leading `'`.
fn safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The summary as CSV: UTF-8 with a byte-order mark (so Excel reads the
/// Chinese), CRLF line ends, every text field quoted and made [`safe`].
pub fn csv(rows: &[Row]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let quote = |s: &str| format!("\"{}\"", safe(s).replace('"', "\"\""));
    out.push_str(&HEADERS.map(quote).join(","));
    out.push_str("\r\n");
    for row in rows {
        let line: Vec<String> = row
            .fields()
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

/// The summary as a JSON array of objects (the fields of [`Row`]).
pub fn json(rows: &[Row]) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(rows).unwrap_or_default();
    out.push(b'\n');
    out
}

/// One finding for the 问题 sheet.
pub struct Problem {
    pub source: String,
    pub code: &'static str,
    pub severity: Severity,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
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
pub struct TableRows {
    pub source: String,
    pub active: Vec<Option<Field2>>,
    pub applications: Vec<Option<Field2>>,
    pub review: Vec<Option<Field2>>,
}

/// A table cell for the workbook: the number, else the text as written.
pub enum Field2 {
    Number(f64),
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
    pub fn of(report: &Report) -> TableRows {
        let [a, b, c] = table_columns();
        let cell = |c: &Cell| {
            if let Some(v) = c.value {
                Some(Field2::Number(v.as_f64()))
            } else if c.text.is_empty() {
                None
            } else {
                Some(Field2::Text(c.text.clone()))
            }
        };
        let of_rows = |rows: Option<&xxgk::Rows>, cols: &[(&str, usize, String)]| {
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
        for (c, h) in ["文件", "代码", "严重程度", "行", "列", "说明"]
            .iter()
            .enumerate()
        {
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
                        Some(Field2::Number(v)) => ws.write_number(r, c, *v)?,
                        Some(Field2::Text(s)) => ws.write_string(r, c, s)?,
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

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn formula_like_text_is_quoted() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("-1"), "'-1");
        assert_eq!(safe("示例县教育局"), "示例县教育局");
    }
}
