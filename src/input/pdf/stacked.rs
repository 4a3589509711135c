//! Tables without ruling lines whose labels wrap in narrow cells: a row's
//! label is a block of short lines in its column, and its numbers sit on
//! one line beside it, at the label's first line (cells aligned at the top)
//! or its middle (cells centred vertically).
//!
//! * A row: a line with numbers and, left of them, nothing but label text.
//!   Rows in a run, with only label lines between them (nothing reaching
//!   the numbers), make a table.
//! * Label columns: the label pieces (split where adjacent cells' texts
//!   meet) grouped by overlapping x-extent, a piece over two columns in a
//!   column of its own; in a column, pieces less than two lines apart are
//!   one label, split at each row when rows are set that close.
//! * A row's label: in the right-most column holding a label aligned with
//!   the row's numbers (its first line or its middle at theirs), that one
//!   label, when no other label there is aligned with them, no other row
//!   takes it, and no label right of it overlaps the row. Labels spanning
//!   rows (a group such as （三）不予公开) are left out: the rows' own
//!   labels name them.
//! * A row's numbers: with as many as the table's fullest rows, in order;
//!   with fewer, each in the column of the fullest rows it lies under,
//!   when every full row puts it in the same column.
//!
//! * A row's label broken off by the page goes on with the label lines at
//!   the top of the next page, in the same column, above its first row.
//!
//! Whatever is not certain is written as it reads (its numbers unplaced),
//! never guessed; the table's lines are written as they read when no row
//! is certain.

use super::lines::{is_cjk, words, Glyph, Line, Word};
use super::unruled::is_value;

/// Pieces of one label at most this many font sizes apart (baseline to
/// baseline) are one label; rows are set further apart.
const LABEL_PITCH: f64 = 2.0;

/// A gap of this many font sizes after a Chinese character, within a part,
/// separates two cells' texts.
const CELL_APART: f64 = 0.2;

/// Label pieces a table may have before it is written as it reads (this
/// bounds the work on a hostile file).
const MAX_PIECES: usize = 2_000;

/// Label lines a table may take above its first row and below its last.
const MAX_LABEL_LINES: usize = 40;

/// Lines of a table are at most this many font sizes apart.
const ROW_GAP: f64 = 3.5;

/// How near (in font sizes) a label's first line or middle must be to a
/// row's numbers to be aligned with them.
const ALIGN: f64 = 0.35;

/// A table found in a page's lines: the lines `start..end` it replaces and
/// its rows.
pub(crate) struct Stacked {
    pub start: usize,
    pub end: usize,
    pub rows: Vec<String>,
    /// Label lines at the top of the page, above the first row and apart
    /// from it: the rest of a label the page before broke off (its text
    /// and x-extent).
    pub lead: Option<(String, f64, f64)>,
    /// The x-extent of the last row's label when it ends at the page's
    /// last line: the row may go on on the next page.
    pub tail: Option<(f64, f64)>,
    /// How many rows it placed.
    pub placed: usize,
}

/// A line's role.
struct Role {
    /// The middle of the line, and its font size.
    mid: f64,
    size: f64,
    /// Values, left to right, when the line is a row: values, and nothing
    /// but label text left of them.
    values: Option<Vec<Word>>,
    /// The other parts.
    labels: Vec<Word>,
    /// Text right of a value: neither a row nor a label line.
    mixed: bool,
}

impl Role {
    fn new(line: &Line, parts: &[Word]) -> Role {
        let size = line.glyphs.iter().map(|g| g.size).fold(1.0, f64::max);
        let mid = f64::midpoint(line.top, line.bottom);
        let (values, labels): (Vec<Word>, Vec<Word>) =
            parts.iter().cloned().partition(|w| is_value(&w.text));
        let labels: Vec<Word> = labels.iter().flat_map(|w| cells(line, w)).collect();
        let first = values.first().map_or(f64::MAX, |w| w.x0);
        let mixed = labels.iter().any(|l| l.x1 > first + 0.1 * size);
        Role {
            mid,
            size,
            values: (!values.is_empty() && !mixed).then_some(values),
            labels,
            mixed,
        }
    }

