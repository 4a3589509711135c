//! The body of `word/document.xml`: paragraphs, tables, text boxes, as
//! blocks, then as lines.

use super::numbering::Numbering;
use super::trace::{Trace, Traced};
use super::xml::{local, w_name, Tok, Xml};
use super::{DocxError, MAX_BOX_NESTING, MAX_TABLE_NESTING};
use crate::input::grid::{self, GridCell, GridRow, OutputKind, OutputLine};

/// Elements whose whole content is left out.
pub(super) fn is_skipped(name: &[u8]) -> bool {
    if let Some(w) = w_name(name) {
        matches!(
            w,
            b"tabs"
                | b"pPrChange"
                | b"sectPr"
                | b"tblPr"
                | b"tblGridChange"
                | b"tblPrEx"
                | b"del"
                | b"moveFrom"
                | b"instrText"
                | b"delText"
                | b"delInstrText"
                | b"rt"
                | b"sdtPr"
                | b"sdtEndPr"
                | b"rPrChange"
                | b"tcPrChange"
                | b"trPrChange"
                | b"cellDel"
        )
    } else {
        local(name) == b"Fallback"
    }
}

/// Content of a document before it is written as lines.
pub(super) enum Block {
    Para(String),
    Table(TableB),
}

/// A table: its rows, and the widths of its grid columns (`w:tblGrid`).
#[derive(Default)]
pub(super) struct TableB {
    pub(super) rows: Vec<RowB>,
    pub(super) widths: Vec<u32>,
}

#[derive(Default)]
pub(super) struct RowB {
    pub(super) cells: Vec<CellB>,
    pub(super) before: usize,
}

pub(super) struct CellB {
    pub(super) blocks: Vec<Block>,
    pub(super) span: usize,
    pub(super) covered: bool,
}

#[derive(Default)]
pub(super) struct ParaB {
    pub(super) text: String,
    /// Text boxes anchored in the paragraph, written after it.
    pub(super) after: Vec<Block>,
    /// Paragraph style (`w:pStyle`), list (`w:numId`) and list level (`w:ilvl`).
    pub(super) style: Option<String>,
    pub(super) num: Option<String>,
    pub(super) level: Option<usize>,
    /// Where the paragraph starts in the trace (see [`Trace`]).
    pub(super) trace_start: usize,
}

pub(super) enum Frame {
    Container(Vec<Block>),
    Table(TableB),
    Row(RowB),
    Cell(CellB),
    Para(ParaB),
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) stack: Vec<Frame>,
    /// For each open element: whether it pushed a frame.
    pub(super) open: Vec<bool>,
    /// Depth inside a skipped element (0: not skipping).
    pub(super) skip: usize,
    /// Depth inside `w:t`.
    pub(super) in_t: usize,
    /// The current run is hidden (`w:vanish`).
    pub(super) hidden: bool,
    pub(super) tables: usize,
    pub(super) boxes: usize,
    pub(super) numbering: Numbering,
    /// Set when the characters are traced back to the XML.
    pub(super) trace: Option<Box<Trace>>,
}

impl Builder {
    pub(super) fn blocks(&mut self) -> &mut Vec<Block> {
        for f in self.stack.iter_mut().rev() {
            match f {
                Frame::Container(b) => return b,
                Frame::Cell(c) => return &mut c.blocks,
                _ => {}
            }
        }
        unreachable!("the root container is never popped")
    }

