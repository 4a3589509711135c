//! Lines and table grids, shared by the Word ([`crate::input::docx`]) and web-page
//! ([`crate::input::html`]) readers.
//!
//! Both readers turn a document into the text layout the checker reads best
//! (spec §8.4): one line per paragraph, one line per table row with the cells
//! joined by tabs, and merged cells written the way a copy from Word or a
//! browser gives them: a cell spanning N columns is followed by N−1 empty
//! cells, and every position covered by a cell from a row above (rowspan,
//! Word's `vMerge`) is an empty cell. A row one of whose cells holds a nested
//! table, or a long run of paragraphs (a page-layout table), is not a data
//! row: its cells are written one after the other, each as its own lines.
//!
//! The rows with numbers are then written under the columns of their
//! table's header, never by counting cells (`columns`): one cell per
//! header column, and a row whose columns are not certain as a line without
//! tabs, which the table reader keeps as unplaced.

mod columns;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputKind {
    /// A paragraph, heading, or any other run of text.
    Text,
    /// A table row, cells joined by tabs.
    Row,
}

/// One output line, with the element it came from (web pages only; Word
/// documents use 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputLine {
    pub text: String,
    pub node: usize,
    pub kind: OutputKind,
    /// All the line's text is the text of links (web pages only).
    pub link: bool,
}

/// A table cell, its content already rendered to lines.
#[derive(Debug, Default)]
pub(crate) struct GridCell {
    pub lines: Vec<OutputLine>,
    /// The cell holds a table of its own.
    pub nested: bool,
    /// Columns spanned (at least 1).
    pub colspan: usize,
    /// Rows spanned (at least 1; 0 means "to the end of the table").
    pub rowspan: usize,
}

/// A table row.
#[derive(Debug, Default)]
pub(crate) struct GridRow {
    pub cells: Vec<GridCell>,
    /// The element the row came from.
    pub node: usize,
}

/// Widest span taken from a document (Word allows 63 columns, HTML 1000; no
/// report table has more than 20).
pub(crate) const MAX_SPAN: usize = 64;

/// Columns beyond this do not span rows (no report table is that wide), so
/// that each row costs at most this much work however the spans are set.
pub(crate) const MAX_COLUMNS: usize = 256;

/// A cell is page layout rather than data when it holds more lines or more
/// text than any cell of the report's tables does.
const LAYOUT_LINES: usize = 4;
const LAYOUT_CHARS: usize = 160;

/// State carried from one table of a document to the next: the budget of
/// empty cells that spans may still add, and the columns of the last table
/// whose header was read (for a table continued without its header) or the
/// rows of a table that is only a header (for a table of rows after it).
#[derive(Debug, Default)]
pub(crate) struct GridState {
    pub budget: usize,
    pub(crate) last: columns::Carry,
}

impl GridState {
    pub(crate) fn new(budget: usize) -> GridState {
        GridState {
            budget,
            last: columns::Carry::default(),
        }
    }
}

/// Write the rows of one table to `out` as they are, each row's cells in
/// grid order (the PDF reader's ruled tables, which place values itself).
pub(crate) fn render_table(rows: Vec<GridRow>, budget: &mut usize, out: &mut Vec<OutputLine>) {
    let mut state = GridState::new(*budget);
    expand(rows, &[], &mut state, out, false);
    *budget = state.budget;
}

/// Write the rows of one table to `out`; `widths` are the widths of its
/// grid columns when the document gives them (Word's `w:tblGrid`).
///
/// The state's budget bounds the empty cells that spans may add, over the
/// whole document, so that a hostile file cannot make the output much larger
/// than the input; once it is spent, spans are read as 1.
///
/// Each row is expanded to the table's grid first; then the rows' values are
/// written under the columns of the table's header ([`columns`]).
pub(crate) fn render_table_in(
    rows: Vec<GridRow>,
    widths: &[u32],
    state: &mut GridState,
    out: &mut Vec<OutputLine>,
) {
    expand(rows, widths, state, out, true);
}

