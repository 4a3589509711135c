//! Character classes, folding and the map from byte offsets to lines,
//! columns and UTF-16 offsets.
//!
//! Nothing here allocates a normalised copy of the whole text: the parser works
//! on byte ranges of the original and only folds the short pieces it compares
//! (labels, numbers). So every cell and finding keeps the exact span of the
//! characters the user wrote.

use crate::model::{Span, Utf16Span};
use crate::range::ByteRange;

/// Whitespace, including the wide and invisible kinds pasted text carries:
/// ideographic space, NBSP, en/em spaces, zero-width characters, BOM and bidi
/// controls.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c == ' ' || c == '\t';
    }
    matches!(
        c,
        ' ' | '\t'
            | '\u{a0}'
            | '\u{3000}'
            | '\u{2000}'..='\u{200f}'
            | '\u{202a}'..='\u{202f}'
            | '\u{205f}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{1680}'
            | '\u{180e}'
    )
}

/// Trim [`is_space`] characters from both ends.
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// Trim [`is_space`] characters from the start.
pub fn trim_start(s: &str) -> &str {
    // (Most pieces start with a character that is plainly no space: an
    // ASCII one other than space and tab, or a three-byte one starting
    // with E4–E9, CJK ideographs; every space of `is_space` outside ASCII
    // starts with C2, E1, E2, E3 or EF.)
    match s.as_bytes().first() {
        None => s,
        Some(&b) if b < 0x80 && b != b' ' && b != b'\t' || (0xe4..=0xe9).contains(&b) => s,
        _ => s.trim_start_matches(is_space),
    }
}

/// Trim [`is_space`] characters from the end.
pub fn trim_end(s: &str) -> &str {
    // (As in `trim_start`: the last character is plainly no space when it
    // is ASCII other than space and tab, or three bytes starting with E4–E9.)
    let b = s.as_bytes();
    match b.last() {
        None => s,
        Some(&c) if c < 0x80 && c != b' ' && c != b'\t' => s,
        Some(&c) if c >= 0x80 && b.len() >= 3 && (0xe4..=0xe9).contains(&b[b.len() - 3]) => s,
        _ => s.trim_end_matches(is_space),
    }
}

/// Full-width ASCII to ASCII (`１` → `1`, `（` → `(`, `：` → `:`), and a few
/// look-alikes the templates are written with; Kangxi radicals to the
/// ideographs they stand for (`⼆` → `二`).
pub fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{fe63}' => '-',
        '\u{3002}' | '\u{ff61}' => '。',
        '\u{2215}' => '/',
        '\u{2e80}'..='\u{2fdf}' => crate::kangxi::unify(c),
        _ => c,
    }
}

/// A CJK ideograph (unified, extension A, or compatibility), or 〇.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '〇')
}

/// The comparison key of a label: folded, with only ideographs, ASCII letters
/// and digits kept (`（二）部分公开（区分…）` → `二部分公开区分…`).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// [`key`] written into a reused buffer (cleared first).
pub fn key_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    // Runs of characters the key keeps as they are written are copied whole.
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if kept_as_written(b, i) {
            i += if b[i] < 0x80 { 1 } else { 3 };
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let f = fold(c);
        let keep = is_han(f) || f.is_ascii_alphanumeric();
        if !(keep && f == c) {
            out.push_str(&s[run..i]);
            if keep {
                out.push(f);
            }
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&s[run..]);
}

/// Whether the character starting at byte `i` is one the key keeps as it
/// is written, told from its first bytes alone: an ASCII letter or digit,
/// or an ideograph U+4E00–U+9FFF, whose UTF-8 form (three bytes) starts
/// with E5–E9, or with E4 not followed by B7 (E4 B7 is U+4DC0–U+4DFF, the
/// hexagram symbols). `false` means: decode the character and see.
fn kept_as_written(b: &[u8], i: usize) -> bool {
    match b[i] {
        c if c < 0x80 => c.is_ascii_alphanumeric(),
        0xe5..=0xe9 => true,
        0xe4 => b.get(i + 1).is_some_and(|&n| n != 0xb7),
        _ => false,
    }
}

/// The characters of [`key`], without building it.
pub fn key_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(fold)
        .filter(|&c| is_han(c) || c.is_ascii_alphanumeric())
}

/// The number of characters of [`key`], without building it.
pub fn key_len(s: &str) -> usize {
    key_chars(s).count()
}

