//! Orchestration: text → structure → tables → findings → [`Report`].

use crate::doc::{self, Date, Structure};
use crate::layout::{self, Line};
use crate::model::*;
use crate::rules;
use crate::tables::{
    self, t1_block, t1_expected, t2_expected, RawCell, RawReview, RawRow, RawTable, Version,
    T1_ROWS, T2_ROWS,
};
use crate::text::{contains, find, fold, LineIndex};
use crate::value::Val;
use crate::Options;

/// A finding before spans are resolved.
struct Finding {
    code: &'static str,
    severity: Option<Severity>,
    message: String,
    cell: Option<CellRef>,
    expected: Option<Number>,
    actual: Option<Number>,
    span: Option<(usize, usize)>,
    related: Vec<(CellRef, (usize, usize))>,
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, code: &'static str, message: String) -> &mut Finding {
        self.0.push(Finding {
            code,
            severity: None,
            message,
            cell: None,
            expected: None,
            actual: None,
            span: None,
            related: Vec::new(),
        });
        self.0.last_mut().expect("just pushed")
    }
}

impl Finding {
    fn at(&mut self, span: (usize, usize)) -> &mut Self {
        self.span = Some(span);
        self
    }
    fn cell(&mut self, c: CellRef) -> &mut Self {
        self.cell = Some(c);
        self
    }
    fn values(&mut self, expected: Option<i64>, actual: Option<i64>) -> &mut Self {
        self.expected = expected.map(Number::Int);
        self.actual = actual.map(Number::Int);
        self
    }
    fn severity(&mut self, s: Severity) -> &mut Self {
        self.severity = Some(s);
        self
    }
}

const T2_COLS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

fn t2_label(key: &str) -> &'static str {
    match key {
        "denied" => "（三）不予公开",
        "unable" => "（四）无法提供",
        "not_processed" => "（五）不予处理",
        "results" => "三、本年度办理结果",
        _ => T2_ROWS
            .iter()
            .find(|r| r.key == key)
            .map_or("", |r| r.label),
    }
}

fn t1_label(key: &str, v: Option<Version>) -> &'static str {
    if key == "normative_documents" && v == Some(Version::V2021) {
        return "行政规范性文件";
    }
    T1_ROWS
        .iter()
        .find(|r| r.key == key)
        .map_or("", |r| r.label)
}

fn t1_columns(key: &str, v: Version) -> &'static [&'static str] {
    match (t1_block(key), v) {
        (0, Version::V2019) => &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        (0, Version::V2021) => &["本年制发件数", "本年废止件数", "现行有效件数"],
        (1 | 2, Version::V2019) => &["上一年项目数量", "本年增/减", "处理决定数量"],
        (3, Version::V2019) => &["上一年项目数量", "本年增/减"],
        (4, _) => &["采购项目数量", "采购总金额"],
        (3, Version::V2021) => &["本年收费金额"],
        _ => &["本年处理决定数量"],
    }
}

const T3_COLS: [&str; 15] = [
    "行政复议·结果维持",
    "行政复议·结果纠正",
    "行政复议·其他结果",
    "行政复议·尚未审结",
    "行政复议·总计",
    "未经复议直接起诉·结果维持",
    "未经复议直接起诉·结果纠正",
    "未经复议直接起诉·其他结果",
    "未经复议直接起诉·尚未审结",
    "未经复议直接起诉·总计",
    "复议后起诉·结果维持",
    "复议后起诉·结果纠正",
    "复议后起诉·其他结果",
    "复议后起诉·尚未审结",
    "复议后起诉·总计",
];

/// What a table 1 cell holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ColKind {
    Count,
    Signed,
    Money,
}

fn t1_kind(key: &str, v: Version, col: usize) -> ColKind {
    match (t1_block(key), v, col) {
        (1..=3, Version::V2019, 1) => ColKind::Signed,
        (4, _, 1) | (3, Version::V2021, 0) => ColKind::Money,
        _ => ColKind::Count,
    }
}

/// Check one report text.
pub fn check(text: &str, options: &Options) -> Report {
    let lines = layout::lines(text);
    let st = doc::read(text, &lines);
    let mut f = Findings::default();

    let pre2019 = st.year.is_some_and(|y| y <= 2018);
    let region = |n: u8, table: u8| -> Option<(usize, usize)> {
        st.region(n, lines.len()).or_else(|| {
            let a = tables::find_anchor(text, &lines, 0, lines.len(), table)?;
            let end = st
                .headings
                .iter()
                .map(|h| h.line)
                .filter(|&l| l > a)
                .min()
                .unwrap_or(lines.len());
            Some((a, end))
        })
    };
    let (mut t1, t2, t3) = if pre2019 {
        (None, None, None)
    } else {
        (
            region(2, 1).and_then(|(a, b)| tables::read_active(text, &lines, a, b)),
            region(3, 2).and_then(|(a, b)| tables::read_applications(text, &lines, a, b)),
            region(4, 3).and_then(|(a, b)| tables::read_review(text, &lines, a, b)),
        )
    };

    // Template.
    let mut seen = [false; 2];
    if let Some(t) = &t1 {
        for v in t.blocks.iter().flatten() {
            seen[(*v == Version::V2021) as usize] = true;
        }
    }
    if let Some(v) = t2.as_ref().and_then(|t| t.version) {
        seen[(v == Version::V2021) as usize] = true;
    }
    let template = if pre2019 {
        Template::Pre2019
    } else {
        match seen {
            [true, true] => Template::Hybrid,
            [true, false] => Template::F2019,
            [false, true] => Template::F2021,
            _ => match st.year {
                Some(y) if y >= 2021 => Template::F2021,
                Some(2019 | 2020) => Template::F2019,
                _ => Template::Unknown,
            },
        }
    };
    let main_version = match template {
        Template::F2019 => Some(Version::V2019),
        Template::F2021 => Some(Version::V2021),
        _ => None,
    };
    if let Some(t) = &mut t1 {
        tables::settle_t1(t, main_version);
    }

    let not_report = st.headings.is_empty() && t1.is_none() && t2.is_none() && t3.is_none();
    if not_report {
        let msg = if crate::text::trim(text).is_empty() {
            "文本为空：请粘贴或选择一份政府信息公开工作年度报告".to_string()
        } else {
            "未找到年度报告的章节标题（一、总体情况 … 六、其他需要报告的事项）和统计表，文本可能不是年度报告，或只粘贴了一部分"
                .to_string()
        };
        f.add("DOC-NOT-REPORT", msg);
    } else if pre2019 {
        let y = st.year.unwrap_or(2018);
        let sp = st.year_span;
        let d = f.add(
            "DOC-PRE2019",
            format!("这是{y}年度的报告：2019年以前的年度报告格式完全不同，统计表未核对"),
        );
        if let Some(sp) = sp {
            d.at(sp);
        }
    } else {
        check_document(text, &lines, &st, template, &t1, &t2, &t3, &mut f);
        if let Some(t) = &t1 {
            check_t1(text, t, template, &st, &mut f);
        }
        if let Some(t) = &t2 {
            check_t2(text, t, template, &mut f);
        }
        if let Some(t) = &t3 {
            check_t3(t, &mut f);
        }
    }

    build_report(text, options, &st, template, t1, t2, t3, f)
}