fn expand(
    rows: Vec<GridRow>,
    widths: &[u32],
    state: &mut GridState,
    out: &mut Vec<OutputLine>,
    arrange: bool,
) {
    let budget = &mut state.budget;
    // Rows still covered by a rowspan from above, per column: rows left and
    // the covering cell.
    let mut pending: Vec<(usize, usize)> = Vec::new();
    let mut items: Vec<columns::Item> = Vec::new();
    let mut cells: Vec<columns::CellAt> = Vec::new();
    let nrows = rows.len();
    for (r, row) in rows.into_iter().enumerate() {
        while pending.last().is_some_and(|p| p.0 == 0) {
            pending.pop();
        }
        let covered: Vec<Option<usize>> = pending
            .iter()
            .map(|&(p, id)| (p > 0).then_some(id))
            .collect();
        for p in &mut pending {
            p.0 = p.0.saturating_sub(1);
        }
        if is_layout_row(&row) {
            let mut lines = Vec::new();
            for cell in row.cells {
                lines.extend(cell.lines);
            }
            items.push(columns::Item::Lines(lines));
            continue;
        }
        let mut slots: Vec<columns::Slot> = Vec::new();
        let mut col = 0;
        for cell in row.cells {
            while let Some(id) = covered.get(col).copied().flatten() {
                slots.push(columns::Slot::covered(id, columns::SlotKind::Above));
                col += 1;
            }
            let text = cell_text(&cell.lines);
            let mut span = cell.colspan.clamp(1, MAX_SPAN);
            let left = nrows - r;
            let mut down = match cell.rowspan {
                // Rows are spanned only within the width of a real table.
                _ if col >= MAX_COLUMNS => 1,
                0 => left,
                n => n.min(left),
            };
            let extra = (span - 1) + (down - 1) * span;
            if extra > *budget {
                span = 1;
                down = 1;
            } else {
                *budget -= extra;
            }
            let id = cells.len();
            cells.push(columns::CellAt {
                span,
                has_text: !text.is_empty(),
            });
            slots.push(columns::Slot {
                text,
                cell: Some(id),
                kind: columns::SlotKind::Anchor,
            });
            for _ in 1..span {
                slots.push(columns::Slot::covered(id, columns::SlotKind::Left));
            }
            if down > 1 {
                if pending.len() < col + span {
                    pending.resize(col + span, (0, 0));
                }
                for p in &mut pending[col..col + span] {
                    if p.0 < down - 1 {
                        *p = (down - 1, id);
                    }
                }
            }
            col += span;
        }
        fill_covered(&covered, col, budget, &mut slots);
        items.push(columns::Item::Row(columns::ExpRow {
            slots,
            node: row.node,
        }));
    }
    columns::arrange(
        items,
        &cells,
        widths,
        arrange.then_some(&mut state.last),
        out,
    );
}

/// Covered positions after a row's last cell (paid for when the span was
/// read), and the holes before them; `col` is where the row's cells end.
fn fill_covered(
    covered: &[Option<usize>],
    mut col: usize,
    budget: &mut usize,
    slots: &mut Vec<columns::Slot>,
) {
    let Some(last) = covered.iter().rposition(Option::is_some) else {
        return;
    };
    while col <= last {
        if let Some(id) = covered[col] {
            slots.push(columns::Slot::covered(id, columns::SlotKind::Above));
        } else {
            if *budget == 0 {
                break;
            }
            *budget -= 1;
            slots.push(columns::Slot {
                text: String::new(),
                cell: None,
                kind: columns::SlotKind::Hole,
            });
        }
        col += 1;
    }
}

/// A row that is page layout, not data: a cell holds a table, or more text
/// than a report table's cell, or a lone cell holds several paragraphs.
fn is_layout_row(row: &GridRow) -> bool {
    let lone = row.cells.len() == 1 && row.cells[0].colspan <= 1;
    row.cells.iter().any(|c| {
        c.nested
            || c.lines.len() >= LAYOUT_LINES
            || (lone && c.lines.len() > 1)
            || c.lines
                .iter()
                .map(|l| l.text.chars().count())
                .sum::<usize>()
                > LAYOUT_CHARS
    })
}

