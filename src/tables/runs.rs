//! Runs of digits that lost their cell boundaries (spec §8.4).
//!
//! Text crawled from a web page or copied from some PDFs keeps a row's
//! label and its numbers but loses every boundary between the cells:
//! `一、本年新收政府信息公开申请数量352001038`. Such a run stands where a
//! row's cells should be: glued to the label, as the row's only number, or
//! after table 3's header. Tables 2 and 3 are then split jointly by their
//! relations ([`crate::solve`]): the cells of a run get values only when
//! exactly one reading of all the table's runs satisfies T2-ROW, T2-SUM and
//! T2-BAL (table 2) or T3-REV, T3-LIT1 and T3-LIT2 (table 3). Table 1 has no
//! relations: a run standing alone as a row's only number is split only when
//! it has exactly one digit per cell; digits glued to a table 1 label stay
//! unread (CELL-MERGED).
//!
//! Before the tables are read, [`cut_lines`] cuts a line where one row's run
//! runs into the next row's label (`…数量352001038二、上年结转…`), so that each
//! row starts a line of its own; the cut lines are byte ranges of the same
//! text, so every cell keeps the exact span of its digits.
//!
//! The joint split is in builds with the feature `digit-runs` (the default,
//! the npm package's module, the page's other modules). The page's checker
//! is built without it: a text with a run for tables 2 or 3 is then read
//! without splitting, and [`Read::deferred`] tells the page to check that
//! text again with the module that has the solver (`www/pkg/xxgk_runs.js`).

use super::place::value;
use super::{RawCell, RawReview, RawRow, RawTable, Read};
use crate::model::{TableId, Template};
use crate::range::ByteRange;
#[cfg(feature = "digit-runs")]
use crate::solve::{split, SplitOptions};
use crate::solve::{split_forced, Count, Model, Relation, Split};
use crate::template::{table2, table3, Format, Row};
use crate::text::fold;
use crate::value::{Parsed, Val};

/// What became of a run of digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Exactly one reading fits: the relations that separated it.
    Unique(Vec<&'static str>),
    /// One digit per cell, in a table without relations.
    Forced,
    /// Several readings fit.
    Ambiguous(Count),
    /// No reading fits.
    Inconsistent,
    /// The search was too long, or a number too large.
    GaveUp,
}

/// A run of digits found where a row's cells should be, and its fate.
#[derive(Debug, Clone)]
pub struct RunNote {
    pub table: TableId,
    /// The row (tables 1 and 2).
    pub row: Option<Row>,
    /// Where the digits are (first to last digit).
    pub at: ByteRange,
    /// The digits, in ASCII.
    pub digits: String,
    /// How many cells the run stands for.
    pub cells: usize,
    pub outcome: Outcome,
    /// The values read, when the outcome is unique or forced.
    pub values: Vec<i64>,
    /// Several readings fit: how many cells at the run's start and end
    /// every reading agrees on (they are filled, the others stay unread).
    pub agreed: usize,
}

/// A cell whose value was separated from a run by the relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub table: TableId,
    pub row: Option<Row>,
    pub column: usize,
    /// Relation ids (`T2-ROW` …) that fixed the run.
    pub relations: Vec<&'static str>,
}

/// The digits of a range: ASCII text and the byte span of each digit.
/// `None` when the range holds anything but digits and spaces.
fn digits(text: &str, at: ByteRange) -> Option<(String, Vec<ByteRange>)> {
    let s = text.get(at.start..at.end)?;
    let mut out = String::new();
    let mut spans = Vec::new();
    for (i, c) in s.char_indices() {
        let f = fold(c);
        if f.is_ascii_digit() {
            out.push(f);
            spans.push(ByteRange::new(at.start + i, at.start + i + c.len_utf8()));
        } else if !crate::text::is_space(c) {
            return None;
        }
    }
    (!out.is_empty()).then_some((out, spans))
}

/// A run found in a row: the digits, their spans, where they are, and the
/// offsets in the digits where a kept boundary is (a part must end there).
struct Found {
    digits: String,
    spans: Vec<ByteRange>,
    at: ByteRange,
    breaks: Vec<usize>,
}

