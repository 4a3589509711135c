//! A PDF's text, rebuilt from the positions of its characters and the lines
//! drawn on its pages.
//!
//! A PDF holds no paragraphs or tables, only characters placed on a page and
//! lines drawn. [`pages_to_text`] rebuilds the text the checker reads best
//! (spec §8.4), the way [`crate::input::docx`] and [`crate::input::html`]
//! write it: one line per line of running text, one line per table row with
//! the cells joined by tabs (an empty cell where a column is blank; a cell
//! spanning columns or rows written as `grid` writes spans).
//!
//! * Tables with ruling lines ([`ruled`]): cells come from the lines, so a
//!   label wrapped over several lines stays one cell and every number is in
//!   the column whose borders hold it.
//! * Tables without ruling lines ([`unruled`]): the columns are the x-ranges
//!   of the header lines' parts; a number is written in a column only when
//!   it lies under that column's header and no other, otherwise it is left
//!   out (a blank cell), never guessed.
//! * Other text is written line by line, words apart where the gaps between
//!   them are wider than a word space.
//! * Running headers and footers (page numbers such as `- 4 -`, `第 4 页`,
//!   `4/6`; a browser's date line or address) are dropped, and a table
//!   continued on the next page loses its repeated header rows. A number
//!   alone is a page number only when the pages' numbers count on.
//!
//! No I/O here: natively the characters come from [`native`] (the command
//! line); in the web page, from pdf.js.

use serde::Deserialize;

mod columns;
mod furniture;
mod lines;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
mod ruled;
mod unruled;

use self::lines::{group_lines, join_lines, Glyph, Line};
use super::grid::{self, GridCell, GridRow, OutputKind, OutputLine};

/// A piece of text placed on a page, in PDF user space (origin at the
/// bottom left, y growing upwards): `x`, `y` is the start of the baseline.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TextItem {
    /// The text (one character, or a run set in one font).
    pub text: String,
    /// The start of the baseline.
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// The advance of the whole run.
    pub width: f64,
    /// The height of the run (0 when unknown: the font size is used).
    #[serde(default)]
    pub height: f64,
    /// The font size, scaled to the page.
    #[serde(default)]
    pub font_size: f64,
}

/// A straight line drawn on a page (a rectangle is given as its four sides,
/// or as one line along the middle of a thin one), in the same space as the
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Segment {
    /// Start.
    pub x0: f64,
    /// Start.
    pub y0: f64,
    /// End.
    pub x1: f64,
    /// End.
    pub y1: f64,
}

/// One page: its size, its text and its lines.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PdfPage {
    /// The page's width (0 when unknown).
    #[serde(default)]
    pub width: f64,
    /// The page's height (0 when unknown: taken from the text).
    #[serde(default)]
    pub height: f64,
    /// The text.
    #[serde(default)]
    pub items: Vec<TextItem>,
    /// The lines drawn.
    #[serde(default)]
    pub segments: Vec<Segment>,
}

impl PdfPage {
    /// Add a rectangle: a thin one (a border drawn as a filled bar) as the
    /// line along its middle, another as its four sides.
    pub fn add_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let (x0, x1) = (x.min(x + w), x.max(x + w));
        let (y0, y1) = (y.min(y + h), y.max(y + h));
        if y1 - y0 <= 2.0 {
            let m = f64::midpoint(y0, y1);
            self.segments.push(Segment {
                x0,
                y0: m,
                x1,
                y1: m,
            });
        } else if x1 - x0 <= 2.0 {
            let m = f64::midpoint(x0, x1);
            self.segments.push(Segment {
                x0: m,
                y0,
                x1: m,
                y1,
            });
        } else {
            for (a, b, c, d) in [
                (x0, y0, x1, y0),
                (x0, y1, x1, y1),
                (x0, y0, x0, y1),
                (x1, y0, x1, y1),
            ] {
                self.segments.push(Segment {
                    x0: a,
                    y0: b,
                    x1: c,
                    y1: d,
                });
            }
        }
    }
}

