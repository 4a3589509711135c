//! Assembling the rows of table 1 or 2 from the classified tokens.

use super::classify::{Classifier, Label, Which};
use super::columns;
use super::{ExtraRow, RawCell, RawRow, RawTable};
use crate::layout::{LineShape, TextLine, Token, TokenKind, Tokenizer};
use crate::range::ByteRange;
use crate::template::{table1, table2, Format, Row};
use crate::text::key_len;
use crate::value::{parse, Parsed, Val};

struct Building {
    def: usize,
    label_at: ByteRange,
    variant: bool,
    merged: Option<ByteRange>,
    subtotal: Option<Row>,
    /// Index of the line holding the label.
    line: usize,
    /// Index of the last line holding a piece of the label (a label
    /// wrapped inside its cell, in a table laid out with spaces).
    wrap_end: usize,
    /// (token, same line as the label)
    toks: Vec<(Token, bool)>,
    /// A value was written on the label's line without tabs, in a table
    /// whose rows are tab-separated: the way the document readers write a
    /// row whose numbers they could not place in columns.
    untabbed: bool,
    /// The label was read before (a row written apart, kept only when
    /// unplaced).
    again: bool,
}

enum Open {
    None,
    Row(Building),
    Extra {
        label_at: ByteRange,
        first: Option<ByteRange>,
        dup: Option<Row>,
    },
}