    /// Where the row's numbers start.
    fn first_value(&self) -> Option<f64> {
        self.values.as_ref().and_then(|v| v.first()).map(|w| w.x0)
    }

    /// A label line: no value, every part ending left of `x`.
    fn left_of(&self, x: f64) -> bool {
        !self.mixed
            && self.values.is_none()
            && self.labels.iter().all(|w| w.x1 <= x + 0.5 * self.size)
    }
}

/// A label part split where its characters are set apart after a Chinese
/// one (adjacent cells' texts close together: 三、本年度 | （一）予以公),
/// unless that would make a number of a piece.
fn cells(line: &Line, part: &Word) -> Vec<Word> {
    let glyphs: Vec<&Glyph> = line
        .glyphs
        .iter()
        .filter(|g| g.mid_x() >= part.x0 && g.mid_x() <= part.x1)
        .collect();
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for &g in &glyphs {
        // A space drawn between them: a word space, not a cell's border.
        let apart = prev.is_some_and(|p| {
            is_cjk(p.c)
                && !p.c.is_whitespace()
                && !g.c.is_whitespace()
                && g.x0 - p.x1 > CELL_APART * p.size.max(g.size)
        });
        match runs.last_mut() {
            Some(run) if !apart => run.push(g.clone()),
            _ => runs.push(vec![g.clone()]),
        }
        prev = Some(g);
    }
    let out: Vec<Word> = runs
        .iter()
        .filter_map(|run| {
            let ws = words(run);
            let text = ws
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            Some(Word {
                text,
                x0: ws.first()?.x0,
                x1: ws.last()?.x1,
            })
        })
        .collect();
    if out.len() < 2 || out.iter().any(|w| is_value(&w.text)) {
        return vec![part.clone()];
    }
    out
}

/// The tables of wrapped labels among a page's lines (`split`: each line's
/// parts).
pub(crate) fn tables(lines: &[Line], split: &[Vec<Word>]) -> Vec<Stacked> {
    let roles: Vec<Role> = lines
        .iter()
        .zip(split)
        .map(|(l, p)| Role::new(l, p))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < roles.len() {
        let Some(fv) = roles[i].first_value() else {
            i += 1;
            continue;
        };
        // The run of rows from line i: rows with only label lines between
        // them, each left of the numbers on both sides and near the next.
        let mut anchors = vec![i];
        let mut last = i;
        let mut k = i + 1;
        while k < roles.len() {
            let Some(n) = (k..roles.len()).find(|&n| roles[n].values.is_some()) else {
                break;
            };
            let prev = roles[last].first_value().unwrap_or(fv);
            let limit = prev.max(roles[n].first_value().unwrap_or(prev));
            let near = (k..=n).all(|m| roles[m - 1].mid - roles[m].mid <= ROW_GAP * roles[m].size);
            if !near || !(k..n).all(|m| roles[m].left_of(limit)) {
                break;
            }
            anchors.push(n);
            last = n;
            k = n + 1;
        }
        // Label lines just above the first row and below the last one.
        let mut start = i;
        while start > 0
            && i - start < MAX_LABEL_LINES
            && roles[start - 1].left_of(fv)
            && roles[start - 1].mid - roles[start].mid <= LABEL_PITCH * roles[start].size
        {
            start -= 1;
        }
        let last_fv = roles[last].first_value().unwrap_or(fv);
        let mut end = last + 1;
        while end < roles.len()
            && end - last <= MAX_LABEL_LINES
            && roles[end].left_of(last_fv)
            && roles[end - 1].mid - roles[end].mid <= LABEL_PITCH * roles[end].size
        {
            end += 1;
        }
        let widest = anchors
            .iter()
            .filter_map(|&a| roles[a].values.as_ref().map(Vec::len))
            .max()
            .unwrap_or(0);
        if widest >= 1 {
            if let Some(Read { rows, tail, placed }) = read(lines, &roles[start..end], start) {
                let lead = if out.is_empty() {
                    lead(&roles[..start], &roles[start], fv)
                } else {
                    None
                };
                out.push(Stacked {
                    start: if lead.is_some() { 0 } else { start },
                    end,
                    rows,
                    lead,
                    tail: tail.filter(|_| end == roles.len()),
                    placed,
                });
                i = end;
                continue;
            }
        }
        i = last + 1;
    }
    out
}

