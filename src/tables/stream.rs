//! Table 2 as plain `pdftotext` writes it: one cell per line, in reading
//! order (spec §8.4).
//!
//! Reading order keeps each column of a table's grid in order but mixes
//! the columns: a row's label (wrapped over several lines) may come before
//! the numbers of the rows above it, or after its own numbers, and a group
//! label in a merged cell anywhere between. What stays certain is the order
//! within each column: the labels' first pieces (`1.属于国家秘密`, `（二）部分`)
//! come top to bottom, and so do the numbers, row after row, seven to a row.
//! So when every number stands alone on its line, every run of numbers
//! holds whole rows (a multiple of seven), every enumerated label names
//! exactly one template row, the rows come in the template's order, and
//! the numbers are exactly seven for each row named, the n-th row named
//! takes the n-th seven numbers. Anything else — a blank cell (one number
//! fewer), a line mixing words and digits, a label naming no row or two,
//! a subtotal beside a group label — and the table is left to the ordinary
//! reading, which keeps such rows unread rather than guess.

use super::{RawCell, RawRow, RawTable};
use crate::layout::TextLine;
use crate::range::ByteRange;
use crate::template::{table2, Row};
use crate::text::{fold, key, key_chars};
use crate::value::{parse, Val};
use std::sync::LazyLock;

/// Cells in a table 2 row.
const WIDTH: usize = 7;

/// The byte range of a line without its surrounding spaces.
fn trimmed(text: &str, line: TextLine) -> Option<ByteRange> {
    let s = text.get(line.start..line.end)?;
    let t = s.trim_start();
    let start = line.start + (s.len() - t.len());
    let t = t.trim_end();
    (!t.is_empty()).then(|| ByteRange::new(start, start + t.len()))
}

/// A line holding one count and nothing else.
fn number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| fold(c).is_ascii_digit())
}

/// A Chinese numeral of an enumerator.
fn enumerator(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// The word starts with an enumerator: `一、`, `（一）`, `(1)`, `1.`, `1、`.
fn enumerated(w: &str) -> bool {
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || fold(c).is_ascii_digit();
    let mut it = w.chars();
    match it.next() {
        Some('（' | '(') => {
            let rest = it.as_str();
            let n = rest.chars().take_while(|&c| numeral(c)).count();
            n > 0 && rest.chars().nth(n).is_some_and(|c| c == '）' || c == ')')
        }
        Some(c) if numeral(c) => {
            let n = 1 + it.clone().take_while(|&c| numeral(c)).count();
            w.chars()
                .nth(n)
                .is_some_and(|c| matches!(c, '、' | '.' | '．'))
        }
        _ => false,
    }
}

/// What an enumerated word names.
enum Names {
    /// Exactly one template row (index into `table2::ROWS`).
    Row(usize),
    /// A group label (no numbers of its own).
    Group,
    /// A row or group of another table, two rows, or nothing: not certain.
    Unsure,
}

/// The template row whose printed label starts with the word (with its
/// enumerator and at least two more characters), or a group label.
fn names(word: &str, subgroups: bool) -> Names {
    // The keys of the printed labels: rows, then groups.
    static KEYS: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
        (
            table2::ROWS.iter().map(|d| key(d.label)).collect(),
            table2::GROUPS.iter().map(|(_, _, l)| key(l)).collect(),
        )
    });
    let (rows, groups) = &*KEYS;
    let k = key(word);
    let kn = k.chars().count();
    let digits = k
        .chars()
        .take_while(|&c| c.is_ascii_digit() || enumerator(c))
        .count();
    let other = table2::ROWS.iter().position(|d| d.key == Row::Other);
    let group = groups.iter().any(|g| g.starts_with(&k));
    // （六）其他处理 is a row of its own unless its sub-rows are written.
    let other_group = subgroups && other.is_some_and(|i| rows[i].starts_with(&k));
    if group || other_group {
        let row_too = rows
            .iter()
            .enumerate()
            .any(|(i, r)| Some(i) != other && r.starts_with(&k));
        return if row_too { Names::Unsure } else { Names::Group };
    }
    if kn < digits + 2 {
        return Names::Unsure;
    }
    let mut found = rows.iter().enumerate().filter(|(_, r)| r.starts_with(&k));
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Names::Row(i),
        _ => Names::Unsure,
    }
}

