//! Reading the three tables out of a section's lines (spec §2–§4, §8.4).
//!
//! The text of a table region is cut into tokens line by line
//! ([`crate::layout`]). Text tokens are classified against the template's
//! labels: a data-row label opens a row; values that follow — on the same
//! line, or on the next lines in a one-cell-per-line or wrapped layout —
//! belong to it, until the next label. Group labels, fragments of vertical
//! labels, captions and headers never take values. A row's values are then
//! cut to what the row really holds: from its first to its last number,
//! extended with blank cells only up to the template's count; a row with
//! another count is kept as found and reported, never shifted.

use crate::doc::Structure;
use crate::layout::{LineShape, TextLine, Token, TokenKind, Tokenizer};
use crate::model::Template;
use crate::range::{ByteRange, LineRange};
use crate::template::{table1, table3, Format, Row, RowName};
use crate::text::{contains, key};
use crate::value::{parse, Parsed, Val};

mod classify;
mod columns;
mod cut;
mod markdown;
mod place;
mod rows;
pub mod runs;
mod stream;

/// The three tables as read, and the template the report follows.
#[derive(Debug, Clone)]
pub struct Read {
    pub active: Option<RawTable>,
    pub applications: Option<RawTable>,
    pub review: Option<RawReview>,
    /// The format decided from the tables (or the year when they do not tell).
    pub template: Template,
    /// Runs of digits found where a row's cells should be, and their fate.
    pub runs: Vec<runs::RunNote>,
    /// Cells separated from a run by the relations.
    pub inferred: Vec<runs::Inferred>,
    /// Runs of digits for tables 2 or 3 were found and left as read: this
    /// build has no solver (feature `digit-runs`), see [`runs`].
    pub deferred: bool,
}

impl Read {
    /// The format of table 1's block `b` and of table 2, as decided.
    pub fn main_format(&self) -> Option<Format> {
        match self.template {
            Template::F2019 => Some(Format::F2019),
            Template::F2021 => Some(Format::F2021),
            _ => None,
        }
    }
}

/// Read the three tables of a report whose structure is known, and decide
/// its template: from the blocks' headers and table 2's rows, else from the
/// year. Table 1 rows of blocks without a header then get that format.
pub fn read_tables(text: &str, lines: &[TextLine], st: &Structure) -> Read {
    let pre2019 = st.year.is_some_and(|y| y <= 2018);
    if pre2019 {
        return Read {
            active: None,
            applications: None,
            review: None,
            template: Template::Pre2019,
            runs: Vec::new(),
            inferred: Vec::new(),
            deferred: false,
        };
    }
    // A line where one row's digits run into the next row's label is cut
    // into one line per row (the same text, other line ranges).
    let cut = runs::cut_lines(text, lines);
    let (lines, map) = match &cut {
        Some((l, m)) => (l.as_slice(), Some(m.as_slice())),
        None => (lines, None),
    };
    let at = |line: usize| map.map_or(line, |m| m[line.min(m.len() - 1)]);
    let remap = |r: LineRange| LineRange::new(at(r.first), at(r.end));
    let region = |n: u8, table: u8| -> Option<LineRange> {
        st.region(n, map.map_or(lines.len(), |m| m.len() - 1))
            .map(remap)
            .or_else(|| {
                let a = find_anchor(text, lines, 0, lines.len(), table)?;
                let end = st
                    .headings
                    .iter()
                    .map(|h| at(h.line))
                    .filter(|&l| l > a)
                    .min()
                    .unwrap_or(lines.len());
                Some(LineRange::new(a, end))
            })
    };
    let r1 = region(2, 1);
    let mut active =
        r1.and_then(|r| rows::read_rows(text, lines, r.first, r.end, classify::Which::T1));
    let applications = region(3, 2).and_then(|r| {
        let t = rows::read_rows(text, lines, r.first, r.end, classify::Which::T2);
        stream::complete(text, lines, r.first, r.end, t)
    });
    let review = region(4, 3).and_then(|r| read_review(text, lines, r.first, r.end));

    let mut seen = [false; 2];
    if let Some(t) = &active {
        for v in t.blocks.iter().flatten() {
            seen[usize::from(*v == Format::F2021)] = true;
        }
    }
    if let Some(v) = applications.as_ref().and_then(|t| t.version) {
        seen[usize::from(v == Format::F2021)] = true;
    }
    let template = match seen {
        [true, true] => Template::Hybrid,
        [true, false] => Template::F2019,
        [false, true] => Template::F2021,
        _ => match st.year {
            Some(y) if y >= 2021 => Template::F2021,
            Some(2019 | 2020) => Template::F2019,
            _ => Template::Unknown,
        },
    };
    let mut read = Read {
        active: None,
        applications,
        review,
        template,
        runs: Vec::new(),
        inferred: Vec::new(),
        deferred: false,
    };
    if let Some(t) = &mut active {
        settle_t1(t, read.main_format());
        if let Some(r) = r1 {
            stream::complete_t1(text, lines, r.first, r.end, t);
        }
    }
    read.active = active;
    runs::settle(text, &mut read);
    read
}

