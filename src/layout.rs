//! Lines and cells: the layout of pasted text (spec §8.4).
//!
//! A line is split into cells by tabs, or by `|` for pipe rows; a line with
//! neither is one cell. A cell is then split at spaces into words, so that
//! PDF-like rows (`规章 0 0 0`) and cells holding several numbers
//! (`0 0 0 0 0 0 0`) give one token per number, while labels written with
//! spaces inside (`自 然 人`) stay one text token. Page numbers and separator
//! lines are recognised as junk.

use crate::range::ByteRange;
use crate::text::{fold, is_space, trim, trim_end, trim_start};
use crate::value::{classify, is_sign_word, is_unit_word, WordKind};

/// One line of the text, without its terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine {
    pub start: usize,
    pub end: usize,
}

impl TextLine {
    /// The line's bytes in the text.
    pub fn range(self) -> ByteRange {
        ByteRange::new(self.start, self.end)
    }
}

/// Split text into lines at `\n`, `\r\n`, `\r`, form feed, vertical tab and
/// the Unicode line/paragraph separators.
pub fn lines(text: &str) -> Vec<TextLine> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 24 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Skip to the next byte that may start a line terminator.
        match b[i..]
            .iter()
            .position(|&c| c <= 0x0d || c == 0xe2 || c == 0xc2)
        {
            Some(p) => i += p,
            None => break,
        }
        // (length of the terminator, or 0)
        let term = match b[i] {
            b'\n' | 0x0b | 0x0c => 1,
            b'\r' => {
                if b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => 3,
            0xc2 if b.get(i + 1) == Some(&0x85) => 2,
            _ => 0,
        };
        if term > 0 {
            out.push(TextLine { start, end: i });
            i += term;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(TextLine {
        start,
        end: text.len(),
    });
    out
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Label or other words.
    Text,
    /// A readable value.
    Num,
    /// A value-like word that is not a readable number.
    Bad,
    /// An empty cell or a blank marker.
    Blank,
}

/// A piece of a line: a word run or a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's bytes in the text.
    pub fn range(self) -> ByteRange {
        ByteRange::new(self.start, self.end)
    }
}

/// How a line reads as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineShape {
    /// Nothing but spaces (no tab).
    Empty,
    /// A page number or a separator line.
    Junk,
    /// Tokens (possibly a single blank cell for a line holding only a tab).
    Cells,
}

/// A word of a cell: its bytes in the cell, and how it reads.
type Word = (usize, usize, WordKind);

/// Split one line into tokens, appending to `out`.
#[cfg(test)]
pub fn tokenize(text: &str, line: TextLine, out: &mut Vec<Token>) -> LineShape {
    Tokenizer::default().tokenize(text, line, out)
}

/// Splits lines into tokens, reusing its buffers from line to line.
#[derive(Debug, Default)]
pub struct Tokenizer {
    words: Vec<Word>,
}

impl Tokenizer {
    /// Split one line into tokens, appending to `out`.
    pub fn tokenize(&mut self, text: &str, line: TextLine, out: &mut Vec<Token>) -> LineShape {
        tokenize_with(text, line, out, &mut self.words)
    }
}

fn tokenize_with(
    text: &str,
    line: TextLine,
    out: &mut Vec<Token>,
    words: &mut Vec<Word>,
) -> LineShape {
    let s = &text[line.start..line.end];
    let t = trim(s);
    let tab = s.bytes().position(|b| b == b'\t');
    if t.is_empty() {
        if let Some(p) = tab {
            out.push(Token {
                kind: TokenKind::Blank,
                start: line.start + p + 1,
                end: line.start + p + 1,
            });
            return LineShape::Cells;
        }
        return LineShape::Empty;
    }
    if is_page_number(t) || is_separator(t) {
        return LineShape::Junk;
    }
    let first = out.len();
    if tab.is_some() {
        split_cells(text, line.start, s, '\t', out, words);
    } else if is_pipe_row(t) {
        // Cells between bars; the empty cells outside the first and last
        // bar are dropped.
        let mut cs = 0;
        let mut first_cell = true;
        for (i, c) in s.char_indices() {
            if c == '|' || c == '｜' {
                let part = &s[cs..i];
                if !(first_cell && trim(part).is_empty()) {
                    cell_tokens(text, line.start + cs, part, out, words);
                }
                first_cell = false;
                cs = i + c.len_utf8();
            }
        }
        let part = &s[cs..];
        if !trim(part).is_empty() {
            cell_tokens(text, line.start + cs, part, out, words);
        }
    } else {
        cell_tokens(text, line.start, s, out, words);
    }
    // Empty cells before a line's first content are the grid's (merged label
    // columns, or the tab that starts every line of a one-cell-per-line paste).
    let lead = out[first..]
        .iter()
        .take_while(|t| t.kind == TokenKind::Blank)
        .count();
    if lead < out.len() - first {
        out.drain(first..first + lead);
    }
    LineShape::Cells
}

