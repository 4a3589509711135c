//! Values written under the columns of their table's header.
//!
//! A table's rows, expanded to its grid (every position knows the cell that
//! covers it), are cut into blocks: the rows without numbers just above a
//! run of rows with numbers are the block's header (a later row with header
//! text over the value columns opens the next block). The header's **leaf
//! columns** are the grid columns cut at both edges of every header cell
//! with text: grid columns under one leaf are one column (a `自然人` header
//! spanning two grid columns is one column, whether the values under it
//! span both or sit in one of two cells, one of them empty). The leaves
//! left of the one where most rows have their first number are the label
//! area; each leaf from there on is a value column.
//!
//! Each row is then written as its label cells (as they are, without the
//! empty cells after the last label) and one cell per value column. A row
//! wider or narrower than the header (a group label whose rowspan does not
//! match its rows) is tried aligned on the left and on the right; it is
//! written in columns only when exactly one alignment puts its labels in
//! the label area and each value in a single value column, and no column
//! gets two values. A row with numbers whose columns are not certain — a
//! value over two columns, two values under one, two alignments that fit
//! differently — is written without tabs, labels then values in the order
//! found: the table reader keeps such a row as unplaced. So is a row that no
//! alignment fits with as many values as columns or fewer. A row that no
//! alignment fits with more values than columns, or a blank cell or a word
//! among its values, is written as it is, for the table reader to place by
//! its total (a cell too many) or report its count (`ROW-CELLS`).
//!
//! A table that starts with rows of numbers continues the last table with a
//! header. When its grid has as many columns as that table's, of the same
//! widths where the document gives them, its rows are placed as the first
//! part's; otherwise a row is placed only when one alignment fits and it
//! has a value under every column, and is unplaced when not. A table that
//! starts with rows of numbers after a table that is only a header (a page
//! break in Word, a header set apart on a web page) is read under that
//! header when the two are one grid: as many columns, of the same widths
//! where both give them; otherwise its rows are not joined to it. A table whose
//! header does not describe most of its rows (rows of uneven lengths, as in
//! a table typed by hand) is written as it is. A table whose header names
//! the template columns that the table before it lacks (表二's `总计` after
//! its applicant columns) holds the rest of that table's columns
//! ([`split`]).

use super::{OutputKind, OutputLine};

mod split;

/// How a grid position is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotKind {
    /// The cell's first position.
    Anchor,
    /// Covered by a cell spanning columns from the left.
    Left,
    /// Covered by a cell spanning rows from above.
    Above,
    /// No cell (a row shorter than a rowspan to its right).
    Hole,
}

/// One grid position of a row.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// The cell's text (only at its anchor).
    pub text: String,
    /// The covering cell.
    pub cell: Option<usize>,
    pub kind: SlotKind,
}

impl Slot {
    pub(crate) fn covered(cell: usize, kind: SlotKind) -> Slot {
        Slot {
            text: String::new(),
            cell: Some(cell),
            kind,
        }
    }
}

/// Where a cell sits in the grid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellAt {
    pub span: usize,
    pub has_text: bool,
}

/// A row expanded to the grid.
#[derive(Debug, Clone)]
pub(crate) struct ExpRow {
    pub slots: Vec<Slot>,
    pub node: usize,
}

/// A table's rows, and the lines of its page-layout rows.
#[derive(Debug)]
pub(crate) enum Item {
    Lines(Vec<OutputLine>),
    Row(ExpRow),
}

/// What one table of a document leaves to the next: the columns of the last
/// table whose header was read (for a table continued without its header),
/// or the rows of a table that is only a header (for a table that holds
/// its rows).
#[derive(Debug, Default)]
pub(crate) struct Carry {
    columns: Option<Columns>,
    header: Option<Head>,
    /// The last table with a header of its own, for a table that holds the
    /// rest of its columns.
    part: Option<split::Part>,
    /// A join of two such tables still to be written into the lines of the
    /// layout table that holds them.
    relay: Option<split::Relay>,
}

/// A table that is only a header: its rows, its cells and its grid's widths.
#[derive(Debug)]
struct Head {
    rows: Vec<ExpRow>,
    cells: Vec<CellAt>,
    widths: Vec<u32>,
}