/// A cell as read.
#[derive(Debug, Clone, Copy)]
pub struct RawCell {
    pub start: usize,
    pub end: usize,
    pub parsed: Parsed,
}

impl RawCell {
    /// The cell's bytes in the text (empty where a blank cell was expected).
    pub fn range(&self) -> ByteRange {
        ByteRange::new(self.start, self.end)
    }

    pub fn blank(&self) -> bool {
        self.parsed.val == Val::Blank
    }
}

/// A row as read.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent facts about the row
pub struct RawRow {
    pub key: Row,
    /// Where its label is.
    pub label_at: ByteRange,
    pub cells: Vec<RawCell>,
    /// Number of value cells the template has for this row.
    pub expected: usize,
    /// Template label when the written one differs (typo, other wording).
    pub variant: Option<&'static str>,
    /// Digits written into the label (`规章555`).
    pub merged: Option<ByteRange>,
    /// Every value cell was blank (or there were none).
    pub all_blank: bool,
    /// A subtotal row the template does not have (`（三）不予公开` with numbers).
    pub subtotal: bool,
    /// Table 1: the block's version.
    pub version: Option<Format>,
    /// Value tokens found after the label (0: a bare label).
    pub tokens: usize,
    /// The row's numbers were read but their columns are not certain: the
    /// cells are kept in the order found and enter no relation.
    pub unplaced: bool,
    /// One cell too many was dropped because only that choice satisfies the
    /// row's total (table 2): the cells are placed by arithmetic.
    pub placed: bool,
}

/// A row with numbers whose label the template does not have.
#[derive(Debug, Clone)]
pub struct ExtraRow {
    /// Where its label is.
    pub label_at: ByteRange,
    /// The label repeats a row already read.
    pub duplicate: Option<Row>,
}