/// Each word of a range of the text, and where it starts.
fn words(text: &str, r: ByteRange) -> impl Iterator<Item = (usize, &str)> {
    let s = &text[r.start..r.end];
    s.split_whitespace()
        .map(move |w| (r.start + (w.as_ptr() as usize - s.as_ptr() as usize), w))
}

/// An enumerated word to name: its bytes, and the word after it when the
/// enumerator stands apart from its words.
type Enumerated = (ByteRange, Option<ByteRange>);

/// The layout of a table written one cell per line, which needs no label
/// named: numbers alone on their lines, whole rows of them, and words
/// without digits but for the enumerated ones. The numbers, and the words
/// to name; `None` when the lines are not so. (Most tables are not in this
/// layout, and are left here before any label is named.)
fn cells_alone(text: &str, lines: &[TextLine]) -> Option<(Vec<ByteRange>, Vec<Enumerated>)> {
    let mut numbers: Vec<ByteRange> = Vec::new();
    let mut named: Vec<Enumerated> = Vec::new();
    let mut run = 0usize;
    for line in lines {
        let Some(r) = trimmed(text, *line) else {
            continue;
        };
        let s = &text[r.start..r.end];
        if number(s) {
            numbers.push(r);
            run += 1;
            if numbers.len() > table2::ROWS.len() * WIDTH {
                return None;
            }
            continue;
        }
        if run % WIDTH != 0 {
            return None;
        }
        run = 0;
        let mut ws = words(text, r);
        while let Some((p, w)) = ws.next() {
            if enumerated(w) {
                // An enumerator apart from its words (`1. 属于国家秘密`).
                let alone = key_chars(w).all(|c| !crate::text::is_han(c) || enumerator(c));
                let next = if alone {
                    ws.next().map(|(q, n)| ByteRange::new(q, q + n.len()))
                } else {
                    None
                };
                named.push((ByteRange::new(p, p + w.len()), next));
            } else if w.chars().any(|c| fold(c).is_ascii_digit()) {
                return None;
            }
        }
    }
    // (At least two rows of seven, as `read` asks in the end.)
    if run % WIDTH != 0 || numbers.len() < 2 * WIDTH || numbers.len() % WIDTH != 0 {
        return None;
    }
    Some((numbers, named))
}

/// Table 2's rows from lines `from..to` written one cell per line in
/// reading order, or `None` when the text is not certainly that.
fn read(text: &str, lines: &[TextLine], from: usize, to: usize) -> Option<Vec<RawRow>> {
    let lines = lines.get(from..to)?;
    let (numbers, named) = cells_alone(text, lines)?;
    // The table writes its sub-rows of （六） (2021) or not (2019).
    let subgroups = lines.iter().filter_map(|l| trimmed(text, *l)).any(|r| {
        words(text, r).any(|(_, w)| {
            enumerated(w)
                && matches!(names(w, false), Names::Row(i)
                    if matches!(table2::ROWS[i].key, Row::Other1 | Row::Other2 | Row::Other3))
        })
    });
    let mut labels: Vec<(usize, ByteRange)> = Vec::new();
    for (ByteRange { start: p, end: e }, next) in named {
        let w = &text[p..e];
        let (named, end) = match next {
            Some(n) => (
                names(&format!("{w}{}", &text[n.start..n.end]), subgroups),
                n.end,
            ),
            None => (names(w, subgroups), e),
        };
        match named {
            Names::Row(row) if labels.len() < table2::ROWS.len() => {
                labels.push((row, ByteRange::new(p, end)));
            }
            Names::Group => {}
            Names::Row(_) | Names::Unsure => return None,
        }
    }
    if labels.len() < 2 || numbers.len() != labels.len() * WIDTH {
        return None;
    }
    // Labels of different columns of the grid (（一） beside 1.) interleave;
    // the numbers come row after row, top to bottom.
    labels.sort_by_key(|l| l.0);
    if labels.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    let mut rows = Vec::with_capacity(labels.len());
    for ((i, label_at), cells) in labels.into_iter().zip(numbers.chunks(WIDTH)) {
        let cells: Vec<RawCell> = cells
            .iter()
            .map(|c| RawCell {
                start: c.start,
                end: c.end,
                parsed: parse(&text[c.start..c.end]),
            })
            .collect();
        if cells.iter().any(|c| !matches!(c.parsed.val, Val::Int(_))) {
            return None;
        }
        rows.push(RawRow {
            key: table2::ROWS[i].key,
            label_at,
            cells,
            expected: WIDTH,
            variant: None,
            merged: None,
            all_blank: false,
            subtotal: false,
            version: None,
            tokens: WIDTH,
            unplaced: false,
            placed: false,
        });
    }
    Some(rows)
}

