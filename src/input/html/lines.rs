//! Writing an element tree as lines: blocks break lines, tables become
//! tab-separated rows.

use super::parse::{Child, Node, BLOCK};
use crate::input::grid::{self, GridCell, GridRow, OutputKind, OutputLine};

// ---- lines ----------------------------------------------------------------------

pub(super) struct Renderer<'a> {
    pub(super) nodes: &'a [Node],
    pub(super) out: Vec<OutputLine>,
    pub(super) cur: String,
    /// The innermost block element the current line is in.
    pub(super) cur_node: usize,
    pub(super) pre: usize,
    /// Depth inside `<a>`.
    pub(super) links: usize,
    /// Characters of the current line inside and outside links.
    pub(super) link_chars: usize,
    pub(super) other_chars: usize,
    /// Tables written so far (to tell a cell that holds one).
    pub(super) tables: usize,
    pub(super) grid: grid::GridState,
}

impl Renderer<'_> {
    pub(super) fn flush(&mut self) {
        let t = self.cur.trim();
        if !t.is_empty() {
            self.out.push(OutputLine {
                text: t.to_string(),
                node: self.cur_node,
                kind: OutputKind::Text,
                link: self.other_chars == 0,
            });
        }
        self.cur.clear();
        self.link_chars = 0;
        self.other_chars = 0;
    }

    pub(super) fn text(&mut self, s: &str) {
        let visible = s.chars().filter(|c| !c.is_whitespace()).count();
        if self.links > 0 {
            self.link_chars += visible;
        } else {
            self.other_chars += visible;
        }
        if self.pre > 0 {
            for (k, part) in s.split('\n').enumerate() {
                if k > 0 {
                    self.flush();
                }
                self.cur
                    .push_str(&part.replace(['\u{a0}', '\t', '\r'], " "));
            }
            return;
        }
        for c in s.chars() {
            if matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{feff}') {
                continue;
            }
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}') {
                if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    pub(super) fn children(&mut self, id: usize) {
        let nodes = self.nodes;
        for child in &nodes[id].children {
            match child {
                Child::Text(s) => self.text(s),
                Child::Node(c) => self.walk(*c),
            }
        }
    }

    pub(super) fn walk(&mut self, id: usize) {
        let nodes = self.nodes;
        let n = &nodes[id];
        if n.hidden {
            return;
        }
        match n.name.as_str() {
            "br" | "hr" => {
                self.flush();
                return;
            }
            "table" => {
                self.table(id);
                return;
            }
            _ => {}
        }
        let block = n.flags & BLOCK != 0;
        let pre = n.name == "pre";
        let link = n.name == "a";
        let saved = self.cur_node;
        if block {
            self.flush();
            self.cur_node = id;
        }
        self.pre += usize::from(pre);
        self.links += usize::from(link);
        self.children(id);
        self.pre -= usize::from(pre);
        self.links -= usize::from(link);
        if block {
            self.flush();
            self.cur_node = saved;
        }
    }

    pub(super) fn table(&mut self, id: usize) {
        self.flush();
        self.tables += 1;
        let saved = self.cur_node;
        self.cur_node = id;
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        self.collect_rows(id, id, &mut rows);
        let grid_rows = rows
            .into_iter()
            .map(|(node, cells)| GridRow {
                cells: cells.into_iter().map(|c| self.cell(c)).collect(),
                node,
            })
            .collect();
        grid::render_table_in(grid_rows, &[], &mut self.grid, &mut self.out);
        self.cur_node = saved;
    }

    /// The rows of a table, in order, looking through `thead`/`tbody`/`tfoot`
    /// and any wrapper; captions and stray text are written at once.
    pub(super) fn collect_rows(
        &mut self,
        id: usize,
        table: usize,
        rows: &mut Vec<(usize, Vec<usize>)>,
    ) {
        let nodes = self.nodes;
        for child in &nodes[id].children {
            match child {
                Child::Text(s) => {
                    if !s.trim().is_empty() {
                        self.text(s);
                        self.flush();
                    }
                }
                Child::Node(c) => {
                    let c = *c;
                    if nodes[c].hidden {
                        continue;
                    }
                    match nodes[c].name.as_str() {
                        "tr" => {
                            let mut cells = Vec::new();
                            collect_cells(nodes, c, &mut cells);
                            rows.push((c, cells));
                        }
                        "td" | "th" => match rows.last_mut() {
                            Some((node, cells)) if *node == table => cells.push(c),
                            _ => rows.push((table, vec![c])),
                        },
                        "caption" | "table" => self.walk(c),
                        _ => self.collect_rows(c, table, rows),
                    }
                }
            }
        }
    }

    pub(super) fn cell(&mut self, id: usize) -> GridCell {
        let saved_out = std::mem::take(&mut self.out);
        let saved_cur = std::mem::take(&mut self.cur);
        let saved_counts = (self.link_chars, self.other_chars);
        (self.link_chars, self.other_chars) = (0, 0);
        let saved_node = self.cur_node;
        let tables = self.tables;
        self.cur_node = id;
        self.children(id);
        self.flush();
        let lines = std::mem::replace(&mut self.out, saved_out);
        self.cur = saved_cur;
        (self.link_chars, self.other_chars) = saved_counts;
        self.cur_node = saved_node;
        GridCell {
            lines,
            nested: self.tables > tables,
            colspan: self.nodes[id].colspan,
            rowspan: self.nodes[id].rowspan,
        }
    }
}

/// The cells of a row, looking through wrappers (`<form>`, `<font>` …).
pub(super) fn collect_cells(nodes: &[Node], id: usize, cells: &mut Vec<usize>) {
    for child in &nodes[id].children {
        if let Child::Node(c) = child {
            let n = &nodes[*c];
            if n.hidden {
                continue;
            }
            match n.name.as_str() {
                "td" | "th" => cells.push(*c),
                "table" | "tr" => {}
                _ => collect_cells(nodes, *c, cells),
            }
        }
    }
}