/// The columns of a block, from its header.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    /// Grid columns.
    width: usize,
    /// Grid column ranges `[start, end)` of the leaf header cells.
    leaves: Vec<(usize, usize)>,
    /// The leaf of each grid column.
    leaf_at: Vec<usize>,
    /// The first leaf holding values; the leaves before it hold labels.
    first_value: usize,
    /// Widths of the grid columns, when the document gives them.
    widths: Vec<u32>,
}

impl Columns {
    /// Grid columns left of the values.
    fn label_end(&self) -> usize {
        self.leaves[self.first_value].0
    }

    /// The leaf holding grid columns `a..b`, if one does.
    fn leaf_of(&self, a: usize, b: usize) -> Option<usize> {
        let l = *self.leaf_at.get(a)?;
        (b <= self.leaves[l].1).then_some(l)
    }

    /// A table without a header continues this one: same number of grid
    /// columns, and the same widths when both give them.
    fn continued_by(&self, width: usize, widths: &[u32]) -> bool {
        if width != self.width {
            return false;
        }
        if widths.is_empty() || self.widths.is_empty() {
            return true;
        }
        widths.len() == self.widths.len()
            && widths.iter().zip(&self.widths).all(|(&a, &b)| {
                let d = a.abs_diff(b);
                d <= 30 || u64::from(d) * 20 <= u64::from(a.max(b))
            })
    }
}

/// A number as written in a value cell: digits, with at most a sign word or
/// a unit (`增1`, `12万元`, `-8`); not an enumerated label (`3.其他`).
pub(crate) fn is_number(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > 20
        || !t
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let mut after = rest.chars();
    if matches!(after.next(), Some('.' | '．' | '、'))
        && after.next().is_some_and(|c| !c.is_ascii_digit())
    {
        return false;
    }
    t.chars()
        .filter(|&c| c >= '\u{3400}' && c.is_alphabetic())
        .count()
        <= 2
}

/// A cell that stands for a missing value (`—`, `/`, `无`).
fn is_blank_mark(t: &str) -> bool {
    matches!(
        t.trim(),
        "—" | "——" | "-" | "--" | "－" | "–" | "/" | "／" | "无" | "\\" | "×"
    )
}

fn is_value(t: &str) -> bool {
    is_number(t) || is_blank_mark(t)
}

/// A row of values: it holds a number or a mark for a missing one.
fn is_data(row: &ExpRow) -> bool {
    row.slots
        .iter()
        .any(|s| s.kind == SlotKind::Anchor && is_value(&s.text))
}

/// The lines of a table's items, its rows written under the header's columns.
pub(crate) fn arrange(
    mut items: Vec<Item>,
    cells: &[CellAt],
    widths: &[u32],
    mut last: Option<&mut Carry>,
    out: &mut Vec<OutputLine>,
) {
    if let Some(last) = last.as_deref_mut() {
        split::relay(&mut items, last);
    }
    let rows: Vec<&ExpRow> = items
        .iter()
        .filter_map(|i| match i {
            Item::Row(r) => Some(r),
            Item::Lines(_) => None,
        })
        .collect();
    let Some(last) = last else {
        write_rows(items, &[], out);
        return;
    };
    let before = last.part.take();
    let (mut plan, info) = plan(&rows, cells, widths, last);
    if let (Some(first), Some(second)) = (&before, &info) {
        if split::follows(&first.names, &second.names) {
            // The rest of the first part's columns: joined when certain,
            // its rows unplaced when not.
            last.columns = None;
            let second = split::Part {
                names: second.names.clone(),
                rows: second
                    .placed
                    .iter()
                    .map(|(_, p, d)| split::part_row(0, "", p, *d))
                    .collect(),
                whole: second.whole,
                end: 0,
            };
            let joined = split::join(first, &second);
            if let Some(lines) = joined.as_ref().filter(|_| split::in_place(first, out)) {
                for (at, _, text) in lines {
                    if let Some(l) = out.get_mut(*at) {
                        l.text.clone_from(text);
                    }
                }
                items.retain(|i| matches!(i, Item::Lines(_)));
                write_rows(items, &[], out);
                return;
            }
            for (k, r) in rows.iter().enumerate() {
                if is_data(r) {
                    plan[k] = Some(unplaced(r).unwrap_or_else(|| values_apart(r)));
                }
            }
            if let Some(lines) = joined {
                // The first part is in another cell of a layout table.
                last.relay = Some(split::Relay {
                    joined: lines.into_iter().map(|(_, a, b)| (a, b)).collect(),
                    second: plan.iter().flatten().cloned().collect(),
                });
            }
            write_rows(items, &plan, out);
            return;
        }
    }
    // The output index of each row.
    let mut idx = Vec::with_capacity(rows.len());
    let mut at = out.len();
    for item in &items {
        match item {
            Item::Lines(lines) => at += lines.len(),
            Item::Row(_) => {
                idx.push(at);
                at += 1;
            }
        }
    }
    write_rows(items, &plan, out);
    last.part = info.map(|i| split::Part {
        names: i.names,
        rows: i
            .placed
            .iter()
            .filter_map(|(k, p, d)| {
                let text = plan.get(*k)?.as_deref()?;
                Some(split::part_row(*idx.get(*k)?, text, p, *d))
            })
            .collect(),
        whole: i.whole,
        end: out.len(),
    });
}