/// Read table 1 or 2 from lines `from..to`.
#[allow(clippy::too_many_lines, clippy::if_not_else)] // one pass over the lines, one state machine
pub(super) fn read_rows(
    text: &str,
    lines: &[TextLine],
    from: usize,
    to: usize,
    which: Which,
) -> Option<RawTable> {
    let mut t = RawTable::default();
    let mut cls = Classifier {
        which,
        seen_data: false,
        key: String::new(),
    };
    let mut built: Vec<Building> = Vec::with_capacity(cls.defs().len());
    let mut extras: Vec<ExtraRow> = Vec::new();
    let mut open = Open::None;
    let mut block: Option<usize> = None;
    let mut block_marks = [[0u32; 2]; 5];
    let mut pending_group: Option<(usize, ByteRange)> = None;
    let mut anchor: Option<ByteRange> = None;
    let mut last = ByteRange::default();
    let mut any = false;
    let mut toks = Vec::new();
    let mut tokenizer = Tokenizer::default();
    let tabbed = lines[from..to]
        .iter()
        .filter(|l| has_tab(text, **l))
        .take(3)
        .count()
        >= 3;
    // A table laid out with spaces: labels wrapped inside their cells are
    // joined from the lines below (start bytes of the pieces taken).
    let spaced = columns::spaced(text, &lines[from..to]);
    let mut taken: Vec<usize> = Vec::new();
    let mut keys: std::collections::HashSet<Row> = std::collections::HashSet::new();
    let mut indexed = 0;
    // The last text token seen, and its line.
    let mut last_text: Option<(usize, ByteRange)> = None;

    let close = |open: &mut Open, built: &mut Vec<Building>, extras: &mut Vec<ExtraRow>| {
        match std::mem::replace(open, Open::None) {
            Open::Row(b) => built.push(b),
            Open::Extra {
                label_at,
                first: Some(first),
                dup,
            } => {
                let _ = first;
                extras.push(ExtraRow {
                    label_at,
                    duplicate: dup,
                });
            }
            _ => {}
        }
    };

    for (li, line) in lines[from..to].iter().enumerate() {
        toks.clear();
        if tokenizer.tokenize(text, *line, &mut toks) != LineShape::Cells {
            continue;
        }
        if spaced && line.end - line.start <= columns::MAX_LINE {
            // Words apart by wide gaps stand in different cells.
            columns::split_pieces(text, &mut toks);
        }
        let has_text = toks.iter().any(|t| t.kind == TokenKind::Text);
        let untabbed_line = tabbed && !has_tab(text, *line);
        let has_numbers = toks
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Num | TokenKind::Bad));
        // With spaces for columns, a line of numbers alone after a table 2
        // row that has all its numbers is not that row's: a row whose label
        // is elsewhere (its numbers are kept apart, as a row of its own).
        if spaced && !has_text && has_numbers {
            if let Open::Row(b) = &open {
                let full = which == Which::T2
                    && b.toks
                        .iter()
                        .filter(|(t, _)| t.kind != TokenKind::Blank)
                        .count()
                        >= 7;
                // Nor is it the row's when no piece of the row's label is
                // on the line just above it (or below it).
                let apart = b.toks.is_empty() && b.wrap_end.max(b.line) + 1 < li;
                if full || apart {
                    close(&mut open, &mut built, &mut extras);
                    open = Open::Extra {
                        label_at: toks[0].range(),
                        first: None,
                        dup: None,
                    };
                }
            }
        }
        taken.retain(|&s| s >= line.start);
        let mut seen_label = false;
        for tok in toks.iter().copied() {
            let raw = &text[tok.start..tok.end];
            match tok.kind {
                TokenKind::Text => {
                    if taken.contains(&tok.start) {
                        continue;
                    }
                    let mut label = cls.classify(raw, tok.start);
                    let mut wrap_end = li;
                    if spaced
                        && line.end - line.start <= columns::MAX_LINE
                        && !matches!(label, Label::Narrative | Label::Caption(_))
                    {
                        if let Some(w) = columns::continuation(
                            text,
                            &lines[from..to],
                            li,
                            &tok,
                            has_numbers,
                            matches!(label, Label::Fragment | Label::Unknown),
                            &mut cls,
                        ) {
                            let mut joined = cls.classify(&w.joined(), tok.start);
                            if !matches!(joined, Label::Data { .. }) && w.words.len() > 1 {
                                // A group label before the row's own label.
                                let last = w.words.last().map_or("", String::as_str);
                                joined = cls.classify(last, tok.start);
                            }
                            let better = match (&label, &joined) {
                                (
                                    _,
                                    Label::Data {
                                        merged: Some(_), ..
                                    },
                                ) => false,
                                (Label::Data { row, .. }, Label::Data { row: r2, .. }) => row == r2,
                                (Label::Data { .. }, _) => false,
                                (_, Label::Data { .. } | Label::Group(_)) => true,
                                _ => false,
                            };
                            if better {
                                label = joined;
                                wrap_end = w.last_line;
                                taken.extend(w.taken);
                            }
                        }
                    }
                    // A label wrapped inside its cell in pasted text: the
                    // rest of it starts the next line, before the numbers.
                    let prev = last_text.filter(|(l, _)| l + 1 == li).map(|(_, t)| t);
                    last_text = matches!(
                        label,
                        Label::Data { .. } | Label::Group(_) | Label::Fragment | Label::Unknown
                    )
                    .then_some((li, tok.range()));
                    if let Some(prev) = prev.filter(|_| has_numbers && !seen_label) {
                        if let Some((row, variant)) =
                            wrapped_rest(text, prev, &open, raw, &label, &mut cls)
                        {
                            if !matches!(&open, Open::Row(b) if b.def == row) {
                                close(&mut open, &mut built, &mut extras);
                                pending_group = None;
                                cls.seen_data = true;
                                open = Open::Row(Building {
                                    def: row,
                                    label_at: prev,
                                    variant,
                                    merged: None,
                                    subtotal: None,
                                    line: li,
                                    wrap_end: li,
                                    toks: Vec::with_capacity(8),
                                    untabbed: false,
                                    again: false,
                                });
                            }
                            seen_label = true;
                            any = true;
                            continue;
                        }
                    }
                    let span = tok.range();
                    // An unknown short label followed on its line by numbers
                    // is a row the template does not have.
                    if label == Label::Fragment && !seen_label && key_len(raw) >= 3 {
                        // (Tokens are in text order: a binary search keeps
                        // a line of many such labels linear.)
                        let next = toks.get(toks.partition_point(|t| t.start < tok.end));
                        if next.is_some_and(|t| matches!(t.kind, TokenKind::Num | TokenKind::Bad)) {
                            label = Label::Unknown;
                        }
                    }
                    match label {
                        Label::Narrative => {
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            continue;
                        }
                        Label::Fragment => {
                            // A piece of another label (`（五）不予`, `四、结转下`)
                            // after a group label: the numbers that follow
                            // are not the group's.
                            if pending_group.is_some() && starts_label(raw) {
                                pending_group = None;
                            }
                            continue;
                        }
                        _ => {}
                    }
                    any = true;
                    anchor.get_or_insert(span);
                    last = span;
                    seen_label = true;
                    match label {
                        Label::Caption(b) => {
                            close(&mut open, &mut built, &mut extras);
                            block = Some(b);
                            pending_group = None;
                        }
                        Label::Header(v, unit, dec) => {
                            close(&mut open, &mut built, &mut extras);
                            if let Some(b) = block {
                                if let Some(v) = v {
                                    block_marks[b][usize::from(v == Format::F2021)] += 1;
                                }
                                if unit.is_some() {
                                    t.money_unit[b] = unit;
                                }
                                if dec.is_some() {
                                    t.money_decimals[b] = dec;
                                }
                            }
                        }
                        Label::Data {
                            row,
                            variant,
                            merged,
                        } => {
                            // A label followed on its own line by a more
                            // specific one (（六）其他处理 → 1.申请人…) is a group label.
                            if matches!(&open, Open::Row(b) if b.line == li && b.toks.is_empty()) {
                                open = Open::None;
                            }
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            let key = cls.defs()[row].key;
                            // (The rows' keys, indexed as they are built:
                            // linear however many rows repeat a label.)
                            for b in &built[indexed..] {
                                if b.subtotal.is_none() {
                                    keys.insert(cls.defs()[b.def].key);
                                }
                            }
                            indexed = built.len();
                            let dup = keys.contains(&key);
                            cls.seen_data = true;
                            // A row written apart without tabs (its columns
                            // not certain) is kept, unplaced, even when its
                            // label was read before with other columns.
                            if dup && !(untabbed_line && has_numbers) {
                                open = Open::Extra {
                                    label_at: span,
                                    first: None,
                                    dup: Some(key),
                                };
                            } else {
                                open = Open::Row(Building {
                                    def: row,
                                    label_at: span,
                                    variant,
                                    merged,
                                    subtotal: None,
                                    line: li,
                                    wrap_end,
                                    toks: Vec::with_capacity(8),
                                    untabbed: false,
                                    again: dup,
                                });
                            }
                        }
                        Label::Group(_)
                            if spaced
                                && matches!(&open, Open::Row(b) if b.toks.is_empty() && b.wrap_end > li) =>
                        {
                            // A group label beside a row whose wrapped label
                            // goes on below: the group's merged cell, not a
                            // row of its own.
                        }
                        Label::Group(_)
                            if !spaced
                                && has_numbers
                                && !has_tab(text, *line)
                                && matches!(&open, Open::Row(b) if b.toks.is_empty() && b.line + 1 == li) =>
                        {
                            // Text without columns: a row label alone on the
                            // line before, then a group label with numbers.
                            // The numbers may be the group's or the row's
                            // (its label wrapped around them): kept apart.
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            open = Open::Extra {
                                label_at: span,
                                first: None,
                                dup: None,
                            };
                        }
                        Label::Group(g) => {
                            close(&mut open, &mut built, &mut extras);
                            pending_group = Some((g, span));
                        }
                        Label::Unknown => {
                            close(&mut open, &mut built, &mut extras);
                            pending_group = None;
                            open = Open::Extra {
                                label_at: span,
                                first: None,
                                dup: None,
                            };
                        }
                        Label::Fragment | Label::Narrative => {}
                    }
                }
                TokenKind::Num | TokenKind::Bad | TokenKind::Blank => {
                    // Blank cells before a line's label are merged label columns.
                    if has_text && !seen_label && tok.kind == TokenKind::Blank {
                        continue;
                    }
                    if let Some((g, span)) = pending_group.take() {
                        if tok.kind != TokenKind::Blank {
                            let other = table2::GROUPS[g].1;
                            let def = table2::ROWS
                                .iter()
                                .position(|d| d.key == Row::Other)
                                .unwrap_or(0);
                            open = Open::Row(Building {
                                def,
                                label_at: span,
                                variant: false,
                                merged: None,
                                subtotal: Some(other),
                                line: li,
                                wrap_end: li,
                                toks: Vec::with_capacity(8),
                                untabbed: false,
                                again: false,
                            });
                        } else {
                            pending_group = Some((g, span));
                            continue;
                        }
                    }
                    // With spaces for columns, a number one space after its
                    // label (`规章 555`) was written in the label's cell.
                    let mut tok = tok;
                    if spaced && tok.kind == TokenKind::Num && glued_to_label(text, tok.start) {
                        tok.kind = TokenKind::Bad;
                    }
                    match &mut open {
                        Open::Row(b) => {
                            b.toks.push((tok, seen_label && has_text));
                            if tok.kind != TokenKind::Blank {
                                last = tok.range();
                                if untabbed_line && seen_label && b.line == li {
                                    b.untabbed = true;
                                }
                            }
                        }
                        Open::Extra { first, .. } => {
                            if tok.kind != TokenKind::Blank && first.is_none() {
                                *first = Some(tok.range());
                            }
                        }
                        Open::None => {}
                    }
                }
            }
        }
    }
    close(&mut open, &mut built, &mut extras);
    if !any {
        return None;
    }

    // Block versions (table 1).
    for (b, m) in block_marks.iter().enumerate() {
        t.blocks[b] = match (m[0], m[1]) {
            (0, 0) => None,
            (a, b) if a >= b => Some(Format::F2019),
            _ => Some(Format::F2021),
        };
    }
    // A block without a header still tells its version by rows only 2019 has.
    for b in &built {
        let key = cls.defs()[b.def].key;
        if which == Which::T1 && matches!(key, Row::OtherServices | Row::Procurement) {
            let blk = table1::block_of(key);
            t.blocks[blk].get_or_insert(Format::F2019);
        }
    }

    if spaced {
        place_columns(text, &mut built, &cls, which, &t);
    }
    t.rows.reserve_exact(built.len());
    for b in built {
        let def = &cls.defs()[b.def];
        let (key, subtotal) = match b.subtotal {
            Some(k) => (k, true),
            None => (def.key, false),
        };
        // A label read again: only as a row written apart (unplaced).
        if b.again && !(b.untabbed && b.merged.is_none()) {
            extras.push(ExtraRow {
                label_at: b.label_at,
                duplicate: Some(key),
            });
            continue;
        }
        let version = if which == Which::T1 {
            t.blocks[table1::block_of(key)]
        } else {
            None
        };
        let expected = match which {
            Which::T2 => 7,
            Which::T1 => version.map_or(0, |v| table1::count(key, v)),
        };
        let (mut cells, all_blank) =
            finish(text, &b.toks, expected, which == Which::T1, b.label_at.end);
        if let Some(ByteRange { start: ms, end: me }) = b.merged {
            // Digits run into the label: the row's cells are unreadable, not blank.
            let n = expected.max(1);
            cells = (0..n)
                .map(|i| RawCell {
                    start: if i == 0 { ms } else { me },
                    end: me,
                    parsed: Parsed {
                        val: Val::Bad,
                        unit: None,
                        signed: false,
                    },
                })
                .collect();
        }
        let all_blank = all_blank && b.merged.is_none();
        let mut unplaced = b.untabbed && b.merged.is_none() && !all_blank;
        let mut placed = false;
        if which == Which::T2 && !unplaced && b.merged.is_none() {
            match super::place::by_row_total(&cells, expected) {
                super::place::Placement::Unique(kept) => {
                    cells = kept;
                    placed = true;
                }
                super::place::Placement::Uncertain => unplaced = true,
                super::place::Placement::NotApplicable => {}
            }
        }
        t.rows.push(RawRow {
            key,
            label_at: b.label_at,
            cells,
            expected,
            variant: b.variant.then_some(def.label),
            merged: b.merged,
            all_blank,
            subtotal,
            version,
            tokens: b.toks.len(),
            unplaced,
            placed,
        });
    }
    t.extra = extras;
    t.anchor = anchor.unwrap_or_default();
    t.last = last;
    if which == Which::T2 {
        t.version = t2_format(&t.rows);
        // In a 2021 table, （六）其他处理 on a line of its own is the group
        // label; with numbers it is a subtotal.
        if t.version == Some(Format::F2021) {
            t.rows.retain(|r| !(r.key == Row::Other && r.tokens == 0));
            for r in &mut t.rows {
                if r.key == Row::Other {
                    r.subtotal = true;
                }
            }
        }
    }
    Some(t)
}

