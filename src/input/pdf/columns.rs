//! The cells of a table without ruling lines (see [`super::unruled`]):
//! its columns, where each row's numbers and labels lie, and the rows as
//! `grid` writes them.

use super::lines::{is_cjk, Word};
use super::unruled::{clusters, is_value, overlaps, span, Row};

/// Label columns from the labels' extents: apart where no label lies, and
/// where only one or two lie in a gap between columns many others keep to
/// (cells set close, their labels run together on a few lines).
fn label_columns(spans: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut events: Vec<(f64, i32)> = spans.iter().flat_map(|s| [(s.0, 1), (s.1, -1)]).collect();
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // Stretches between events, with how many labels cover each.
    let mut cover: Vec<(f64, f64, i32)> = Vec::new();
    let mut n = 0;
    for w in events.windows(2) {
        n += w[0].1;
        if w[1].0 > w[0].0 {
            cover.push((w[0].0, w[1].0, n));
        }
    }
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut start = 0;
    while start < cover.len() {
        if cover[start].2 <= 0 {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < cover.len() && cover[end].2 > 0 {
            end += 1;
        }
        let run = &cover[start..end];
        let mut before = vec![0; run.len()];
        let mut after = vec![0; run.len()];
        for i in 1..run.len() {
            before[i] = before[i - 1].max(run[i - 1].2);
            let j = run.len() - 1 - i;
            after[j] = after[j + 1].max(run[j + 1].2);
        }
        let valley = |i: usize| run[i].2 <= 2 && run[i].2 * 3 <= before[i].min(after[i]);
        let mut from = run[0].0;
        let mut i = 0;
        while i < run.len() {
            if !valley(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < run.len() && valley(j + 1) {
                j += 1;
            }
            let cut = f64::midpoint(run[i].0, run[j].1);
            out.push((from, cut));
            from = cut;
            i = j + 1;
        }
        out.push((from, run[run.len() - 1].1));
        start = end;
    }
    out
}

/// Append a label's part: Chinese runs on without a space.
fn push_text(out: &mut String, t: &str) {
    let space = out.chars().last().is_some_and(|c| !is_cjk(c))
        && t.chars().next().is_some_and(|c| !is_cjk(c));
    if space {
        out.push(' ');
    }
    out.push_str(t);
}

/// Whether a label's item mark (`（一）`, `1.`, `一、`) starts at char `i`.
fn mark_at(chars: &[char], i: usize) -> bool {
    let num = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    match chars.get(i..) {
        Some(['（', c, '）', ..] | [c, '.' | '．' | '、', ..]) => num(*c),
        _ => false,
    }
}

/// A label part cut before each item mark inside it: labels of cells set
/// side by side with no gap run together (`（三）不予公开1.属于国家秘密`).
/// Each piece's extent is its share of the part's, by character widths.
fn split_items(w: &Word) -> Vec<Word> {
    if is_value(&w.text) {
        return vec![w.clone()];
    }
    let chars: Vec<char> = w.text.chars().collect();
    let weight = |c: &char| if is_cjk(*c) { 1.0 } else { 0.5 };
    let total: f64 = chars.iter().map(weight).sum::<f64>().max(0.5);
    let unit = (w.x1 - w.x0) / total;
    let mut out = Vec::new();
    let (mut start, mut x) = (0, w.x0);
    for i in 1..=chars.len() {
        let cut = i == chars.len()
            || (mark_at(&chars, i) && !chars[i - 1].is_ascii_digit() && chars[i - 1] != '第');
        if !cut {
            continue;
        }
        let text: String = chars[start..i].iter().collect();
        let x1 = x + chars[start..i].iter().map(weight).sum::<f64>() * unit;
        let text = text.trim().to_string();
        if !text.is_empty() {
            // Kept a little inside the share: the widths are estimates.
            let inset = if start == 0 && i == chars.len() {
                0.0
            } else {
                0.3 * unit
            };
            out.push(Word {
                text,
                x0: x + inset,
                x1: x1 - inset,
            });
        }
        (start, x) = (i, x1);
    }
    out
}

/// A label's lines in one column: the rows they are on, their extent.
struct Block {
    col: usize,
    parts: Vec<(usize, String)>,
    top: f64,
    bottom: f64,
}

/// A label set in the middle of the rows it spans (a group's: `（三）不予公开`
/// over its eight kinds) goes with the first of them, as a table with lines
/// writes it: when the rows above and below it with nothing in its column
/// lie evenly around it.
fn group_labels(
    placed: &mut [(Option<usize>, Block)],
    rows: &[Row],
    numbered: &[usize],
    grid: &Grid,
) {
    let ncols = grid.columns.len();
    let mid = |q: usize| f64::midpoint(rows[numbered[q]].top, rows[numbered[q]].bottom);
    let mut taken = vec![vec![false; ncols]; numbered.len()];
    for (q, &r) in numbered.iter().enumerate() {
        for w in rows[r].parts.iter().filter(|w| is_value(&w.text)) {
            if let Some(c) = grid.column_of(w) {
                taken[q][c] = true;
            }
        }
    }
    let index = |r: usize| numbered.iter().position(|&x| x == r);
    for (n, b) in placed.iter() {
        if let Some(q) = n.and_then(index) {
            taken[q][b.col] = true;
        }
    }
    // Column by column, top to bottom: a group spans from the row after the
    // group above it to a row as far below its label as that is above.
    // The rightmost column with a label, per row of numbers.
    let mut inner: Vec<Option<usize>> = vec![None; numbered.len()];
    for (n, b) in placed.iter() {
        if let Some(q) = n.and_then(index) {
            inner[q] = inner[q].max(Some(b.col));
        }
    }
    let mut moves = Vec::new();
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by(|&x, &y| {
        let c = |k: usize| f64::midpoint(placed[k].1.top, placed[k].1.bottom);
        (placed[x].1.col, c(y))
            .partial_cmp(&(placed[y].1.col, c(x)))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut ends: Vec<Option<usize>> = vec![None; ncols];
    for k in order {
        let (n, b) = &placed[k];
        let centre = f64::midpoint(b.top, b.bottom);
        let q = match n {
            Some(r) => index(*r),
            None => (0..numbered.len())
                .min_by(|&x, &y| (mid(x) - centre).abs().total_cmp(&(mid(y) - centre).abs()))
                .filter(|&q| !taken[q][b.col]),
        };
        let Some(q) = q else { continue };
        let floor = ends[b.col].map_or(0, |e| e + 1);
        let mut up = q;
        while up > floor && !taken[up - 1][b.col] {
            up -= 1;
        }
        let mut down = q;
        while down + 1 < numbered.len() && !taken[down + 1][b.col] {
            down += 1;
        }
        let pitch = |t: usize, b: usize| {
            if b > t {
                (mid(t) - mid(b)) / (b - t) as f64
            } else {
                [t.checked_sub(1), Some(t + 1)]
                    .into_iter()
                    .flatten()
                    .filter(|&x| x < numbered.len())
                    .map(|x| (mid(x) - mid(t)).abs())
                    .fold(f64::MAX, f64::min)
            }
        };
        let even = |t: usize, b: usize| {
            (f64::midpoint(mid(t), mid(b)) - centre).abs() <= 0.25 * pitch(t, b)
        };
        // Only a group's label: each row it spans has a label right of it,
        // but for the first (the group's own total).
        let grouped = |t: usize, e: usize| (t + 1..=e).all(|x| inner[x] > Some(b.col));
        let span = (up..=q).find_map(|t| {
            (q..=down)
                .take_while(|&e| grouped(t, e))
                .find(|&e| even(t, e))
                .map(|e| (t, e))
        });
        match span {
            Some((t, e)) if t < q || n.is_none() => {
                moves.push((k, numbered[t]));
                ends[b.col] = Some(e);
            }
            _ => ends[b.col] = n.map(|_| q).or(ends[b.col]),
        }
    }
    for (k, r) in moves {
        placed[k].0 = Some(r);
    }
}

/// The rows of a table without lines (see the module documentation): the
/// header lines as they read, then one line per row, cells a tab apart.
pub(crate) fn render(rows: &[Row]) -> Vec<String> {
    let Some(first) = rows.iter().position(Row::has_value) else {
        return rows.iter().map(Row::text).collect();
    };
    // A header line inside the table (parts over its numbers, none a
    // number) starts a part with columns of its own: 表一's kinds of items
    // under their own headers.
    let values = clusters(
        rows.iter()
            .flat_map(|r| r.parts.iter().filter(|w| is_value(&w.text)).map(span))
            .collect(),
    );
    let starts: Vec<usize> = (first + 1..rows.len())
        .filter(|&k| {
            let r = &rows[k];
            !r.has_value()
                && r.parts.len() >= 2
                && values.first().is_some_and(|c| r.parts[0].x1 <= c.0)
                && r.parts[1..]
                    .iter()
                    .all(|w| values.iter().any(|&c| overlaps(span(w), c)))
        })
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    for to in starts.into_iter().chain([rows.len()]) {
        out.extend(render_part(&rows[from..to]));
        from = to;
    }
    out
}

/// The columns of a part of a table: `Some(k)` the k-th column of
/// numbers, each certain or not.
struct Grid {
    columns: Vec<((f64, f64), Option<usize>)>,
    certain: Vec<bool>,
}

impl Grid {
    /// A part's column: the first it overlaps, or the nearest.
    fn column_of(&self, w: &Word) -> Option<usize> {
        let cols = &self.columns;
        (0..cols.len())
            .find(|&k| overlaps(span(w), cols[k].0))
            .or_else(|| {
                let d = |k: usize| {
                    let (a, b) = cols[k].0;
                    (f64::midpoint(a, b) - f64::midpoint(w.x0, w.x1)).abs()
                };
                (0..cols.len()).min_by(|&a, &b| d(a).total_cmp(&d(b)))
            })
    }

    /// A number's column: the column of numbers it lies in, when certain.
    fn value_column(&self, w: &Word) -> Option<usize> {
        (0..self.columns.len()).find(|&k| {
            let (c, v) = self.columns[k];
            v.is_some_and(|v| self.certain[v]) && overlaps(span(w), c)
        })
    }
}

/// Where a row's numbers and labels lie, `values` the columns of numbers.
fn grid(header: &[Row], body: &[Row], values: &[(f64, f64)]) -> Grid {
    let mut support = vec![0usize; values.len()];
    for w in body.iter().flat_map(|r| &r.parts) {
        if let Some(k) = values.iter().position(|&c| overlaps(span(w), c)) {
            support[k] += usize::from(is_value(&w.text));
        }
    }
    // A column of numbers is certain when no header line has two parts over
    // it, and a number alone in its column only under a header part.
    let certain: Vec<bool> = values
        .iter()
        .zip(&support)
        .map(|(&c, &n)| {
            let over = |r: &Row| r.parts.iter().filter(|w| overlaps(span(w), c)).count();
            header.iter().all(|r| over(r) <= 1) && (n >= 2 || header.iter().any(|r| over(r) > 0))
        })
        .collect();
    // Label columns: where the labels left of the numbers lie (text among
    // the numbers, a header repeated or a note in a cell, makes no column).
    let left = values
        .iter()
        .zip(&certain)
        .find(|(_, &sure)| sure)
        .map_or(f64::MAX, |(c, _)| c.0);
    let in_values = |w: &Word| {
        values
            .iter()
            .zip(&certain)
            .any(|(&c, &sure)| sure && overlaps(span(w), c))
    };
    let labels = label_columns(
        &body
            .iter()
            .flat_map(|r| &r.parts)
            .filter(|w| !in_values(w) && w.x1 <= left)
            .map(span)
            .collect::<Vec<_>>(),
    );
    // A column whose numbers are not certain is no column: its numbers are
    // not placed, and the other rows have no blank cell for it.
    let mut columns: Vec<((f64, f64), Option<usize>)> = values
        .iter()
        .enumerate()
        .filter(|&(k, _)| certain[k])
        .map(|(k, &c)| (c, Some(k)))
        .chain(labels.iter().map(|&c| (c, None)))
        .collect();
    // A header part right of the labels over no numbers, and under no header
    // part over numbers: a column left blank.
    let over_values: Vec<(f64, f64)> = header
        .iter()
        .flat_map(|r| &r.parts)
        .filter(|w| in_values(w))
        .map(span)
        .collect();
    let mut blank: Vec<(f64, f64)> = Vec::new();
    for w in header.iter().flat_map(|r| &r.parts) {
        let taken = |c: &(f64, f64)| overlaps(span(w), *c);
        let free = !values.iter().any(taken) && !over_values.iter().any(taken);
        if w.x0 >= left && free && !blank.iter().any(taken) {
            blank.push(span(w));
        }
    }
    columns.extend(blank.into_iter().map(|c| (c, None)));
    columns.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
    Grid { columns, certain }
}

fn mid(r: &Row) -> f64 {
    f64::midpoint(r.top, r.bottom)
}

/// Labels: blocks of lines close together in one column, each with the row
/// of numbers it lies beside (`None`: a row of its own); a block over two
/// rows' numbers (rows set close) is cut between them.
fn label_blocks(
    rows: &[Row],
    body: usize,
    grid: &Grid,
    numbered: &[usize],
) -> Vec<(Option<usize>, Block)> {
    let mut blocks: Vec<Block> = Vec::new();
    for col in 0..grid.columns.len() {
        let mut open: Option<Block> = None;
        for (r, row) in rows.iter().enumerate().skip(body) {
            for w in row.parts.iter().filter(|w| !is_value(&w.text)) {
                if grid.column_of(w) != Some(col) {
                    continue;
                }
                let joins = open.as_ref().is_some_and(|b| {
                    b.parts.last().is_some_and(|p| p.0 == r) || b.bottom - row.top <= 0.9 * row.size
                });
                if !joins {
                    blocks.extend(open.take());
                }
                let b = open.get_or_insert(Block {
                    col,
                    parts: Vec::new(),
                    top: row.top,
                    bottom: row.bottom,
                });
                b.parts.push((r, w.text.clone()));
                b.bottom = b.bottom.min(row.bottom);
            }
        }
        blocks.extend(open);
    }
    let mut placed: Vec<(Option<usize>, Block)> = Vec::new();
    for b in blocks {
        let inside: Vec<usize> = numbered
            .iter()
            .copied()
            .filter(|&r| (b.bottom..=b.top).contains(&mid(&rows[r])))
            .collect();
        if inside.len() <= 1 {
            placed.push((inside.first().copied(), b));
            continue;
        }
        let nearest = |r: usize| {
            inside.iter().copied().min_by(|&a, &c| {
                let d = |x: usize| (mid(&rows[x]) - mid(&rows[r])).abs();
                d(a).total_cmp(&d(c))
            })
        };
        for &n in &inside {
            let parts: Vec<(usize, String)> = b
                .parts
                .iter()
                .filter(|p| nearest(p.0) == Some(n))
                .cloned()
                .collect();
            if let (Some(f), Some(l)) = (parts.first(), parts.last()) {
                let (top, bottom) = (rows[f.0].top, rows[l.0].bottom);
                let col = b.col;
                placed.push((
                    Some(n),
                    Block {
                        col,
                        parts,
                        top,
                        bottom,
                    },
                ));
            }
        }
    }
    placed
}

/// Whether a part holds numbers run together (`0 0 1`): a row's cells the
/// lines do not set apart.
fn jammed(w: &Word) -> bool {
    !is_value(&w.text) && w.text.split_whitespace().filter(|t| is_value(t)).count() >= 2
}

/// The rows of labels beside no numbers: blocks side by side (overlapping
/// in height) make one row.
fn alone_rows(placed: &[(Option<usize>, Block)], ncols: usize) -> Vec<(f64, String)> {
    let mut alone: Vec<&Block> = placed
        .iter()
        .filter(|(n, _)| n.is_none())
        .map(|(_, b)| b)
        .collect();
    alone.sort_by(|a, b| b.top.total_cmp(&a.top));
    let mut out = Vec::new();
    let mut k = 0;
    while k < alone.len() {
        let (mut top, mut bottom) = (alone[k].top, alone[k].bottom);
        let mut cells = vec![String::new(); ncols];
        while k < alone.len() && alone[k].top >= bottom {
            let b = alone[k];
            for (_, t) in &b.parts {
                push_text(&mut cells[b.col], t);
            }
            top = top.max(b.top);
            bottom = bottom.min(b.bottom);
            k += 1;
        }
        out.push((f64::midpoint(top, bottom), cells.join("\t")));
    }
    out
}

/// One part of a table without lines, with its own columns.
fn render_part(rows: &[Row]) -> Vec<String> {
    let Some(first) = rows.iter().position(Row::has_value) else {
        return rows.iter().map(Row::text).collect();
    };
    let split: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| Row {
            parts: if k < first {
                r.parts.clone()
            } else {
                r.parts.iter().flat_map(split_items).collect()
            },
            ..r.clone()
        })
        .collect();
    let rows = &split[..];
    let values = clusters(
        rows[first..]
            .iter()
            .flat_map(|r| r.parts.iter().filter(|w| is_value(&w.text)).map(span))
            .collect(),
    );
    let in_values = |w: &Word| values.iter().any(|&c| overlaps(span(w), c));
    // The first row's label may begin above its numbers: lines close above
    // with no part over a column of numbers.
    let mut body = first;
    while body > 0 {
        let (above, below) = (&rows[body - 1], &rows[body]);
        let close = above.bottom - below.top <= above.size.max(below.size);
        if !close || above.parts.iter().any(&in_values) {
            break;
        }
        body -= 1;
    }
    let header = &rows[..body];
    // Numbers run together in a cell: the table's cells are not where its
    // lines put them, and every line is written as it reads.
    if rows[body..].iter().flat_map(|r| &r.parts).any(jammed) {
        let plain = |r: &Row| {
            let texts: Vec<&str> = r.parts.iter().map(|w| w.text.as_str()).collect();
            texts.join(" ")
        };
        return header
            .iter()
            .map(Row::text)
            .chain(rows[body..].iter().map(plain))
            .collect();
    }
    let grid = grid(header, &rows[body..], &values);
    let numbered: Vec<usize> = (body..rows.len())
        .filter(|&r| rows[r].has_value())
        .collect();
    let mut placed = label_blocks(rows, body, &grid, &numbered);
    group_labels(&mut placed, rows, &numbered, &grid);

    // The rows, top to bottom: each row of numbers, and each group of label
    // blocks beside no numbers.
    let ncols = grid.columns.len();
    let mut out: Vec<(f64, String)> = header.iter().map(|r| (r.top, r.text())).collect();
    for &r in &numbered {
        let mut cells = vec![String::new(); ncols];
        let mut sure = true;
        // Unplaced, the row reads as it is: its label's other lines, then
        // its line.
        let mut loose: Vec<&str> = Vec::new();
        for (_, b) in placed.iter().filter(|(n, _)| *n == Some(r)) {
            for (k, t) in &b.parts {
                push_text(&mut cells[b.col], t);
                if *k != r {
                    loose.push(t);
                }
            }
        }
        loose.extend(rows[r].parts.iter().map(|w| w.text.as_str()));
        for w in rows[r].parts.iter().filter(|w| is_value(&w.text)) {
            match grid.value_column(w) {
                Some(k) if cells[k].is_empty() => cells[k].clone_from(&w.text),
                _ => sure = false,
            }
        }
        let text = if sure {
            cells.join("\t")
        } else {
            loose.join(" ")
        };
        out.push((mid(&rows[r]), text));
    }
    out.extend(alone_rows(&placed, ncols));
    out[body..].sort_by(|a, b| b.0.total_cmp(&a.0));
    out.into_iter().map(|(_, t)| t).collect()
}