    pub(super) fn para(&mut self) -> Option<&mut ParaB> {
        match self.stack.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    pub(super) fn row(&mut self) -> Option<&mut RowB> {
        match self.stack.last_mut() {
            Some(Frame::Row(r)) => Some(r),
            _ => None,
        }
    }

    pub(super) fn cell(&mut self) -> Option<&mut CellB> {
        match self.stack.last_mut() {
            Some(Frame::Cell(c)) => Some(c),
            _ => None,
        }
    }

    pub(super) fn text(&mut self, s: &str) {
        if self.skip == 0 && self.in_t > 0 && !self.hidden {
            let mut trace = self.trace.take();
            if let Some(p) = self.para() {
                p.text.extend(
                    s.chars()
                        .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c }),
                );
                if let Some(t) = trace.as_deref_mut() {
                    for (i, c) in s.char_indices() {
                        let start = t.text_at + i;
                        t.chars.push(Traced {
                            c,
                            start,
                            end: t.ref_end.unwrap_or(start + c.len_utf8()),
                            run: t.run,
                            in_t: true,
                        });
                    }
                }
            }
            self.trace = trace;
        }
    }

    pub(super) fn push_char(&mut self, c: char) {
        if self.skip == 0 && !self.hidden {
            let mut trace = self.trace.take();
            if let Some(p) = self.para() {
                p.text.push(c);
                if let Some(t) = trace.as_deref_mut() {
                    t.chars.push(Traced {
                        c,
                        start: t.here.0,
                        end: t.here.1,
                        run: t.run.filter(|_| t.empty),
                        in_t: false,
                    });
                }
            }
            self.trace = trace;
        }
    }

    /// A start tag; `empty` for `<x/>`.
    pub(super) fn start(&mut self, name: &str, x: &Xml, empty: bool) {
        let name = name.as_bytes();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        if is_skipped(name) {
            if !empty {
                self.skip = 1;
            }
            return;
        }
        let pushed = self.open_frame(name).unwrap_or_else(|| {
            self.property(name, x);
            false
        });
        if empty {
            if pushed {
                self.close_frame();
            }
            self.end_name(name);
        } else {
            self.open.push(pushed);
        }
    }

    /// The elements that open a frame (paragraph, table, row, cell, text
    /// box): whether a frame was pushed, or `None` for any other element.
    fn open_frame(&mut self, name: &[u8]) -> Option<bool> {
        match w_name(name) {
            // A paragraph inside a paragraph (not valid WordprocessingML) is
            // read as a line break, so that nesting stays bounded.
            Some(b"p") if matches!(self.stack.last(), Some(Frame::Para(_))) => {
                self.push_char('\n');
                Some(false)
            }
            Some(b"p") => {
                let trace_start = self.trace.as_ref().map_or(0, |t| t.chars.len());
                self.stack.push(Frame::Para(ParaB {
                    trace_start,
                    ..ParaB::default()
                }));
                Some(true)
            }
            Some(b"tbl") => {
                self.tables += 1;
                if self.tables <= MAX_TABLE_NESTING {
                    self.stack.push(Frame::Table(TableB::default()));
                    Some(true)
                } else {
                    Some(false)
                }
            }
            Some(b"tr") if matches!(self.stack.last(), Some(Frame::Table(_))) => {
                self.stack.push(Frame::Row(RowB::default()));
                Some(true)
            }
            Some(b"tc") if matches!(self.stack.last(), Some(Frame::Row(_))) => {
                self.stack.push(Frame::Cell(CellB {
                    blocks: Vec::new(),
                    span: 1,
                    covered: false,
                }));
                Some(true)
            }
            Some(b"txbxContent") if self.boxes < MAX_BOX_NESTING => {
                self.boxes += 1;
                self.stack.push(Frame::Container(Vec::new()));
                Some(true)
            }
            _ => None,
        }
    }

    /// Run, paragraph and cell properties, and the characters written as
    /// elements (tabs, breaks).
    fn property(&mut self, name: &[u8], x: &Xml) {
        let val = || x.attr("val");
        match w_name(name) {
            Some(b"t") => {
                self.in_t += 1;
            }
            Some(b"r") => {
                self.hidden = false;
            }
            Some(b"tab" | b"ptab") => {
                self.push_char('\t');
            }
            Some(b"br" | b"cr") => {
                self.push_char('\n');
            }
            Some(b"noBreakHyphen") => {
                self.push_char('-');
            }
            Some(b"vanish" | b"webHidden")
                if !matches!(val().as_deref(), Some("0" | "false" | "off")) =>
            {
                self.hidden = true;
            }
            Some(b"gridSpan") => {
                let n = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                if let Some(c) = self.cell() {
                    c.span = n;
                }
            }
            Some(b"vMerge" | b"hMerge") => {
                let restart = val().as_deref() == Some("restart");
                if let Some(c) = self.cell() {
                    c.covered = !restart;
                }
            }
            Some(b"pStyle" | b"numId" | b"ilvl") => {
                let v = val();
                if let Some(p) = self.para() {
                    match w_name(name) {
                        Some(b"pStyle") => p.style = v,
                        Some(b"numId") => p.num = v,
                        _ => p.level = v.and_then(|v| v.parse().ok()),
                    }
                }
            }
            Some(b"gridCol") => {
                let w = x.attr("w").and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    if t.widths.len() < grid::MAX_COLUMNS {
                        t.widths.push(w);
                    }
                }
            }
            Some(b"gridBefore") => {
                let n = val().and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(r) = self.row() {
                    r.before = n;
                }
            }
            _ => {}
        }
    }

    pub(super) fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if self.open.pop() == Some(true) {
            self.close_frame();
        }
        self.end_name(name);
    }

    /// Book-keeping on the end of an element that pushed no frame, or after
    /// its frame was closed.
    pub(super) fn end_name(&mut self, name: &[u8]) {
        match w_name(name) {
            Some(b"t") => self.in_t = self.in_t.saturating_sub(1),
            Some(b"r") => self.hidden = false,
            Some(b"tbl") => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    pub(super) fn close_frame(&mut self) {
        match self.stack.pop() {
            Some(Frame::Para(p)) => {
                let mut text = p.text;
                if let Some(label) = self
                    .numbering
                    .label(p.style.as_ref(), p.num.as_ref(), p.level)
                {
                    if let Some(t) = self.trace.as_deref_mut() {
                        t.labels.push((p.trace_start, label.clone()));
                    }
                    text.insert_str(0, &label);
                }
                let blocks = self.blocks();
                blocks.push(Block::Para(text));
                blocks.extend(p.after);
            }
            Some(Frame::Table(t)) if !t.rows.is_empty() => {
                self.blocks().push(Block::Table(t));
            }
            Some(Frame::Row(r)) => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    t.rows.push(r);
                }
            }
            Some(Frame::Cell(c)) => {
                if let Some(Frame::Row(r)) = self.stack.last_mut() {
                    r.cells.push(c);
                }
            }
            Some(Frame::Container(blocks)) => {
                self.boxes = self.boxes.saturating_sub(1);
                let anchor = self.stack.iter_mut().rev().find_map(|f| match f {
                    Frame::Para(p) => Some(p),
                    _ => None,
                });
                match anchor {
                    Some(p) => p.after.extend(blocks),
                    None => self.blocks().extend(blocks),
                }
            }
            Some(Frame::Table(_)) | None => {}
        }
    }
}