// ---- building the report -----------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn build_report(
    text: &str,
    options: &Options,
    st: &Structure,
    template: Template,
    t1: Option<RawTable>,
    t2: Option<RawTable>,
    t3: Option<RawReview>,
    f: Findings,
) -> Report {
    let idx = LineIndex::new(text, options.utf16);
    let sp = |(s, e): (usize, usize)| idx.span(s, e);
    let cell = |c: &RawCell, unit: Option<&'static str>| Cell {
        text: text[c.start..c.end].to_string(),
        value: match c.parsed.val {
            Val::Int(v) => Some(Number::Int(v)),
            Val::Dec(v, _) => Some(Number::Dec(v)),
            _ => None,
        },
        unit: unit.map(str::to_string),
        span: idx.span(c.start, c.end),
    };

    let active = t1.map(|t| {
        let mut rows = Vec::new();
        for def in T1_ROWS {
            if let Some(r) = t.row(def.key) {
                let v = r.version.unwrap_or(Version::V2019);
                let cells = r
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| cell(c, money_unit(&t, r, v, i, c)))
                    .collect();
                rows.push((def.key, cells));
            }
        }
        Rows(rows)
    });
    let applications = t2.map(|t| {
        let mut order: Vec<(usize, &RawRow)> =
            t.rows.iter().map(|r| (t2_order(r.key), r)).collect();
        order.sort_by_key(|(i, _)| *i);
        Rows(
            order
                .into_iter()
                .map(|(_, r)| (r.key, r.cells.iter().map(|c| cell(c, None)).collect()))
                .collect(),
        )
    });
    let review = t3.map(|r| r.cells.iter().map(|c| cell(c, None)).collect());

    let mut diagnostics: Vec<Diagnostic> =
        f.0.into_iter()
            .map(|d| {
                let rule = rules::rule(d.code);
                Diagnostic {
                    code: d.code,
                    severity: d
                        .severity
                        .or(rule.map(|r| r.severity))
                        .unwrap_or(Severity::Warning),
                    message: d.message,
                    spec: rule.and_then(|r| r.spec),
                    cell: d.cell,
                    expected: d.expected,
                    actual: d.actual,
                    span: d.span.map(sp),
                    origin: rule.map_or(Origin::Report, |r| r.origin),
                    related: d
                        .related
                        .into_iter()
                        .map(|(cell, s)| Related { cell, span: sp(s) })
                        .collect(),
                }
            })
            .collect();
    diagnostics.sort_by(|a, b| {
        let ka = a.span.map_or(usize::MAX, |s| s.start);
        let kb = b.span.map_or(usize::MAX, |s| s.start);
        ka.cmp(&kb)
            .then(a.severity.cmp(&b.severity))
            .then(a.code.cmp(b.code))
            .then(
                a.cell
                    .as_ref()
                    .map(|c| c.column)
                    .cmp(&b.cell.as_ref().map(|c| c.column)),
            )
    });

    Report {
        schema_version: SCHEMA_VERSION,
        source: options.source.clone(),
        template,
        year: st.year,
        agency: st.agency.clone(),
        date: st.date.map(|d| d.date.iso()),
        period: st.period.map(|(a, b, s, e)| Period {
            start: a.iso(),
            end: b.iso(),
            span: idx.span(s, e),
        }),
        sections: st
            .headings
            .iter()
            .map(|h| Section {
                number: h.number,
                title: h.title.clone(),
                span: idx.span(h.start, h.end),
            })
            .collect(),
        tables: Tables {
            active,
            applications,
            review,
        },
        diagnostics,
    }
}

fn t2_order(key: &str) -> usize {
    let first = |k: &str| T2_ROWS.iter().position(|r| r.key == k).unwrap_or(0) * 2;
    match key {
        "results" => first("granted") - 1,
        "denied" => first("denied.1") - 1,
        "unable" => first("unable.1") - 1,
        "not_processed" => first("not_processed.1") - 1,
        k => first(k),
    }
}

fn money_unit(
    t: &RawTable,
    r: &RawRow,
    v: Version,
    col: usize,
    c: &RawCell,
) -> Option<&'static str> {
    if t1_kind(r.key, v, col) != ColKind::Money {
        return None;
    }
    let b = t1_block(r.key);
    c.parsed
        .unit
        .or(t.money_unit[b])
        .or(if b == 3 && v == Version::V2021 {
            Some("万元")
        } else {
            None
        })
}

// ---- cell-level checks shared by the tables --------------------------------------

/// A cell's value for arithmetic: blank counts as 0; `None` for what cannot
/// enter a sum (unreadable, decimal, negative).
fn arith(c: &RawCell) -> Option<i64> {
    match c.parsed.val {
        Val::Blank => Some(0),
        Val::Int(v) if v >= 0 => Some(v),
        _ => None,
    }
}

fn int(c: &RawCell) -> Option<i64> {
    match c.parsed.val {
        Val::Int(v) => Some(v),
        _ => None,
    }
}