/// Table 1 or 2 as read.
#[derive(Debug, Clone, Default)]
pub struct RawTable {
    pub rows: Vec<RawRow>,
    pub extra: Vec<ExtraRow>,
    /// Where the table starts (its first token).
    pub anchor: ByteRange,
    /// Where it ends (its last token).
    pub last: ByteRange,
    /// Table 2: version from its （六） rows; table 1: unused.
    pub version: Option<Format>,
    /// Table 1: version of each block (一, 五, 六, 八, 九) from its header.
    pub blocks: [Option<Format>; 5],
    /// Table 1: unit of the money column (header), and decimals it demands.
    pub money_unit: [Option<&'static str>; 5],
    pub money_decimals: [Option<u8>; 5],
    /// Rows whose cells came from a run of digits ([`runs`]): the run's
    /// finding speaks for them, not one per cell.
    pub runs: Vec<Row>,
}

impl RawTable {
    #[allow(clippy::needless_pass_by_value)] // keys are `&str` or `Row`, both `Copy`
    pub fn row(&self, key: impl RowName) -> Option<&RawRow> {
        self.rows.iter().find(|r| key.names(r.key))
    }
}

/// Table 3 as read.
#[derive(Debug, Clone)]
pub struct RawReview {
    pub cells: Vec<RawCell>,
    pub anchor: ByteRange,
    pub all_blank: bool,
    /// The cells came from a run of digits ([`runs`]).
    pub split: bool,
    /// The numbers were read but their columns are not certain (a Word or
    /// web table whose value row does not fit its header): the cells are
    /// kept in the order found and enter no relation.
    pub unplaced: bool,
}

/// Read table 1 from lines `from..to` (its blocks without a header keep no format).
#[cfg(test)]
fn read_active(text: &str, lines: &[TextLine], from: usize, to: usize) -> Option<RawTable> {
    rows::read_rows(text, lines, from, to, classify::Which::T1)
}

/// Read table 2 from lines `from..to`.
#[cfg(test)]
fn read_applications(text: &str, lines: &[TextLine], from: usize, to: usize) -> Option<RawTable> {
    rows::read_rows(text, lines, from, to, classify::Which::T2)
}

/// Once the template is known, give table 1 rows of blocks without a header
/// their format and cut their cells to the count.
fn settle_t1(t: &mut RawTable, fallback: Option<Format>) {
    for r in &mut t.rows {
        if r.version.is_some() {
            continue;
        }
        let found = r.cells.len();
        let v = fallback.or_else(|| {
            if found == table1::count(r.key, Format::F2021) {
                Some(Format::F2021)
            } else {
                Some(Format::F2019)
            }
        });
        r.version = v;
        let b = table1::block_of(r.key);
        t.blocks[b].get_or_insert(v.unwrap_or(Format::F2019));
        r.expected = table1::count(r.key, v.unwrap_or(Format::F2019));
        if r.all_blank {
            let at = r.cells.last().map_or(r.label_at.end, |c| c.end);
            r.cells.truncate(r.expected);
            while r.cells.len() < r.expected {
                r.cells.push(RawCell {
                    start: at,
                    end: at,
                    parsed: parse(""),
                });
            }
        } else {
            // Trailing blank cells beyond the count are the grid's.
            while r.cells.len() > r.expected && r.cells.last().is_some_and(RawCell::blank) {
                r.cells.pop();
            }
        }
    }
}

/// Read table 3 from lines `from..to`.
fn read_review(text: &str, lines: &[TextLine], from: usize, to: usize) -> Option<RawReview> {
    let mut toks = Vec::new();
    let mut tokenizer = Tokenizer::default();
    let mut header: Option<ByteRange> = None;
    let mut values: Vec<Token> = Vec::new();
    let mut started = false;
    let mut tabs = place::ReviewTabs::default();
    for line in &lines[from..to] {
        toks.clear();
        if tokenizer.tokenize(text, *line, &mut toks) != LineShape::Cells {
            continue;
        }
        let texts: Vec<&Token> = toks.iter().filter(|t| t.kind == TokenKind::Text).collect();
        let is_header = !texts.is_empty()
            && texts.iter().all(|t| {
                let k = key(&text[t.start..t.end]);
                k.chars().count() <= 12 && table3::HEADER_WORDS.iter().any(|w| contains(&k, w))
                    || k.chars().count() <= 2
                    // The whole header in one cell (its cell boundaries lost).
                    || contains(&k, "结果维持") && contains(&k, "尚未审结")
            })
            && texts.iter().any(|t| {
                let k = key(&text[t.start..t.end]);
                table3::HEADER_WORDS.iter().any(|w| contains(&k, w))
            })
            // A header a conversion tool made up (`| 数据1 | 数据2 | …`),
            // right under the section's heading.
            || header.is_none()
                && texts.len() >= 5
                && markdown::invented_header(texts.iter().map(|t| &text[t.start..t.end]));
        if is_header {
            if started {
                break;
            }
            header.get_or_insert(texts[0].range());
            values.clear();
            tabs.header(text, *line);
            continue;
        }
        if header.is_none() {
            continue;
        }
        let nvals = toks.iter().filter(|t| t.kind != TokenKind::Text).count();
        if !texts.is_empty() {
            // A short row label before the numbers (数量 0 0 …) is allowed.
            let short =
                texts.len() == 1 && key(&text[texts[0].start..texts[0].end]).chars().count() <= 4;
            if !(short && nvals >= 5) {
                if started {
                    break;
                }
                continue;
            }
        }
        if toks
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Num | TokenKind::Bad))
        {
            started = true;
            tabs.values(text, *line);
        }
        values.extend(toks.iter().filter(|t| t.kind != TokenKind::Text).copied());
    }
    let anchor = header?;
    let toks: Vec<(Token, bool)> = values.iter().map(|t| (*t, false)).collect();
    let first = toks.iter().position(|(t, _)| t.kind != TokenKind::Blank);
    let (mut cells, all_blank) = rows::finish(text, &toks, table3::CELLS, true, anchor.end);
    if first.is_some() {
        // Leading and trailing blanks beyond 15 belong to the grid.
        let lead = cells.iter().take_while(|c| c.blank()).count();
        cells.drain(..lead.min(cells.len().saturating_sub(table3::CELLS)));
        while cells.len() > table3::CELLS && cells.last().is_some_and(RawCell::blank) {
            cells.pop();
        }
    }
    Some(RawReview {
        cells,
        anchor,
        all_blank,
        split: false,
        unplaced: tabs.unplaced() && !all_blank,
    })
}

/// The first line in `from..to` that starts a table of the given kind
/// (for reports whose section heading was not found).
fn find_anchor(text: &str, lines: &[TextLine], from: usize, to: usize, table: u8) -> Option<usize> {
    (from..to).find(|&i| {
        let l = lines[i];
        let s = &text[l.start..l.end];
        if s.len() > 600 {
            return false;
        }
        let k = key(s);
        match table {
            1 => k.contains("第二十条第"),
            2 => k.contains("本年新收政府信息公开申请数量") || k.contains("申请人情况"),
            _ => k.starts_with("行政复议") && k.chars().count() <= 16,
        }
    })
}

#[cfg(test)]
mod tests;
