//! Findings about single cells and rows, shared by the tables: unreadable
//! cells, digits run into labels, wrong cell counts, label variants, extra
//! rows, blank cells and blank tables.

use super::sink::Sink;
use super::Code;
use crate::model::{CellRef, TableId};
use crate::range::ByteRange;
use crate::tables::{RawCell, RawTable};
use crate::template::{table1, table2, Row};
use crate::value::Val;

/// Every value, or `None` if one is missing (allocated once, at its size).
pub(super) fn all_some(it: impl ExactSizeIterator<Item = Option<i64>>) -> Option<Vec<i64>> {
    let mut v = Vec::with_capacity(it.len());
    for x in it {
        v.push(x?);
    }
    Some(v)
}

/// A cell's value for arithmetic: blank counts as 0; `None` for what cannot
/// enter a sum (unreadable, decimal, negative).
pub(super) fn arith(c: &RawCell) -> Option<i64> {
    match c.parsed.val {
        Val::Blank => Some(0),
        Val::Int(v) if v >= 0 => Some(v),
        _ => None,
    }
}

pub(super) fn int(c: &RawCell) -> Option<i64> {
    match c.parsed.val {
        Val::Int(v) => Some(v),
        _ => None,
    }
}

/// Unreadable cells, digits run into labels, wrong counts, label variants, extra rows.
pub(super) fn check_rows_shape(text: &str, t: &RawTable, table: TableId, name: &str, f: &mut Sink) {
    // Rows whose other numbers were read apart, unplaced (the rest of a
    // table's columns in a table of their own that does not match it).
    let apart: std::collections::HashSet<Row> = t
        .rows
        .iter()
        .filter(|r| r.unplaced)
        .map(|r| r.key)
        .collect();
    for r in &t.rows {
        let row_name = match table {
            TableId::Active => table1::label(r.key, r.version),
            _ => table2::label(r.key),
        };
        if r.unplaced || r.placed {
            placement(f, name, row_name, r, table);
        }
        if r.unplaced {
            continue;
        }
        // A row whose cells came from a run of digits: the run's finding
        // (CELL-SPLIT…) speaks for it.
        let run = t.runs.contains(&r.key);
        if let Some(m) = r.merged.filter(|_| !run) {
            f.add(
                Code::CellMerged,
                format!("{name}「{row_name}」的数字与标签连在一起，无法分辨各单元格的数值"),
            )
            .at(m)
            .cell(CellRef {
                table,
                row: Some(r.key.key()),
                column: 0,
            });
        }
        for (i, c) in r.cells.iter().enumerate() {
            if c.parsed.val == Val::Bad && r.merged.is_none() && !run {
                let message = format!(
                    "{name}「{row_name}」第{}个数值「{}」无法读成数字",
                    i + 1,
                    preview(&text[c.start..c.end])
                );
                let cell = CellRef {
                    table,
                    row: Some(r.key.key()),
                    column: i,
                };
                unreadable(f, message, c.range(), cell);
            }
        }
        if r.merged.is_none()
            && !run
            && !r.all_blank
            && r.expected > 0
            && r.cells.len() != r.expected
            && !(r.cells.len() < r.expected && apart.contains(&r.key))
        {
            let mut d_span = r.label_at;
            if let Some(last) = r.cells.last() {
                d_span.end = last.end.max(r.label_at.end);
            }
            let cell = CellRef {
                table,
                row: Some(r.key.key()),
                column: 0,
            };
            wrong_count(
                f,
                name,
                Some(row_name),
                d_span,
                cell,
                r.expected,
                r.cells.len(),
            );
        }
        if let Some(v) = r.variant {
            f.add(
                Code::LabelVariant,
                format!("{name}行标签与模板不同，已按「{v}」读取"),
            )
            .at(r.label_at)
            .cell(CellRef {
                table,
                row: Some(r.key.key()),
                column: 0,
            });
        }
    }
    for e in &t.extra {
        let msg = match e.duplicate {
            Some(k) => format!(
                "{name}中「{}」行重复出现，只采用第一次出现的数值",
                match table {
                    TableId::Active => table1::label(k, None),
                    _ => table2::label(k),
                }
            ),
            None => format!("{name}中有模板没有的行，其数值未计入任何核对"),
        };
        f.add(Code::RowExtra, msg).at(e.label_at);
    }
}