/// How far (in rows) a row's columns are looked for.
const NEAR: usize = 24;

/// The template's number of cells for a row, and its table 1 block.
fn count_of(key: Row, which: Which, t: &RawTable) -> (usize, usize) {
    match which {
        Which::T2 => (7, 0),
        Which::T1 => {
            let b = table1::block_of(key);
            (t.blocks[b].map_or(0, |v| table1::count(key, v)), b)
        }
    }
}

/// In a table laid out with spaces, a row written on its label's line with fewer
/// values than the template gets its columns from the nearest row of the
/// same block written in full with its label in the same place; blank
/// columns become blank cells. A row
/// whose values do not each fall under one column is left as it is.
fn place_columns(text: &str, built: &mut [Building], cls: &Classifier, which: Which, t: &RawTable) {
    // (count, block, values on one line, the label's columns)
    type Info = (usize, usize, Option<Vec<Token>>, Option<(usize, usize)>);
    let info: Vec<Info> = built
        .iter()
        .map(|b| {
            let key = b.subtotal.unwrap_or(cls.defs()[b.def].key);
            let (n, blk) = count_of(key, which, t);
            let label = Token {
                kind: TokenKind::Text,
                start: b.label_at.start,
                end: b.label_at.end,
            };
            (
                n,
                blk,
                columns::one_line(text, b.label_at.start, &b.toks),
                columns::columns_of(text, &label),
            )
        })
        .collect();
    for i in 0..built.len() {
        let (n, blk, Some(vals), Some(label)) = &info[i] else {
            continue;
        };
        if vals.is_empty() || vals.len() >= *n || built[i].merged.is_some() {
            continue;
        }
        // (Among the rows near it: the work stays linear.)
        let full = (1..built.len().min(NEAR)).find_map(|d| {
            [i.checked_sub(d), Some(i + d)]
                .into_iter()
                .flatten()
                .find_map(|j| {
                    // (Text laid out with spaces keeps columns only roughly:
                    // the same columns need the label in the same place.)
                    let (m, bj, v, l) = info.get(j)?;
                    v.as_ref()
                        .filter(|v| m == n && bj == blk && v.len() == *n && *l == Some(*label))
                })
        });
        let Some(full) = full else {
            continue;
        };
        let Some(placed) = columns::place(text, vals, full) else {
            continue;
        };
        let at = vals[0].start;
        built[i].toks = placed
            .into_iter()
            .map(|t| {
                let t = t.unwrap_or(Token {
                    kind: TokenKind::Blank,
                    start: at,
                    end: at,
                });
                (t, false)
            })
            .collect();
    }
}