/// Tokens of digits separated by exactly one space each (`35 2001038`):
/// the digits, their spans and the offsets of the boundaries. `None` when
/// the range holds anything else (tabs, wider gaps, other characters).
fn spaced_digits(text: &str, at: ByteRange) -> Option<(String, Vec<ByteRange>, Vec<usize>)> {
    let s = text.get(at.start..at.end)?;
    let mut out = String::new();
    let mut spans = Vec::new();
    let mut breaks = Vec::new();
    let mut gap = false;
    for (i, c) in s.char_indices() {
        let f = fold(c);
        if f.is_ascii_digit() {
            if gap {
                breaks.push(out.len());
                gap = false;
            }
            out.push(f);
            spans.push(ByteRange::new(at.start + i, at.start + i + c.len_utf8()));
        } else if c == ' ' && !gap && !out.is_empty() {
            gap = true;
        } else {
            return None;
        }
    }
    (!out.is_empty() && !gap).then_some((out, spans, breaks))
}

/// The tokens of digits that follow digits glued to a label on the same
/// line (`数量35 2001038`): the range from the label's digits to the last
/// of at most `tokens` tokens, each of digits only and one space apart.
fn glued_and_after(text: &str, merged: ByteRange, tokens: usize) -> ByteRange {
    let mut end = merged.end;
    let rest = text.get(end..).unwrap_or("");
    let mut taken = 0;
    let mut chars = rest.char_indices().peekable();
    while taken < tokens {
        let Some((_, ' ')) = chars.next() else { break };
        let mut last = None;
        while let Some(&(i, c)) = chars.peek() {
            if !fold(c).is_ascii_digit() {
                break;
            }
            last = Some(i + c.len_utf8());
            chars.next();
        }
        // A token ends at a space or the end of the line.
        let ends = matches!(chars.peek(), None | Some((_, ' ' | '\n' | '\r')));
        match last {
            Some(l) if ends => end = merged.end + l,
            _ => break,
        }
        taken += 1;
    }
    ByteRange::new(merged.start, end)
}

/// A row whose cells were read one space apart, some of them run together
/// (`（一）予以公开 35 2001038`): fewer cells than the template has, none
/// blank, only digits and single spaces between the first and the last,
/// and enough digits for every cell. A row laid out in columns (tabs,
/// wider gaps, blank cells) is not one.
fn partial_row(cells: &[RawCell], expected: usize) -> Option<ByteRange> {
    if cells.len() < 2 || cells.len() >= expected || cells.iter().any(RawCell::blank) {
        return None;
    }
    Some(ByteRange::new(cells.first()?.start, cells.last()?.end))
}

/// A table 2 row copied out of a PDF viewer loses its blank cells, not its
/// cell boundaries: numbers one space apart, each written as a count
/// (`12 3 15`, no `035`), the last the sum of the others as the row's total
/// is. Such a row is read as missing cells, not as digits run together.
fn blanks_dropped(text: &str, cells: &[RawCell]) -> bool {
    let mut values = Vec::with_capacity(cells.len());
    for c in cells {
        let Some(s) = text.get(c.start..c.end) else {
            return false;
        };
        let count = !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_digit())
            && (s == "0" || !s.starts_with('0'));
        match value(c) {
            Some(v) if count => values.push(v),
            _ => return false,
        }
    }
    let Some((total, rest)) = values.split_last() else {
        return false;
    };
    rest.iter().try_fold(0i64, |a, &v| a.checked_add(v)) == Some(*total)
}

/// How a row of too few numbers one space apart is taken.
#[derive(Clone, Copy, PartialEq)]
enum Spaced {
    /// Not as a run (table 1: no relations).
    Never,
    /// As a run, unless it reads as a row whose blank cells were dropped.
    Runs,
    /// As a run even then: only a unique reading of the whole table keeps it.
    EvenDropped,
}

