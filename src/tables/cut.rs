//! Lines cut where rows ran together: a crawled table whose rows are glued
//! into one line (`…密00000002.其他…`), and a whole report on one line, cut at
//! its section headings and table 1's labels, so that every row is read on a
//! line of its own with spans into the original text.

use crate::layout::TextLine;
use crate::text::{contains, find, fold, is_han, key};

/// Whether the text at `i` starts a row label: `二、`, `（三）`, `(三)`.
fn label_start(s: &str) -> bool {
    let mut it = s.chars().map(fold);
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    match (it.next(), it.next(), it.next()) {
        (Some(a), Some('、'), _) if numeral(a) => true,
        (Some('(' | '（'), Some(a), Some(')' | '）')) if numeral(a) => true,
        _ => false,
    }
}

/// Whether `s` starts `.属` / `、属`: a numbered label after its number.
fn after_number(s: &str) -> bool {
    let mut it = s.chars().map(fold);
    matches!(it.next(), Some('.' | '、')) && it.next().is_some_and(is_han)
}

/// The cuts of [`cuts`] at runs of digits, in the order found.
fn run_cuts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    // The length of the digit at byte `i` (one that folds to an ASCII
    // digit: ASCII, or full-width `０`–`９`, EF BC 90–99), or 0. (No byte
    // of a digit is a byte inside another character: the scan may step
    // one byte at a time.)
    let digit_at = |i: usize| match b[i] {
        c if c.is_ascii_digit() => 1,
        0xef if b.get(i + 1) == Some(&0xbc)
            && b.get(i + 2).is_some_and(|n| (0x90..=0x99).contains(n)) =>
        {
            3
        }
        _ => 0,
    };
    let mut i = 0;
    while i < b.len() {
        if digit_at(i) == 0 {
            i += 1;
            continue;
        }
        // A run of digits: its first byte, its last digit's, its length in characters.
        let start = i;
        let mut last = i;
        let mut count = 0;
        while i < b.len() {
            let n = digit_at(i);
            if n == 0 {
                break;
            }
            last = i;
            count += 1;
            i += n;
        }
        let glued = s[..start].chars().next_back().is_some_and(|c| {
            let c = fold(c);
            is_han(c) || matches!(c, ')' | '”')
        });
        if !glued {
            continue;
        }
        let end = i;
        // A short label read only with its number (（七）总计, 3.其他) is
        // cut from its digits, which then follow it as its only number.
        let from = out.last().copied().unwrap_or(0);
        let label = &s[from.min(start)..start];
        if label.len() <= 24
            && matches!(
                key(label).as_str(),
                "七总计" | "七合计" | "总计" | "合计" | "3其他"
            )
        {
            out.push(start);
        }
        let rest = &s[end..];
        let spaced = rest.trim_start_matches(crate::text::is_space);
        let next = end + (rest.len() - spaced.len());
        if label_start(spaced) {
            out.push(next);
        } else if next > end
            && spaced
                .chars()
                .next()
                .is_some_and(|c| fold(c).is_ascii_digit())
        {
            // `… 2.其他…`: the next label's own number after a space.
            let mut it = spaced.char_indices();
            it.next();
            if it.next().is_some_and(|(p, _)| after_number(&spaced[p..])) {
                out.push(next);
            }
        } else if next == end && count >= 2 && after_number(rest) {
            out.push(last);
        }
    }
    out
}