/// A row read in full, in the template's columns (a label with no number
/// after it is not: in reading order its numbers may come later).
fn full(r: &RawRow) -> bool {
    r.cells.len() == r.expected
        && !r.unplaced
        && r.merged.is_none()
        && r.cells.iter().any(|c| !c.blank())
}

/// Table 2 as read, completed by the reading-order rows when the text is
/// one cell per line in reading order: rows the ordinary reading could not
/// place take the reading-order cells. Where both readings have a row in
/// full and they differ, or the ordinary reading has numbers in a row the
/// reading-order rows do not have, neither is certain over the other and
/// the ordinary reading is kept as it is.
pub(super) fn complete(
    text: &str,
    lines: &[TextLine],
    from: usize,
    to: usize,
    ordinary: Option<RawTable>,
) -> Option<RawTable> {
    let Some(rows) = read(text, lines, from, to) else {
        return ordinary;
    };
    let same = |a: &RawRow, b: &RawRow| {
        a.cells.len() == b.cells.len()
            && a.cells
                .iter()
                .zip(&b.cells)
                .all(|(x, y)| x.parsed == y.parsed)
    };
    if let Some(t) = &ordinary {
        for o in &t.rows {
            let theirs = rows.iter().find(|r| r.key == o.key);
            let numbers = o.cells.iter().any(|c| !c.blank());
            let agrees = match theirs {
                Some(r) => !o.subtotal && (!full(o) || same(o, r)),
                None => !numbers,
            };
            if !agrees {
                return ordinary;
            }
        }
    }
    let mut t = ordinary.unwrap_or_else(|| RawTable {
        anchor: rows[0].label_at,
        last: rows
            .last()
            .and_then(|r| r.cells.last())
            .map_or(rows[0].label_at, RawCell::range),
        ..RawTable::default()
    });
    for r in rows {
        match t.rows.iter_mut().find(|o| o.key == r.key) {
            Some(o) if full(o) => {}
            Some(o) => *o = r,
            None => t.rows.push(r),
        }
    }
    t.rows.sort_by_key(|r| table2::order(r.key));
    // Numbers with no template row were the reading's misreadings: every
    // number of the table now has its row.
    t.extra.clear();
    t.version = super::rows::t2_format(&t.rows);
    Some(t)
}

/// A line holding one number alone (`12`, `58.6`).
fn amount(s: &str) -> bool {
    number(s.split_once('.').map_or(s, |(a, _)| a))
        && s.split_once('.').is_none_or(|(_, b)| number(b))
}

