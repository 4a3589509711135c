//! A statistical table whose columns are split over two tables (表二's
//! applicant columns in one, `总计` in the next), joined when the join is
//! certain.
//!
//! The second table joins the first when its header names template columns
//! that the first lacks, the ones that follow the first's in the template,
//! and its rows match the first's one to one: by their labels, in order,
//! when it has labels; by count and order otherwise. Each of its values is
//! then written after the first part's values on the row it matches, under
//! the column its header names. A second table whose header names such
//! columns but whose rows do not match has its rows written as unplaced.
//! The two tables side by side in a layout table (each in a cell of its
//! own) are joined the same way, once the layout table's lines hold both
//! ([`Relay`]).

use super::{Carry, CellAt, Columns, ExpRow, Item, Placed, SlotKind};
use crate::template::table2::COLUMNS;

/// The template columns the value leaves of a header name, in order, when
/// each names one (`None` when one does not).
pub(super) fn names(head: &[&ExpRow], cols: &Columns, cells: &[CellAt]) -> Option<Vec<usize>> {
    cols.leaves[cols.first_value..]
        .iter()
        .map(|&(a, b)| {
            // The deepest header cell with text over the leaf.
            let text = head.iter().rev().find_map(|r| {
                let mut start = None;
                for (c, s) in r.slots.iter().enumerate().take(b) {
                    if let (SlotKind::Anchor, Some(id)) = (s.kind, s.cell) {
                        start = Some((c, id, s.text.as_str()));
                    }
                }
                let (c, id, t) = start?;
                let covers = c <= a && c + cells.get(id)?.span >= b;
                (covers && !t.trim().is_empty()).then_some(t)
            })?;
            let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            COLUMNS.iter().position(|&n| n == t)
        })
        .collect()
}

/// One placed row of a table, as written.
#[derive(Debug)]
pub(super) struct PartRow {
    /// Index of its line in the output.
    pub at: usize,
    pub text: String,
    pub labels: Vec<String>,
    /// One per value column (`""` when none).
    pub values: Vec<String>,
    pub data: bool,
}

/// A table that may be the first part of a split one.
#[derive(Debug)]
pub(crate) struct Part {
    /// The template columns of its value columns.
    pub names: Vec<usize>,
    pub rows: Vec<PartRow>,
    /// Every row after the header was placed, in one block.
    pub whole: bool,
    /// The output's length after the table.
    pub end: usize,
}

pub(super) fn part_row(at: usize, text: &str, p: &Placed, data: bool) -> PartRow {
    PartRow {
        at,
        text: text.to_string(),
        labels: p.labels.clone(),
        values: p
            .values
            .iter()
            .map(|v| v.first().cloned().unwrap_or_default())
            .collect(),
        data,
    }
}

/// The second part's columns follow the first's in the template: the first
/// names the template's first columns, the second the next ones.
pub(super) fn follows(first: &[usize], second: &[usize]) -> bool {
    !first.is_empty()
        && !second.is_empty()
        && first.iter().copied().eq(0..first.len())
        && second
            .iter()
            .copied()
            .eq(first.len()..first.len() + second.len())
}

fn key(labels: &[String]) -> String {
    labels
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The first part's lines are still in the output as written (not when
/// the two parts sit in different cells of a layout table: see [`Relay`]).
pub(super) fn in_place(first: &Part, out: &[super::OutputLine]) -> bool {
    out.len() >= first.end
        && first
            .rows
            .iter()
            .all(|r| out.get(r.at).is_some_and(|l| l.text == r.text))
}

/// The first part's data rows: where each is written, its line as written
/// and its line with the second part's values after its own, when the rows
/// match one to one (`None`: no certain join).
pub(super) fn join(first: &Part, second: &Part) -> Option<Vec<(usize, String, String)>> {
    if !first.whole || !second.whole {
        return None;
    }
    let a: Vec<&PartRow> = first.rows.iter().filter(|r| r.data).collect();
    let b: Vec<&PartRow> = second.rows.iter().collect();
    if a.is_empty() || a.len() != b.len() || !b.iter().all(|r| r.data) {
        return None;
    }
    let labelled = b.iter().any(|r| !key(&r.labels).is_empty());
    if labelled {
        if !a.iter().zip(&b).all(|(x, y)| {
            let k = key(&x.labels);
            !k.is_empty() && k == key(&y.labels)
        }) {
            return None;
        }
    } else if first.rows.iter().any(|r| !r.data) {
        return None;
    }
    // Every value of the second part lands in a column its header names.
    if !b.iter().all(|r| r.values.iter().all(|v| !v.is_empty())) {
        return None;
    }
    Some(
        a.iter()
            .zip(&b)
            .map(|(x, y)| {
                let nl = x
                    .labels
                    .iter()
                    .rposition(|l| !l.is_empty())
                    .map_or(0, |i| i + 1);
                let mut cells: Vec<&str> = x.labels[..nl].iter().map(String::as_str).collect();
                cells.extend(x.values.iter().map(String::as_str));
                cells.extend(y.values.iter().map(String::as_str));
                (x.at, x.text.clone(), cells.join("\t"))
            })
            .collect(),
    )
}

/// A join made while the first part's lines were out of reach: the two
/// parts side by side in a layout table (each in a cell of its own, whose
/// lines are written out only with the layout table). The first part's
/// lines are replaced by the joined ones, and the second part's lines
/// (written as unplaced meanwhile) taken out, where the layout table's
/// lines hold both, in order; elsewhere nothing changes.
#[derive(Debug)]
pub(crate) struct Relay {
    /// The first part's data rows as written, and as joined.
    pub joined: Vec<(String, String)>,
    /// The second part's lines as written.
    pub second: Vec<String>,
}

impl Relay {
    /// Apply the join to `lines` when they hold both parts; whether done.
    pub(super) fn apply(&self, lines: &mut Vec<super::OutputLine>) -> bool {
        let mut at = Vec::with_capacity(self.joined.len());
        let mut from = 0;
        for (old, _) in &self.joined {
            let Some(k) = (from..lines.len()).find(|&k| lines[k].text == *old) else {
                return false;
            };
            at.push(k);
            from = k + 1;
        }
        let mut drop = Vec::with_capacity(self.second.len());
        for old in &self.second {
            let Some(k) = (from..lines.len()).find(|&k| lines[k].text == *old) else {
                return false;
            };
            drop.push(k);
            from = k + 1;
        }
        for (k, (_, new)) in at.into_iter().zip(&self.joined) {
            lines[k].text.clone_from(new);
        }
        let mut k = 0;
        lines.retain(|_| {
            k += 1;
            drop.binary_search(&(k - 1)).is_err()
        });
        true
    }
}

/// A join left for the lines of a layout table: applied to the first of
/// `items`' page-layout lines that hold both parts; kept while the table
/// is only page layout (its cells' tables written before it), else dropped.
pub(super) fn relay(items: &mut [Item], last: &mut Carry) {
    let Some(r) = last.relay.take() else {
        return;
    };
    let mut layout_only = true;
    for item in items.iter_mut() {
        match item {
            Item::Lines(lines) => {
                if r.apply(lines) {
                    return;
                }
            }
            Item::Row(_) => layout_only = false,
        }
    }
    if layout_only {
        last.relay = Some(r);
    }
}
