//! Tables laid out with spaces (the text `pdftotext -layout` and similar
//! tools give for a PDF, spec §8.4, §8.10): the position of a word on its
//! line, measured in display columns (a CJK character is two), tells which
//! cell it belongs to.
//!
//! A label wrapped inside its cell comes out as fragments on consecutive
//! lines, one under the other, often with the row's numbers on a line in
//! the middle (`一、本年新` / `收政府信息` / `2  0  0 …` / `公开申请数` / `量`).
//! The fragments under a label's first piece are joined to it;
//! a fragment that is itself a label, a second line of numbers, or a line
//! with nothing under the label ends the cell.

use super::classify::{Classifier, Label};
use crate::layout::{LineShape, TextLine, Token, TokenKind, Tokenizer};
use unicode_width::UnicodeWidthStr;

/// Lines looked at below a label for its continuation.
const WRAP_LINES: usize = 6;

/// Longest line (bytes) whose words are placed by their columns: a table
/// row is far shorter; this keeps the work per word bounded.
pub(super) const MAX_LINE: usize = 600;

/// Whether the lines of a table region are laid out with spaces: no tab
/// anywhere, no bar row, and several lines with wide gaps between words.
pub(super) fn spaced(text: &str, lines: &[TextLine]) -> bool {
    let mut wide = 0;
    for l in lines {
        let s = &text[l.start..l.end];
        if s.contains('\t') || s.contains('|') || s.contains('｜') {
            return false;
        }
        let t = s.trim_start_matches([' ', '\u{3000}']);
        if t.trim_end().contains("   ") {
            wide += 1;
        }
    }
    wide >= 3
}

/// The display columns `[from, to)` of a token on its line.
pub(super) fn span(text: &str, line: TextLine, tok: &Token) -> (usize, usize) {
    let from = text[line.start..tok.start].width();
    (from, from + text[tok.start..tok.end].width())
}

/// A label's continuation in the lines below it.
#[derive(Debug, Default)]
pub(super) struct Wrap {
    /// The label's text with its continuation; for a label of several
    /// words (a group label and a row label on one line, `三、本年度 （一）予以`),
    /// each word with the pieces under it, in order.
    pub words: Vec<String>,
    /// Start bytes of the fragments taken.
    pub taken: Vec<usize>,
    /// Index (in `lines`) of the last line holding a fragment taken.
    pub last_line: usize,
}

impl Wrap {
    /// The whole label with its continuation.
    pub fn joined(&self) -> String {
        self.words.concat()
    }
}

/// The fragments below the label `tok` on line `at` (an index in `lines`),
/// under it, up to the end of its cell. `numbers`: the label's own line
/// holds numbers already; `loose`: the label alone is no label of the
/// template.
pub(super) fn continuation(
    text: &str,
    lines: &[TextLine],
    at: usize,
    tok: &Token,
    numbers: bool,
    loose: bool,
    cls: &mut Classifier,
) -> Option<Wrap> {
    // The label's words and their columns.
    let mut under_cols: Vec<(usize, usize)> = Vec::new();
    let mut wrap = Wrap::default();
    for (a, b) in pieces(&text[tok.start..tok.end]) {
        let word = Token {
            kind: TokenKind::Text,
            start: tok.start + a,
            end: tok.start + b,
        };
        under_cols.push(span(text, lines[at], &word));
        wrap.words.push(text[word.start..word.end].to_string());
    }
    let mut seen_numbers = numbers;
    let mut toks = Vec::new();
    let mut tokenizer = Tokenizer::default();
    for (j, line) in lines.iter().enumerate().skip(at + 1).take(WRAP_LINES) {
        toks.clear();
        if line.end - line.start > MAX_LINE
            || tokenizer.tokenize(text, *line, &mut toks) != LineShape::Cells
        {
            break;
        }
        let has_numbers = toks
            .iter()
            .any(|t| matches!(t.kind, TokenKind::Num | TokenKind::Bad));
        if has_numbers {
            if seen_numbers {
                break;
            }
            seen_numbers = true;
        }
        let mut under = false;
        let words = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Text)
            .flat_map(|t| {
                pieces(&text[t.start..t.end]).map(|(a, b)| Token {
                    kind: TokenKind::Text,
                    start: t.start + a,
                    end: t.start + b,
                })
            });
        for t in words {
            let (a, b) = span(text, *line, &t);
            // The word it lies under most.
            let best = under_cols
                .iter()
                .enumerate()
                .map(|(i, &(c0, c1))| (b.min(c1).saturating_sub(a.max(c0)), i))
                .max();
            // Mostly under it (a group label beside the cell is not); for
            // a label not read yet, also a piece reaching under its start
            // from the left (the cell's first line indented).
            let fits = |o: usize, i: usize| {
                o > 0 && (2 * o >= b - a || loose && a <= under_cols[i].0 && b > under_cols[i].0)
            };
            let Some((_, i)) = best.filter(|&(o, i)| fits(o, i)) else {
                continue;
            };
            let raw = &text[t.start..t.end];
            if !matches!(cls.classify(raw, t.start), Label::Fragment | Label::Unknown) {
                // The next row's label.
                return (!wrap.taken.is_empty()).then_some(wrap);
            }
            wrap.words[i].push_str(raw);
            wrap.taken.push(t.start);
            wrap.last_line = j;
            under = true;
        }
        if !under && !has_numbers {
            break;
        }
    }
    (!wrap.taken.is_empty()).then_some(wrap)
}