/// The table's lines: its page-layout lines, and its rows as planned.
fn write_rows(items: Vec<Item>, plan: &[Option<String>], out: &mut Vec<OutputLine>) {
    let mut k = 0;
    for item in items {
        match item {
            Item::Lines(lines) => out.extend(lines),
            Item::Row(row) => {
                let text = plan
                    .get(k)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| original(&row));
                k += 1;
                out.push(OutputLine {
                    text,
                    node: row.node,
                    kind: OutputKind::Row,
                    link: false,
                });
            }
        }
    }
}

/// A row as copied from Word or a browser: cells joined by tabs, spans as
/// empty cells.
fn original(row: &ExpRow) -> String {
    let mut text = String::new();
    for (k, s) in row.slots.iter().enumerate() {
        if k > 0 {
            text.push('\t');
        }
        text.push_str(&s.text);
    }
    text
}

/// The text of each row (`None`: as it is).
fn plan(
    rows: &[&ExpRow],
    cells: &[CellAt],
    widths: &[u32],
    carry: &mut Carry,
) -> (Vec<Option<String>>, Option<Info>) {
    let n = rows.len();
    let mut plan: Vec<Option<String>> = vec![None; n];
    let data: Vec<bool> = rows.iter().map(|r| is_data(r)).collect();
    let Some(first) = data.iter().position(|&d| d) else {
        // A header without values: its rows may be the next table (see
        // `joined`), which no earlier table's columns describe.
        if n > 0 {
            carry.columns = None;
            carry.header = (n <= MAX_HEAD_ROWS).then(|| Head {
                rows: rows.iter().map(|&r| r.clone()).collect(),
                cells: cells.to_vec(),
                widths: widths.to_vec(),
            });
        }
        return (plan, None);
    };
    let head = carry.header.take();
    let last = &mut carry.columns;
    // A table continued on another grid: a row is placed only when one
    // alignment fits and it has a value for each column.
    let mut strict = false;
    let mut cur = if first == 0 {
        // The width most rows have.
        let mut ws: Vec<usize> = rows.iter().map(|r| r.slots.len()).collect();
        ws.sort_unstable();
        let width = ws
            .chunk_by(|a, b| a == b)
            .max_by_key(|run| (run.len(), run[0]))
            .map_or(0, |run| run[0]);
        match (last.take(), head) {
            (Some(c), _) => {
                strict = !c.continued_by(width, widths);
                c
            }
            (None, Some(head)) => match joined(&head, rows, &data, widths, width) {
                Some(c) => c,
                None => return (plan, None),
            },
            (None, None) => return (plan, None),
        }
    } else {
        let Some(c) = header(
            &rows[..first],
            &rows[first..],
            &data[first..],
            cells,
            widths,
        ) else {
            *last = None;
            review_unplaced(rows, &data, first, &mut plan);
            return (plan, None);
        };
        c
    };
    // A table with a header of its own naming template columns may be the
    // first or the second part of a table split in two.
    let names = (first > 0 && first <= MAX_HEAD_ROWS)
        .then(|| split::names(&rows[..first], &cur, cells))
        .flatten();
    let mut whole = true;
    let mut placed = Vec::new();
    let mut k = first;
    while k < n {
        if !data[k] && opens_block(rows[k], &cur, cells) {
            let Some(j) = (k..n).find(|&j| data[j]) else {
                break;
            };
            let Some(c) = header(&rows[k..j], &rows[j..], &data[j..], cells, widths) else {
                *last = None;
                return (plan, None);
            };
            cur = c;
            strict = false;
            whole = false;
            k = j;
            continue;
        }
        plan[k] = match place(rows[k], &cur, cells, strict) {
            Fit::Placed(line, p) => {
                if names.is_some() {
                    placed.push((k, p, data[k]));
                }
                Some(line)
            }
            Fit::Unplaced if data[k] => {
                whole = false;
                unplaced(rows[k])
            }
            Fit::Unplaced | Fit::AsIs => {
                whole = false;
                None
            }
        };
        k += 1;
    }
    *last = Some(cur);
    let info = names.map(|names| Info {
        names,
        whole,
        placed,
    });
    (plan, info)
}

