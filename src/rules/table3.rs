//! Table 3 (行政复议、行政诉讼): integers, the cell count and each group's total.

use super::cells::{arith, check_blanks, not_checked, unreadable, wrong_count, Unread};
use super::sink::Sink;
use super::Code;
use crate::model::{CellRef, TableId};
use crate::range::ByteRange;
use crate::tables::RawReview;
use crate::template::table3;
use crate::value::Val;

/// Integers, the cell count, blanks and each group's total.
#[allow(clippy::too_many_lines)] // the checks of one table, in their order
pub(super) fn check(t: &RawReview, f: &mut Sink) {
    if t.unplaced {
        unplaced(t, f);
        return;
    }
    for (i, c) in t.cells.iter().enumerate() {
        let what = match c.parsed.val {
            // Cells of a run of digits that could not be split: the run's
            // finding speaks for them.
            Val::Bad if t.split => continue,
            Val::Bad => {
                let message = format!("表三第{}个数值无法读成数字", i + 1);
                unreadable(f, message, c.range(), cref(i));
                continue;
            }
            Val::Dec(..) => "不是整数",
            Val::Int(v) if v < 0 => "是负数",
            _ => continue,
        };
        f.add(
            Code::T3Int,
            format!(
                "表三{}的数值{}；案件数应为非负整数",
                table3::COLUMNS.get(i).unwrap_or(&"?"),
                what
            ),
        )
        .at(c.range())
        .cell(cref(i));
    }
    if !t.all_blank && t.cells.len() != table3::CELLS {
        let s = ByteRange::new(
            t.cells.first().map_or(t.anchor.start, |c| c.start),
            t.cells.last().map_or(t.anchor.end, |c| c.end),
        );
        wrong_count(f, "表三", None, s, cref(0), table3::CELLS, t.cells.len());
    }
    let blank = check_blanks(
        t.cells.iter().enumerate().map(|(i, c)| (cref(i), None, c)),
        |_, column| format!("表三{}", table3::COLUMNS.get(column).unwrap_or(&"?")),
        "表三",
        t.anchor,
        f,
    );
    if blank {
        return;
    }
    let codes = [Code::T3Rev, Code::T3Lit1, Code::T3Lit2];
    if t.cells.len() != table3::CELLS {
        // Zeros cannot change a sum wherever they belong.
        if t.all_blank || t.cells.iter().all(|c| arith(c) == Some(0)) {
            return;
        }
        none_checked(t, f);
        return;
    }
    let vals: Vec<Option<i64>> = t.cells.iter().map(arith).collect();
    for ((code, total), name) in codes.into_iter().zip(table3::TOTALS).zip(table3::GROUPS) {
        let parts: Option<Vec<i64>> = vals[total - 4..total].iter().copied().collect();
        let (Some(parts), Some(tv)) = (parts, vals[total]) else {
            let unread = (total - 4..=total)
                .filter(|&i| vals[i].is_none())
                .map(|i| (i, t.cells[i].range()));
            group_not_checked(f, code, name, total, unread);
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
                .at(c.range())
                .cell(cref(total))
                .values(Some(sum), (!c.blank()).then_some(tv));
            d.related = (total - 4..total)
                .map(|i| (cref(i), t.cells[i].range()))
                .collect();
        }
    }
}

fn cref(column: usize) -> CellRef {
    CellRef {
        table: TableId::Review,
        row: None,
        column,
    }
}

/// Where the table's cells are, from the first to the last.
fn cells_span(t: &RawReview) -> ByteRange {
    ByteRange::new(
        t.cells.first().map_or(t.anchor.start, |c| c.start),
        t.cells.last().map_or(t.anchor.end, |c| c.end),
    )
}

/// REL-NOT-CHECKED for each group's total: no cell's column is known.
fn none_checked(t: &RawReview, f: &mut Sink) {
    let codes = [Code::T3Rev, Code::T3Lit1, Code::T3Lit2];
    let at = cells_span(t);
    for ((code, total), name) in codes.into_iter().zip(table3::TOTALS).zip(table3::GROUPS) {
        group_not_checked(f, code, name, total, (total - 4..=total).map(|i| (i, at)));
    }
}

/// REL-NOT-CHECKED for one group's total, naming the cells not read (by
/// column, with where each is).
fn group_not_checked(
    f: &mut Sink,
    code: Code,
    name: &str,
    total: usize,
    unread: impl Iterator<Item = (usize, ByteRange)>,
) {
    let unread: Vec<Unread> = unread
        .map(|(i, at)| {
            let col = table3::COLUMNS.get(i).unwrap_or(&"?");
            (cref(i), at, format!("表三{col}"))
        })
        .collect();
    not_checked(
        f,
        code.as_str(),
        &format!("表三{name}"),
        cref(total),
        unread,
    );
}

/// Table 3's numbers read, their columns not certain: CELL-UNPLACED, and
/// each group's relation not checked (unless every number is 0, which no
/// placement can make wrong).
fn unplaced(t: &RawReview, f: &mut Sink) {
    f.add(
        Code::CellUnplaced,
        format!(
            "表三的{}个数值无法确定各属哪一列，按原样列出，不计入核对",
            t.cells.iter().filter(|c| !c.blank()).count()
        ),
    )
    .at(cells_span(t))
    .cell(cref(0));
    if t.cells.iter().all(|c| arith(c) == Some(0)) {
        return;
    }
    none_checked(t, f);
}