/// The places where a line must be cut: after a run of digits glued to a
/// label and followed by the next row's label (before the next label's own
/// number when it has one: `…密00000002.其他…`), and in table 3's header,
/// before the numbers glued to its last `总计`.
fn cuts(s: &str) -> Vec<usize> {
    let mut out = run_cuts(s);
    // The first row of table 2 glued to the header before it.
    // (Looked for only where it is: a searcher costs more to set up than
    // a test, on a line.)
    if let Some(p) = contains(s, "一、本年新收")
        .then(|| find(s, "一、本年新收"))
        .flatten()
    {
        let before = s[..p].chars().next_back();
        if before.is_some_and(|c| is_han(c) || c == '）' || crate::text::is_space(c)) {
            out.push(p);
        }
    }
    if contains(s, "尚未审结") {
        if let Some(p) = s.rfind("总计").or_else(|| s.rfind("合计")) {
            let after = p + "总计".len();
            let next = s[after..].trim_start();
            if next
                .chars()
                .next()
                .is_some_and(|c| fold(c).is_ascii_digit())
            {
                out.push(after);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The lines with the cuts made: each piece a line of its own. The second
/// value maps each original line to the index of its first piece (with one
/// more entry, the number of pieces); `None` when nothing was cut.
pub(super) fn cut_lines(text: &str, lines: &[TextLine]) -> Option<(Vec<TextLine>, Vec<usize>)> {
    let mut out: Vec<TextLine> = Vec::new();
    let mut map = Vec::with_capacity(lines.len() + 1);
    let mut any = false;
    for l in lines {
        map.push(out.len());
        let s = text.get(l.start..l.end).unwrap_or("");
        let mut start = l.start;
        if s.bytes().any(|b| b.is_ascii_digit() || b == 0xef) {
            for cut in cuts(s) {
                let at = l.start + cut;
                if at > start && at < l.end {
                    out.push(TextLine { start, end: at });
                    start = at;
                    any = true;
                }
            }
        }
        out.push(TextLine { start, end: l.end });
    }
    map.push(out.len());
    any.then_some((out, map))
}

/// A whole report on one line (every line break lost): the line is cut
/// before and after each section heading and before each block of table 1
/// (`第二十条第`), so that the headings and tables are found; `None` when no
/// line of over 1000 bytes holds three section headings.
pub fn cut_report(text: &str, lines: &[TextLine]) -> Option<Vec<TextLine>> {
    use crate::template::sections::NAMES;
    let long = |l: &TextLine| {
        let s = text.get(l.start..l.end).unwrap_or("");
        s.len() > 1000 && NAMES.iter().filter(|n| s.contains(*n)).count() >= 3
    };
    if !lines.iter().any(long) {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len() + 64);
    for l in lines {
        if !long(l) {
            out.push(*l);
            continue;
        }
        let s = &text[l.start..l.end];
        let mut at: Vec<usize> = Vec::new();
        for name in NAMES {
            for (p, _) in s.match_indices(name) {
                at.extend([p, p + name.len()]);
            }
        }
        at.extend(s.match_indices("第二十条第").map(|(p, _)| p));
        // Table 1's rows: before each row label of its section.
        if let (Some(a), Some(b)) = (s.find(NAMES[1]), s.find(NAMES[2])) {
            if a < b {
                at.extend(t1_labels(&s[a..b]).into_iter().map(|p| a + p));
            }
        }
        at.sort_unstable();
        at.dedup();
        let mut start = l.start;
        for cut in at {
            let cut = l.start + cut;
            if cut > start && cut < l.end {
                out.push(TextLine { start, end: cut });
                start = cut;
            }
        }
        out.push(TextLine { start, end: l.end });
    }
    Some(out)
}

/// Where table 1's row labels start in `s` (the longest label at a place;
/// none inside another).
fn t1_labels(s: &str) -> Vec<usize> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for def in crate::template::table1::ROWS {
        for k in def.keys {
            found.extend(s.match_indices(k).map(|(p, m)| (p, m.len())));
        }
    }
    crate::sort::sort_by_key(&mut found, |&(p, len)| (p, std::cmp::Reverse(len)));
    let mut out = Vec::new();
    let mut end = 0;
    for (p, len) in found {
        if p >= end {
            out.push(p);
            end = p + len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digit runs of [`cuts`] as they were found before the byte scan:
    /// over the line's characters (the rest of `cuts` is the same).
    fn runs_by_chars(s: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            if !fold(chars[i].1).is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && fold(chars[i].1).is_ascii_digit() {
                i += 1;
            }
            let glued = start > 0 && {
                let c = fold(chars[start - 1].1);
                is_han(c) || matches!(c, ')' | '”')
            };
            if !glued {
                continue;
            }
            let end = chars.get(i).map_or(s.len(), |c| c.0);
            let from = out.last().copied().unwrap_or(0);
            let label = &s[from.min(chars[start].0)..chars[start].0];
            if label.len() <= 24
                && matches!(
                    key(label).as_str(),
                    "七总计" | "七合计" | "总计" | "合计" | "3其他"
                )
            {
                out.push(chars[start].0);
            }
            let rest = &s[end..];
            let spaced = rest.trim_start_matches(crate::text::is_space);
            let next = end + (rest.len() - spaced.len());
            if label_start(spaced) {
                out.push(next);
            } else if next > end
                && spaced
                    .chars()
                    .next()
                    .is_some_and(|c| fold(c).is_ascii_digit())
            {
                let mut it = spaced.char_indices();
                it.next();
                if it.next().is_some_and(|(p, _)| after_number(&spaced[p..])) {
                    out.push(next);
                }
            } else if next == end && i - start >= 2 && after_number(rest) {
                out.push(chars[i - 1].0);
            }
        }
        out
    }

    #[test]
    fn digit_runs_found_by_bytes_as_by_characters() {
        let mut lines: Vec<String> = [
            "规章5553.其他",
            "属于国家秘密０００００００２．其他法律",
            "（七）总计１２３４５６７",
            "3其他12 3.其他",
            "结果维持１２ 2.属于",
            "总计99（二）部分公开",
            "é1x２y",
            "12",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let root = env!("CARGO_MANIFEST_DIR");
        for dir in ["tests/fixtures", "tests/fixtures/flattened", "tests/routes"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("dir") {
                let path = entry.expect("entry").path();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    lines.extend(text.lines().map(ToString::to_string));
                }
            }
        }
        assert!(lines.len() > 1000);
        for s in &lines {
            assert_eq!(run_cuts(s), runs_by_chars(s), "{s:?}");
        }
    }
}