/// Table 3's numbers, more than its columns, on a row of another width than
/// its header (rows `first..`, after a header naming its two groups, 行政复议
/// and 行政诉讼): their columns are not certain. (Fewer are read in order and
/// their count reported, `ROW-CELLS`.)
fn review_unplaced(rows: &[&ExpRow], data: &[bool], first: usize, plan: &mut [Option<String>]) {
    let has = |w: &str| {
        rows[..first]
            .iter()
            .flat_map(|r| &r.slots)
            .any(|s| s.kind == SlotKind::Anchor && s.text.contains(w))
    };
    if !(has("行政复议") && has("行政诉讼")) {
        return;
    }
    for k in (first..rows.len()).filter(|&k| data[k]) {
        let values = rows[k]
            .slots
            .iter()
            .filter(|s| s.kind == SlotKind::Anchor && is_value(&s.text))
            .count();
        if values > crate::template::table3::CELLS {
            plan[k] = unplaced(rows[k]);
        }
    }
}

/// A table's placed rows, for a table split in two (`split`).
struct Info {
    names: Vec<usize>,
    whole: bool,
    /// Row index, its cells under the columns, and whether it has values.
    placed: Vec<(usize, Placed, bool)>,
}

/// Rows of a table that is only a header, kept for the next table.
const MAX_HEAD_ROWS: usize = 8;

/// The columns of a table that starts with its rows, from the table before
/// it that is only a header (a page break in Word, a header set apart on a
/// web page): only when the two are one grid, the same number of columns
/// (of the same widths when both give them), so that the join is certain.
fn joined(
    head: &Head,
    rows: &[&ExpRow],
    data: &[bool],
    widths: &[u32],
    width: usize,
) -> Option<Columns> {
    let head_rows: Vec<&ExpRow> = head.rows.iter().collect();
    let c = header(&head_rows, rows, data, &head.cells, &head.widths)?;
    c.continued_by(width, widths).then_some(c)
}

/// A row without numbers after a block's rows starts a new block when it
/// has text over the value columns (a header); one cell across the whole
/// row (a caption, a group label on a row of its own) does not.
fn opens_block(row: &ExpRow, cur: &Columns, cells: &[CellAt]) -> bool {
    let end = cur.label_end();
    let across = row.slots.iter().any(|s| {
        s.kind == SlotKind::Anchor && s.cell.is_some_and(|id| cells[id].span >= cur.width)
    });
    !across
        && row.slots.iter().enumerate().any(|(c, s)| {
            c >= end && s.kind != SlotKind::Above && s.cell.is_some_and(|id| cells[id].has_text)
        })
}