/// Unreadable cells, digits run into labels, wrong counts, label variants, extra rows.
fn check_rows_shape(text: &str, t: &RawTable, table: TableId, name: &str, f: &mut Findings) {
    for r in &t.rows {
        let row_name = match table {
            TableId::Active => t1_label(r.key, r.version),
            _ => t2_label(r.key),
        };
        if let Some(m) = r.merged {
            f.add(
                "CELL-MERGED",
                format!("{name}「{row_name}」的数字与标签连在一起，无法分辨各单元格的数值"),
            )
            .at(m)
            .cell(CellRef {
                table,
                row: Some(r.key),
                column: 0,
            });
        }
        for (i, c) in r.cells.iter().enumerate() {
            if c.parsed.val == Val::Bad && r.merged.is_none() {
                f.add(
                    "CELL-UNREADABLE",
                    format!(
                        "{name}「{row_name}」第{}个数值「{}」无法读成数字",
                        i + 1,
                        preview(&text[c.start..c.end])
                    ),
                )
                .at((c.start, c.end))
                .cell(CellRef {
                    table,
                    row: Some(r.key),
                    column: i,
                });
            }
        }
        if r.merged.is_none() && !r.all_blank && r.expected > 0 && r.cells.len() != r.expected {
            let mut d_span = r.label;
            if let Some(last) = r.cells.last() {
                d_span.1 = last.end.max(r.label.1);
            }
            f.add(
                "ROW-CELLS",
                format!(
                    "{name}「{row_name}」有{}个数值，模板应为{}个；数值按原样保留，无法确定缺少或多出的是哪一列",
                    r.cells.len(),
                    r.expected
                ),
            )
            .at(d_span)
            .cell(CellRef {
                table,
                row: Some(r.key),
                column: 0,
            })
            .values(Some(r.expected as i64), Some(r.cells.len() as i64));
        }
        if let Some(v) = r.variant {
            f.add(
                "LABEL-VARIANT",
                format!("{name}行标签与模板不同，已按「{v}」读取"),
            )
            .at(r.label)
            .cell(CellRef {
                table,
                row: Some(r.key),
                column: 0,
            });
        }
    }
    for e in &t.extra {
        let msg = match e.duplicate {
            Some(k) => format!(
                "{name}中「{}」行重复出现，只采用第一次出现的数值",
                match table {
                    TableId::Active => t1_label(k, None),
                    _ => t2_label(k),
                }
            ),
            None => format!("{name}中有模板没有的行，其数值未计入任何核对"),
        };
        f.add("ROW-EXTRA", msg).at(e.label);
    }
}

fn preview(s: &str) -> String {
    s.chars().take(20).collect()
}

/// Blank-cell findings, or one finding for a table with no number at all.
fn check_blanks<'a>(
    cells: impl Iterator<Item = (CellRef, &'a RawCell)>,
    describe: impl Fn(&CellRef) -> String,
    name: &str,
    anchor: (usize, usize),
    f: &mut Findings,
) -> bool {
    let cells: Vec<_> = cells.collect();
    if cells.iter().all(|(_, c)| c.blank()) {
        f.add(
            "TABLE-BLANK",
            format!("{name}一个数字也没有填写；没有发生的事项应填 0，而不是留空或写“无”"),
        )
        .at(anchor);
        return true;
    }
    for (r, c) in cells {
        if c.blank() {
            f.add("DOC-BLANK", format!("{}为空；没有的应填 0", describe(&r)))
                .at((c.start, c.end))
                .cell(r);
        }
    }
    false
}

// ---- table 2 ---------------------------------------------------------------------

/// The value of a row's column for arithmetic: blank counts as 0. `None`
/// when it cannot be known (row missing, unreadable, or a malformed row whose
/// numbers are not all zero).
fn t2_value<'a>(t: &'a RawTable, key: &str, col: usize) -> Option<(i64, Option<&'a RawCell>)> {
    let r = t.rows.iter().find(|r| r.key == key)?;
    if r.cells.len() != 7 {
        let all_zero = r.cells.iter().all(|c| c.blank() || int(c) == Some(0));
        return all_zero.then_some((0, None));
    }
    let c = &r.cells[col];
    arith(c).map(|v| (v, Some(c)))
}

