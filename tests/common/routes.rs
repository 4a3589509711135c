//! Comparing the cells read from a rendition of a fixture (PDF text, a
//! markdown conversion, a Word file) with the cells read from the fixture
//! itself. Shared by `tests/routes.rs`.
#![allow(dead_code)]

use std::fmt::Write as _;

use xxgk::{check, Cell, Options, Report, TableId};

/// Counts of cells over one or more fixtures.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// The fixture's number, in its row and column.
    pub right: usize,
    /// A fixture number not read there (unreadable, blank, row not found).
    pub unread: usize,
    /// Another number than the fixture's in a cell (or a number where the
    /// fixture has none).
    pub misplaced: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.right += o.right;
        self.unread += o.unread;
        self.misplaced += o.misplaced;
    }
}

fn value(c: Option<&Cell>) -> Option<String> {
    c.and_then(|c| c.value.as_ref()).map(|v| format!("{v:?}"))
}

/// Compare a row's cells. `unplaced`: the row was read with another number
/// of cells than the template's (ROW-CELLS), so its numbers have no
/// certain column: they count as not placed, whatever they are.
fn compare_cells(
    what: &str,
    want: Option<&[Cell]>,
    got: Option<&[Cell]>,
    unplaced: bool,
    counts: &mut Counts,
    log: &mut String,
) {
    let got = if unplaced { None } else { got };
    let n = want
        .map_or(0, <[Cell]>::len)
        .max(got.map_or(0, <[Cell]>::len));
    for i in 0..n {
        let w = value(want.and_then(|c| c.get(i)));
        let g = value(got.and_then(|c| c.get(i)));
        match (w, g) {
            (None, None) => {}
            (Some(w), Some(g)) if w == g => counts.right += 1,
            (Some(_), None) => counts.unread += 1,
            (w, g) => {
                counts.misplaced += 1;
                writeln!(log, "  {what}[{i}]: want {w:?}, got {g:?}").unwrap();
            }
        }
    }
}

/// Compare every table cell of `got` with the fixture's report `want`.
pub fn compare(want: &Report, got: &Report, log: &mut String) -> Counts {
    let mut c = Counts::default();
    let unplaced = |table: TableId, row: Option<&str>| {
        got.diagnostics.iter().any(|d| {
            d.code == "ROW-CELLS"
                && d.cell
                    .as_ref()
                    .is_some_and(|c| c.table == table && c.row == row)
        })
    };
    for (name, table, w, g) in [
        (
            "表一",
            TableId::Active,
            &want.tables.active,
            &got.tables.active,
        ),
        (
            "表二",
            TableId::Applications,
            &want.tables.applications,
            &got.tables.applications,
        ),
    ] {
        let mut keys: Vec<&str> = Vec::new();
        for rows in [w, g].into_iter().flatten() {
            for (k, _) in &rows.0 {
                if !keys.contains(k) {
                    keys.push(k);
                }
            }
        }
        for k in keys {
            // A row the fixture's own text leaves unplaced (its numbers
            // known, their columns not written): those numbers are the truth.
            let kept = want
                .tables
                .unplaced
                .iter()
                .find(|u| u.table == table && u.row == Some(k))
                .map(|u| u.cells.as_slice());
            compare_cells(
                &format!("{name}「{k}」"),
                w.as_ref().and_then(|r| r.get(k)).or(kept),
                g.as_ref().and_then(|r| r.get(k)),
                unplaced(table, Some(k)),
                &mut c,
                log,
            );
        }
    }
    compare_cells(
        "表三",
        want.tables.review.as_deref(),
        got.tables.review.as_deref(),
        unplaced(TableId::Review, None),
        &mut c,
        log,
    );
    c
}

/// Check both texts and compare their cells.
pub fn compare_texts(fixture: &str, rendition: &str, log: &mut String) -> Counts {
    let o = Options::default();
    compare(&check(fixture, &o), &check(rendition, &o), log)
}

/// The fixture's tables as markdown, the way conversion tools write them:
/// `style` 0 keeps the fixture's header rows; 1 writes header rows as loose
/// lines and gives each run of data rows an invented header (`数据1 …
/// 数据N`); 2 writes one table per data row, each under
/// its own invented header, with the row's label on a line of its own
/// before it.
pub fn markdown(text: &str, style: u8) -> String {
    let mut out = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if !line.contains('\t') {
            in_table = false;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let numeric = cells
            .iter()
            .any(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
        let invented = |n: usize| {
            let mut h = String::from("| 项目 |");
            for i in 1..n {
                write!(h, " 数据{i} |").unwrap();
            }
            h.push('\n');
            h.push_str(&"| --- ".repeat(n));
            h.push_str("|\n");
            h
        };
        let row = |cells: &[&str]| {
            let mut r = String::from("|");
            for c in cells {
                write!(r, " {c} |").unwrap();
            }
            r.push('\n');
            r
        };
        match style {
            0 => {
                out.push_str(&row(&cells));
                if !in_table {
                    out.push_str(&"| --- ".repeat(cells.len()));
                    out.push_str("|\n");
                }
            }
            1 => {
                if !numeric {
                    // Header and caption rows become loose lines of words.
                    out.push_str(&cells.join(" "));
                    out.push('\n');
                    in_table = false;
                    continue;
                }
                if !in_table {
                    out.push_str(&invented(cells.len()));
                }
                out.push_str(&row(&cells));
            }
            _ => {
                if !numeric {
                    out.push_str(&cells.join(" "));
                    out.push('\n');
                    continue;
                }
                // The label on its own line, then a table of the numbers.
                let first = cells.iter().position(|c| {
                    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                });
                let (labels, values) = cells.split_at(first.unwrap_or(cells.len()));
                out.push('\n');
                out.push_str(&labels.join(" "));
                out.push_str("\n\n");
                out.push_str(&invented(values.len() + 1));
                let mut r = String::from("| |");
                for c in values {
                    write!(r, " {c} |").unwrap();
                }
                r.push('\n');
                out.push_str(&r);
                out.push('\n');
            }
        }
        in_table = true;
    }
    out
}

/// One table row of counts, for the quality table.
pub fn row(route: &str, c: Counts) -> String {
    format!("| {route} | {} | {} | {} |", c.right, c.unread, c.misplaced)
}