/// The columns given by header rows `head`, when they describe most of the
/// rows of numbers that follow (`after`, with `data` telling which are).
fn header(
    head: &[&ExpRow],
    after: &[&ExpRow],
    data: &[bool],
    cells: &[CellAt],
    widths: &[u32],
) -> Option<Columns> {
    let width = head.iter().map(|r| r.slots.len()).max()?;
    if width == 0 || width > super::MAX_COLUMNS {
        return None;
    }
    // The leaves: grid columns cut at both edges of every header cell with
    // text, in any header row.
    let mut edges = vec![false; width + 1];
    edges[0] = true;
    edges[width] = true;
    for r in head {
        for (c, s) in r.slots.iter().enumerate() {
            if let (SlotKind::Anchor, Some(id)) = (s.kind, s.cell) {
                if cells[id].has_text {
                    edges[c] = true;
                    edges[(c + cells[id].span).min(width)] = true;
                }
            }
        }
    }
    let mut leaves: Vec<(usize, usize)> = Vec::new();
    let mut leaf_at = Vec::with_capacity(width);
    let mut start = 0;
    for (c, &edge) in edges.iter().enumerate().skip(1) {
        leaf_at.push(leaves.len());
        if edge {
            leaves.push((start, c));
            start = c;
        }
    }
    let run: Vec<&ExpRow> = after
        .iter()
        .zip(data)
        .take_while(|(_, &d)| d)
        .map(|(r, _)| *r)
        .collect();
    let aligned: Vec<&ExpRow> = run
        .iter()
        .copied()
        .filter(|r| r.slots.len() == width)
        .collect();
    if aligned.len() * 2 <= run.len() {
        return None;
    }
    // The value columns start where most rows have their first number.
    let mut firsts: Vec<usize> = aligned
        .iter()
        .filter_map(|r| {
            let c = r
                .slots
                .iter()
                .position(|s| s.kind == SlotKind::Anchor && is_number(&s.text))?;
            leaf_at.get(c).copied()
        })
        .collect();
    firsts.sort_unstable();
    let first_value = firsts
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| (run.len(), run[0]))
        .map(|run| run[0])?;
    Some(Columns {
        width,
        leaves,
        leaf_at,
        first_value,
        widths: widths.to_vec(),
    })
}

/// A row's cells under the columns, shifted by `shift` grid columns.
struct Placed {
    labels: Vec<String>,
    values: Vec<Vec<String>>,
    /// The row has a position under each value column.
    present: Vec<bool>,
}

/// Longest text read as a value that is not a number (`不适用`).
const VALUE_WORD: usize = 3;

fn shifted(row: &ExpRow, cols: &Columns, cells: &[CellAt], shift: isize) -> Option<Placed> {
    let end = cols.label_end();
    let nvalues = cols.leaves.len() - cols.first_value;
    let mut p = Placed {
        labels: vec![String::new(); end],
        values: vec![Vec::new(); nvalues],
        present: vec![false; nvalues],
    };
    for (c, s) in row.slots.iter().enumerate() {
        let at = c.checked_add_signed(shift);
        let span = match (s.kind, s.cell) {
            (SlotKind::Anchor, Some(id)) => cells[id].span,
            _ => 1,
        };
        if let Some(a) = at.filter(|&a| a < cols.width) {
            if let Some(leaf) = cols.leaf_of(a, a + 1) {
                if leaf >= cols.first_value {
                    p.present[leaf - cols.first_value] = true;
                }
            }
        }
        if s.kind != SlotKind::Anchor || s.text.is_empty() {
            continue;
        }
        let a = at?;
        let b = a + span;
        if b > cols.width {
            return None;
        }
        let value = is_value(&s.text);
        if !value && b <= end {
            p.labels[a].clone_from(&s.text);
            continue;
        }
        if !value && (a < end || s.text.chars().count() > VALUE_WORD) {
            return None;
        }
        let leaf = cols.leaf_of(a, b).filter(|&l| l >= cols.first_value)?;
        p.values[leaf - cols.first_value].push(s.text.clone());
    }
    Some(p)
}

/// How a row is written.
enum Fit {
    /// Under the columns.
    Placed(String, Placed),
    /// Its columns are not certain.
    Unplaced,
    /// As it is: no alignment fits and the count of its values, or a blank
    /// cell among them, is for the table reader to judge (`ROW-CELLS`, a
    /// cell too many dropped by the row's total).
    AsIs,
}