/// Whether a line holds a tab (cells written as such).
fn has_tab(text: &str, line: TextLine) -> bool {
    text[line.start..line.end].contains('\t')
}

/// Whether a text starts with an enumerator, like a label of table 2:
/// `（五）`, `(五)`, `四、`, `3.`.
fn starts_label(raw: &str) -> bool {
    let numeral = |n: char| "一二三四五六七八九十".contains(n);
    let mut c = raw
        .chars()
        .map(crate::text::fold)
        .filter(|c| !crate::text::is_space(*c));
    match (c.next(), c.next(), c.next()) {
        (Some('('), Some(n), Some(')')) => numeral(n),
        (Some(n), Some('、'), _) => numeral(n) || n.is_ascii_digit(),
        (Some(d), Some('.'), _) => d.is_ascii_digit(),
        _ => false,
    }
}

/// The rest of a wrapped label: `raw`, first on its line, continues the
/// label `prev` ending the line before, when the open row holds no value
/// yet and the two read together as a row of the template (its index, and
/// whether the label is a variant).
fn wrapped_rest(
    text: &str,
    prev: ByteRange,
    open: &Open,
    raw: &str,
    alone: &Label,
    cls: &mut Classifier,
) -> Option<(usize, bool)> {
    if matches!(
        alone,
        Label::Data { variant: false, .. }
            | Label::Caption(_)
            | Label::Header(..)
            | Label::Narrative
    ) {
        return None;
    }
    let free = match open {
        Open::Row(b) => b.toks.is_empty() && b.subtotal.is_none(),
        Open::Extra { first, .. } => first.is_none(),
        Open::None => true,
    };
    if !free {
        return None;
    }
    let joined = format!("{}{raw}", &text[prev.start..prev.end]);
    match cls.classify(&joined, prev.start) {
        Label::Data {
            row,
            variant,
            merged: None,
        } => Some((row, variant)),
        _ => None,
    }
}