/// The text of `word/document.xml`.
pub(super) fn document_text(xml: &[u8], numbering: Numbering) -> Result<String, DocxError> {
    let xml_text = xml_string(xml)?;
    let (blocks, _) = parse_blocks(&xml_text, numbering, None)?;
    Ok(blocks_text(blocks, xml.len()))
}

/// The lines of the blocks of a part of `len` bytes, joined.
pub(super) fn blocks_text(blocks: Vec<Block>, len: usize) -> String {
    let mut out = Vec::new();
    let mut state = grid::GridState::new(4 * len + 100_000);
    render(blocks, &mut state, &mut out);
    grid::join(&out)
}

/// The XML of a part as text (UTF-8 with or without a BOM, or UTF-16).
pub(super) fn xml_string(xml: &[u8]) -> Result<String, DocxError> {
    Ok(if let Some(rest) = xml.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec()).map_err(|e| DocxError::Xml {
            offset: e.utf8_error().valid_up_to() as u64,
        })?
    } else if xml.starts_with(b"\xFF\xFE") || xml.starts_with(b"\xFE\xFF") {
        crate::input::encoding::utf16(&xml[2..], xml.starts_with(b"\xFE\xFF"))
            .ok_or(DocxError::Xml { offset: 0 })?
    } else {
        String::from_utf8(xml.to_vec()).map_err(|e| DocxError::Xml {
            offset: e.utf8_error().valid_up_to() as u64,
        })?
    })
}