/// The text of a cell: its lines trimmed and joined. Chinese needs no space
/// between the parts of a label broken over two lines (`（二）部分公开` +
/// `（区分处理的…）`), but two numbers or words must stay apart (`3` and `5`
/// are not `35`).
pub(crate) fn cell_text(lines: &[OutputLine]) -> String {
    let mut out = String::new();
    for line in lines {
        let t = line.text.replace('\t', " ");
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let after_word = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let before_word = t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if after_word && before_word {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Join lines into the final text, one line per `\n`.
pub(crate) fn join(lines: &[OutputLine]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    for l in lines {
        out.push_str(&l.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_cell(s: &str, colspan: usize, rowspan: usize) -> GridCell {
        GridCell {
            lines: s
                .split('\n')
                .map(|t| OutputLine {
                    text: t.to_string(),
                    node: 0,
                    kind: OutputKind::Text,
                    link: false,
                })
                .collect(),
            nested: false,
            colspan,
            rowspan,
        }
    }

    /// Grid rows from `(text, colspan, rowspan)` cells (also used by the
    /// column-mapping tests).
    pub(super) fn rows(spec: &[&[(&str, usize, usize)]]) -> Vec<GridRow> {
        spec.iter()
            .map(|r| GridRow {
                cells: r.iter().map(|&(s, c, d)| text_cell(s, c, d)).collect(),
                node: 0,
            })
            .collect()
    }

    fn render(spec: &[&[(&str, usize, usize)]], budget: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut budget = budget;
        render_table(rows(spec), &mut budget, &mut out);
        out.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn spans_become_empty_cells() {
        let got = render(
            &[
                &[("头", 3, 3), ("申请人情况", 7, 1)],
                &[("自然人", 1, 2), ("法人", 5, 1), ("总计", 1, 2)],
                &[("商业", 1, 1), ("科研", 1, 1)],
            ],
            1000,
        );
        assert_eq!(
            got,
            [
                "头\t\t\t申请人情况\t\t\t\t\t\t",
                "\t\t\t自然人\t法人\t\t\t\t\t总计",
                "\t\t\t\t商业\t科研\t\t\t\t",
            ]
        );
    }

    #[test]
    fn rowspan_zero_and_overlong_stop_at_the_table_end() {
        let got = render(&[&[("a", 1, 0), ("b", 1, 99)], &[("c", 1, 1)]], 1000);
        assert_eq!(got, ["a\tb", "\t\tc"]);
    }

    #[test]
    fn far_spans_cost_nothing() {
        // A rowspan far to the right, over many rows: bounded work and output.
        let mut spec: Vec<Vec<(&str, usize, usize)>> = vec![vec![("x", 1, 1); 5000]];
        spec[0][4999] = ("far", 1, 100_000);
        spec.extend(std::iter::repeat_n(vec![("y", 1, 1)], 5000));
        let spec: Vec<&[(&str, usize, usize)]> = spec.iter().map(Vec::as_slice).collect();
        let got = render(&spec, 1_000_000);
        assert!(got[1..].iter().all(|l| l == "y"));
        let got = render(&[&[("a", 1, 1), ("b", 1, 3)], &[("c", 1, 1)], &[]], 1000);
        assert_eq!(got, ["a\tb", "c\t", "\t"]);
    }

    #[test]
    fn budget_bounds_added_cells() {
        let got = render(&[&[("a", 50, 1)], &[("b", 3, 1)]], 49);
        assert_eq!(got[0].matches('\t').count(), 49);
        assert_eq!(got[1], "b");
    }

    #[test]
    fn cell_lines_join_without_inventing_numbers() {
        let lines = |v: &[&str]| -> Vec<OutputLine> {
            v.iter()
                .map(|t| OutputLine {
                    text: t.to_string(),
                    node: 0,
                    kind: OutputKind::Text,
                    link: false,
                })
                .collect()
        };
        assert_eq!(
            cell_text(&lines(&["（二）部分公开", " （区分处理的） "])),
            "（二）部分公开（区分处理的）"
        );
        assert_eq!(cell_text(&lines(&["3", "5"])), "3 5");
        assert_eq!(cell_text(&lines(&["12", "万元", "", "a\tb"])), "12万元a b");
    }

    #[test]
    fn layout_rows_keep_their_lines() {
        let mut out = Vec::new();
        let mut budget = 100;
        render_table(
            rows(&[
                &[("菜单", 1, 1), ("一\n二\n三\n四", 1, 1)],
                &[("x\ny", 1, 1)],
            ]),
            &mut budget,
            &mut out,
        );
        let got: Vec<_> = out.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["菜单", "一", "二", "三", "四", "x", "y"]);
    }
}
