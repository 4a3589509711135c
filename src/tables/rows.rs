//! Assembling the rows of table 1 or 2 from the classified tokens.

use super::classify::{Classifier, Label, Which};
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
    /// (token, same line as the label)
    toks: Vec<(Token, bool)>,
    /// A value was written on the label's line without tabs, in a table
    /// whose rows are tab-separated: the way the document readers write a
    /// row whose numbers they could not place in columns.
    untabbed: bool,
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
    let has_tab = |l: &TextLine| text.as_bytes()[l.start..l.end].contains(&b'\t');
    let tabbed = lines[from..to]
        .iter()
        .filter(|l| has_tab(l))
        .take(3)
        .count()
        >= 3;

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
        let has_text = toks.iter().any(|t| t.kind == TokenKind::Text);
        let untabbed_line = tabbed && !has_tab(line);
        let mut seen_label = false;
        for tok in toks.iter().copied() {
            let raw = &text[tok.start..tok.end];
            match tok.kind {
                TokenKind::Text => {
                    let mut label = cls.classify(raw, tok.start);
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
                        Label::Fragment => continue,
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
                            let dup = built
                                .iter()
                                .any(|b| b.subtotal.is_none() && cls.defs()[b.def].key == key);
                            cls.seen_data = true;
                            if dup {
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
                                    toks: Vec::with_capacity(8),
                                    untabbed: false,
                                });
                            }
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
                                toks: Vec::with_capacity(8),
                                untabbed: false,
                            });
                        } else {
                            pending_group = Some((g, span));
                            continue;
                        }
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

    t.rows.reserve_exact(built.len());
    for b in built {
        let def = &cls.defs()[b.def];
        let (key, subtotal) = match b.subtotal {
            Some(k) => (k, true),
            None => (def.key, false),
        };
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
        let has = |k: Row| t.rows.iter().any(|r| r.key == k && !r.subtotal);
        t.version = if has(Row::Other1) || has(Row::Other2) || has(Row::Other3) {
            Some(Format::F2021)
        } else if has(Row::Other) {
            Some(Format::F2019)
        } else {
            None
        };
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