/// CELL-UNREADABLE: a cell that cannot be read as a number.
pub(super) fn unreadable(f: &mut Sink, message: String, span: ByteRange, cell: CellRef) {
    f.add(Code::CellUnreadable, message).at(span).cell(cell);
}

/// ROW-CELLS: a row (or table 3) with another number of cells than the template's.
pub(super) fn wrong_count(
    f: &mut Sink,
    table: &str,
    row: Option<&str>,
    span: ByteRange,
    cell: CellRef,
    expected: usize,
    found: usize,
) {
    let what = row.map_or(table.to_string(), |r| format!("{table}「{r}」"));
    f.add(
        Code::RowCells,
        format!(
            "{what}有{found}个数值，模板应为{expected}个；数值按原样保留，无法确定缺少或多出的是哪一列"
        ),
    )
    .at(span)
    .cell(cell)
    .values(Some(expected as i64), Some(found as i64));
}

pub(super) fn preview(s: &str) -> String {
    s.chars().take(20).collect()
}

/// Blank-cell findings, or one finding for a table with no number at all.
pub(super) fn check_blanks<'a>(
    cells: impl Iterator<Item = (CellRef, Option<Row>, &'a RawCell)>,
    describe: impl Fn(Option<Row>, usize) -> String,
    name: &str,
    anchor: ByteRange,
    f: &mut Sink,
) -> bool {
    let cells: Vec<_> = cells.collect();
    if cells.iter().all(|(_, _, c)| c.blank()) {
        f.add(
            Code::TableBlank,
            format!("{name}一个数字也没有填写；没有发生的事项应填 0，而不是留空或写“无”"),
        )
        .at(anchor);
        return true;
    }
    for (cell, row, c) in cells {
        if c.blank() {
            f.add(
                Code::DocBlank,
                format!("{}为空；没有的应填 0", describe(row, cell.column)),
            )
            .at(c.range())
            .cell(cell);
        }
    }
    false
}

/// A cell a relation needs that was not read: the cell, where it is (or its
/// row's label) and its name for people.
pub(super) type Unread = (CellRef, ByteRange, String);

/// REL-NOT-CHECKED: a relation not checked because cells it needs were not
/// read. `what` names the relation's total, `rel` its code.
pub(super) fn not_checked(f: &mut Sink, rel: &str, what: &str, cell: CellRef, unread: Vec<Unread>) {
    let Some(first) = unread.first() else { return };
    let mut names: Vec<&str> = unread.iter().take(4).map(|u| u.2.as_str()).collect();
    names.dedup();
    let more = if unread.len() > 4 {
        format!("等{}格", unread.len())
    } else {
        String::new()
    };
    let span = first.1;
    let d = f
        .add(
            Code::RelNotChecked,
            format!(
                "{what}的关系 {rel} 未核对：{}{more}没有可计入的数值（无法读出、列不确定或不能计入）",
                names.join("、")
            ),
        )
        .at(span)
        .cell(cell);
    d.related = unread.into_iter().map(|u| (u.0, u.1)).collect();
}

/// CELL-UNPLACED and CELL-PLACED for a row of table 1 or 2.
pub(super) fn placement(
    f: &mut Sink,
    name: &str,
    row_name: &str,
    r: &crate::tables::RawRow,
    table: TableId,
) {
    let mut span = r.label_at;
    if let Some(last) = r.cells.last() {
        span.end = last.end.max(r.label_at.end);
    }
    let cell = CellRef {
        table,
        row: Some(r.key.key()),
        column: 0,
    };
    if r.unplaced {
        f.add(
            Code::CellUnplaced,
            format!(
                "{name}「{row_name}」的{}个数值无法确定各属哪一列，按原样列出，不计入核对",
                r.cells.iter().filter(|c| !c.blank()).count()
            ),
        )
        .at(span)
        .cell(cell);
    } else if r.placed {
        f.add(
            Code::CellPlaced,
            format!("{name}「{row_name}」多出一个空单元格；只有一种去法使总计等于各类申请人之和，已按此确定各列"),
        )
        .at(span)
        .cell(cell);
    }
}