/// Whether the word at `at` follows a word (a label's letters) after a
/// single space.
fn glued_to_label(text: &str, at: usize) -> bool {
    let before = &text[..at];
    before.ends_with(' ')
        && !before.ends_with("  ")
        && before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
}

/// Cut a row's value tokens to its cells.
///
/// `expected == 0` means not yet known (table 1 block without a header): the
/// cells are taken as found and resized later by [`resize_t1_row`].
pub(super) fn finish(
    text: &str,
    toks: &[(Token, bool)],
    expected: usize,
    leading_blanks_count: bool,
    label_end: usize,
) -> (Vec<RawCell>, bool) {
    let cell = |t: &Token| RawCell {
        start: t.start,
        end: t.end,
        parsed: if t.kind == TokenKind::Bad {
            Parsed {
                val: Val::Bad,
                unit: None,
                signed: false,
            }
        } else {
            parse(&text[t.start..t.end])
        },
    };
    let first = toks.iter().position(|(t, _)| t.kind != TokenKind::Blank);
    let Some(first) = first else {
        // No value at all: as many blank cells as the template has.
        let want = if expected == 0 { toks.len() } else { expected };
        let mut cells: Vec<RawCell> = toks.iter().take(want).map(|(t, _)| cell(t)).collect();
        let at = cells.last().map_or(label_end, |c| c.end);
        while cells.len() < want {
            cells.push(RawCell {
                start: at,
                end: at,
                parsed: parse(""),
            });
        }
        return (cells, true);
    };
    let last = toks
        .iter()
        .rposition(|(t, _)| t.kind != TokenKind::Blank)
        .unwrap_or(first);
    // Leading blanks: in table 1 they are cells; in table 2, blanks on the
    // label's own line are merged label columns, on later lines they are cells.
    let mut start = first;
    if leading_blanks_count {
        start = 0;
    } else {
        while start > 0 && !toks[start - 1].1 {
            start -= 1;
        }
    }
    let mut cells: Vec<RawCell> = toks[start..=last].iter().map(|(t, _)| cell(t)).collect();
    for (t, _) in &toks[last + 1..] {
        if cells.len() >= expected || t.kind != TokenKind::Blank {
            break;
        }
        cells.push(cell(t));
    }
    (cells, false)
}

/// The form a 表二's rows are of: its 其他处理 rows tell (three in the 2021
/// form, one in the 2019 form).
pub(super) fn t2_format(rows: &[RawRow]) -> Option<Format> {
    let has = |k: Row| rows.iter().any(|r| r.key == k && !r.subtotal);
    if has(Row::Other1) || has(Row::Other2) || has(Row::Other3) {
        Some(Format::F2021)
    } else if has(Row::Other) {
        Some(Format::F2019)
    } else {
        None
    }
}
