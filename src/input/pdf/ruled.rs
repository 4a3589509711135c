//! Tables drawn with ruling lines: the lines drawn on a page become
//! horizontal and vertical edges; edges that touch form a table; the distinct
//! positions of its edges give a grid of slots; a slot whose right (or lower)
//! border is not drawn is merged with its neighbour, so a wrapped label or a
//! header spanning columns stays one cell.

use super::Segment;

/// How far apart (in points) two edges may be and still be one line: double
/// borders, and borders drawn as thin rectangles.
const SNAP: f64 = 2.0;

/// A horizontal (`y`, from `a` to `b` in x) or vertical (`x`, from `a` to
/// `b` in y) edge.
#[derive(Debug, Clone, Copy)]
struct Edge {
    at: f64,
    a: f64,
    b: f64,
}

/// A table found from its ruling lines.
#[derive(Debug, Clone)]
pub(crate) struct Ruled {
    /// Column borders, left to right.
    pub xs: Vec<f64>,
    /// Row borders, top to bottom (decreasing y).
    pub ys: Vec<f64>,
    /// The cells: (row, column) of the top-left slot, rows and columns spanned.
    pub cells: Vec<Span>,
    /// Cell index of each slot, row-major.
    pub slot_cell: Vec<usize>,
}

/// A cell's place in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
}

impl Ruled {
    /// The cell holding the point, if the point is inside the table.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        let (left, right) = (self.xs[0], self.xs[self.xs.len() - 1]);
        if !(x > left && x < right && y < top && y > bottom) {
            return None;
        }
        let col = self.xs.iter().rposition(|&b| b < x)?;
        let row = self.ys.iter().rposition(|&b| b > y)?;
        let cols = self.xs.len() - 1;
        self.slot_cell.get(row * cols + col).copied()
    }
}

/// Cluster sorted values closer than `SNAP` to their mean.
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// Merge edges on one line whose extents touch or overlap.
fn merge(mut edges: Vec<Edge>) -> Vec<Edge> {
    edges.sort_by(|p, q| p.at.total_cmp(&q.at).then(p.a.total_cmp(&q.a)));
    let mut out: Vec<Edge> = Vec::new();
    // Edges on (about) the same line, merged along it.
    let mut i = 0;
    while i < edges.len() {
        let mut j = i;
        while j + 1 < edges.len() && edges[j + 1].at - edges[i].at <= SNAP {
            j += 1;
        }
        let at = edges[i..=j].iter().map(|e| e.at).sum::<f64>() / (j - i + 1) as f64;
        let mut run: Vec<Edge> = edges[i..=j].to_vec();
        run.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur: Option<Edge> = None;
        for e in run {
            match cur.as_mut() {
                Some(c) if e.a <= c.b + SNAP => c.b = c.b.max(e.b),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Edge { at, a: e.a, b: e.b });
                }
            }
        }
        out.extend(cur);
        i = j + 1;
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// Whether some edge lies at `at` and covers `from..to` (with a little slack).
fn covered(edges: &[Edge], at: f64, from: f64, to: f64) -> bool {
    let slack = ((to - from) * 0.25).min(3.0);
    edges
        .iter()
        .any(|e| (e.at - at).abs() <= SNAP && e.a <= from + slack && e.b >= to - slack)
}

/// Most edges a page may have for tables to be looked for (a drawing made of
/// thousands of strokes is not a table).
const MAX_EDGES: usize = 4000;

/// The tables drawn on a page with ruling lines.
pub(crate) fn tables(segments: &[Segment]) -> Vec<Ruled> {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for s in segments {
        let vals = [s.x0, s.y0, s.x1, s.y1];
        if vals.iter().any(|v| !v.is_finite()) {
            continue;
        }
        let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
        if dy <= 1.0 && dx > 1.0 {
            hs.push(Edge {
                at: f64::midpoint(s.y0, s.y1),
                a: s.x0.min(s.x1),
                b: s.x0.max(s.x1),
            });
        } else if dx <= 1.0 && dy > 1.0 {
            vs.push(Edge {
                at: f64::midpoint(s.x0, s.x1),
                a: s.y0.min(s.y1),
                b: s.y0.max(s.y1),
            });
        }
    }
    if hs.len() + vs.len() > MAX_EDGES {
        return Vec::new();
    }
    let hs = merge(hs);
    let vs = merge(vs);
    // Edges that touch belong to one table.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.at >= h.a - SNAP && v.at <= h.b + SNAP && h.at >= v.a - SNAP && h.at <= v.b + SNAP
            {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Edge>, Vec<Edge>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let k = if let Some(k) = groups.iter().position(|g| g.0 == root) {
            k
        } else {
            groups.push((root, Vec::new(), Vec::new()));
            groups.len() - 1
        };
        if i < hs.len() {
            groups[k].1.push(hs[i]);
        } else {
            groups[k].2.push(vs[i - hs.len()]);
        }
    }
    groups
        .into_iter()
        .filter_map(|(_, h, v)| grid(&h, &v))
        .collect()
}