/// Table 1 blocks written one cell per line in reading order: a block's
/// number may come before its row's label (`本年处理决定数量` / `64` /
/// `行政许可`). Within a block (caption to caption) whose lines are numbers
/// alone or words without digits, whose labels are all rows the reading
/// found, and whose numbers are exactly as many as those rows' cells, the
/// numbers go to the rows in the template's order. Rows read in full are
/// kept; where one differs, the block is left as it was read.
pub(super) fn complete_t1(
    text: &str,
    lines: &[TextLine],
    from: usize,
    to: usize,
    t: &mut RawTable,
) {
    let Some(lines) = lines.get(from..to) else {
        return;
    };
    let mut blocks: Vec<Vec<ByteRange>> = vec![Vec::new()];
    for line in lines {
        let Some(r) = trimmed(text, *line) else {
            continue;
        };
        let s = &text[r.start..r.end];
        if crate::text::contains(s, "第二十条第") {
            blocks.push(vec![r]);
        } else if let Some(b) = blocks.last_mut() {
            b.push(r);
        }
    }
    // Table 1 has five blocks; more captions are not a table 1.
    if blocks.len() > 8 {
        return;
    }
    for block in blocks {
        let (Some(first), Some(last)) = (block.first(), block.last()) else {
            continue;
        };
        let span = ByteRange::new(first.start, last.end);
        let inside = |at: ByteRange| at.start >= span.start && at.end <= span.end;
        if t.extra.iter().any(|e| inside(e.label_at)) {
            continue;
        }
        let mut numbers = Vec::new();
        let mut words = true;
        for r in &block {
            let s = &text[r.start..r.end];
            if amount(s) {
                numbers.push(*r);
            } else if s.chars().any(|c| fold(c).is_ascii_digit()) {
                words = false;
            }
        }
        let mut rows: Vec<usize> = (0..t.rows.len())
            .filter(|&i| inside(t.rows[i].label_at))
            .collect();
        rows.sort_by_key(|&i| {
            crate::template::table1::ROWS
                .iter()
                .position(|d| d.key == t.rows[i].key)
        });
        let want: usize = rows.iter().map(|&i| t.rows[i].expected).sum();
        if !words
            || numbers.is_empty()
            || numbers.len() != want
            || rows
                .iter()
                .any(|&i| t.rows[i].expected == 0 || t.rows[i].subtotal)
        {
            continue;
        }
        let mut filled = Vec::with_capacity(rows.len());
        let mut next = numbers.iter();
        for &i in &rows {
            let cells: Vec<RawCell> = next
                .by_ref()
                .take(t.rows[i].expected)
                .map(|c| RawCell {
                    start: c.start,
                    end: c.end,
                    parsed: parse(&text[c.start..c.end]),
                })
                .collect();
            filled.push((i, cells));
        }
        let conflict = filled.iter().any(|(i, cells)| {
            let o = &t.rows[*i];
            full(o)
                && (o.cells.len() != cells.len()
                    || o.cells.iter().zip(cells).any(|(a, b)| a.parsed != b.parsed))
        });
        if conflict {
            continue;
        }
        for (i, cells) in filled {
            let r = &mut t.rows[i];
            if !full(r) {
                r.tokens = cells.len();
                r.cells = cells;
                r.all_blank = false;
                r.unplaced = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators() {
        for w in [
            "一、本年",
            "（一）予以",
            "(2)重复",
            "1.属于",
            "3、其他",
            "１．属于",
        ] {
            assert!(enumerated(w), "{w}");
        }
        for w in ["三类内部", "总计", "1", "12", "第一项"] {
            assert!(!enumerated(w), "{w}");
        }
    }

    /// Rows in reading order: labels wrapped, the second's numbers before
    /// the first's label is over, a group label between.
    const PLAIN: &str = "一、本年新\n收政府信息\n二、上年结\n转政府信息\n\
        5\n1\n0\n0\n0\n0\n6\n0\n0\n0\n0\n0\n0\n0\n\
        三、本年度 （一）予以\n办理结果\n公开\n2\n1\n0\n0\n0\n0\n3\n";

    fn values(rows: &[RawRow]) -> Vec<(Row, Vec<Option<i64>>)> {
        rows.iter()
            .map(|r| {
                let v = r.cells.iter().map(|c| match c.parsed.val {
                    Val::Int(v) => Some(v),
                    _ => None,
                });
                (r.key, v.collect())
            })
            .collect()
    }

    #[test]
    fn whole_rows_in_reading_order() {
        let ls = crate::layout::lines(PLAIN);
        let rows = read(PLAIN, &ls, 0, ls.len()).expect("read");
        assert_eq!(
            values(&rows),
            [
                (Row::New, [5, 1, 0, 0, 0, 0, 6].map(Some).to_vec()),
                (Row::CarriedOver, [0; 7].map(Some).to_vec()),
                (Row::Granted, [2, 1, 0, 0, 0, 0, 3].map(Some).to_vec()),
            ]
        );
    }

    #[test]
    fn a_blank_cell_or_an_unsure_label_leaves_the_table_unread() {
        // One number fewer (a blank cell): no row is certain.
        let blank = PLAIN.replacen("1\n0\n0\n0\n0\n6", "1\n0\n0\n0\n6", 1);
        // Words and digits on one line.
        let mixed = PLAIN
            .replacen("公开\n", "公开 约\n", 1)
            .replacen("2\n1\n", "约2\n1\n", 1);
        // A label naming no row of the template.
        let unknown = PLAIN.replacen("（一）予以", "（九）其他", 1);
        for text in [blank, mixed, unknown] {
            let ls = crate::layout::lines(&text);
            assert!(read(&text, &ls, 0, ls.len()).is_none(), "{text}");
        }
    }

    #[test]
    fn pieces_name_rows() {
        assert!(matches!(names("（二）部分", false), Names::Row(_)));
        assert!(matches!(names("三、", false), Names::Group));
        assert!(matches!(names("（三）不予", false), Names::Group));
        assert!(matches!(names("（一）", false), Names::Unsure));
        assert!(matches!(names("（六）其他", true), Names::Group));
        assert!(matches!(names("（六）其他", false), Names::Row(_)));
    }
}
