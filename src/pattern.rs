//! The character classes the prose patterns share (dates, years, counts),
//! written for `regex-lite`, and how a pattern is compiled once.
//!
//! The classes spell out what the folding of [`crate::text::fold`] and the
//! tests of [`crate::text::is_space`] and [`crate::text::cn_digit`] accept, so
//! a pattern runs on the text as written and its byte ranges are the user's.

pub(crate) use regex_lite::{Captures, Regex};

/// One [`crate::text::is_space`] character.
macro_rules! space {
    () => {
        r"[ \t\x{a0}\x{3000}\x{2000}-\x{200f}\x{202a}-\x{202f}\x{205f}-\x{2064}\x{2066}-\x{2069}\x{feff}\x{ad}\x{1680}\x{180e}]"
    };
}

/// One digit, ASCII or full-width (`1`, `１`).
macro_rules! digit {
    () => {
        r"[0-9０-９]"
    };
}

/// Not a digit (the character after a number that must end there).
macro_rules! not_digit {
    () => {
        r"[^0-9０-９]"
    };
}

/// One Chinese digit of a year in a date (`〇`…`九`, and the letters written
/// for 〇), after folding: `０` is a digit there, `Ｏ` is `O`.
macro_rules! cn_digit {
    () => {
        r"[〇○零\x{41e}oOＯｏ一二三四五六七八九]"
    };
}

/// One character of a Chinese numeral up to 九十九 in a date (month, day).
macro_rules! cn_numeral {
    () => {
        r"[〇○零\x{41e}oOＯｏ一二三四五六七八九十]"
    };
}

pub(crate) use {cn_digit, cn_numeral, digit, not_digit, space};

/// Compiles one of the program's own patterns.
pub(crate) fn compile(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(r) => r,
        // The patterns are constants, each run by the tests.
        Err(e) => unreachable!("pattern {pattern:?}: {e}"),
    }
}

/// Whether the character before byte `at` of `s` is a digit (ASCII or
/// full-width): a number starting at `at` would then be part of a longer one.
pub(crate) fn digit_before(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_some_and(|c| crate::text::fold(c).is_ascii_digit())
}

/// The next match of a pattern at or after a position, remembered: asked again
/// from a later position before that match, the answer is the same, so a line
/// is searched once however many candidates are turned down.
pub(crate) struct NextMatch<'r, 'h> {
    re: &'r Regex,
    found: Found<'h>,
    starts: Option<Starts>,
}

/// Where a pattern's matches may start, found more cheaply than by the
/// pattern itself.
#[derive(Clone, Copy)]
pub(crate) struct Starts {
    /// The first place at or after a position where a match may start
    /// (`None`: there is none). It must never pass over a place where a
    /// match starts.
    pub next: fn(&str, usize) -> Option<usize>,
    /// The most characters other than spaces a match has, when the pattern
    /// has no `$` and looks neither behind nor ahead: the pattern is then
    /// tried at each such place alone, over as much of the text as a match
    /// from there can take.
    pub width: Option<usize>,
}

/// What a [`NextMatch`] knows of the haystack so far.
enum Found<'h> {
    /// Not searched yet (or the last match lies before the position asked for).
    Unknown,
    /// No match at or after the last position searched from.
    Nothing,
    /// The leftmost match at or after the last position searched from.
    At(Captures<'h>),
}

impl<'r, 'h> NextMatch<'r, 'h> {
    /// `may_match`: false when the haystack lacks something every match has,
    /// so it is not searched at all.
    pub(crate) fn new(re: &'r Regex, may_match: bool) -> Self {
        NextMatch {
            re,
            found: if may_match {
                Found::Unknown
            } else {
                Found::Nothing
            },
            starts: None,
        }
    }

    /// The pattern run only from the places `starts` gives.
    pub(crate) fn starting(mut self, starts: Starts) -> Self {
        self.starts = Some(starts);
        self
    }

    /// The leftmost match starting at or after `from`.
    pub(crate) fn at(&mut self, hay: &'h str, from: usize) -> Option<&Captures<'h>> {
        let stale = match &self.found {
            Found::Unknown => true,
            Found::At(c) => c.get(0).is_none_or(|m| m.start() < from),
            Found::Nothing => false,
        };
        if stale {
            self.found = match self.search(hay, from) {
                Some(c) => Found::At(c),
                None => Found::Nothing,
            };
        }
        match &self.found {
            Found::At(c) => Some(c),
            Found::Unknown | Found::Nothing => None,
        }
    }

    fn search(&self, hay: &'h str, from: usize) -> Option<Captures<'h>> {
        let Some(starts) = self.starts else {
            return self.re.captures_at(hay, from);
        };
        let mut from = from;
        loop {
            let q = (starts.next)(hay, from)?;
            let Some(width) = starts.width else {
                return self.re.captures_at(hay, q);
            };
            // Every way the pattern may take from `q` lies inside `..end`:
            // a match found there starting at `q` is the one the whole text
            // gives, and none there means none at `q`.
            let end = hay[q..]
                .char_indices()
                .filter(|&(_, c)| !crate::text::is_space(c))
                .nth(width)
                .map_or(hay.len(), |(i, _)| q + i);
            match self.re.captures_at(&hay[..end], q) {
                Some(c) if c.get(0).is_some_and(|m| m.start() == q) => return Some(c),
                _ => from = q + hay[q..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
}