/// The lines above a table at the top of a page, when they are the rest of
/// a label: each one piece of text in one column, left of the numbers,
/// near each other and the table.
fn lead(above: &[Role], first: &Role, fv: f64) -> Option<(String, f64, f64)> {
    if above.is_empty() || above.len() > 6 {
        return None;
    }
    let mut text = String::new();
    let (mut x0, mut x1) = (f64::MAX, f64::MIN);
    for (k, r) in above.iter().enumerate() {
        let next = above.get(k + 1).unwrap_or(first);
        let [w] = r.labels.as_slice() else {
            return None;
        };
        let apart = r.mid - next.mid > ROW_GAP * r.size;
        let column = k == 0 || (w.x0 < x1 && x0 < w.x1);
        if !r.left_of(fv) || apart || !column {
            return None;
        }
        let space = text.chars().last().is_some_and(|c| !is_cjk(c))
            && w.text.chars().next().is_some_and(|c| !is_cjk(c));
        if space {
            text.push(' ');
        }
        text.push_str(&w.text);
        x0 = x0.min(w.x0);
        x1 = x1.max(w.x1);
    }
    Some((text, x0, x1))
}

/// What [`read`] gives: the rows, the x-extent of the last row's label
/// when it ends on the table's last line, how many rows are certain.
struct Read {
    rows: Vec<String>,
    tail: Option<(f64, f64)>,
    placed: usize,
}

/// A label piece.
struct Piece<'a> {
    word: &'a Word,
    line: usize,
    mid: f64,
    size: f64,
}

/// A label: pieces of one column, top to bottom.
struct Label {
    text: String,
    /// The middles of its first and last lines.
    top: f64,
    bottom: f64,
    x0: f64,
    x1: f64,
    size: f64,
    taken: usize,
    /// The line of its last piece.
    last: usize,
    /// Whether it may be a row's label.
    valid: bool,
}

/// The labels of one column (`rows`: which lines are rows). Pieces near
/// each other are one label, except that pieces on two rows' lines are two
/// labels: when the first piece is on a row's line, the label is split at
/// each row (cells aligned at the top, set close); otherwise it is no
/// row's label.
fn labels(mut pieces: Vec<&Piece>, rows: &[bool]) -> Option<Vec<Label>> {
    pieces.sort_by(|a, b| b.mid.total_cmp(&a.mid));
    let mut groups: Vec<Vec<&Piece>> = Vec::new();
    let mut prev: Option<&Piece> = None;
    for p in pieces {
        // Two pieces of one line in one column: the columns are not clear.
        if prev.is_some_and(|q| q.line == p.line) {
            return None;
        }
        let joined = prev.is_some_and(|q| q.mid - p.mid <= LABEL_PITCH * p.size.max(q.size));
        match groups.last_mut() {
            Some(g) if joined => g.push(p),
            _ => groups.push(vec![p]),
        }
        prev = Some(p);
    }
    let on_row = |p: &Piece| rows.get(p.line).copied().unwrap_or(false);
    let mut out = Vec::new();
    for g in groups {
        let n = g.iter().filter(|p| on_row(p)).count();
        if n < 2 {
            out.push(label(&g, true));
        } else if on_row(g[0]) {
            let mut part: Vec<&Piece> = Vec::new();
            for p in g {
                if on_row(p) && !part.is_empty() {
                    out.push(label(&part, true));
                    part.clear();
                }
                part.push(p);
            }
            out.push(label(&part, true));
        } else {
            out.push(label(&g, false));
        }
    }
    Some(out)
}

