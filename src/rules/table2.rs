//! Table 2 (依申请公开): integers, row totals, （七）总计, the balance and
//! subtotals the template does not have.

use super::cells::{all_some, arith, check_blanks, check_rows_shape, int, not_checked, Unread};
use super::sink::Sink;
use super::{Code, Context};
use crate::model::{CellRef, TableId, Template};
use crate::range::ByteRange;
use crate::tables::{RawCell, RawRow, RawTable};
use crate::template::{table2, Format, Row};
use crate::value::Val;

/// The value of a row's column for arithmetic: blank counts as 0. `None`
/// when it cannot be known (row missing, unreadable, or a malformed row whose
/// numbers are not all zero).
pub(super) fn t2_value(t: &RawTable, key: Row, col: usize) -> Option<(i64, Option<&RawCell>)> {
    row_value(t.rows.iter().find(|r| r.key == key)?, col)
}

/// [`t2_value`] of a row found.
fn row_value(r: &RawRow, col: usize) -> Option<(i64, Option<&RawCell>)> {
    if r.cells.len() != 7 || r.unplaced {
        let all_zero = r.cells.iter().all(|c| c.blank() || int(c) == Some(0));
        return all_zero.then_some((0, None));
    }
    let c = &r.cells[col];
    arith(c).map(|v| (v, Some(c)))
}

pub(super) fn check(cx: &Context, t: &RawTable, f: &mut Sink) {
    let (text, template) = (cx.text, cx.tables.template);
    let name = "表二";
    let version = t.version.unwrap_or(match template {
        Template::F2021 => Format::F2021,
        _ => Format::F2019,
    });
    check_rows_shape(text, t, TableId::Applications, name, f);
    integers(t, f);
    let blank = blanks(t, name, f);
    let expected = table2::expected(version);
    missing_rows(t, &expected, f);
    if blank {
        return;
    }
    row_sums(t, f);
    column_sums(t, &expected, f);
    group_sums(t, &expected, f);
}

/// A cell of table 2.
fn cref(row: Row, column: usize) -> CellRef {
    CellRef {
        table: TableId::Applications,
        row: Some(row.key()),
        column,
    }
}

/// Where a cell of table 2 is: the cell, else its row's label.
fn span_of(t: &RawTable, key: Row, col: usize) -> Option<ByteRange> {
    let r = t.rows.iter().find(|r| r.key == key)?;
    r.cells.get(col).map(RawCell::range).or(Some(r.label_at))
}

/// A cell of a row that was read but whose value is not known (unreadable,
/// unplaced, or in a row with the wrong count whose numbers are not all 0).
fn unread(t: &RawTable, key: Row, col: usize) -> Option<Unread> {
    let r = t.rows.iter().find(|r| r.key == key)?;
    if row_value(r, col).is_some() {
        return None;
    }
    let at = if r.cells.len() == 7 && !r.unplaced {
        r.cells[col].range()
    } else {
        r.label_at
    };
    let name = format!(
        "「{}」·{}",
        table2::label(key),
        table2::COLUMNS.get(col).unwrap_or(&"?")
    );
    Some((cref(key, col), at, name))
}

/// T2-INT: counts are non-negative integers.
fn integers(t: &RawTable, f: &mut Sink) {
    for r in t.rows.iter().filter(|r| !r.unplaced) {
        for (i, c) in r.cells.iter().enumerate() {
            let what = match c.parsed.val {
                Val::Dec(..) => "不是整数",
                Val::Int(v) if v < 0 => "是负数",
                _ => continue,
            };
            f.add(
                Code::T2Int,
                format!(
                    "表二「{}」·{}的数值{}；申请件数应为非负整数",
                    table2::label(r.key),
                    table2::COLUMNS.get(i).unwrap_or(&"?"),
                    what
                ),
            )
            .at(c.range())
            .cell(CellRef {
                table: TableId::Applications,
                row: Some(r.key.key()),
                column: i,
            });
        }
    }
}

/// Blank cells; true when any was reported (the sums are then not checked).
fn blanks(t: &RawTable, name: &str, f: &mut Sink) -> bool {
    check_blanks(
        t.rows.iter().filter(|r| !r.unplaced).flat_map(|r| {
            r.cells.iter().enumerate().map(move |(i, c)| {
                (
                    CellRef {
                        table: TableId::Applications,
                        row: Some(r.key.key()),
                        column: i,
                    },
                    Some(r.key),
                    c,
                )
            })
        }),
        |row, column| {
            format!(
                "表二「{}」·{}",
                row.map_or("", table2::label),
                table2::COLUMNS.get(column).unwrap_or(&"?")
            )
        },
        name,
        t.anchor,
        f,
    )
}

/// DOC-TABLES: rows of the template missing from the table.
fn missing_rows(t: &RawTable, expected: &[Row], f: &mut Sink) {
    let missing: Vec<Row> = expected
        .iter()
        .filter(|k| !t.rows.iter().any(|r| r.key == **k && !r.subtotal))
        .copied()
        .collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().take(6).map(|k| table2::label(*k)).collect();
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
        super::document::incomplete(f, msg, Some(if cut { t.last } else { t.anchor }));
    }
}