/// The grid of one group of touching edges, or `None` when it is not a
/// table of at least two cells.
fn grid(hs: &[Edge], vs: &[Edge]) -> Option<Ruled> {
    let xs = cluster(vs.iter().map(|e| e.at).collect());
    let mut ys = cluster(hs.iter().map(|e| e.at).collect());
    ys.reverse();
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 2000 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !covered(vs, xs[c + 1], ys[r + 1], ys[r]) {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !covered(hs, ys[r + 1], xs[c], xs[c + 1]) {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut cells: Vec<Span> = Vec::new();
    let mut root_cell: Vec<Option<usize>> = vec![None; rows * cols];
    let mut slot_cell = Vec::with_capacity(rows * cols);
    for slot in 0..rows * cols {
        let root = find(&mut parent, slot);
        let (r, c) = (slot / cols, slot % cols);
        let k = if let Some(k) = root_cell[root] {
            let s = &mut cells[k];
            let (r1, c1) = ((s.row + s.rows).max(r + 1), (s.col + s.cols).max(c + 1));
            s.row = s.row.min(r);
            s.col = s.col.min(c);
            s.rows = r1 - s.row;
            s.cols = c1 - s.col;
            k
        } else {
            cells.push(Span {
                row: r,
                col: c,
                rows: 1,
                cols: 1,
            });
            root_cell[root] = Some(cells.len() - 1);
            cells.len() - 1
        };
        slot_cell.push(k);
    }
    if cells.len() < 2 {
        return None;
    }
    Some(Ruled {
        xs,
        ys,
        cells,
        slot_cell,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f64, y0: f64, x1: f64, y1: f64) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    #[test]
    fn merged_header_and_label() {
        // 3 columns × 3 rows; the first row's last two slots are one cell,
        // and the first column's last two slots are one cell: 7 cells.
        let segs = vec![
            line(0.0, 300.0, 300.0, 300.0),
            line(100.0, 200.0, 300.0, 200.0),
            line(0.0, 200.5, 100.0, 200.5),
            line(100.0, 100.0, 300.0, 100.0),
            line(0.0, 0.0, 300.0, 0.0),
            line(0.0, 0.0, 0.0, 300.0),
            line(100.0, 0.0, 100.0, 300.0),
            line(200.0, 0.0, 200.0, 200.0),
            line(300.0, 0.0, 300.0, 300.0),
        ];
        let t = tables(&segs);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.xs.len(), 4);
        assert_eq!(t.ys.len(), 4);
        assert_eq!(t.cells.len(), 7);
        let header = t.cells[t.cell_at(250.0, 250.0).unwrap()];
        assert_eq!(
            header,
            Span {
                row: 0,
                col: 1,
                rows: 1,
                cols: 2
            }
        );
        let label = t.cells[t.cell_at(50.0, 50.0).unwrap()];
        assert_eq!(
            label,
            Span {
                row: 1,
                col: 0,
                rows: 2,
                cols: 1
            }
        );
        assert_eq!(t.cell_at(350.0, 50.0), None);
    }

    #[test]
    fn a_lone_box_is_not_a_table() {
        let segs = vec![
            line(0.0, 0.0, 100.0, 0.0),
            line(0.0, 50.0, 100.0, 50.0),
            line(0.0, 0.0, 0.0, 50.0),
            line(100.0, 0.0, 100.0, 50.0),
            line(f64::NAN, 0.0, 1.0, 1.0),
        ];
        assert!(tables(&segs).is_empty());
    }
}
