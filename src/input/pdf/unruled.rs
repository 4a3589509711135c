//! Tables without ruling lines: the columns are the x-ranges of the parts
//! of the header line, and a number is written in a column only when it
//! lies under that column's header and under no other; a number whose
//! column is not certain is left out (its cell stays blank), never guessed.
//! A table whose header takes several lines is written line by line.

use super::lines::{is_cjk, words, Line, Word};

/// A gap of this many font sizes separates a table's cells on a line.
const CELL_GAP: f64 = 1.0;

/// What running text and tables without lines give, with the top of each.
pub(crate) enum Piece {
    Line(Line),
    Rows(Vec<String>),
}

/// A number, in any digits, with its separators and sign.
pub(crate) fn is_number(s: &str) -> bool {
    s.chars().any(char::is_numeric)
        && s.chars()
            .all(|c| c.is_numeric() || matches!(c, '.' | '．' | ',' | '，' | '-' | '－' | '%'))
}

/// A value: a number, a signed change (`减 3`, `增2`, `+1`), or a dash
/// written for "none". A change whose column is not certain must leave its
/// row unplaced, not go into the label (`行政事业性收费减 3` would read as
/// the label and a 3).
fn is_value(s: &str) -> bool {
    let unsigned = s.trim_start_matches(['增', '减', '+', '＋']).trim_start();
    is_number(s)
        || (unsigned.len() < s.len() && is_number(unsigned))
        || (!s.is_empty() && s.chars().all(|c| "-－—–/／".contains(c)))
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

/// Split running text from tables without lines, top to bottom.
pub(crate) fn pieces(lines: Vec<Line>) -> Vec<(f64, Piece)> {
    let split: Vec<Vec<Word>> = lines.iter().map(parts).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let lines: Vec<Line> = lines;
    while i < lines.len() {
        // A run of lines with two parts or more, one of them a number.
        let mut j = i;
        while j < lines.len() && split[j].len() >= 2 {
            j += 1;
        }
        let has_values = split[i..j]
            .iter()
            .any(|p| p.iter().any(|w| is_value(&w.text)));
        if j - i >= 2 && has_values {
            if let Some(rows) = table(&split[i..j]) {
                out.push((lines[i].top, Piece::Rows(rows)));
                i = j;
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

/// A column: the extent of its header.
#[derive(Debug, Clone, Copy)]
struct Column {
    x0: f64,
    x1: f64,
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The rows of a table without lines, or `None` when it has no header to
/// take its columns from.
fn table(lines: &[Vec<Word>]) -> Option<Vec<String>> {
    let first_values = lines
        .iter()
        .position(|p| p.iter().any(|w| is_value(&w.text)))?;
    // One header line, right above the values: with headers over several
    // lines (wrapped in narrow cells, spanning others) which column a part
    // heads is not certain, and the lines are written as they are.
    if first_values != 1 {
        return None;
    }
    let header: Vec<&Word> = lines[..first_values].iter().flatten().collect();
    // A header spanning others (法人或其他组织 over its five kinds) is not a column.
    let fine: Vec<&Word> = header
        .iter()
        .filter(|w| {
            header
                .iter()
                .filter(|o| !std::ptr::eq(**o, **w) && overlaps((w.x0, w.x1), (o.x0, o.x1)))
                .count()
                < 2
        })
        .copied()
        .collect();
    let mut columns: Vec<Column> = Vec::new();
    let mut sorted = fine;
    sorted.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    for w in sorted {
        match columns.last_mut() {
            Some(c) if w.x0 < c.x1 => c.x1 = c.x1.max(w.x1),
            _ => columns.push(Column { x0: w.x0, x1: w.x1 }),
        }
    }
    if columns.len() < 2 {
        return None;
    }
    let mut rows: Vec<String> = lines[..first_values]
        .iter()
        .map(|p| {
            p.iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    for p in &lines[first_values..] {
        // A line with a number whose column is not certain is written as
        // it reads, not as cells: a blank cell would say the report left
        // it empty.
        rows.push(place(p, &columns).unwrap_or_else(|| {
            p.iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        }));
    }
    Some(rows)
}

/// One data line written in the columns: a number in the one column whose
/// header it lies under, a label in the first cell unless it lies under a
/// column of its own; `None` when a number's column is not certain.
fn place(parts: &[Word], columns: &[Column]) -> Option<String> {
    let mut cells = vec![String::new(); columns.len()];
    let mut labels: Vec<&str> = Vec::new();
    for w in parts {
        let mid = f64::midpoint(w.x0, w.x1);
        let slack = (w.x1 - w.x0).max(1.0) * 0.5;
        let under: Vec<usize> = (0..columns.len())
            .filter(|&k| mid >= columns[k].x0 - slack && mid <= columns[k].x1 + slack)
            .collect();
        let touching = (0..columns.len())
            .filter(|&k| overlaps((w.x0, w.x1), (columns[k].x0, columns[k].x1)))
            .count();
        let certain = match under.as_slice() {
            [k] if touching <= 1 => Some(*k),
            _ => None,
        };
        if is_value(&w.text) {
            let k = certain?;
            if !cells[k].is_empty() {
                return None;
            }
            cells[k].clone_from(&w.text);
        } else if let Some(k) = certain.filter(|&k| k > 0 && cells[k].is_empty()) {
            cells[k].clone_from(&w.text);
        } else {
            labels.push(&w.text);
        }
    }
    let mut label = String::new();
    for l in labels {
        let space = label.chars().last().is_some_and(|c| !is_cjk(c))
            && l.chars().next().is_some_and(|c| !is_cjk(c));
        if space {
            label.push(' ');
        }
        label.push_str(l);
    }
    if !label.is_empty() {
        if cells[0].is_empty() || is_number(&cells[0]) {
            cells[0] = label;
        } else {
            cells[0] = format!("{label}{}", cells[0]);
        }
    }
    Some(cells.join("\t"))
}

#[cfg(test)]
mod tests {
    use super::super::lines::{group_lines, Glyph};
    use super::*;

    fn put(out: &mut Vec<Glyph>, s: &str, x: f64, y: f64) {
        for (i, c) in s.chars().enumerate() {
            let w = if is_cjk(c) { 10.0 } else { 5.0 };
            out.push(Glyph {
                c,
                x0: x + i as f64 * w,
                x1: x + (i + 1) as f64 * w,
                y,
                size: 10.0,
            });
        }
    }

    #[test]
    fn a_signed_change_is_a_value() {
        assert!(is_value("减 3") && is_value("增2") && is_value("+1") && is_value("-8"));
        assert!(!is_value("减少") && !is_value("行政事业性收费") && !is_value("增"));
    }

    #[test]
    fn columns_from_the_header() {
        let mut g = Vec::new();
        put(&mut g, "信息内容", 0.0, 100.0);
        put(&mut g, "本年制发件数", 100.0, 100.0);
        put(&mut g, "现行有效件数", 200.0, 100.0);
        put(&mut g, "规章", 0.0, 80.0);
        put(&mut g, "3", 125.0, 80.0);
        put(&mut g, "5", 225.0, 80.0);
        put(&mut g, "规范性文件", 0.0, 60.0);
        put(&mut g, "7", 225.0, 60.0);
        // Between the two columns: not placed, the line written as it reads.
        put(&mut g, "其他", 0.0, 40.0);
        put(&mut g, "12", 168.0, 40.0);
        let pieces = pieces(group_lines(g));
        assert_eq!(pieces.len(), 1);
        let Piece::Rows(rows) = &pieces[0].1 else {
            panic!("a table")
        };
        assert_eq!(
            rows,
            &[
                "信息内容\t本年制发件数\t现行有效件数",
                "规章\t3\t5",
                "规范性文件\t\t7",
                "其他 12"
            ]
        );
    }
}