/// Byte offset of `needle` in `hay`. The strings compared here are short
/// labels, for which a plain scan is several times faster than the standard
/// library's two-way searcher (whose set-up dominates).
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    if n.len() > h.len() {
        return None;
    }
    if h.len() > 96 {
        return hay.find(needle);
    }
    // (The last byte too before the rest: CJK text shares a few lead bytes.)
    let last = n[n.len() - 1];
    (0..=h.len() - n.len()).find(|&i| {
        h[i] == first
            && h[i + n.len() - 1] == last
            && h[i + 1..i + n.len()]
                .iter()
                .zip(&n[1..])
                .all(|(a, b)| a == b)
    })
}

/// Whether `needle` occurs in `hay` (see [`find`]; on a longer text, the
/// standard library's test, which is vectorised where the machine allows).
pub fn contains(hay: &str, needle: &str) -> bool {
    if hay.len() > 96 {
        return hay.contains(needle);
    }
    find(hay, needle).is_some()
}

/// A Chinese numeral 一…十 (also 〇/零 and compounds up to 九十九) to its value.
pub fn cn_numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        Some(match crate::kangxi::unify(c) {
            '〇' | '零' | '○' | 'Ｏ' | 'O' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    let mut chars = ['\0'; 3];
    let mut n = 0;
    for c in s.chars() {
        if n == chars.len() {
            return None;
        }
        chars[n] = c;
        n += 1;
    }
    match &chars[..n] {
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [d, '十'] => Some(digit(*d)? * 10),
        [d, '十', e] => Some(digit(*d)? * 10 + digit(*e)?),
        [d] => digit(*d),
        _ => None,
    }
}

/// The first year (`2020年`, `2020 年`, `二〇二〇年`) in a line: value and byte range.
pub(crate) fn find_year(line: &str) -> Option<(i32, usize, usize)> {
    use crate::pattern::{compile, digit, not_digit, space};
    use std::sync::LazyLock;
    // Four digits not after a digit (the group `a`), or four Chinese digits
    // (`c`; not starting with `０`, a digit), then 年.
    static YEAR: LazyLock<crate::pattern::Regex> = LazyLock::new(|| {
        compile(concat!(
            "(?:^|",
            not_digit!(),
            ")(?P<a>",
            digit!(),
            "{4})",
            space!(),
            "*年|(?P<c>[〇○零\\x{41e}oO一二三四五六七八九][〇○零\\x{41e}oO０一二三四五六七八九]{3})年"
        ))
    });
    if !line.contains('年') {
        return None;
    }
    let mut from = 0;
    while let Some(c) = YEAR.captures_at(line, from) {
        let (m, arabic) = match (c.name("a"), c.name("c")) {
            (Some(a), _) => (a, true),
            (_, Some(c)) => (c, false),
            _ => return None,
        };
        let digit = |c: char| {
            if arabic {
                fold(c).to_digit(10)
            } else {
                cn_digit(c)
            }
        };
        let v = m
            .as_str()
            .chars()
            .try_fold(0, |v, c| Some(v * 10 + digit(c)? as i32));
        if let Some(v) = v.filter(|v| (1990..=2199).contains(v)) {
            return Some((v, m.start(), m.end()));
        }
        // Past these digits (a year is not after a digit), or one character on.
        from = if arabic {
            m.end()
        } else {
            m.start() + m.as_str().chars().next().map_or(1, char::len_utf8)
        };
    }
    None
}

pub(crate) fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'О' | 'o' | 'O' | '０' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// Maps byte offsets of one text to [`Span`]s (line, column, UTF-16).
///
/// Columns are counted from the last position asked for when it is on the
/// same line and before the new one, so asking for the spans of a line's
/// cells in order costs time linear in the line, even for a 10 MB line.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// UTF-16 offset where each line starts (only when asked for).
    utf16_starts: Option<Vec<usize>>,
    /// Last position resolved: (line, byte offset, column - 1, UTF-16 offset).
    last: std::cell::Cell<(usize, usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str, utf16: bool) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        for (i, &b) in bytes.iter().enumerate() {
            // (Most bytes are above `\r`: one comparison each.)
            if b <= b'\r' && (b == b'\n' || b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let utf16_starts = utf16.then(|| {
            let mut v = Vec::with_capacity(starts.len());
            let mut acc = 0;
            let mut prev = 0;
            for &s in &starts {
                acc += text[prev..s].encode_utf16().count();
                v.push(acc);
                prev = s;
            }
            v
        });
        LineIndex {
            text,
            starts,
            utf16_starts,
            last: std::cell::Cell::new((0, 0, 0, 0)),
        }
    }

    /// The span of a byte range (both ends on char boundaries).
    pub fn span_of(&self, r: ByteRange) -> Span {
        self.span(r.start, r.end)
    }

    /// The span of the byte range `start..end` (both on char boundaries).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let line = self.starts.partition_point(|&s| s <= start) - 1;
        let ls = self.starts[line];
        let (l0, b0, c0, u0) = self.last.get();
        let (from, col, u16) = if l0 == line && b0 <= start && b0 >= ls {
            (b0, c0, u0)
        } else {
            (ls, 0, self.utf16_starts.as_ref().map_or(0, |u| u[line]))
        };
        let piece = &self.text[from..start];
        let col = col + piece.chars().count();
        let u16 = if self.utf16_starts.is_some() {
            u16 + piece.encode_utf16().count()
        } else {
            0
        };
        self.last.set((line, start, col, u16));
        let utf16 = self.utf16_starts.as_ref().map(|_| Utf16Span {
            start: u16,
            end: u16 + self.text[start..end].encode_utf16().count(),
        });
        Span {
            start,
            end,
            line: line + 1,
            column: col + 1,
            utf16,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_width_space_and_punctuation() {
        assert_eq!(key("（二）部分公开"), key("(二) 部分 公开"));
        assert_eq!(key("自 然 人"), "自然人");
        assert_eq!(key("危及“三安全一稳定”"), key("危及\"三安全一稳定\""));
        assert_eq!(key("１．属于"), "1属于");
    }

    #[test]
    fn keys_are_the_kept_characters() {
        for s in [
            "",
            "（二）部分公开（区分处理的）",
            "１．属于 国家秘密",
            "abc-DEF_１２３",
            "\u{200b}自\u{3000}然人。",
            "〇𝄞x",
        ] {
            assert_eq!(key(s), key_chars(s).collect::<String>(), "{s}");
        }
    }

    #[test]
    fn keys_keep_ideographs_and_fold_the_rest() {
        // Around the edges of the byte test: U+3400 (extension A, kept),
        // U+4DBF (kept), U+4DC0 (a hexagram, dropped), U+4E00 and U+9FFF
        // (kept), U+A000 (Yi, dropped), U+2F00 (a Kangxi radical, folded).
        let s = "\u{3400}a\u{4dbf}\u{4dc0}\u{4e00}-\u{9fff}\u{a000}\u{2f00}Ｚ９";
        let slow: String = s
            .chars()
            .map(fold)
            .filter(|&c| is_han(c) || c.is_ascii_alphanumeric())
            .collect();
        assert_eq!(key(s), slow);
        assert_eq!(key(s), "\u{3400}a\u{4dbf}\u{4e00}\u{9fff}一Z9");
    }

    #[test]
    fn trims_as_the_standard_library() {
        for s in [
            "",
            " ",
            "\t\u{3000}",
            " a ",
            "自然人",
            "\u{3000}自然人\u{a0}",
            "\u{feff}1\u{200b}",
            "0\t",
            "\u{4dc0}x\u{4dc0}",
            "é",
            "a\u{2003}",
            "\u{1680}b\u{180e}",
            "（一）",
        ] {
            assert_eq!(trim(s), s.trim_matches(is_space), "{s:?}");
            assert_eq!(trim_start(s), s.trim_start_matches(is_space), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end_matches(is_space), "{s:?}");
        }
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_numeral("六"), Some(6));
        assert_eq!(cn_numeral("十二"), Some(12));
        assert_eq!(cn_numeral("二十六"), Some(26));
        assert_eq!(cn_numeral("三十"), Some(30));
        assert_eq!(cn_numeral("甲"), None);
    }

    #[test]
    fn spans_count_characters_and_utf16() {
        let t = "一\r\n二三𝄞x\rz";
        let idx = LineIndex::new(t, true);
        let x = t.find('x').unwrap();
        let s = idx.span(x, x + 1);
        assert_eq!((s.line, s.column), (2, 4));
        let u = s.utf16.unwrap();
        assert_eq!((u.start, u.end), (7, 8));
        let z = t.find('z').unwrap();
        assert_eq!(idx.span(z, z + 1).line, 3);
        // Asking again out of order gives the same answers.
        let again = idx.span(x, x + 1);
        assert_eq!(again, s);
        let y = t.find('二').unwrap();
        let sy = idx.span(y, y + 3);
        assert_eq!((sy.line, sy.column, sy.utf16.unwrap().start), (2, 1, 3));
    }
}