fn split_cells(
    text: &str,
    base: usize,
    s: &str,
    sep: char,
    out: &mut Vec<Token>,
    words: &mut Vec<Word>,
) {
    // (`sep` is ASCII: a byte scan, cheaper than a char searcher for the
    // short cells of a row.)
    debug_assert!(sep.is_ascii());
    let b = s.as_bytes();
    let mut off = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == sep as u8 {
            cell_tokens(text, base + off, &s[off..i], out, words);
            off = i + 1;
        }
    }
    cell_tokens(text, base + off, &s[off..], out, words);
}

fn is_pipe_row(t: &str) -> bool {
    // `|`, or `｜` (EF BD 9C), which folds to it.
    let b = t.as_bytes();
    let bar = |i: usize| b[i] == b'|' || b[i..].starts_with("｜".as_bytes());
    if !b.is_empty() && bar(0) {
        return true;
    }
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if (c == b'|' || c == 0xef) && bar(i) {
            n += 1;
            if n >= 2 {
                return true;
            }
        }
    }
    false
}

/// Tokens of one cell starting at byte `base`.
fn cell_tokens(text: &str, base: usize, cell: &str, out: &mut Vec<Token>, words: &mut Vec<Word>) {
    let rest = trim_start(cell);
    let lead = cell.len() - rest.len();
    let t = trim_end(rest);
    let start = base + lead;
    if t.is_empty() {
        out.push(Token {
            kind: TokenKind::Blank,
            start,
            end: start,
        });
        return;
    }
    let end = start + t.len();
    // The whole cell as one value (`增 1`, `15800000.00 元`), or one word.
    let whole = classify(t);
    let kind = match whole {
        WordKind::Text => TokenKind::Text,
        WordKind::Bad => TokenKind::Bad,
        WordKind::Num => TokenKind::Num,
        WordKind::Blank => TokenKind::Blank,
    };
    if matches!(kind, TokenKind::Num | TokenKind::Blank) || !t.contains(is_space) {
        out.push(Token { kind, start, end });
        return;
    }
    // Words. Zero-width and bidi-control characters do not separate words
    // (`1.属\u{200b}于` is one label) and do not start one.
    words.clear();
    let mut ws: Option<usize> = None;
    for (i, c) in t.char_indices() {
        if is_space(c) && !is_invisible(c) {
            if let Some(w) = ws.take() {
                words.push((w, i, classify(&t[w..i])));
            }
        } else if ws.is_none() && !is_invisible(c) {
            ws = Some(i);
        }
    }
    if let Some(w) = ws {
        words.push((w, t.len(), classify(&t[w..])));
    }
    let first_new = out.len();
    let mut i = 0;
    while i < words.len() {
        let (ws, we, k) = words[i];
        let word = &t[ws..we];
        // A sign word followed by its number.
        if k == WordKind::Text && is_sign_word(word) {
            if let Some(&(_, ne, WordKind::Num)) = words.get(i + 1) {
                push(out, TokenKind::Num, start + ws, start + ne);
                i += 2;
                continue;
            }
        }
        let kind = match k {
            WordKind::Text => TokenKind::Text,
            WordKind::Num => TokenKind::Num,
            WordKind::Blank => TokenKind::Blank,
            WordKind::Bad => TokenKind::Bad,
        };
        // A number with a word that makes it no count (`约 5`, one space
        // apart as a PDF viewer copies `约5`): one unreadable cell.
        if k == WordKind::Text && is_hedge_word(word) {
            if let Some(&(_, ne, WordKind::Num)) = words.get(i + 1) {
                push(out, TokenKind::Bad, start + ws, start + ne);
                i += 2;
                continue;
            }
        }
        // A number followed by its unit.
        if kind == TokenKind::Num {
            if let Some(&(_, ue, WordKind::Text)) = words.get(i + 1) {
                let (us, _, _) = words[i + 1];
                if is_unit_word(&t[us..ue]) {
                    push(out, TokenKind::Num, start + ws, start + ue);
                    i += 2;
                    continue;
                }
            }
        }
        // Consecutive text words are one label.
        if kind == TokenKind::Text && out.len() > first_new {
            let last = out.last_mut().expect("non-empty");
            if last.kind == TokenKind::Text {
                last.end = start + we;
                i += 1;
                continue;
            }
        }
        push(out, kind, start + ws, start + we);
        i += 1;
    }
    let _ = text;
}

/// A word written before a number that makes it an estimate, not a count.
fn is_hedge_word(word: &str) -> bool {
    matches!(word, "约" | "大约" | "近" | "逾")
}

/// A [`is_space`] character that takes no room: zero-width characters, bidi
/// controls, BOM, soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{180e}'
    )
}

fn push(out: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
    out.push(Token { kind, start, end });
}