/// Split the text tokens of a line into their [`pieces`].
pub(super) fn split_pieces(text: &str, toks: &mut Vec<Token>) {
    if !toks
        .iter()
        .any(|t| t.kind == TokenKind::Text && pieces(&text[t.start..t.end]).nth(1).is_some())
    {
        return;
    }
    let all = std::mem::take(toks);
    for t in all {
        if t.kind == TokenKind::Text {
            toks.extend(pieces(&text[t.start..t.end]).map(|(a, b)| Token {
                kind: TokenKind::Text,
                start: t.start + a,
                end: t.start + b,
            }));
        } else {
            toks.push(t);
        }
    }
}

/// The words of a text token laid out with spaces, as byte ranges: pieces
/// apart by two spaces or more, or by one space between pieces of two
/// characters or more (`三、本年度 （一）予以`); `自 然 人` stays whole.
pub(super) fn pieces(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let is_gap = |c: char| c == ' ' || c == '\u{3000}';
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_gap(c), start) {
            (true, Some(a)) => {
                raw.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        raw.push((a, s.len()));
    }
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    for (a, b) in raw {
        if let Some(last) = out.last_mut() {
            let gap = &s[last.1..a];
            let one = gap.chars().count() == 1;
            let short = |x: usize, y: usize| s[x..y].chars().count() < 2;
            if one && (short(last.0, last.1) || short(a, b)) {
                last.1 = b;
                continue;
            }
        }
        out.push((a, b));
    }
    out.into_iter()
}

/// Display columns of a token, its line found from the text.
pub(super) fn columns_of(text: &str, tok: &Token) -> Option<(usize, usize)> {
    // (Looked for among the last `MAX_LINE` bytes only: a longer line is
    // no table row.)
    let mut lo = tok.start.saturating_sub(MAX_LINE);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let start = match text[lo..tok.start].rfind(['\n', '\r']) {
        Some(p) => lo + p + 1,
        None if lo == 0 => 0,
        None => return None,
    };
    (tok.start - start <= MAX_LINE).then(|| {
        let line = TextLine {
            start,
            end: tok.end,
        };
        span(text, line, tok)
    })
}

/// A row's value tokens (numbers and written blank marks) when they all
/// stand on the line of its label (starting at byte `label`); `None` when
/// they are spread over several lines.
pub(super) fn one_line(text: &str, label: usize, toks: &[(Token, bool)]) -> Option<Vec<Token>> {
    let vals: Vec<Token> = toks
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| t.end > t.start)
        .collect();
    let last = vals.last()?;
    (label <= last.start && !text[label..last.end].contains(['\n', '\r'])).then_some(vals)
}

/// The columns of a row with fewer values than the template, from a row of
/// the same table written in full: each value must lie under exactly one
/// of the full row's values, in order. The row's cells, `None` where a
/// column holds nothing; `None` when a value's column is not certain.
pub(super) fn place(text: &str, row: &[Token], full: &[Token]) -> Option<Vec<Option<Token>>> {
    let cols: Vec<(usize, usize)> = full
        .iter()
        .map(|t| columns_of(text, t))
        .collect::<Option<_>>()?;
    let mut out = vec![None; full.len()];
    let mut next = 0;
    for t in row {
        let (a, b) = columns_of(text, t)?;
        // A number is written right-aligned or centred in its cell: its
        // span meets the full row's value, widened by a column each side.
        let hits: Vec<usize> = cols
            .iter()
            .enumerate()
            .filter(|(_, &(c0, c1))| a < c1 + 1 && b + 1 > c0)
            .map(|(i, _)| i)
            .collect();
        let [k] = hits[..] else {
            return None;
        };
        if k < next {
            return None;
        }
        out[k] = Some(*t);
        next = k + 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn words_of_a_layout_token() {
        let split = |s: &str| {
            pieces(s)
                .map(|(a, b)| s[a..b].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(split("三、本年度 （一）予以"), ["三、本年度", "（一）予以"]);
        assert_eq!(split("办理结果   公开"), ["办理结果", "公开"]);
        assert_eq!(split("自 然 人"), ["自 然 人"]);
        assert_eq!(split("（三）不予        益"), ["（三）不予", "益"]);
    }
}