/// Characters a document may hold before the rest is ignored (no report
/// comes near; this bounds the work on a hostile file).
const MAX_GLYPHS: usize = 2_000_000;

/// What a page gives: running text lines and tables, top to bottom.
#[derive(Debug)]
enum Block {
    Line(Line),
    /// `full`: for each column of the last row, whether its text may go on
    /// below it (its last line reaches the cell's right border: it wraps).
    Table {
        rows: Vec<String>,
        xs: Vec<f64>,
        full: Vec<bool>,
    },
    /// A table without lines, read once all its pages are known.
    Unruled(Vec<unruled::Row>),
}

/// The text of a PDF's pages, as the checker reads it (see the module
/// documentation).
#[must_use]
pub fn pages_to_text(pages: &[PdfPage]) -> String {
    let mut budget = MAX_GLYPHS;
    let mut per_page: Vec<Vec<Block>> = Vec::with_capacity(pages.len());
    let mut heights = Vec::with_capacity(pages.len());
    let mut glyphs = Vec::with_capacity(pages.len());
    for page in pages {
        let g = glyphs_of(page, &mut budget);
        let height = if page.height > 0.0 && page.height.is_finite() {
            page.height
        } else {
            g.iter().map(|g| g.y + g.size).fold(0.0, f64::max)
        };
        heights.push(height);
        glyphs.push(g);
    }
    let numbered = furniture::page_numbers(
        &glyphs
            .iter()
            .map(|g| group_lines(g.clone()))
            .collect::<Vec<_>>(),
        &heights,
    );
    for (((page, g), &height), numbered) in pages.iter().zip(glyphs).zip(&heights).zip(&numbered) {
        per_page.push(page_blocks(page, g, height, numbered));
    }
    furniture::drop_furniture(&mut per_page, &heights);
    let mut out: Vec<String> = Vec::new();
    // The previous table's header rows and its last row's full cells, while
    // it may go on.
    let mut open: Option<(Vec<f64>, Vec<String>, Vec<bool>)> = None;
    // The table without lines being read, while it may go on.
    let mut unruled: Option<Vec<unruled::Row>> = None;
    for blocks in per_page {
        let mut first = true;
        for block in blocks {
            if let Block::Unruled(rows) = block {
                if let Some(pending) = unruled.as_mut().filter(|_| first) {
                    continue_unruled(pending, rows);
                } else {
                    flush(&mut out, &mut unruled);
                    unruled = Some(rows);
                }
                open = None;
                first = false;
                continue;
            }
            flush(&mut out, &mut unruled);
            match block {
                Block::Unruled(_) => {}
                Block::Line(l) => {
                    out.push(l.text());
                    open = None;
                }
                Block::Table { mut rows, xs, full } => {
                    if let Some((oxs, header, ofull)) = open.as_ref().filter(|_| first) {
                        if same_columns(oxs, &xs) {
                            let repeated = rows
                                .iter()
                                .zip(header)
                                .take_while(|(r, h)| r == h && !has_number(r))
                                .count();
                            rows.drain(..repeated);
                        }
                        // A row broken by the page: its rest, without numbers,
                        // in cells the row above has text in.
                        let carried = rows.first().and_then(|r| remap(r, &xs, oxs));
                        if let (Some(next), Some(last)) = (carried, out.last_mut()) {
                            if let Some(joined) = continue_row(last, &next, ofull) {
                                *last = joined;
                                rows.remove(0);
                            }
                        }
                    }
                    let header = rows.iter().take(4).cloned().collect();
                    out.extend(rows);
                    open = Some((xs, header, full));
                }
            }
            first = false;
        }
    }
    flush(&mut out, &mut unruled);
    let mut text = String::new();
    for line in out {
        let line = line.trim_end_matches([' ', '\u{3000}']);
        if line.trim().is_empty() {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// Write the table without lines being read, if any.
fn flush(out: &mut Vec<String>, pending: &mut Option<Vec<unruled::Row>>) {
    if let Some(t) = pending.take() {
        out.extend(columns::render(&t));
    }
}

/// A table without lines going on at the top of the next page: its rows
/// set right below the rows before, without the header repeated.
fn continue_unruled(pending: &mut Vec<unruled::Row>, mut rows: Vec<unruled::Row>) {
    let header: Vec<String> = pending
        .iter()
        .take_while(|r| !has_number(&r.text()))
        .map(unruled::Row::text)
        .collect();
    let repeated = rows
        .iter()
        .zip(&header)
        .take_while(|(r, h)| r.text() == **h)
        .count();
    rows.drain(..repeated);
    let (Some(last), Some(next)) = (pending.last(), rows.first()) else {
        return;
    };
    let shift = last.bottom - 0.3 * last.size - next.top;
    for r in &mut rows {
        r.top += shift;
        r.bottom += shift;
    }
    pending.extend(rows);
}

/// Whether two tables' column borders are the same.
fn same_columns(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 2.0)
}

/// A row of a table with column borders `from`, written in the columns
/// `to` of the table it goes on from: each cell with text must lie within
/// one column of `to`.
fn remap(row: &str, from: &[f64], to: &[f64]) -> Option<String> {
    let mut cells = vec![String::new(); to.len().saturating_sub(1)];
    for (j, cell) in row.split('\t').enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        let (a, b) = (*from.get(j)?, *from.get(j + 1)?);
        let i = (0..cells.len()).find(|&i| to[i] <= a + 2.0 && b <= to[i + 1] + 2.0)?;
        if !cells[i].is_empty() {
            return None;
        }
        cells[i] = cell.to_string();
    }
    Some(cells.join("\t"))
}

/// The row `last` with the rest of its cells' text from `next`, when `next`
/// is a row's part carried over to the next page: no numbers, the same
/// cells, and text only where `last` has text that wraps (`full`: its last
/// line reaches the cell's border), so a short label above a row that starts
/// the next page is not taken for a broken one.
fn continue_row(last: &str, next: &str, full: &[bool]) -> Option<String> {
    let a: Vec<&str> = last.split('\t').collect();
    let b: Vec<&str> = next.split('\t').collect();
    let fits = a.len() == b.len()
        && !has_number(next)
        && b.iter().any(|c| !c.trim().is_empty())
        && a.iter().zip(&b).enumerate().all(|(j, (x, y))| {
            y.trim().is_empty() || (!x.trim().is_empty() && full.get(j) == Some(&true))
        });
    if !fits {
        return None;
    }
    let cells: Vec<String> = a
        .iter()
        .zip(&b)
        .map(|(x, y)| {
            let (x, y) = (x.trim(), y.trim());
            let space = x.chars().last().is_some_and(|c| !lines::is_cjk(c))
                && y.chars().next().is_some_and(|c| !lines::is_cjk(c));
            format!("{x}{}{y}", if space && !y.is_empty() { " " } else { "" })
        })
        .collect();
    Some(cells.join("\t"))
}

/// Whether a row has a cell that is a number, in any digits (a data row,
/// never a header to drop nor the rest of a row broken by the page).
fn has_number(row: &str) -> bool {
    row.split('\t').any(|c| {
        let c = c.trim();
        c.chars().any(char::is_numeric)
            && c.chars()
                .all(|ch| ch.is_numeric() || matches!(ch, '.' | '．' | ',' | '，' | '-'))
    })
}

/// The page's items as characters, each with its own extent (a run is
/// shared out in proportion to its characters).
fn glyphs_of(page: &PdfPage, budget: &mut usize) -> Vec<Glyph> {
    let mut out = Vec::new();
    for item in &page.items {
        let n = item.text.chars().count();
        if n == 0 || n > *budget {
            continue;
        }
        let vals = [item.x, item.y, item.width, item.height, item.font_size];
        if vals.iter().any(|v| !v.is_finite()) {
            continue;
        }
        *budget -= n;
        let size = if item.font_size > 0.5 {
            item.font_size
        } else if item.height > 0.5 {
            item.height
        } else {
            10.0
        };
        let width = if item.width > 0.0 {
            item.width
        } else {
            size * n as f64
        };
        let step = width / n as f64;
        for (i, c) in item.text.chars().enumerate() {
            if c.is_control() {
                continue;
            }
            let x0 = item.x + step * i as f64;
            out.push(Glyph {
                c,
                x0,
                x1: x0 + step,
                y: item.y,
                size,
            });
        }
    }
    out
}

/// A page's text lines and tables, top to bottom.
fn page_blocks(page: &PdfPage, glyphs: Vec<Glyph>, height: f64, numbered: &[f64]) -> Vec<Block> {
    let tables = ruled::tables(&page.segments);
    let mut in_table: Vec<Vec<Vec<Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut free = Vec::new();
    for g in glyphs {
        let spot = tables
            .iter()
            .enumerate()
            .find_map(|(k, t)| t.cell_at(g.mid_x(), g.mid_y()).map(|c| (k, c)));
        match spot {
            Some((k, c)) => in_table[k][c].push(g),
            None => free.push(g),
        }
    }
    let mut blocks: Vec<(f64, Block)> = Vec::new();
    for (t, cells) in tables.iter().zip(in_table) {
        if cells.iter().all(Vec::is_empty) {
            continue;
        }
        let last_row = t.ys.len().saturating_sub(2);
        let mut full = vec![false; t.xs.len().saturating_sub(1)];
        let mut texts = Vec::with_capacity(cells.len());
        for (s, gs) in t.cells.iter().zip(cells) {
            let lines = group_lines(gs);
            if s.row + s.rows > last_row {
                if let (Some(line), Some(slot), Some(&right)) =
                    (lines.last(), full.get_mut(s.col), t.xs.get(s.col + s.cols))
                {
                    let end = line.glyphs.iter().map(|g| g.x1).fold(f64::MIN, f64::max);
                    let size = line.glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
                    *slot = end >= right - 2.0 * size;
                }
            }
            texts.push(join_lines(&lines));
        }
        let rows = render_ruled(t, &texts);
        blocks.push((
            t.ys[0],
            Block::Table {
                rows,
                xs: t.xs.clone(),
                full,
            },
        ));
    }
    // A browser's date line or address and a page number are dropped before
    // the lines outside ruled tables are read: their parts set far apart
    // would otherwise be taken for the header of a table without rules.
    let mut free = group_lines(free);
    free.retain(|l| !furniture::is_margin_mark(l, height, numbered));
    for (top, piece) in unruled::pieces(&free) {
        let block = match piece {
            unruled::Piece::Line(line) => Block::Line(line),
            unruled::Piece::Table(rows) => Block::Unruled(rows),
        };
        blocks.push((top, block));
    }
    blocks.sort_by(|a, b| b.0.total_cmp(&a.0));
    blocks.into_iter().map(|(_, b)| b).collect()
}

/// Write a ruled table's rows the way `grid` writes tables.
fn render_ruled(t: &ruled::Ruled, texts: &[String]) -> Vec<String> {
    let nrows = t.ys.len() - 1;
    let mut rows: Vec<GridRow> = (0..nrows).map(|_| GridRow::default()).collect();
    let mut order: Vec<usize> = (0..t.cells.len()).collect();
    order.sort_by_key(|&k| (t.cells[k].row, t.cells[k].col));
    for k in order {
        let s = t.cells[k];
        rows[s.row].cells.push(GridCell {
            lines: vec![OutputLine {
                text: texts[k].clone(),
                node: 0,
                kind: OutputKind::Text,
                link: false,
            }],
            nested: false,
            colspan: s.cols,
            rowspan: s.rows,
        });
    }
    let mut budget = 100_000;
    let mut out = Vec::new();
    grid::render_table(rows, &mut budget, &mut out);
    out.into_iter().map(|l| l.text).collect()
}

#[cfg(test)]
mod tests;
