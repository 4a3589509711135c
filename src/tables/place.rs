//! Placing a table 2 row's numbers by arithmetic: a row with one cell more
//! than the template, one of them blank, is placed only when dropping
//! exactly one of its blank cells (or several giving the same cells) makes
//! the row's total the sum of its six applicant columns. Table 3's numbers
//! are kept unplaced when the document reader wrote them without tabs.

use super::RawCell;
use crate::layout::TextLine;
use crate::value::Val;

/// What arithmetic says about a row's cells.
#[derive(Debug)]
pub(crate) enum Placement {
    /// The row is not one arithmetic can place (right count, no blank, …).
    NotApplicable,
    /// Exactly one placement satisfies the row's total: these cells.
    Unique(Vec<RawCell>),
    /// None, or several different placements, satisfy it.
    Uncertain,
}

/// A cell's value for the relations: blank counts as 0, as in the rules.
pub(super) fn value(c: &RawCell) -> Option<i64> {
    match c.parsed.val {
        Val::Blank => Some(0),
        Val::Int(v) if v >= 0 => Some(v),
        _ => None,
    }
}

/// Try every blank cell of a row with `expected + 1` cells as the one too
/// many (table 2: six applicant columns and their total).
pub(crate) fn by_row_total(cells: &[RawCell], expected: usize) -> Placement {
    if expected != 7 || cells.len() != expected + 1 || cells.iter().all(RawCell::blank) {
        return Placement::NotApplicable;
    }
    if !cells.iter().any(RawCell::blank) {
        return Placement::NotApplicable;
    }
    let mut found: Option<Vec<RawCell>> = None;
    for drop in (0..cells.len()).filter(|&i| cells[i].blank()) {
        let kept: Vec<RawCell> = cells
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != drop)
            .map(|(_, c)| *c)
            .collect();
        let vals: Option<Vec<i64>> = kept.iter().map(value).collect();
        let Some(vals) = vals else {
            return Placement::Uncertain;
        };
        if vals[..6].iter().sum::<i64>() != vals[6] {
            continue;
        }
        match &found {
            None => found = Some(kept),
            Some(prev) => {
                let same = prev
                    .iter()
                    .zip(&kept)
                    .all(|(a, b)| a.blank() == b.blank() && value(a) == value(b));
                if !same {
                    return Placement::Uncertain;
                }
            }
        }
    }
    found.map_or(Placement::Uncertain, Placement::Unique)
}

/// How table 3's lines are written: a Word or web table's rows come with
/// their cells joined by tabs; a row of numbers written without tabs under a
/// header written with them is one whose columns the document reader could
/// not make certain (kept as unplaced).
#[derive(Debug, Default)]
pub(super) struct ReviewTabs {
    header_tabbed: bool,
    values_untabbed: bool,
    values_tabbed: bool,
}

impl ReviewTabs {
    pub(super) fn header(&mut self, text: &str, line: TextLine) {
        if text[line.start..line.end].contains('\t') {
            self.header_tabbed = true;
        }
    }

    pub(super) fn values(&mut self, text: &str, line: TextLine) {
        let numbers = text[line.start..line.end]
            .split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .count();
        if text[line.start..line.end].contains('\t') {
            self.values_tabbed = true;
        } else if numbers >= 2 {
            self.values_untabbed = true;
        }
    }

    /// The numbers' columns are not certain.
    pub(super) fn unplaced(&self) -> bool {
        self.header_tabbed && self.values_untabbed && !self.values_tabbed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse;

    fn row(s: &[&str]) -> Vec<RawCell> {
        s.iter()
            .enumerate()
            .map(|(i, t)| RawCell {
                start: i,
                end: i + t.len().min(1),
                parsed: parse(t),
            })
            .collect()
    }

    fn values(c: &[RawCell]) -> Vec<Option<i64>> {
        c.iter()
            .map(|c| (!c.blank()).then(|| value(c)).flatten())
            .collect()
    }

    #[test]
    fn a_leading_blank_placed_when_only_it_fits() {
        let Placement::Unique(c) = by_row_total(&row(&["", "3", "1", "0", "0", "0", "1", "5"]), 7)
        else {
            panic!("placed")
        };
        assert_eq!(
            values(&c),
            [
                Some(3),
                Some(1),
                Some(0),
                Some(0),
                Some(0),
                Some(1),
                Some(5)
            ]
        );
    }

    #[test]
    fn two_fitting_placements_leave_the_row_unplaced() {
        // Dropping either blank keeps 3+2 = 5 but puts the 2 in another column.
        let r = row(&["3", "", "2", "", "0", "0", "0", "5"]);
        assert!(matches!(by_row_total(&r, 7), Placement::Uncertain));
        // No placement fits.
        let r = row(&["", "3", "1", "0", "0", "0", "1", "9"]);
        assert!(matches!(by_row_total(&r, 7), Placement::Uncertain));
    }

    #[test]
    fn adjacent_blanks_give_one_placement() {
        let r = row(&["", "", "3", "0", "0", "0", "0", "3"]);
        assert!(matches!(by_row_total(&r, 7), Placement::Unique(_)));
    }

    #[test]
    fn table3_numbers_without_tabs_under_a_tabbed_header_are_unplaced() {
        let text = "行政复议\t\t行政诉讼\n1 2 0 1 4\n1\t2\n";
        let line = |a: usize, b: usize| TextLine { start: a, end: b };
        let head = line(0, text.find('\n').unwrap());
        let spaced = line(head.end + 1, head.end + 10);
        let tabbed = line(spaced.end + 1, text.len() - 1);
        let mut t = ReviewTabs::default();
        t.header(text, head);
        t.values(text, spaced);
        assert!(t.unplaced());
        t.values(text, tabbed);
        assert!(!t.unplaced());
        let mut t = ReviewTabs::default();
        t.values(text, spaced);
        assert!(!t.unplaced(), "no tabbed header");
    }

    #[test]
    fn other_rows_are_not_placed() {
        assert!(matches!(
            by_row_total(&row(&["0"; 8]), 7),
            Placement::NotApplicable
        ));
        assert!(matches!(
            by_row_total(&row(&["", "1", "0", "0", "0", "0", "1"]), 7),
            Placement::NotApplicable
        ));
    }
}