/// The run standing where a row's cells should be: digits glued to its
/// label (and the tokens of digits after them on its line), or its only
/// number (the other cells blank or absent), or, in a table with relations,
/// its tokens one space apart when there are too few of them (see
/// [`Spaced`]); with at least one digit per cell.
fn run_of_row(text: &str, r: &RawRow, spaced: Spaced) -> Option<Found> {
    let glued = spaced != Spaced::Never;
    if r.subtotal || r.expected < 2 {
        return None;
    }
    let (digits, spans, breaks) = match r.merged {
        Some(m) if glued => spaced_digits(text, glued_and_after(text, m, r.tokens))?,
        Some(_) => return None,
        None => {
            if r.cells.len() >= r.expected {
                return None;
            }
            let mut filled = r.cells.iter().filter(|c| !c.blank());
            let only = filled.next()?;
            if filled.next().is_none() {
                let (d, s) = digits(text, only.range())?;
                (d, s, Vec::new())
            } else if glued
                && !r.unplaced
                && (spaced == Spaced::EvenDropped || !blanks_dropped(text, &r.cells))
            {
                spaced_digits(text, partial_row(&r.cells, r.expected)?)?
            } else {
                return None;
            }
        }
    };
    if digits.len() < r.expected {
        return None;
    }
    let at = ByteRange::new(spans.first()?.start, spans.last()?.end);
    Some(Found {
        digits,
        spans,
        at,
        breaks,
    })
}

/// Cells with the values of a reading, each spanning its own digits.
fn cells_of(spans: &[ByteRange], values: &[i64]) -> Option<Vec<RawCell>> {
    let mut pos = 0;
    let mut out = Vec::with_capacity(values.len());
    for &v in values {
        let len = digit_count(v);
        out.push(count_cell(spans.get(pos..pos + len)?, v)?);
        pos += len;
    }
    (pos == spans.len()).then_some(out)
}