fn check_t2(text: &str, t: &RawTable, template: Template, f: &mut Findings) {
    let name = "表二";
    let version = t.version.unwrap_or(match template {
        Template::F2021 => Version::V2021,
        _ => Version::V2019,
    });
    check_rows_shape(text, t, TableId::Applications, name, f);
    for r in &t.rows {
        for (i, c) in r.cells.iter().enumerate() {
            let what = match c.parsed.val {
                Val::Dec(..) => "不是整数",
                Val::Int(v) if v < 0 => "是负数",
                _ => continue,
            };
            f.add(
                "T2-INT",
                format!(
                    "表二「{}」·{}的数值{}；申请件数应为非负整数",
                    t2_label(r.key),
                    T2_COLS.get(i).unwrap_or(&"?"),
                    what
                ),
            )
            .at((c.start, c.end))
            .cell(CellRef {
                table: TableId::Applications,
                row: Some(r.key),
                column: i,
            });
        }
    }
    let blank = check_blanks(
        t.rows.iter().flat_map(|r| {
            r.cells.iter().enumerate().map(move |(i, c)| {
                (
                    CellRef {
                        table: TableId::Applications,
                        row: Some(r.key),
                        column: i,
                    },
                    c,
                )
            })
        }),
        |r| {
            format!(
                "表二「{}」·{}",
                t2_label(r.row.unwrap_or("")),
                T2_COLS.get(r.column).unwrap_or(&"?")
            )
        },
        name,
        t.anchor,
        f,
    );
    // Missing rows.
    let expected = t2_expected(version);
    let missing: Vec<&str> = expected
        .iter()
        .filter(|k| !t.rows.iter().any(|r| r.key == **k && !r.subtotal))
        .copied()
        .collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().take(6).map(|k| t2_label(k)).collect();
        let more = if missing.len() > 6 {
            format!("等{}行", missing.len())
        } else {
            String::new()
        };
        let cut = missing.iter().all(|k| {
            let pos = expected.iter().position(|e| e == k).unwrap_or(0);
            expected[pos..].iter().all(|e| missing.contains(e))
        }) && missing.len() < expected.len();
        let msg = if cut {
            format!("表二不完整，在此处中断：缺少{}{}", names.join("、"), more)
        } else {
            format!("表二缺少{}{}", names.join("、"), more)
        };
        f.add("DOC-TABLES", msg)
            .at(if cut { t.last } else { t.anchor });
    }
    if blank {
        return;
    }
    let cref = |row: &'static str, column: usize| CellRef {
        table: TableId::Applications,
        row: Some(row),
        column,
    };
    let span_of = |key: &str, col: usize| -> Option<(usize, usize)> {
        let r = t.rows.iter().find(|r| r.key == key)?;
        r.cells.get(col).map(|c| (c.start, c.end)).or(Some(r.label))
    };
    let static_key = |k: &str| -> &'static str {
        expected
            .iter()
            .find(|e| **e == k)
            .copied()
            .unwrap_or("total")
    };

    // T2-ROW.
    for r in &t.rows {
        if r.cells.len() != 7 || r.all_blank {
            continue;
        }
        let vals: Option<Vec<i64>> = r.cells.iter().map(arith).collect();
        let Some(vals) = vals else { continue };
        let sum: i64 = vals[..6].iter().sum();
        if sum != vals[6] {
            let total = &r.cells[6];
            let actual = (!total.blank()).then_some(vals[6]);
            let msg = if total.blank() {
                format!(
                    "表二「{}」的总计为空，而各类申请人之和为 {sum}",
                    t2_label(r.key)
                )
            } else {
                format!(
                    "表二「{}」的总计为 {}，但各类申请人之和为 {sum}",
                    t2_label(r.key),
                    vals[6]
                )
            };
            let d = f
                .add("T2-ROW", msg)
                .at((total.start, total.end))
                .cell(cref(r.key, 6))
                .values(Some(sum), actual);
            d.related = (0..6)
                .map(|i| (cref(r.key, i), (r.cells[i].start, r.cells[i].end)))
                .collect();
        }
    }

    let outcomes: Vec<&'static str> = expected
        .iter()
        .copied()
        .filter(|k| {
            matches!(
                k.split('.').next().unwrap_or(""),
                "granted" | "partial" | "denied" | "unable" | "not_processed" | "other"
            )
        })
        .collect();
    for (col, col_name) in T2_COLS.iter().enumerate() {
        // T2-SUM.
        let parts: Option<Vec<i64>> = outcomes
            .iter()
            .map(|k| t2_value(t, k, col).map(|v| v.0))
            .collect();
        if let (Some(parts), Some((total, tcell))) = (parts, t2_value(t, "total", col)) {
            let sum: i64 = parts.iter().sum();
            if sum != total {
                let blank_total = tcell.is_some_and(|c| c.blank());
                let msg = if blank_total {
                    format!(
                        "表二（七）总计·{}为空，而各项办理结果之和为 {sum}",
                        col_name
                    )
                } else {
                    format!(
                        "表二（七）总计·{}为 {total}，但各项办理结果之和为 {sum}",
                        col_name
                    )
                };
                let d = f
                    .add("T2-SUM", msg)
                    .cell(cref("total", col))
                    .values(Some(sum), (!blank_total).then_some(total));
                if let Some(s) = span_of("total", col) {
                    d.at(s);
                }
                d.related = outcomes
                    .iter()
                    .filter_map(|k| span_of(k, col).map(|s| (cref(static_key(k), col), s)))
                    .collect();
            }
        }
        // T2-BAL.
        let get = |k| t2_value(t, k, col).map(|v| v.0);
        if let (Some(a), Some(b), Some(c), Some(d4)) = (
            get("new"),
            get("carried_over"),
            get("total"),
            get("carried_forward"),
        ) {
            if a + b != c + d4 {
                let d = f
                    .add(
                        "T2-BAL",
                        format!(
                            "表二{}列：第一项加第二项之和为 {}（{a}+{b}），第三项加第四项之和为 {}（{c}+{d4}），两者应相等",
                            col_name,
                            a + b,
                            c + d4
                        ),
                    )
                    .cell(cref("total", col))
                    .values(Some(a + b), Some(c + d4));
                if let Some(s) = span_of("total", col) {
                    d.at(s);
                }
                d.related = ["new", "carried_over", "carried_forward"]
                    .iter()
                    .filter_map(|k| span_of(k, col).map(|s| (cref(static_key(k), col), s)))
                    .collect();
            }
        }
    }
    // T2-GROUP: subtotal rows the template does not have.
    for r in t.rows.iter().filter(|r| r.subtotal && r.key != "results") {
        let prefix = format!("{}.", r.key);
        let items: Vec<&'static str> = expected
            .iter()
            .copied()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        if items.is_empty() || r.cells.len() != 7 {
            continue;
        }
        for (col, col_name) in T2_COLS.iter().enumerate() {
            let parts: Option<Vec<i64>> = items
                .iter()
                .map(|k| t2_value(t, k, col).map(|v| v.0))
                .collect();
            let Some(parts) = parts else { continue };
            let Some(sub) = int(&r.cells[col]).or(r.cells[col].blank().then_some(0)) else {
                continue;
            };
            let sum: i64 = parts.iter().sum();
            if sum != sub {
                let c = &r.cells[col];
                f.add(
                    "T2-GROUP",
                    format!(
                        "表二自行添加的小计「{}」·{}为 {sub}，但其下各项之和为 {sum}",
                        t2_label(r.key),
                        col_name
                    ),
                )
                .at((c.start, c.end))
                .cell(cref(r.key, col))
                .values(Some(sum), Some(sub));
            }
        }
    }
}

// ---- table 3 ---------------------------------------------------------------------

fn check_t3(t: &RawReview, f: &mut Findings) {
    let cref = |column| CellRef {
        table: TableId::Review,
        row: None,
        column,
    };
    for (i, c) in t.cells.iter().enumerate() {
        let what = match c.parsed.val {
            Val::Bad => {
                f.add(
                    "CELL-UNREADABLE",
                    format!("表三第{}个数值无法读成数字", i + 1),
                )
                .at((c.start, c.end))
                .cell(cref(i));
                continue;
            }
            Val::Dec(..) => "不是整数",
            Val::Int(v) if v < 0 => "是负数",
            _ => continue,
        };
        f.add(
            "T3-INT",
            format!(
                "表三{}的数值{}；案件数应为非负整数",
                T3_COLS.get(i).unwrap_or(&"?"),
                what
            ),
        )
        .at((c.start, c.end))
        .cell(cref(i));
    }
    if !t.all_blank && t.cells.len() != 15 {
        let s = (
            t.cells.first().map_or(t.anchor.0, |c| c.start),
            t.cells.last().map_or(t.anchor.1, |c| c.end),
        );
        f.add(
            "ROW-CELLS",
            format!(
                "表三有{}个数值，模板应为15个；数值按原样保留，无法确定缺少或多出的是哪一列",
                t.cells.len()
            ),
        )
        .at(s)
        .cell(cref(0))
        .values(Some(15), Some(t.cells.len() as i64));
    }
    let blank = check_blanks(
        t.cells.iter().enumerate().map(|(i, c)| (cref(i), c)),
        |r| format!("表三{}", T3_COLS.get(r.column).unwrap_or(&"?")),
        "表三",
        t.anchor,
        f,
    );
    if blank || t.cells.len() != 15 {
        return;
    }
    let vals: Vec<Option<i64>> = t.cells.iter().map(arith).collect();
    for (code, total, name) in [
        ("T3-REV", 4, "行政复议"),
        ("T3-LIT1", 9, "未经复议直接起诉"),
        ("T3-LIT2", 14, "复议后起诉"),
    ] {
        let parts: Option<Vec<i64>> = vals[total - 4..total].iter().copied().collect();
        let (Some(parts), Some(tv)) = (parts, vals[total]) else {
            continue;
        };
        let sum: i64 = parts.iter().sum();
        if sum != tv {
            let c = &t.cells[total];
            let msg = if c.blank() {
                format!("表三{name}的总计为空，而各结果之和为 {sum}")
            } else {
                format!(
                    "表三{name}的总计为 {tv}，但结果维持、结果纠正、其他结果、尚未审结之和为 {sum}"
                )
            };
            let d = f
                .add(code, msg)
                .at((c.start, c.end))
                .cell(cref(total))
                .values(Some(sum), (!c.blank()).then_some(tv));
            d.related = (total - 4..total)
                .map(|i| (cref(i), (t.cells[i].start, t.cells[i].end)))
                .collect();
        }
    }
}

