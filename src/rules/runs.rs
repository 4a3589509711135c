//! Runs of digits where a row's cells should be: split by the relations
//! (CELL-SPLIT), or left unread because several splits fit
//! (CELL-SPLIT-AMBIGUOUS), none fits (CELL-SPLIT-NONE) or the search gave
//! up (CELL-MERGED).

use super::sink::Sink;
use super::{Code, Context};
use crate::model::{CellRef, TableId};
use crate::solve::Count;
use crate::tables::runs::{Outcome, RunNote};
use crate::template::{table1, table2, Row};

/// One finding per run of digits.
pub(super) fn check(cx: &Context, f: &mut Sink) {
    for note in &cx.tables.runs {
        let (code, message) = finding(note);
        f.add(code, message).at(note.at).cell(CellRef {
            table: note.table,
            row: note.row.map(Row::key),
            column: 0,
        });
    }
}

/// The digits for a message (long runs shortened).
fn preview(digits: &str) -> String {
    if digits.len() <= 40 {
        digits.to_string()
    } else {
        format!("{}…", &digits[..40])
    }
}

fn finding(note: &RunNote) -> (Code, String) {
    let place = match (note.table, note.row) {
        (TableId::Active, Some(r)) => format!("表一「{}」", table1::label(r, None)),
        (TableId::Applications, Some(r)) => format!("表二「{}」", table2::label(r)),
        _ => "表三".to_string(),
    };
    let run = format!(
        "{place}的 {} 个数值连成了一串（{}）",
        note.cells,
        preview(&note.digits)
    );
    let values = || {
        note.values
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join("、")
    };
    match &note.outcome {
        Outcome::Unique(relations) => (
            Code::CellSplit,
            format!(
                "{run}，按勾稽关系 {} 只有一种分法：{}",
                relations.join("、"),
                values()
            ),
        ),
        Outcome::Forced => (
            Code::CellSplit,
            format!("{run}，数字个数与单元格个数相同，每格一位：{}", values()),
        ),
        Outcome::Ambiguous(count) => {
            let n = match count {
                Count::Exactly(n) => format!("{n} 种"),
                Count::AtLeast(n) => format!("至少 {n} 种"),
            };
            let rest = if note.agreed > 0 {
                format!(
                    "；各种分法一致的 {} 个数值已填入，其余单元格无法确定",
                    note.agreed
                )
            } else {
                "，无法确定各单元格的数值".to_string()
            };
            (
                Code::CellSplitAmbiguous,
                format!("{run}，有 {n}分法都符合表中的勾稽关系{rest}"),
            )
        }
        Outcome::Inconsistent => (
            Code::CellSplitNone,
            format!(
                "{run}，无论怎样分开都不能使表中的勾稽关系同时成立，各单元格留空；报告本身也可能有计算错误"
            ),
        ),
        Outcome::GaveUp => (
            Code::CellMerged,
            format!("{run}，可能的分法太多，未能在限定的步数内分开，各单元格留空"),
        ),
    }
}