/// The blocks of the body; with a [`Trace`], each character is also traced
/// back to the XML.
pub(super) fn parse_blocks(
    xml: &str,
    numbering: Numbering,
    trace: Option<Box<Trace>>,
) -> Result<(Vec<Block>, Option<Box<Trace>>), DocxError> {
    let mut x = Xml::new(xml);
    let mut b = Builder {
        stack: vec![Frame::Container(Vec::new())],
        numbering,
        trace,
        ..Builder::default()
    };
    loop {
        let tok = x.next();
        if let (Some(t), Ok(tok)) = (b.trace.as_deref_mut(), &tok) {
            t.token(tok, &x, xml);
        }
        match tok {
            Ok(Tok::Start(name, empty)) => b.start(&name, &x, empty),
            Ok(Tok::End(name)) => b.end(name.as_bytes()),
            Ok(Tok::Text(t)) => b.text(&t),
            Ok(Tok::Eof) => break,
            Err(at) => return Err(DocxError::Xml { offset: at as u64 }),
        }
    }
    match b.stack.pop() {
        Some(Frame::Container(blocks)) if b.stack.is_empty() => Ok((blocks, b.trace)),
        _ => Err(DocxError::Xml {
            offset: xml.len() as u64,
        }),
    }
}

/// Trim a paragraph line: spaces go, tabs stay (a leading tab is an empty
/// first cell of a row typed with tabs).
pub(super) fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() && c != '\t')
}

pub(super) fn is_blank(b: &Block) -> bool {
    matches!(b, Block::Para(t) if trim_line(t).trim().is_empty())
}

pub(super) fn render(blocks: Vec<Block>, state: &mut grid::GridState, out: &mut Vec<OutputLine>) {
    // Blank paragraphs that only separate two tables (a table split over
    // pages) are left out, so that the rows follow each other.
    let n = blocks.len();
    let mut between = vec![false; n];
    let mut i = 0;
    while i < n {
        if is_blank(&blocks[i]) {
            let j = (i..n).find(|&j| !is_blank(&blocks[j])).unwrap_or(n);
            let after_table = i > 0 && matches!(blocks[i - 1], Block::Table(_));
            let before_table = j < n && matches!(blocks[j], Block::Table(_));
            if after_table && before_table {
                between[i..j].iter_mut().for_each(|b| *b = true);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    for (block, skip) in blocks.into_iter().zip(between) {
        if skip {
            continue;
        }
        match block {
            Block::Para(text) => {
                for line in text.split('\n') {
                    out.push(OutputLine {
                        text: trim_line(line).to_string(),
                        node: 0,
                        kind: OutputKind::Text,
                        link: false,
                    });
                }
            }
            Block::Table(TableB { rows, widths }) => {
                let rows = rows
                    .into_iter()
                    .map(|r| {
                        let mut cells = Vec::with_capacity(r.cells.len() + 1);
                        if r.before > 0 {
                            cells.push(GridCell {
                                colspan: r.before,
                                rowspan: 1,
                                ..GridCell::default()
                            });
                        }
                        for c in r.cells {
                            let nested = c.blocks.iter().any(|b| matches!(b, Block::Table(_)));
                            let mut lines = Vec::new();
                            if !c.covered {
                                render(c.blocks, state, &mut lines);
                            }
                            cells.push(GridCell {
                                lines,
                                nested,
                                colspan: c.span,
                                rowspan: 1,
                            });
                        }
                        GridRow { cells, node: 0 }
                    })
                    .collect();
                grid::render_table_in(rows, &widths, state, out);
            }
        }
    }
}