// ---- table 1 ---------------------------------------------------------------------

/// Whether the agency may make 规章; `None` when the name does not tell.
fn may_make_rules(agency: &str) -> Option<bool> {
    let a = agency.replace("自治区", "省");
    let government = ["人民政府", "人民政府办公厅", "人民政府办公室"]
        .iter()
        .any(|s| a.ends_with(s));
    let local_marks = ['县', '旗', '镇', '乡'];
    if government {
        let low = a.contains(local_marks)
            || a.contains("街道")
            || a.trim_end_matches("人民政府").ends_with('区');
        return Some(!low);
    }
    let local =
        a.contains(['省', '市', '县', '区', '州', '盟', '旗', '镇', '乡']) || a.contains("街道");
    if local {
        return Some(false);
    }
    // A central body (部, 委员会, 总局, 署 …) may.
    if a.ends_with(['部', '会', '局', '署', '院', '行']) {
        return Some(true);
    }
    None
}

fn check_t1(text: &str, t: &RawTable, template: Template, st: &Structure, f: &mut Findings) {
    let name = "表一";
    check_rows_shape(text, t, TableId::Active, name, f);
    let cref = |row: &'static str, column| CellRef {
        table: TableId::Active,
        row: Some(row),
        column,
    };
    for r in &t.rows {
        let v = r.version.unwrap_or(Version::V2019);
        let cols = t1_columns(r.key, v);
        for (i, c) in r.cells.iter().enumerate() {
            let kind = t1_kind(r.key, v, i);
            let col = cols.get(i).unwrap_or(&"多出的单元格");
            let bad = match (c.parsed.val, kind) {
                (Val::Dec(..), ColKind::Count | ColKind::Signed) => Some("不是整数"),
                (Val::Int(x), ColKind::Count) if x < 0 => Some("是负数，数量不能为负"),
                (Val::Int(x), ColKind::Money) if x < 0 => Some("是负数，金额不能为负"),
                (Val::Dec(x, _), ColKind::Money) if x < 0.0 => Some("是负数，金额不能为负"),
                _ => None,
            };
            if let Some(what) = bad {
                f.add(
                    "T1-INT",
                    format!("表一「{}」·{col}的数值{what}", t1_label(r.key, r.version)),
                )
                .at((c.start, c.end))
                .cell(cref(r.key, i));
            }
        }
    }
    let blank = check_blanks(
        t.rows.iter().flat_map(|r| {
            r.cells
                .iter()
                .enumerate()
                .map(move |(i, c)| (cref(r.key, i), c))
        }),
        |c| {
            let key = c.row.unwrap_or("");
            let r = t.row(key);
            let v = r.and_then(|r| r.version);
            format!(
                "表一「{}」·{}",
                t1_label(key, v),
                t1_columns(key, v.unwrap_or(Version::V2019))
                    .get(c.column)
                    .unwrap_or(&"多出的单元格")
            )
        },
        name,
        t.anchor,
        f,
    );
    // Missing rows.
    let expected: Vec<&str> = match template {
        Template::F2021 => t1_expected(Version::V2021),
        Template::Hybrid => {
            let mut e = t1_expected(Version::V2019);
            if t.blocks[1] == Some(Version::V2021) {
                e.retain(|k| *k != "other_services");
            }
            if t.blocks[4].is_none() && t.row("procurement").is_none() {
                e.retain(|k| *k != "procurement");
            }
            e
        }
        _ => t1_expected(Version::V2019),
    };
    let missing: Vec<&str> = expected
        .iter()
        .filter(|k| t.row(k).is_none())
        .copied()
        .collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|k| t1_label(k, None)).collect();
        f.add(
            "DOC-TABLES",
            format!("表一缺少「{}」行", names.join("」「")),
        )
        .at(t.anchor);
    }
    if blank {
        return;
    }
    let get = |r: &RawRow, i: usize| r.cells.get(i).and_then(int);
    for r in &t.rows {
        let Some(v) = r.version else { continue };
        if r.cells.len() != r.expected {
            continue;
        }
        let label = t1_label(r.key, r.version);
        match (t1_block(r.key), v) {
            (1..=3, Version::V2019) => {
                if let (Some(prev), Some(change)) = (get(r, 0), get(r, 1)) {
                    if prev + change < 0 {
                        let c = &r.cells[1];
                        f.add(
                            "T1-19-ITEMS",
                            format!("表一「{label}」上一年项目数量 {prev} 加本年增/减 {change} 小于零，本年项目数不可能为负"),
                        )
                        .at((c.start, c.end))
                        .cell(cref(r.key, 1))
                        .values(Some(0), Some(prev + change));
                    }
                    if let Some(dec) = get(r, 2) {
                        if t1_block(r.key) != 3 && dec != 0 && change != 0 && dec == prev + change {
                            let c = &r.cells[2];
                            f.add(
                                "T1-19-MISUSE",
                                format!(
                                    "表一「{label}」处理决定数量 {dec} 恰等于上一年项目数量 {prev} 加本年增/减 {change}，疑似填成了本年项目数；处理决定数量应为本年办件量"
                                ),
                            )
                            .at((c.start, c.end))
                            .cell(cref(r.key, 2));
                        }
                    }
                }
            }
            (0, Version::V2019) => {
                if let (Some(new), Some(all)) = (get(r, 1), get(r, 2)) {
                    if all < new {
                        let c = &r.cells[2];
                        f.add(
                            "T1-19-CUM",
                            format!("表一「{label}」对外公开总数量 {all} 小于本年新公开数量 {new}；总数量应包含本年新公开的"),
                        )
                        .at((c.start, c.end))
                        .cell(cref(r.key, 2))
                        .values(Some(new), Some(all));
                    }
                }
            }
            (0, Version::V2021) => {
                if let (Some(made), Some(valid)) = (get(r, 0), get(r, 2)) {
                    if valid < made {
                        let c = &r.cells[2];
                        f.add(
                            "T1-21-NEW",
                            format!("表一「{label}」现行有效件数 {valid} 小于本年制发件数 {made}；除非本年制发的又在本年废止，否则不会如此"),
                        )
                        .at((c.start, c.end))
                        .cell(cref(r.key, 2))
                        .values(Some(made), Some(valid));
                    }
                }
            }
            _ => {}
        }
        // Money: unit and decimals.
        for (i, c) in r.cells.iter().enumerate() {
            if t1_kind(r.key, v, i) != ColKind::Money {
                continue;
            }
            let b = t1_block(r.key);
            let header = t.money_unit[b].or((b == 3 && v == Version::V2021).then_some("万元"));
            let zero = matches!(c.parsed.val, Val::Int(0))
                || matches!(c.parsed.val, Val::Dec(x, _) if x == 0.0);
            match (c.parsed.unit, header) {
                (Some(cu), Some(hu)) if cu != hu => {
                    f.add(
                        "T1-UNIT",
                        format!(
                            "表一「{label}」金额写作「{}」，单位是{cu}，但表头单位是{hu}",
                            &text[c.start..c.end]
                        ),
                    )
                    .at((c.start, c.end))
                    .cell(cref(r.key, i));
                }
                (None, None) if !zero && !c.blank() && c.parsed.val != Val::Bad => {
                    f.add(
                        "T1-UNIT-MISSING",
                        format!(
                            "表一「{label}」金额未注明单位（元还是万元），读者无法判断金额大小"
                        ),
                    )
                    .at((c.start, c.end))
                    .cell(cref(r.key, i));
                }
                _ => {}
            }
            if let (Some(want), Val::Dec(_, got)) = (t.money_decimals[b], c.parsed.val) {
                if got != want {
                    f.add(
                        "T1-DECIMALS",
                        format!("表一「{label}」金额有{got}位小数，表头要求保留{want}位小数"),
                    )
                    .at((c.start, c.end))
                    .cell(cref(r.key, i));
                }
            } else if let (Some(want), Val::Int(x)) = (t.money_decimals[b], c.parsed.val) {
                if x != 0 && want > 0 {
                    f.add(
                        "T1-DECIMALS",
                        format!("表一「{label}」金额没有小数，表头要求保留{want}位小数"),
                    )
                    .at((c.start, c.end))
                    .cell(cref(r.key, i));
                }
            }
        }
    }
    // T1-REGS.
    if let (Some(r), Some(agency)) = (t.row("regulations"), st.agency.as_deref()) {
        if may_make_rules(agency) == Some(false) {
            let nonzero: Vec<(usize, i64)> = r
                .cells
                .iter()
                .enumerate()
                .filter_map(|(i, c)| int(c).filter(|v| *v > 0).map(|v| (i, v)))
                .collect();
            if let Some(&(i, v)) = nonzero.first() {
                let c = &r.cells[i];
                f.add(
                    "T1-REGS",
                    format!("表一「规章」为 {v}，但{agency}不是有权制定规章的机关（只有国务院部门和省、设区的市、自治州人民政府可以制定规章），应填 0"),
                )
                .at((c.start, c.end))
                .cell(cref("regulations", 0))
                .values(Some(0), Some(v));
            }
        }
    }
}

