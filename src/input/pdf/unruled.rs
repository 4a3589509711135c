//! Tables without ruling lines, read from the positions of their words.
//!
//! * A table is a run of lines with two parts or more (cells set apart),
//!   with the short lines between them (labels wrapped in narrow cells),
//!   and one of them a number; a table going on at the top of the next page
//!   is read with its first part ([`super::columns::render`] gets the rows of all pages).
//! * The header is the lines above the first number that are not the first
//!   row's wrapped label.
//! * The columns are where the numbers lie over all the table's rows
//!   (numbers whose extents overlap share a column), then where the labels
//!   lie. A column's numbers are certain when no header line has two parts
//!   over them, and, for a number alone in its column, when a header part
//!   is over it; a row with a number whose column is not certain is written
//!   as it reads (unplaced), never guessed.
//! * A label wrapped over several lines is one block of lines in its
//!   column; it belongs to the row whose numbers lie within its height
//!   (labels are set in the middle of their cells), or is a row of its own.

use super::lines::{words, Line, Word};

/// A gap of this many font sizes separates a table's cells on a line.
const CELL_GAP: f64 = 1.0;

/// What running text and tables without lines give, with the top of each.
pub(crate) enum Piece {
    Line(Line),
    Table(Vec<Row>),
}

/// A line of a table without lines: its parts and where it lies (moved
/// down below the rows of the page before when the table goes on).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub parts: Vec<Word>,
    pub top: f64,
    pub bottom: f64,
    pub size: f64,
}

impl Row {
    /// The parts, a tab apart.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.parts.iter().map(|w| w.text.as_str()).collect();
        texts.join("\t")
    }

    pub(crate) fn has_value(&self) -> bool {
        self.parts.iter().any(|w| is_value(&w.text))
    }
}

/// A number, in any digits, with its separators and sign.
pub(crate) fn is_number(s: &str) -> bool {
    s.chars().any(char::is_numeric)
        && s.chars()
            .all(|c| c.is_numeric() || matches!(c, '.' | '．' | ',' | '，' | '-' | '－' | '%'))
}

/// A value: a number, a signed change (`减 3`, `增2`, `+1`), or a dash
/// written for "none" (a longer run of dashes is a rule). A change whose column is not certain must leave its
/// row unplaced, not go into the label (`行政事业性收费减 3` would read as
/// the label and a 3).
pub(crate) fn is_value(s: &str) -> bool {
    let unsigned = s.trim_start_matches(['增', '减', '+', '＋']).trim_start();
    is_number(s)
        || (unsigned.len() < s.len() && is_number(unsigned))
        || ((1..=3).contains(&s.chars().count()) && s.chars().all(|c| "-－—–/／".contains(c)))
}

/// A line's parts: its words, grouped where less than a cell's gap apart.
fn parts(line: &Line) -> Vec<Word> {
    let size = line.glyphs.iter().map(|g| g.size).fold(1.0, f64::max);
    let mut out: Vec<Word> = Vec::new();
    for w in words(&line.glyphs) {
        // Two numbers half a character apart or more: two cells.
        let numbers = |p: &Word| is_value(&p.text) && is_value(&w.text) && w.x0 - p.x1 > 0.5 * size;
        match out.last_mut() {
            Some(p) if w.x0 - p.x1 < CELL_GAP * size && !numbers(p) => {
                p.text.push(' ');
                p.text.push_str(&w.text);
                p.x1 = w.x1;
            }
            _ => out.push(w),
        }
    }
    out
}

/// A line of one part short enough to be a label wrapped in a narrow cell.
fn short(parts: &[Word], size: f64) -> bool {
    match parts {
        [w] => w.text.chars().count() <= 12 && w.x1 - w.x0 <= 12.0 * size,
        _ => false,
    }
}

/// Split running text from tables without lines, top to bottom.
pub(crate) fn pieces(lines: &[Line]) -> Vec<(f64, Piece)> {
    let split: Vec<Vec<Word>> = lines.iter().map(parts).collect();
    let size: Vec<f64> = lines
        .iter()
        .map(|l| l.glyphs.iter().map(|g| g.size).fold(1.0, f64::max))
        .collect();
    let anchor = |k: usize| split[k].len() >= 2;
    let close = |k: usize| lines[k - 1].bottom - lines[k].top <= size[k];
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Lines with two parts or more, and short lines after one of them
        // (or at the top of the page: the rest of a row the page broke); a
        // longer line of one part (up to two narrow cells' labels run
        // together) when set close between two such lines.
        let mut j = i;
        while j < lines.len() {
            let part = (i == 0 || anchor(i)) && split[j].len() == 1;
            let near = |k: usize| lines[k - 1].bottom - lines[k].top <= 2.5 * size[k];
            let next = j + 1 < lines.len()
                && near(j + 1)
                && (anchor(j + 1) || short(&split[j + 1], size[j + 1]));
            // A row's numbers run together in one part: a row all the same.
            let run = split[j].len() == 1
                && split[j][0]
                    .text
                    .split_whitespace()
                    .filter(|t| is_value(t))
                    .count()
                    >= 3;
            let fits = anchor(j)
                || run
                || (part && short(&split[j], size[j]))
                || (part && j > i && near(j) && next && split[j][0].text.chars().count() <= 24);
            if !fits {
                break;
            }
            j += 1;
        }
        if let Some(last) = (i..j).rev().find(|&k| anchor(k)) {
            // Short lines after the last line with parts: only those close
            // below it (a label's last lines), not a heading after the table.
            let mut end = last + 1;
            while end < j && close(end) {
                end += 1;
            }
            let anchors = (i..end).filter(|&k| anchor(k)).count();
            let values = split[i..end].iter().flatten().any(|w| is_value(&w.text));
            // At the top of the page one line may be the rest of a table.
            if (anchors >= 2 || (i == 0 && anchors == 1)) && values {
                let rows = (i..end)
                    .map(|k| Row {
                        parts: split[k].clone(),
                        top: lines[k].top,
                        bottom: lines[k].bottom,
                        size: size[k],
                    })
                    .collect();
                out.push((lines[i].top, Piece::Table(rows)));
                i = end;
                continue;
            }
        }
        let end = j.max(i + 1);
        for line in &lines[i..end] {
            out.push((line.top, Piece::Line(line.clone())));
        }
        i = end;
    }
    out
}

pub(crate) fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

pub(crate) fn span(w: &Word) -> (f64, f64) {
    (w.x0, w.x1)
}

/// Extents merged where they overlap, left to right.
pub(crate) fn clusters(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(c) if s.0 < c.1 => c.1 = c.1.max(s.1),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_change_is_a_value() {
        assert!(is_value("减 3") && is_value("增2") && is_value("+1") && is_value("-8"));
        assert!(!is_value("减少") && !is_value("行政事业性收费") && !is_value("增"));
    }
}