/// One label of pieces, top to bottom (`valid`: it may be a row's).
fn label(pieces: &[&Piece], valid: bool) -> Label {
    let mut l = Label {
        text: String::new(),
        top: pieces.first().map_or(0.0, |p| p.mid),
        bottom: pieces.last().map_or(0.0, |p| p.mid),
        x0: f64::MAX,
        x1: f64::MIN,
        size: pieces.iter().map(|p| p.size).fold(1.0, f64::max),
        taken: 0,
        last: pieces.last().map_or(0, |p| p.line),
        valid,
    };
    for p in pieces {
        let space = l.text.chars().last().is_some_and(|c| !is_cjk(c))
            && p.word.text.chars().next().is_some_and(|c| !is_cjk(c));
        if space {
            l.text.push(' ');
        }
        l.text.push_str(&p.word.text);
        l.x0 = l.x0.min(p.word.x0);
        l.x1 = l.x1.max(p.word.x1);
    }
    l
}

impl Label {
    fn aligned(&self, y: f64, size: f64) -> bool {
        if !self.valid {
            return false;
        }
        let tol = ALIGN * size.max(self.size);
        (self.top - y).abs() <= tol || (f64::midpoint(self.top, self.bottom) - y).abs() <= tol
    }

    fn overlaps(&self, y: f64, size: f64) -> bool {
        let pad = 0.6 * size.max(self.size);
        y <= self.top + pad && y >= self.bottom - pad
    }
}

/// The rows of a table (`roles`: its lines, the first being line `offset`
/// of the page), and the x-extent of the last row's label when it ends on
/// the table's last line; `None` when its label columns are not clear.
fn read(lines: &[Line], roles: &[Role], offset: usize) -> Option<Read> {
    let pieces: Vec<Piece> = roles
        .iter()
        .enumerate()
        .flat_map(|(n, r)| {
            r.labels.iter().map(move |w| Piece {
                word: w,
                line: n,
                mid: r.mid,
                size: r.size,
            })
        })
        .collect();
    // Columns: pieces overlapping in x, left to right; a piece over two
    // columns (a label spanning them) in columns of such pieces.
    if pieces.len() > MAX_PIECES {
        return None;
    }
    let overlap = |a: &Word, b: &Word| a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5;
    // Two pieces under it side by side: the one ending first ends before
    // the one starting last starts.
    let spans = |p: &Piece| {
        let (mut end, mut start) = (f64::MAX, f64::MIN);
        for q in pieces
            .iter()
            .filter(|q| q.line != p.line && overlap(p.word, q.word))
        {
            end = end.min(q.word.x1);
            start = start.max(q.word.x0);
        }
        end <= start + 0.5
    };
    let (wide, narrow): (Vec<&Piece>, Vec<&Piece>) = pieces.iter().partition(|p| spans(p));
    let mut columns: Vec<(f64, Vec<&Piece>)> = Vec::new();
    for mut group in [narrow, wide] {
        group.sort_by(|a, b| a.word.x0.total_cmp(&b.word.x0));
        let mut merged: Vec<(f64, Vec<&Piece>)> = Vec::new();
        for p in group {
            match merged.last_mut() {
                Some((x1, ps)) if p.word.x0 < *x1 - 0.5 => {
                    *x1 = x1.max(p.word.x1);
                    ps.push(p);
                }
                _ => merged.push((p.word.x1, vec![p])),
            }
        }
        columns.extend(merged);
    }
    // Right to left: a row's own label is the right-most aligned with it.
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    let rows: Vec<bool> = roles.iter().map(|r| r.values.is_some()).collect();
    let mut columns: Vec<Vec<Label>> = columns
        .into_iter()
        .map(|(_, ps)| labels(ps, &rows))
        .collect::<Option<_>>()?;

    // Each row's label: (column, label) or none.
    let anchors: Vec<usize> = (0..roles.len())
        .filter(|&n| roles[n].values.is_some())
        .collect();
    let chosen: Vec<Option<(usize, usize)>> = anchors
        .iter()
        .map(|&a| {
            let pick = own_label(&columns, &roles[a]);
            if let Some((c, l)) = pick {
                columns[c][l].taken += 1;
            }
            pick
        })
        .collect();

    // The numbers' columns, from the fullest rows.
    // Rows of dashes alone (a rule typed under the table) do not count.
    let counted = || {
        anchors
            .iter()
            .filter_map(|&a| roles[a].values.as_ref())
            .filter(|v| v.iter().any(|w| w.text.chars().any(char::is_numeric)))
    };
    let widest = counted().map(Vec::len).max()?;
    let full: Vec<Vec<f64>> = counted()
        .filter(|v| v.len() == widest)
        .map(|v| v.iter().map(|w| f64::midpoint(w.x0, w.x1)).collect())
        .collect();

    let mut rows = Vec::with_capacity(anchors.len());
    let mut tail = None;
    let mut placed = 0;
    for (&a, pick) in anchors.iter().zip(&chosen) {
        let r = &roles[a];
        let values = r.values.as_ref()?;
        let label = pick.map(|(c, l)| &columns[c][l]).filter(|l| l.taken == 1);
        let cells = slots(values, &full, widest);
        tail = None;
        match (label, cells) {
            (Some(label), Some(cells)) => {
                if label.last + 1 == roles.len() {
                    tail = Some((label.x0, label.x1));
                }
                placed += 1;
                let mut row = label.text.clone();
                for c in cells {
                    row.push('\t');
                    row.push_str(c.map_or("", |w| w.text.as_str()));
                }
                rows.push(row);
            }
            _ => rows.push(lines[offset + a].text()),
        }
    }
    // No row read: the lines are not a table of this kind.
    if placed == 0 {
        return None;
    }
    Some(Read { rows, tail, placed })
}