// ---- the document ----------------------------------------------------------------

const SECTION_NAMES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

#[allow(clippy::too_many_arguments)]
fn check_document(
    text: &str,
    lines: &[Line],
    st: &Structure,
    template: Template,
    t1: &Option<RawTable>,
    t2: &Option<RawTable>,
    t3: &Option<RawReview>,
    f: &mut Findings,
) {
    // DOC-SECTIONS.
    for n in 1..=6u8 {
        if st.heading(n).is_none() {
            f.add(
                "DOC-SECTIONS",
                format!("缺少第{n}部分「{}」", SECTION_NAMES[n as usize - 1]),
            );
        }
    }
    for w in st.headings.windows(2) {
        if w[1].number < w[0].number {
            f.add(
                "DOC-SECTIONS",
                format!(
                    "章节顺序不对：「{}」出现在「{}」之后",
                    SECTION_NAMES[w[1].number as usize - 1],
                    SECTION_NAMES[w[0].number as usize - 1]
                ),
            )
            .at((w[1].start, w[1].end));
        }
    }
    // TABLE-NONE and DOC-TABLES (missing tables).
    for (n, name, found) in [
        (2u8, "表一", t1.is_some()),
        (3, "表二", t2.is_some()),
        (4, "表三", t3.is_some()),
    ] {
        let h = st.heading(n);
        if let Some(h) = h {
            if h.none {
                f.add(
                    "TABLE-NONE",
                    format!(
                        "「{}」标题注明（无），但模板要求照常列出{name}，没有发生的事项填 0",
                        h.title
                    ),
                )
                .at((h.start, h.end));
            }
        }
        if !found {
            let d = f.add(
                "DOC-TABLES",
                format!("未找到{name}：表格可能是图片、被粘贴丢失，或标签与模板相差太多无法识别"),
            );
            if let Some(h) = h {
                d.at((h.start, h.end));
            }
        }
    }
    // DOC-VERSION.
    let blocks_2019: Vec<&str> = t1
        .as_ref()
        .map(|t| {
            ["（一）", "（五）", "（六）", "（八）", "（九）"]
                .iter()
                .zip(t.blocks.iter())
                .filter(|(_, v)| **v == Some(Version::V2019))
                .map(|(n, _)| *n)
                .collect()
        })
        .unwrap_or_default();
    let anchor = t1
        .as_ref()
        .map(|t| t.anchor)
        .or(t2.as_ref().map(|t| t.anchor));
    if let Some(y) = st.year {
        let d = match template {
            Template::F2019 if y >= 2021 => Some((
                format!("{y}年度报告应使用2021年新格式（国办公开办函〔2021〕30号），但统计表仍是2019年试行格式"),
                Severity::Error,
            )),
            Template::Hybrid if y >= 2021 => Some((
                format!(
                    "{y}年度报告混用了新旧格式：表一第二十条{}项等仍是2019年试行格式，应全部改用2021年格式",
                    blocks_2019.join("")
                ),
                Severity::Error,
            )),
            Template::Hybrid => Some(("统计表混用了2019年试行格式和2021年格式".to_string(), Severity::Warning)),
            Template::F2021 if y <= 2020 => Some((
                format!("{y}年度报告使用了2021年才发布的新格式；请核对标题中的年度"),
                Severity::Warning,
            )),
            _ => None,
        };
        if let Some((msg, sev)) = d {
            let d = f.add("DOC-VERSION", msg);
            d.severity(sev);
            if let Some(a) = anchor {
                d.at(a);
            }
        }
    } else if template == Template::Hybrid {
        let d = f.add(
            "DOC-VERSION",
            "统计表混用了2019年试行格式和2021年格式".to_string(),
        );
        d.severity(Severity::Warning);
        if let Some(a) = anchor {
            d.at(a);
        }
    }
    // DOC-YEAR: title vs statistical period.
    if let (Some(y), Some((a, b, s, e))) = (st.year, st.period) {
        if a.y != y || b.y != y {
            f.add(
                "DOC-YEAR",
                format!("标题年度为{y}年，但统计期限写的是{}至{}", a.iso(), b.iso()),
            )
            .at((s, e))
            .values(Some(y as i64), Some(a.y as i64));
        } else if (a.m, a.d, b.m, b.d) != (1, 1, 12, 31) {
            f.add(
                "DOC-YEAR",
                format!(
                    "统计期限{}至{}不是完整的{y}年度（应为1月1日至12月31日）",
                    a.iso(),
                    b.iso()
                ),
            )
            .at((s, e));
        }
    }
    // DOC-YEAR: plans in 五 for the report year itself.
    if let (Some(y), Some((from, to))) = (st.year, st.region(5, lines.len())) {
        for l in &lines[from..to] {
            let s = &text[l.start..l.end];
            if let Some((p, q)) = plan_for_year(s, y) {
                f.add(
                    "DOC-YEAR",
                    format!("第五部分把{y}年作为今后的改进计划（“{}”），{y}年度报告的改进措施应针对{}年；可能沿用了上一年的报告", preview(&s[p..q]), y + 1),
                )
                .at((l.start + p, l.start + q))
                .values(Some(y as i64 + 1), Some(y as i64));
            }
        }
    }
    // DOC-DATE.
    if let (Some(y), Some(d)) = (st.year, st.date) {
        let agency = st.agency.as_deref().unwrap_or("");
        let government = agency.contains("人民政府");
        let township = agency.contains(['镇', '乡']) || agency.contains("街道");
        let deadline = if township {
            None
        } else if government || agency.is_empty() {
            Some(Date {
                y: y + 1,
                m: 3,
                d: 31,
            })
        } else {
            Some(Date {
                y: y + 1,
                m: 1,
                d: 31,
            })
        };
        if d.date <= (Date { y, m: 12, d: 31 }) {
            f.add(
                "DOC-DATE",
                format!(
                    "落款日期{}不晚于统计年度结束（{y}年12月31日），年度报告应在年度结束后发布",
                    d.date.iso()
                ),
            )
            .at((d.start, d.end));
        } else if let Some(dl) = deadline.filter(|dl| d.date > *dl) {
            let who = if government || agency.is_empty() {
                "县级以上人民政府"
            } else {
                "政府部门"
            };
            f.add(
                "DOC-DATE",
                format!(
                    "落款日期{}晚于{who}年度报告的发布期限{}（《条例》第四十九条）",
                    d.date.iso(),
                    dl.iso()
                ),
            )
            .at((d.start, d.end));
        }
    }
    // DOC-FEE.
    if st.year.is_some_and(|y| y >= 2021) {
        let in6 = st.region(6, lines.len()).map(|(a, b)| {
            lines[a..b]
                .iter()
                .any(|l| crate::text::key(&text[l.start..l.end]).contains("处理费"))
        });
        let anywhere = text.contains("信息处理费");
        if in6 != Some(true) {
            let msg = if anywhere {
                "信息处理费的收取情况应在第六部分「其他需要报告的事项」中说明（没有收取也应写明）"
            } else {
                "未说明信息处理费的收取情况；2021年起应在第六部分说明，没有收取也应写明“未收取信息处理费”"
            };
            let d = f.add("DOC-FEE", msg.to_string());
            if let Some(h) = st.heading(6) {
                d.at((h.start, h.end));
            }
        }
    }
    // DOC-NARR.
    if let Some((from, to)) = st.region(1, lines.len()) {
        let new_total = t2.as_ref().and_then(|t| t2_value(t, "new", 6)).map(|v| v.0);
        let old_total = t2
            .as_ref()
            .and_then(|t| t2_value(t, "carried_over", 6))
            .map(|v| v.0);
        let reviews = t3
            .as_ref()
            .filter(|t| t.cells.len() == 15 && !t.all_blank)
            .and_then(|t| match t.cells[4].parsed.val {
                Val::Int(v) => Some(v),
                Val::Blank => Some(0),
                _ => None,
            });
        let t2_blank = t2
            .as_ref()
            .is_some_and(|t| t.rows.iter().all(|r| r.all_blank));
        for l in &lines[from..to] {
            let s = &text[l.start..l.end];
            for c in narrative_claims(s) {
                match c.kind {
                    Claim::Applications if !t2_blank => {
                        let Some(n) = new_total else { continue };
                        let both = n + old_total.unwrap_or(0);
                        if c.value != n && c.value != both {
                            f.add(
                                "DOC-NARR",
                                format!(
                                    "正文说收到政府信息公开申请{}件，但表二「本年新收政府信息公开申请数量」总计为 {n}",
                                    c.value
                                ),
                            )
                            .at((l.start + c.start, l.start + c.end))
                            .cell(CellRef {
                                table: TableId::Applications,
                                row: Some("new"),
                                column: 6,
                            })
                            .values(Some(n), Some(c.value));
                        }
                    }
                    Claim::Review => {
                        let Some(n) = reviews else { continue };
                        if c.value != n {
                            f.add(
                                "DOC-NARR",
                                format!("正文说行政复议{}件，但表三行政复议总计为 {n}", c.value),
                            )
                            .at((l.start + c.start, l.start + c.end))
                            .cell(CellRef {
                                table: TableId::Review,
                                row: None,
                                column: 4,
                            })
                            .values(Some(n), Some(c.value));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// `2020年，我局将进一步…` in a 2020 report's section 五: the byte range of the
/// phrase.
fn plan_for_year(line: &str, y: i32) -> Option<(usize, usize)> {
    const MARKS: &[&str] = &[
        "将进一步",
        "将继续",
        "将更加",
        "将持续",
        "将不断",
        "将加强",
        "将着力",
        "将努力",
        "将认真",
        "将全面",
        "将切实",
        "将深入",
        "将严格",
        "将重点",
        "将从",
        "将围绕",
        "将按照",
        "将坚持",
        "将积极",
        "将加大",
        "将强化",
        "将完善",
        "将推进",
        "将做好",
        "计划",
        "拟",
        "力争",
        "打算",
    ];
    let ys = format!("{y}");
    let mut from = 0;
    while let Some(p) = find(&line[from..], &ys) {
        let p = from + p;
        from = p + ys.len();
        let rest = &line[from..];
        let rest = rest.trim_start_matches(crate::text::is_space);
        if !rest.starts_with('年') {
            continue;
        }
        if line[..p].ends_with("截至") || line[..p].ends_with("截止") || line[..p].ends_with("自")
        {
            continue;
        }
        // The clause after the year, up to 16 characters.
        let clause: String = rest
            .chars()
            .take_while(|c| !matches!(c, '。' | '；' | ';' | '！' | '？'))
            .take(16)
            .collect();
        if let Some(m) = MARKS
            .iter()
            .filter_map(|m| find(&clause, m).map(|i| i + m.len()))
            .min()
        {
            let end = line.len() - rest.len() + m.min(rest.len());
            return Some((p, end));
        }
    }
    None
}

#[derive(Debug, PartialEq)]
enum Claim {
    Applications,
    Review,
}

struct NarrClaim {
    kind: Claim,
    value: i64,
    start: usize,
    end: usize,
}

/// Statements in section 一 about how many applications or reconsiderations
/// there were.
fn narrative_claims(line: &str) -> Vec<NarrClaim> {
    let mut out = Vec::new();
    // Most lines say nothing of applications or reconsideration.
    if !line.contains("申请") && !line.contains("复议") {
        return out;
    }
    for (cs, clause) in clauses(line) {
        // The key words are ideographs, which folding leaves alone.
        let k = clause;
        if !contains(k, "申请") && !contains(k, "复议") {
            continue;
        }
        let apps = contains(k, "申请")
            && (contains(k, "公开") || contains(k, "信息"))
            && !contains(k, "许可")
            && !contains(k, "复议")
            && !contains(k, "诉讼");
        let neg = [
            "未收到",
            "没有收到",
            "未接到",
            "没有接到",
            "未受理",
            "无依申请",
        ]
        .iter()
        .find_map(|n| find(clause, n));
        if apps {
            if let Some(p) = neg {
                if contains(&clause[p..], "申请") {
                    out.push(NarrClaim {
                        kind: Claim::Applications,
                        value: 0,
                        start: cs + p,
                        end: cs + clause.len(),
                    });
                    continue;
                }
            }
            let verb = ["收到", "受理", "接到", "新收"]
                .iter()
                .find_map(|v| find(clause, v));
            if let Some(v) = verb {
                if let Some((n, s, e)) = number_with_unit(&clause[v..]) {
                    out.push(NarrClaim {
                        kind: Claim::Applications,
                        value: n,
                        start: cs + v + s,
                        end: cs + v + e,
                    });
                }
            }
        } else if contains(k, "行政复议") && !contains(k, "诉讼") {
            let neg = ["未发生", "没有发生", "未收到", "没有收到", "无"]
                .iter()
                .find_map(|n| find(clause, n));
            let p = find(clause, "行政复议").unwrap_or(0);
            if neg.is_some_and(|n| n < p) {
                out.push(NarrClaim {
                    kind: Claim::Review,
                    value: 0,
                    start: cs + neg.unwrap_or(0),
                    end: cs + clause.len(),
                });
            } else if let Some((n, s, e)) = number_with_unit(&clause[p..]) {
                out.push(NarrClaim {
                    kind: Claim::Review,
                    value: n,
                    start: cs + p + s,
                    end: cs + p + e,
                });
            }
        }
    }
    out
}

/// Clauses of a line, split at Chinese sentence and clause punctuation.
fn clauses(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '。' | '；' | ';' | '，' | ',' | '！' | '？' | '：') {
            if i > s {
                out.push((s, &line[s..i]));
            }
            s = i + c.len_utf8();
        }
    }
    if s < line.len() {
        out.push((s, &line[s..]));
    }
    out
}

/// The first `N件` (also 个, 条, 起, 宗, 次) in a clause: value and byte range.
fn number_with_unit(s: &str) -> Option<(i64, usize, usize)> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < cs.len() {
        if fold(cs[i].1).is_ascii_digit() {
            let mut j = i;
            let mut v: i64 = 0;
            while j < cs.len() && fold(cs[j].1).is_ascii_digit() && j - i < 9 {
                v = v * 10 + fold(cs[j].1).to_digit(10).unwrap_or(0) as i64;
                j += 1;
            }
            if j < cs.len() && fold(cs[j].1).is_ascii_digit() {
                // More than 9 digits: no count is read out of part of them.
                while j < cs.len() && fold(cs[j].1).is_ascii_digit() {
                    j += 1;
                }
                i = j;
                continue;
            }
            let mut k = j;
            while k < cs.len() && crate::text::is_space(cs[k].1) {
                k += 1;
            }
            if k < cs.len() && matches!(cs[k].1, '件' | '个' | '条' | '起' | '宗' | '次' | '份')
            {
                let end = cs.get(k + 1).map_or(s.len(), |x| x.0);
                return Some((v, cs[i].0, end));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_agencies() {
        assert_eq!(may_make_rules("示例县教育局"), Some(false));
        assert_eq!(may_make_rules("示例市人民政府"), Some(true));
        assert_eq!(may_make_rules("示例县人民政府"), Some(false));
        assert_eq!(may_make_rules("示例区人民政府"), Some(false));
        assert_eq!(may_make_rules("示例自治区人民政府"), Some(true));
        assert_eq!(may_make_rules("教育部"), Some(true));
    }

    #[test]
    fn plans() {
        assert!(plan_for_year("3.整改措施：2020年，我局将更加严格按照要求", 2020).is_some());
        assert!(plan_for_year(
            "2020年，我局在政府信息公开方面的各项工作均稳步有序开展",
            2020
        )
        .is_none());
        assert!(plan_for_year("2021年，我局将进一步加强", 2020).is_none());
    }

    #[test]
    fn claims() {
        let c = narrative_claims("本年度，通过当面申请受理依申请公开15件，均已当场答复。");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].value, 15);
        let c = narrative_claims("2021年度，我局未接到政府信息公开申请");
        assert_eq!(c[0].value, 0);
        let c = narrative_claims("全年办理行政许可申请588件");
        assert!(c.is_empty());
    }
}