/// How many digits a count is written with.
fn digit_count(v: i64) -> usize {
    v.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// A cell holding the count `v`, spanning its digits.
fn count_cell(digits: &[ByteRange], v: i64) -> Option<RawCell> {
    let (first, last) = (digits.first()?, digits.last()?);
    Some(RawCell {
        start: first.start,
        end: last.end,
        parsed: Parsed {
            val: Val::Int(v),
            unit: None,
            signed: false,
        },
    })
}

/// `count` unreadable cells over a run (the first holds its digits).
fn unread(at: ByteRange, count: usize) -> Vec<RawCell> {
    (0..count)
        .map(|i| RawCell {
            start: if i == 0 { at.start } else { at.end },
            end: at.end,
            parsed: Parsed {
                val: Val::Bad,
                unit: None,
                signed: false,
            },
        })
        .collect()
}

/// The bounds of the search (a whole table's runs are searched together).
#[cfg(feature = "digit-runs")]
fn options() -> SplitOptions {
    SplitOptions {
        budget: 2_000_000,
        max_solutions: 1_000,
    }
}

thread_local! {
    /// Set by [`without_solver`]: read as a build without the solver does.
    static WITHOUT_SOLVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` reading as a build without the solver does (for the tests that
/// compare both readings; see [`crate::check_without_solver`]).
pub(crate) fn without_solver<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            WITHOUT_SOLVER.with(|w| w.set(self.0));
        }
    }
    let _reset = Reset(WITHOUT_SOLVER.with(|w| w.replace(true)));
    f()
}

/// Whether this reading splits runs jointly: built with the feature
/// `digit-runs`, and not inside [`without_solver`].
fn has_solver() -> bool {
    cfg!(feature = "digit-runs") && !WITHOUT_SOLVER.with(std::cell::Cell::get)
}

/// The joint split of a table's runs; `None` in a build without the solver
/// (the caller then leaves the table as read and marks the text deferred).
fn joint(model: &Model) -> Option<Split> {
    if !has_solver() {
        return None;
    }
    #[cfg(feature = "digit-runs")]
    {
        Some(split(model, &options()))
    }
    #[cfg(not(feature = "digit-runs"))]
    {
        let _ = model;
        None
    }
}

/// Split the runs of digits of every table, in place, and note them.
pub(super) fn settle(text: &str, read: &mut Read) {
    let version = read
        .applications
        .as_ref()
        .and_then(|t| t.version)
        .unwrap_or(match read.template {
            Template::F2021 => Format::F2021,
            _ => Format::F2019,
        });
    if let Some(t) = &mut read.active {
        settle_t1(text, t, &mut read.runs);
    }
    if let Some(t) = &mut read.applications {
        if settle_t2(text, t, version, &mut read.runs, &mut read.inferred).is_none() {
            read.deferred = true;
        }
    }
    if let Some(t) = &mut read.review {
        if settle_t3(text, t, &mut read.runs, &mut read.inferred).is_none() {
            read.deferred = true;
        }
    }
}

/// Table 1 has no relations: a row's only number is split only when it is
/// all zeros with one digit per cell (`000`: no count is written `000`). A
/// number like `38` where two cells are expected may as well be one cell
/// whose neighbour was lost (text out of a PDF viewer), so it stays unread.
fn settle_t1(text: &str, t: &mut RawTable, notes: &mut Vec<RunNote>) {
    for r in &mut t.rows {
        let Some(found) = run_of_row(text, r, Spaced::Never) else {
            continue;
        };
        if found.digits.bytes().any(|b| b != b'0') {
            continue;
        }
        let Some(values) = split_forced(&found.digits, r.expected) else {
            continue;
        };
        let Some(cells) = cells_of(&found.spans, &values) else {
            continue;
        };
        r.cells = cells;
        r.all_blank = false;
        t.runs.push(r.key);
        notes.push(RunNote {
            table: TableId::Active,
            row: Some(r.key),
            at: found.at,
            digits: found.digits,
            cells: r.expected,
            outcome: Outcome::Forced,
            values,
            agreed: 0,
        });
    }
}

/// The relation ids of table 2's model, in the order they are added.
fn t2_model(
    t: &RawTable,
    rows: &[Row],
    runs: &[(usize, &Found)],
) -> Option<(Model, Vec<&'static str>)> {
    let var = |ri: usize, col: usize| ri * 7 + col;
    let mut model = Model::new(rows.len() * 7);
    for (ri, key) in rows.iter().enumerate() {
        if let Some((_, found)) = runs.iter().find(|(i, _)| *i == ri) {
            model
                .add_run_with_breaks(var(ri, 0), 7, &found.digits, &found.breaks)
                .ok()?;
            continue;
        }
        let Some(r) = t.rows.iter().find(|r| r.key == *key && !r.subtotal) else {
            continue;
        };
        if r.cells.len() == 7 {
            for (col, c) in r.cells.iter().enumerate() {
                if let Some(v) = value(c) {
                    model.set_known(var(ri, col), v).ok()?;
                }
            }
        } else if r.cells.iter().all(|c| value(c) == Some(0)) {
            // A row of zeros of another length changes no sum (as in the rules).
            for col in 0..7 {
                model.set_known(var(ri, col), 0).ok()?;
            }
        }
    }
    let mut ids = Vec::new();
    for ri in 0..rows.len() {
        let parts: Vec<usize> = (0..6).map(|c| var(ri, c)).collect();
        model.add_relation(Relation::sum(var(ri, 6), &parts)).ok()?;
        ids.push("T2-ROW");
    }
    let at = |k: Row| rows.iter().position(|r| *r == k);
    let outcomes: Vec<usize> = (0..rows.len())
        .filter(|&i| table2::is_outcome(rows[i]))
        .collect();
    for col in 0..7 {
        if let Some(total) = at(Row::Total) {
            let parts: Vec<usize> = outcomes.iter().map(|&i| var(i, col)).collect();
            model
                .add_relation(Relation::sum(var(total, col), &parts))
                .ok()?;
            ids.push("T2-SUM");
        }
        if let (Some(a), Some(b), Some(c), Some(d)) = (
            at(Row::New),
            at(Row::CarriedOver),
            at(Row::Total),
            at(Row::CarriedForward),
        ) {
            model
                .add_relation(Relation::balance(
                    &[var(a, col), var(b, col)],
                    &[var(c, col), var(d, col)],
                ))
                .ok()?;
            ids.push("T2-BAL");
        }
    }
    Some((model, ids))
}

/// The relation ids used that touch the variables `first..first + count`,
/// each once, in a fixed order.
fn used_by(
    model: &Model,
    ids: &[&'static str],
    used: &[usize],
    first: usize,
    count: usize,
) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for &i in used {
        let touches = model.relations().get(i).is_some_and(|rel| {
            rel.terms()
                .iter()
                .any(|&(v, _)| (first..first + count).contains(&v))
        });
        if let (true, Some(id)) = (touches, ids.get(i)) {
            if !out.contains(id) {
                out.push(id);
            }
        }
    }
    let order = ["T2-ROW", "T2-SUM", "T2-BAL", "T3-REV", "T3-LIT1", "T3-LIT2"];
    crate::sort::sort_by_key(&mut out, |id| order.iter().position(|o| o == id));
    out
}

fn outcome_of(s: &Split) -> Outcome {
    match s {
        Split::Unique { .. } => Outcome::Unique(Vec::new()),
        Split::Ambiguous { count, .. } => Outcome::Ambiguous(*count),
        Split::Inconsistent { .. } => Outcome::Inconsistent,
        Split::GaveUp => Outcome::GaveUp,
    }
}

/// The runs of table 2 and the joint reading of them; `None` when there are
/// runs and this build has no solver.
#[allow(clippy::type_complexity)]
fn t2_runs(
    text: &str,
    t: &RawTable,
    rows: &[Row],
) -> Option<(
    Vec<(usize, Found)>,
    Option<(Model, Vec<&'static str>, Split)>,
)> {
    let runs = |spaced: Spaced| {
        let mut found: Vec<(usize, Found)> = Vec::new();
        for (ri, key) in rows.iter().enumerate() {
            if let Some(r) = t.rows.iter().find(|r| r.key == *key && !r.subtotal) {
                if let Some(f) = run_of_row(text, r, spaced) {
                    found.push((ri, f));
                }
            }
        }
        found
    };
    // `None`: no solver; `Some(None)`: no model (given up).
    let solve = |found: &[(usize, Found)]| {
        let refs: Vec<(usize, &Found)> = found.iter().map(|(i, f)| (*i, f)).collect();
        match t2_model(t, rows, &refs) {
            Some((m, ids)) => joint(&m).map(|s| Some((m, ids, s))),
            None => has_solver().then_some(None),
        }
    };
    // A row like `（七）总计0 920 0 920` reads both as a row whose blank
    // cells were dropped (0 + 920 + 0 = 920) and as cells run together
    // (0 9 2 0 0 9 20). It is taken as a run only when the whole table then
    // has exactly one reading: the column relations fix each of its cells.
    let mut found = runs(Spaced::EvenDropped);
    let mut result = None;
    if !found.is_empty() {
        let first = solve(&found)?;
        if matches!(first, Some((_, _, Split::Unique { .. }))) {
            result = first;
        } else {
            let fewer = runs(Spaced::Runs);
            if fewer.len() == found.len() {
                result = first;
            } else {
                found = fewer;
                if !found.is_empty() {
                    result = solve(&found)?;
                }
            }
        }
    }
    Some((found, result))
}

/// Table 2: every run of the table split jointly. `None`, the table left
/// as read, when it has runs and this build has no solver.
fn settle_t2(
    text: &str,
    t: &mut RawTable,
    version: Format,
    notes: &mut Vec<RunNote>,
    inferred: &mut Vec<Inferred>,
) -> Option<()> {
    let rows = table2::expected(version);
    let (found, result) = t2_runs(text, t, &rows)?;
    if found.is_empty() {
        return Some(());
    }
    for (ri, f) in found {
        let key = rows[ri];
        let Some(r) = t.rows.iter_mut().find(|r| r.key == key && !r.subtotal) else {
            continue;
        };
        let mut note = RunNote {
            table: TableId::Applications,
            row: Some(key),
            at: f.at,
            digits: f.digits.clone(),
            cells: 7,
            outcome: Outcome::GaveUp,
            values: Vec::new(),
            agreed: 0,
        };
        let mut cells = None;
        if let Some((model, ids, s)) = &result {
            note.outcome = outcome_of(s);
            if let Split::Unique {
                values,
                relations_used,
            } = s
            {
                let vals: Option<Vec<i64>> = values[ri * 7..ri * 7 + 7].iter().copied().collect();
                if let Some(vals) = vals {
                    cells = cells_of(&f.spans, &vals);
                    let used = used_by(model, ids, relations_used, ri * 7, 7);
                    note.outcome = Outcome::Unique(used.clone());
                    note.values = vals;
                    for column in 0..7 {
                        inferred.push(Inferred {
                            table: TableId::Applications,
                            row: Some(key),
                            column,
                            relations: used.clone(),
                        });
                    }
                }
            }
            if let Split::Ambiguous {
                cells_that_agree, ..
            } = s
            {
                let vals = agreed(cells_that_agree, ri * 7, 7);
                let (c, filled) = partial_cells(&f.spans, f.at, &vals);
                if !filled.is_empty() {
                    let used = used_by(model, ids, &checkable(model), ri * 7, 7);
                    for &column in &filled {
                        inferred.push(Inferred {
                            table: TableId::Applications,
                            row: Some(key),
                            column,
                            relations: used.clone(),
                        });
                    }
                    note.agreed = filled.len();
                    cells = Some(c);
                }
            }
        }
        t.runs.push(key);
        r.all_blank = false;
        if let Some(c) = cells {
            r.cells = c;
            r.merged = if note.agreed > 0 {
                Some(r.merged.unwrap_or(f.at))
            } else {
                None
            };
        } else {
            if matches!(note.outcome, Outcome::Unique(_)) {
                note.outcome = Outcome::GaveUp;
            }
            r.cells = unread(f.at, 7);
            r.merged = Some(r.merged.unwrap_or(f.at));
        }
        notes.push(note);
    }
    Some(())
}

/// Table 3: its fifteen numbers as one run. `None`, the table left as
/// read, when it has a run and this build has no solver.
fn settle_t3(
    text: &str,
    t: &mut RawReview,
    notes: &mut Vec<RunNote>,
    inferred: &mut Vec<Inferred>,
) -> Option<()> {
    if t.cells.len() >= table3::CELLS || t.unplaced {
        return Some(());
    }
    let mut filled = t.cells.iter().filter(|c| !c.blank());
    let Some(only) = filled.next() else {
        return Some(());
    };
    let found = if filled.next().is_none() {
        digits(text, only.range()).map(|(d, s)| (d, s, Vec::new(), only.range()))
    } else {
        partial_row(&t.cells, table3::CELLS)
            .and_then(|at| spaced_digits(text, at).map(|(d, s, b)| (d, s, b, at)))
    };
    let Some((digits, spans, breaks, at)) = found else {
        return Some(());
    };
    if digits.len() < table3::CELLS {
        return Some(());
    }
    let mut model = Model::new(table3::CELLS);
    if model
        .add_run_with_breaks(0, table3::CELLS, &digits, &breaks)
        .is_err()
    {
        return Some(());
    }
    let ids = ["T3-REV", "T3-LIT1", "T3-LIT2"];
    for total in table3::TOTALS {
        let parts: Vec<usize> = (total - 4..total).collect();
        if model.add_relation(Relation::sum(total, &parts)).is_err() {
            return Some(());
        }
    }
    let s = joint(&model)?;
    let mut note = RunNote {
        table: TableId::Review,
        row: None,
        at,
        digits,
        cells: table3::CELLS,
        outcome: outcome_of(&s),
        values: Vec::new(),
        agreed: 0,
    };
    t.split = true;
    t.all_blank = false;
    let mut cells = None;
    if let Split::Unique {
        values,
        relations_used,
    } = &s
    {
        if let Some(vals) = values.iter().copied().collect::<Option<Vec<i64>>>() {
            cells = cells_of(&spans, &vals);
            let used = used_by(&model, &ids, relations_used, 0, table3::CELLS);
            note.outcome = Outcome::Unique(used.clone());
            note.values = vals;
            for column in 0..table3::CELLS {
                inferred.push(Inferred {
                    table: TableId::Review,
                    row: None,
                    column,
                    relations: used.clone(),
                });
            }
        }
    }
    if let Split::Ambiguous {
        cells_that_agree, ..
    } = &s
    {
        let vals = agreed(cells_that_agree, 0, table3::CELLS);
        let (c, filled) = partial_cells(&spans, at, &vals);
        if !filled.is_empty() {
            let used = used_by(&model, &ids, &checkable(&model), 0, table3::CELLS);
            for &column in &filled {
                inferred.push(Inferred {
                    table: TableId::Review,
                    row: None,
                    column,
                    relations: used.clone(),
                });
            }
            note.agreed = filled.len();
            cells = Some(c);
        }
    }
    if let Some(c) = cells {
        t.cells = c;
    } else {
        if matches!(note.outcome, Outcome::Unique(_)) {
            note.outcome = Outcome::GaveUp;
        }
        t.cells = unread(at, table3::CELLS);
    }
    notes.push(note);
    Some(())
}

/// The values every reading agrees on, for the variables `first..first + count`.
fn agreed(agree: &[(usize, i64)], first: usize, count: usize) -> Vec<Option<i64>> {
    (first..first + count)
        .map(|v| agree.iter().find(|(var, _)| *var == v).map(|&(_, x)| x))
        .collect()
}

/// The relations whose every variable is known or in a run (those a split
/// satisfies), by index.
fn checkable(model: &Model) -> Vec<usize> {
    let cells = model.cells();
    (0..model.relations().len())
        .filter(|&i| {
            model.relations()[i].terms().iter().all(|&(v, _)| {
                matches!(
                    cells.get(v),
                    Some(crate::solve::Cell::Known(_) | crate::solve::Cell::InRun(_))
                )
            })
        })
        .collect()
}

/// The cells of a run of which some values are agreed by every reading:
/// those at the run's start and at its end are filled (their digits are in
/// the same place in every reading: the values before them, hence their
/// lengths, agree too); the others stay unread, the first of them holding
/// the digits left. Returns the cells and the columns filled.
fn partial_cells(
    spans: &[ByteRange],
    at: ByteRange,
    vals: &[Option<i64>],
) -> (Vec<RawCell>, Vec<usize>) {
    let n = vals.len();
    let (len, cell) = (digit_count, count_cell);
    let mut cells = unread(at, n);
    let mut filled = Vec::new();
    let (mut pos, mut lead) = (0, 0);
    while let Some(Some(v)) = vals.get(lead) {
        let l = len(*v);
        let Some(c) = spans.get(pos..pos + l).and_then(|d| cell(d, *v)) else {
            break;
        };
        cells[lead] = c;
        filled.push(lead);
        pos += l;
        lead += 1;
    }
    let (mut end, mut trail) = (spans.len(), n);
    while trail > lead + 1 {
        let Some(v) = vals[trail - 1] else { break };
        let l = len(v);
        if end < pos + l + 1 {
            break;
        }
        let Some(c) = cell(&spans[end - l..end], v) else {
            break;
        };
        cells[trail - 1] = c;
        filled.push(trail - 1);
        end -= l;
        trail -= 1;
    }
    if lead == n || lead >= trail || pos >= end {
        // Nothing is left for the cells in between: not a partial reading.
        return (unread(at, n), Vec::new());
    }
    let rest = ByteRange::new(spans[pos].start, spans[end - 1].end);
    for (i, c) in cells[lead..trail].iter_mut().enumerate() {
        *c = RawCell {
            start: if i == 0 { rest.start } else { rest.end },
            end: rest.end,
            parsed: Parsed {
                val: Val::Bad,
                unit: None,
                signed: false,
            },
        };
    }
    filled.sort_unstable();
    (cells, filled)
}

pub(super) use super::cut::cut_lines;
pub use super::cut::cut_report;