/// A row's own label (column, label): in the right-most column with a
/// label aligned with the row, when only one there is and no label right of
/// it overlaps the row.
fn own_label(columns: &[Vec<Label>], r: &Role) -> Option<(usize, usize)> {
    let fv = r.first_value().unwrap_or(f64::MAX);
    for (c, col) in columns.iter().enumerate().rev() {
        let left: Vec<usize> = (0..col.len())
            .filter(|&l| col[l].x1 <= fv + 0.1 * r.size)
            .collect();
        let aligned: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&l| col[l].aligned(r.mid, r.size))
            .collect();
        match aligned.as_slice() {
            [l] => return Some((c, *l)),
            // A label right of the row's own that overlaps it: the row's
            // label is not clear.
            [] if !left.iter().any(|&l| col[l].overlaps(r.mid, r.size)) => {}
            _ => return None,
        }
    }
    None
}

/// A row's values in the table's `widest` columns: in order when it has as
/// many; otherwise each in the column every full row puts it in (the
/// nearest centre, nearer than half the gap to the next), `None` when that
/// is not the same for all full rows.
fn slots<'a>(
    values: &'a [Word],
    full: &[Vec<f64>],
    widest: usize,
) -> Option<Vec<Option<&'a Word>>> {
    if values.len() == widest {
        return Some(values.iter().map(Some).collect());
    }
    let mut found: Option<Vec<usize>> = None;
    for pattern in full {
        let mut at = Vec::with_capacity(values.len());
        for w in values {
            let x = f64::midpoint(w.x0, w.x1);
            let k = (0..pattern.len()).find(|&k| {
                let gap = |j: usize| (pattern[j] - pattern[k]).abs();
                let near = [k.checked_sub(1), (k + 1 < pattern.len()).then_some(k + 1)]
                    .into_iter()
                    .flatten()
                    .map(gap)
                    .fold(f64::MAX, f64::min);
                (x - pattern[k]).abs() < 0.4 * near
            })?;
            at.push(k);
        }
        if at.windows(2).any(|p| p[0] >= p[1]) {
            return None;
        }
        match &found {
            Some(f) if *f != at => return None,
            _ => found = Some(at),
        }
    }
    let at = found?;
    let mut cells = vec![None; widest];
    for (w, k) in values.iter().zip(at) {
        cells[k] = Some(w);
    }
    Some(cells)
}

#[cfg(test)]
#[path = "stacked_tests.rs"]
mod tests;