/// T2-ROW: each row's total is the sum of its applicant columns.
fn row_sums(t: &RawTable, f: &mut Sink) {
    for r in &t.rows {
        if r.all_blank {
            continue;
        }
        let placed = r.cells.len() == 7 && !r.unplaced;
        let vals = if placed {
            all_some(r.cells.iter().map(arith))
        } else {
            None
        };
        let Some(vals) = vals else {
            if placed || t2_value(t, r.key, 6).is_none() {
                let unread = (0..7).filter_map(|c| unread(t, r.key, c)).collect();
                not_checked(
                    f,
                    "T2-ROW",
                    &format!("表二「{}」", table2::label(r.key)),
                    cref(r.key, 6),
                    unread,
                );
            }
            continue;
        };
        let sum: i64 = vals[..6].iter().sum();
        if sum != vals[6] {
            let total = &r.cells[6];
            let actual = (!total.blank()).then_some(vals[6]);
            let msg = if total.blank() {
                format!(
                    "表二「{}」的总计为空，而各类申请人之和为 {sum}",
                    table2::label(r.key)
                )
            } else {
                format!(
                    "表二「{}」的总计为 {}，但各类申请人之和为 {sum}",
                    table2::label(r.key),
                    vals[6]
                )
            };
            let d = f
                .add(Code::T2Row, msg)
                .at(total.range())
                .cell(cref(r.key, 6))
                .values(Some(sum), actual);
            d.related = (0..6)
                .map(|i| (cref(r.key, i), r.cells[i].range()))
                .collect();
        }
    }
}

/// T2-SUM and T2-BAL, column by column.
fn column_sums(t: &RawTable, expected: &[Row], f: &mut Sink) {
    let outcomes: Vec<Row> = expected
        .iter()
        .copied()
        .filter(|k| table2::is_outcome(*k))
        .collect();
    for (col, col_name) in table2::COLUMNS.iter().enumerate() {
        // T2-SUM.
        let parts = all_some(outcomes.iter().map(|k| t2_value(t, *k, col).map(|v| v.0)));
        let unread_sum: Vec<Unread> = outcomes
            .iter()
            .chain([Row::Total].iter())
            .filter_map(|k| unread(t, *k, col))
            .collect();
        if !unread_sum.is_empty() {
            let what = format!("表二（七）总计·{col_name}");
            not_checked(f, "T2-SUM", &what, cref(Row::Total, col), unread_sum);
        }
        if let (Some(parts), Some((total, tcell))) = (parts, t2_value(t, Row::Total, col)) {
            let sum: i64 = parts.iter().sum();
            if sum != total {
                let blank_total = tcell.is_some_and(RawCell::blank);
                let msg = if blank_total {
                    format!("表二（七）总计·{col_name}为空，而各项办理结果之和为 {sum}")
                } else {
                    format!("表二（七）总计·{col_name}为 {total}，但各项办理结果之和为 {sum}")
                };
                let d = f
                    .add(Code::T2Sum, msg)
                    .cell(cref(Row::Total, col))
                    .values(Some(sum), (!blank_total).then_some(total));
                if let Some(s) = span_of(t, Row::Total, col) {
                    d.at(s);
                }
                d.related = outcomes
                    .iter()
                    .filter_map(|k| span_of(t, *k, col).map(|s| (cref(*k, col), s)))
                    .collect();
            }
        }
        // T2-BAL.
        let get = |k| t2_value(t, k, col).map(|v| v.0);
        let unread_bal: Vec<Unread> = [Row::New, Row::CarriedOver, Row::Total, Row::CarriedForward]
            .iter()
            .filter_map(|k| unread(t, *k, col))
            .collect();
        if !unread_bal.is_empty() {
            let what = format!("表二{col_name}列收支");
            not_checked(f, "T2-BAL", &what, cref(Row::Total, col), unread_bal);
        }
        if let (Some(a), Some(b), Some(c), Some(d4)) = (
            get(Row::New),
            get(Row::CarriedOver),
            get(Row::Total),
            get(Row::CarriedForward),
        ) {
            if a + b != c + d4 {
                let d = f
                    .add(
                        Code::T2Bal,
                        format!(
                            "表二{}列：第一项加第二项之和为 {}（{a}+{b}），第三项加第四项之和为 {}（{c}+{d4}），两者应相等",
                            col_name,
                            a + b,
                            c + d4
                        ),
                    )
                    .cell(cref(Row::Total, col))
                    .values(Some(a + b), Some(c + d4));
                if let Some(s) = span_of(t, Row::Total, col) {
                    d.at(s);
                }
                d.related = [Row::New, Row::CarriedOver, Row::CarriedForward]
                    .iter()
                    .filter_map(|k| span_of(t, *k, col).map(|s| (cref(*k, col), s)))
                    .collect();
            }
        }
    }
}

/// T2-GROUP: subtotal rows the template does not have.
fn group_sums(t: &RawTable, expected: &[Row], f: &mut Sink) {
    for r in t
        .rows
        .iter()
        .filter(|r| r.subtotal && r.key != Row::Results)
    {
        let items: Vec<Row> = expected
            .iter()
            .copied()
            .filter(|k| k.group() == Some(r.key))
            .collect();
        if items.is_empty() || r.cells.len() != 7 {
            continue;
        }
        for (col, col_name) in table2::COLUMNS.iter().enumerate() {
            let parts = all_some(items.iter().map(|k| t2_value(t, *k, col).map(|v| v.0)));
            let Some(parts) = parts else { continue };
            let Some(sub) = int(&r.cells[col]).or(r.cells[col].blank().then_some(0)) else {
                continue;
            };
            let sum: i64 = parts.iter().sum();
            if sum != sub {
                let c = &r.cells[col];
                f.add(
                    Code::T2Group,
                    format!(
                        "表二自行添加的小计「{}」·{}为 {sub}，但其下各项之和为 {sum}",
                        table2::label(r.key),
                        col_name
                    ),
                )
                .at(c.range())
                .cell(cref(r.key, col))
                .values(Some(sum), Some(sub));
            }
        }
    }
}