/// `- 4 -`, `— 4 —`, `第 4 页`, `第4页 共12页`, `4/12`.
fn is_page_number(t: &str) -> bool {
    // Quick rejection: every form starts with a dash, 第 or a digit, and the
    // digit-first form has a slash.
    let Some(c0) = t.chars().map(fold).find(|&c| !is_space(c)) else {
        return false;
    };
    if !(matches!(c0, '-' | '—' | '–' | '―' | '第') || c0.is_ascii_digit() && has_slash(t)) {
        return false;
    }
    // The 第 form has 页 (or a radical that folds to it, E2 BA–BF): a
    // caption like 第二十条第（一）项 is rejected without collecting it.
    if c0 == '第' && !t.contains('页') && !t.as_bytes().contains(&0xe2) {
        return false;
    }
    let c: Vec<char> = t.chars().filter(|&c| !is_space(c)).map(fold).collect();
    let digits = |s: &[char]| !s.is_empty() && s.len() <= 4 && s.iter().all(char::is_ascii_digit);
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '―');
    if c.len() >= 3 && dash(c[0]) && dash(c[c.len() - 1]) {
        let inner: Vec<char> = c[1..c.len() - 1]
            .iter()
            .copied()
            .filter(|&x| !dash(x))
            .collect();
        return digits(&inner);
    }
    if c.first() == Some(&'第') {
        if let Some(p) = c.iter().position(|&x| x == '页') {
            if digits(&c[1..p]) {
                let rest = &c[p + 1..];
                return rest.is_empty()
                    || (rest.first() == Some(&'共')
                        && rest.last() == Some(&'页')
                        && digits(&rest[1..rest.len() - 1]))
                    || (rest.first() == Some(&',') || rest.first() == Some(&'，'));
            }
        }
        return false;
    }
    if let Some(p) = c.iter().position(|&x| x == '/') {
        return digits(&c[..p]) && digits(&c[p + 1..]);
    }
    false
}

/// `t` has a character that folds to `/`: `/`, `／` (EF BC 8F) or `∕` (E2 88 95).
fn has_slash(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'/'
            || c == 0xef && b[i..].starts_with("／".as_bytes())
            || c == 0xe2 && b[i..].starts_with("∕".as_bytes())
    })
}

/// A line made only of dashes, bars, colons, plus signs and spaces, with at
/// least one run of three (`-----` `--` `--` between tabs, `|---|:---:|`).
fn is_separator(t: &str) -> bool {
    let mut run = 0;
    let mut long = false;
    for c in t.chars().map(fold) {
        match c {
            '-' | '—' | '=' | '_' | '─' | '━' | '–' | '*' | '~' => {
                run += 1;
                long |= run >= 3;
            }
            '|' | ':' | '+' => run = 0,
            c if is_space(c) => run = 0,
            _ => return false,
        }
    }
    long
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokenKind, &str)> {
        let mut out = Vec::new();
        let ls = lines(s);
        for l in ls {
            tokenize(s, l, &mut out);
        }
        out.into_iter()
            .map(|t| (t.kind, &s[t.start..t.end]))
            .collect()
    }

    #[test]
    fn line_breaks() {
        let t = "a\r\nb\rc\nd\u{c}e";
        let v: Vec<&str> = lines(t).iter().map(|l| &t[l.start..l.end]).collect();
        assert_eq!(v, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn tab_rows() {
        use TokenKind::*;
        assert_eq!(
            toks("行政许可\t15\t增 1\t16\t"),
            [
                (Text, "行政许可"),
                (Num, "15"),
                (Num, "增 1"),
                (Num, "16"),
                (Blank, "")
            ]
        );
        assert_eq!(
            toks("（三）不予公开\t1.属于国家秘密\t0 0 0"),
            [
                (Text, "（三）不予公开"),
                (Text, "1.属于国家秘密"),
                (Num, "0"),
                (Num, "0"),
                (Num, "0")
            ]
        );
    }

    #[test]
    fn space_rows() {
        use TokenKind::*;
        assert_eq!(
            toks("1. 属于国家秘密 0 — 约5 增 2 3 万元"),
            [
                (Text, "1. 属于国家秘密"),
                (Num, "0"),
                (Blank, "—"),
                (Bad, "约5"),
                (Num, "增 2"),
                (Num, "3 万元")
            ]
        );
        assert_eq!(toks("结 果 维 持"), [(Text, "结 果 维 持")]);
        assert_eq!(
            toks("规范性文件 约 5 3 20"),
            [(Text, "规范性文件"), (Bad, "约 5"), (Num, "3"), (Num, "20")]
        );
    }

    #[test]
    fn pipe_rows() {
        use TokenKind::*;
        assert_eq!(
            toks("| 规章 | 0 |  | 3 |"),
            [(Text, "规章"), (Num, "0"), (Blank, ""), (Num, "3")]
        );
        assert_eq!(toks("|---|:---:|"), []);
        assert_eq!(toks("｜规章｜1｜"), [(Text, "规章"), (Num, "1")]);
    }

    #[test]
    fn junk() {
        for s in [
            "- 4 -",
            "— 12 —",
            "第 4 页",
            "第4页 共12页",
            "3/12",
            "-------------\t--\t--",
        ] {
            assert_eq!(toks(s), [], "{s}");
        }
        assert_eq!(toks("4").len(), 1);
        assert_eq!(toks("\t"), [(TokenKind::Blank, "")]);
    }
}