/// The row written under the columns.
fn place(row: &ExpRow, cols: &Columns, cells: &[CellAt], strict: bool) -> Fit {
    let w = row.slots.len();
    let mut shifts = vec![0isize];
    if w != cols.width && w > 0 {
        shifts.push(cols.width as isize - w as isize);
    }
    let fits: Vec<Placed> = shifts
        .into_iter()
        .filter_map(|s| shifted(row, cols, cells, s))
        .collect();
    if fits.is_empty() {
        if spans_columns(row, cols, cells) {
            return Fit::Unplaced;
        }
        let anchors = || row.slots.iter().filter(|s| s.kind == SlotKind::Anchor);
        let values = anchors().filter(|s| is_value(&s.text)).count();
        let first = anchors().position(|s| is_value(&s.text)).unwrap_or(0);
        let blank_among = anchors().skip(first).any(|s| s.text.is_empty());
        let words_among = anchors().skip(first).any(|s| !is_value(&s.text));
        let columns = cols.leaves.len() - cols.first_value;
        // As it is: a blank cell among the values (the table reader may
        // place the row by its total, else reports its count), more values
        // than columns, or a word among them (the count is reported).
        return if blank_among || values > columns || (values < columns && words_among) {
            Fit::AsIs
        } else {
            Fit::Unplaced
        };
    }
    if strict && fits.iter().any(|p| p.values.iter().any(Vec::is_empty)) {
        return Fit::Unplaced;
    }
    let mut lines: Vec<Option<String>> = fits.iter().map(write).collect();
    lines.dedup();
    match (lines.pop(), fits.into_iter().next()) {
        (Some(Some(line)), Some(p)) if lines.is_empty() => Fit::Placed(line, p),
        _ => Fit::Unplaced,
    }
}

/// A value cell of a row as wide as the header lies over two of its value
/// columns.
fn spans_columns(row: &ExpRow, cols: &Columns, cells: &[CellAt]) -> bool {
    row.slots.len() == cols.width
        && row
            .slots
            .iter()
            .enumerate()
            .any(|(c, s)| match (s.kind, s.cell) {
                (SlotKind::Anchor, Some(id)) if is_value(&s.text) => {
                    let b = c + cells[id].span;
                    c >= cols.label_end() && b <= cols.width && cols.leaf_of(c, b).is_none()
                }
                _ => false,
            })
}

/// Labels, then one cell per value column up to the row's last one.
fn write(p: &Placed) -> Option<String> {
    if p.values.iter().any(|v| v.len() > 1) {
        return None;
    }
    let nl = p
        .labels
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    let nv = p.present.iter().rposition(|&x| x).map_or(0, |i| i + 1);
    let nv = nv.max(
        p.values
            .iter()
            .rposition(|v| !v.is_empty())
            .map_or(0, |i| i + 1),
    );
    let mut cells: Vec<&str> = p.labels[..nl].iter().map(String::as_str).collect();
    cells.extend(
        p.values[..nv]
            .iter()
            .map(|v| v.first().map_or("", String::as_str)),
    );
    Some(cells.join("\t"))
}

/// A row of values without a label, written apart (one value a line, no
/// tab): the table reader does not place such lines.
fn values_apart(row: &ExpRow) -> String {
    let texts: Vec<&str> = row
        .slots
        .iter()
        .filter(|s| s.kind == SlotKind::Anchor && !s.text.is_empty())
        .map(|s| s.text.as_str())
        .collect();
    texts.join(" ")
}

/// A row of numbers whose columns are not certain, written the way the
/// table reader keeps as unplaced: its labels then its values, separated by
/// spaces, no tab (a row without a label, as table 3's, is its values so).
fn unplaced(row: &ExpRow) -> Option<String> {
    let texts = row
        .slots
        .iter()
        .filter(|s| s.kind == SlotKind::Anchor && !s.text.is_empty());
    let (values, labels): (Vec<&Slot>, Vec<&Slot>) = texts.partition(|s| is_value(&s.text));
    if !values.iter().any(|s| is_number(&s.text)) {
        return None;
    }
    let mut line: Vec<&str> = labels.iter().map(|s| s.text.as_str()).collect();
    line.extend(values.iter().map(|s| s.text.as_str()));
    Some(line.join(" ").replace('\t', " "))
}

#[cfg(test)]
mod tests;
