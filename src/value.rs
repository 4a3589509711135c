//! Reading one cell's text as a value (spec §8.5).
//!
//! Blank, `—`, `-`, `/` and `无` are *missing*, never zero. Signed changes
//! (`增 1`, `减 18`, `+2`, `-8`, `增加3`) become signed integers. Money keeps
//! its decimals and unit. Anything else that looks numeric but is not a clean
//! number (`约5`, `5-6`, `--253`, `05`, 40 digits) is unreadable: the checker
//! never guesses a value.

pub use crate::decimal::Decimal;
use crate::text::{fold, is_han, is_space};

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    /// Nothing, or a placeholder meaning nothing (`—`, `/`, `无`).
    Blank,
    /// An integer, possibly signed.
    Int(i64),
    /// A decimal number, with the number of decimals written.
    Dec(Decimal),
    /// Not a number the checker can read.
    Bad,
}

/// A parsed cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed {
    pub val: Val,
    /// Money unit written in the cell.
    pub unit: Option<&'static str>,
    /// The text carried an explicit sign (`+`, `-`, `增`, `减`).
    pub signed: bool,
}

const BAD: Parsed = Parsed {
    val: Val::Bad,
    unit: None,
    signed: false,
};

/// Largest number of digits read (integer and decimals together); more is
/// unreadable.
const MAX_DIGITS: usize = 15;

/// Read a cell's text.
#[allow(clippy::too_many_lines)] // one scan over the cell's characters
pub fn parse(s: &str) -> Parsed {
    // Fast path: a plain whole number, the commonest cell by far.
    let b = s.as_bytes();
    if !b.is_empty()
        && b.len() <= MAX_DIGITS
        && b.iter().all(u8::is_ascii_digit)
        && (b.len() == 1 || b[0] != b'0')
    {
        let v = b.iter().fold(0i64, |a, &d| a * 10 + i64::from(d - b'0'));
        return Parsed {
            val: Val::Int(v),
            unit: None,
            signed: false,
        };
    }
    let mut buf = [0u8; 64];
    let mut n = 0;
    let mut chars: [char; 24] = ['\0'; 24];
    let mut m = 0;
    // Fold and drop spaces; keep at most 24 characters (longer is not a number).
    // A space between two digits separates two numbers: not one value.
    let mut gap = false;
    for c in s.chars() {
        if is_space(c) {
            gap = m > 0;
            continue;
        }
        if m == chars.len() {
            return BAD;
        }
        let f = fold(c);
        if gap && is_numeric_char(chars[m - 1]) && is_numeric_char(f) {
            return BAD;
        }
        gap = false;
        chars[m] = f;
        m += 1;
    }
    let chars = &chars[..m];
    if chars.is_empty() || is_blank_marker(chars) {
        return Parsed {
            val: Val::Blank,
            unit: None,
            signed: false,
        };
    }
    let mut body = chars;
    // Unit suffix.
    let mut unit = None;
    for (suffix, u) in [
        (&['万', '元'][..], Some("万元")),
        (&['元'][..], Some("元")),
        (&['人', '次'][..], None),
        (&['件'][..], None),
        (&['个'][..], None),
        (&['项'][..], None),
        (&['条'][..], None),
        (&['次'][..], None),
        (&['宗'][..], None),
    ] {
        if body.len() > suffix.len() && body.ends_with(suffix) {
            body = &body[..body.len() - suffix.len()];
            unit = u;
            break;
        }
    }
    // Sign prefix.
    let mut neg = false;
    let mut signed = false;
    for (prefix, is_neg) in [
        (&['增', '加'][..], false),
        (&['减', '少'][..], true),
        (&['增'][..], false),
        (&['减'][..], true),
        (&['+'][..], false),
        (&['-'][..], true),
    ] {
        if body.starts_with(prefix) {
            body = &body[prefix.len()..];
            neg = is_neg;
            signed = true;
            break;
        }
    }
    // Digits, optional thousands separators, optional decimals.
    let mut int_digits = 0usize;
    let mut frac_digits = 0usize;
    let mut seen_dot = false;
    let mut group = 0usize; // digits since the last comma
    let mut commas = false;
    for (i, &c) in body.iter().enumerate() {
        match c {
            '0'..='9' => {
                if n == buf.len() {
                    return BAD;
                }
                buf[n] = c as u8;
                n += 1;
                if seen_dot {
                    frac_digits += 1;
                } else {
                    int_digits += 1;
                    group += 1;
                }
            }
            ',' if !seen_dot && i > 0 => {
                if (commas && group != 3) || (!commas && (group == 0 || group > 3)) {
                    return BAD;
                }
                commas = true;
                group = 0;
            }
            '.' if !seen_dot && int_digits > 0 => {
                seen_dot = true;
                if n == buf.len() {
                    return BAD;
                }
                buf[n] = b'.';
                n += 1;
            }
            _ => return BAD,
        }
    }
    if int_digits == 0 || (seen_dot && frac_digits == 0) || (commas && group != 3) {
        return BAD;
    }
    if int_digits + frac_digits > MAX_DIGITS {
        return BAD;
    }
    // A leading zero on a whole number ("05", "000") means digits ran together.
    if int_digits > 1 && buf[0] == b'0' {
        return BAD;
    }
    // At most MAX_DIGITS digits: no overflow.
    let units = buf[..n]
        .iter()
        .filter(|d| d.is_ascii_digit())
        .fold(0i64, |a, &d| a * 10 + i64::from(d - b'0'));
    let units = if neg { -units } else { units };
    let val = if seen_dot {
        Val::Dec(Decimal::new(i128::from(units), frac_digits as u8))
    } else {
        Val::Int(units)
    };
    Parsed { val, unit, signed }
}

/// A word with no digit that stands for an empty cell (`—`, `/`, `无`).
fn is_blank_text(word: &str) -> bool {
    let mut chars = ['\0'; 6];
    let mut n = 0;
    for c in word.chars() {
        if is_space(c) {
            continue;
        }
        if n == chars.len() {
            return false;
        }
        chars[n] = fold(c);
        n += 1;
    }
    n == 0 || is_blank_marker(&chars[..n])
}

fn is_numeric_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

fn is_blank_marker(chars: &[char]) -> bool {
    match chars {
        ['无' | '空' | '/' | '\\' | '×'] => true,
        _ if chars.len() <= 4 => chars
            .iter()
            .all(|c| matches!(c, '-' | '—' | '―' | '─' | '━' | '–' | '~' | '_')),
        _ => {
            chars.len() == 6
                && chars
                    .iter()
                    .zip("&nbsp;".chars())
                    .all(|(c, n)| c.eq_ignore_ascii_case(&n))
        }
    }
}

/// How a whitespace-separated word of a cell reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Text,
    Num,
    Blank,
    Bad,
}

/// Classify a word: a number, a blank marker, label text, or something
/// numeric the checker cannot read (`约5`, `5-6`).
pub fn classify(word: &str) -> WordKind {
    let b = word.as_bytes();
    if !b.is_empty()
        && b.len() <= MAX_DIGITS
        && b.iter().all(u8::is_ascii_digit)
        && (b.len() == 1 || b[0] != b'0')
    {
        return WordKind::Num;
    }
    // One pass over the bytes: is there a digit (ASCII, or full-width
    // `０`–`９`, EF BC 90–99), and how many ideographs at least (three-byte
    // characters starting with E5–E9, U+5000–U+9FFF)?
    let mut has_digit = false;
    let mut han = 0usize;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit()
            || c == 0xef
                && b.get(i + 1) == Some(&0xbc)
                && b.get(i + 2).is_some_and(|n| (0x90..=0x99).contains(n))
        {
            has_digit = true;
        } else if (0xe5..=0xe9).contains(&c) {
            han += 1;
        }
    }
    // Five ideographs or more are words: a value has at most four (a sign
    // `增加` and a unit `万元` around its digits), a blank marker at most
    // one, and with more than one the digits are a label's.
    if han >= 5 {
        return WordKind::Text;
    }
    classify_read(word, has_digit)
}

/// [`classify`] of a word that is not plain digits, told whether it has a digit.
fn classify_read(word: &str, has_digit: bool) -> WordKind {
    // Fast path: words with no digit at all are text or blank markers.
    if !has_digit {
        return if is_blank_text(word) {
            WordKind::Blank
        } else {
            WordKind::Text
        };
    }
    match parse(word).val {
        Val::Blank => WordKind::Blank,
        Val::Int(_) | Val::Dec(..) => WordKind::Num,
        Val::Bad => {
            if is_enumerator(word) {
                return WordKind::Text;
            }
            let mut digits = false;
            let mut han = 0;
            // Digits with a unit (`…万元`, too long to read) are a value.
            let body = ["万元", "人次", "元", "件", "个", "项", "条", "次", "宗"]
                .iter()
                .find_map(|u| word.trim_end_matches(is_space).strip_suffix(u))
                .filter(|b| !b.chars().any(|c| is_han(fold(c))))
                .unwrap_or(word);
            for c in body.chars() {
                let c = fold(c);
                if c.is_ascii_digit() {
                    digits = true;
                } else if is_han(c) {
                    han += 1;
                }
            }
            if digits && han <= 1 {
                WordKind::Bad
            } else {
                WordKind::Text
            }
        }
    }
}

/// `1.`, `1．`, `1、`, `(1)`, `1)`: a list enumerator, not a value.
pub fn is_enumerator(word: &str) -> bool {
    let mut it = word.chars().map(fold).peekable();
    let open = it.peek() == Some(&'(');
    if open {
        it.next();
    }
    let mut d = 0;
    while it.peek().is_some_and(char::is_ascii_digit) {
        it.next();
        d += 1;
    }
    if d == 0 || d > 2 {
        return false;
    }
    match (it.next(), it.next()) {
        (Some(')'), None) => true,
        (Some('.' | '、'), None) => !open,
        _ => false,
    }
}

/// A sign word written apart from its number (`增 1`).
pub fn is_sign_word(word: &str) -> bool {
    matches!(word, "增" | "减" | "增加" | "减少" | "+" | "＋")
}

/// A unit word written apart from its number (`15800000.00 元`).
pub fn is_unit_word(word: &str) -> bool {
    matches!(word, "元" | "万元" | "件" | "个" | "项" | "条")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts of [`classify`] (plain digits; five ideographs) give
    /// what reading the word gives, for every word and cell of the fixtures
    /// and a few made for the edges.
    #[test]
    fn classify_shortcuts_change_nothing() {
        let slow = |w: &str| {
            let digit = w.chars().any(|c| fold(c).is_ascii_digit());
            classify_read(w, digit)
        };
        let mut words: Vec<String> = [
            "增加12万元",
            "减少3人次",
            "增加１２万元",
            "约5",
            "五五五五五5",
            "五五五五5",
            "第一二三四项5",
            "无",
            "——",
            "&nbsp;",
            "1.属于国家秘密",
            "（一）予以公开",
            "12345678901234567",
            "0",
            "05",
            "１",
            "一二三四五",
            "⼀二三四五6",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for line in text.lines() {
                    words.extend(line.split('\t').map(ToString::to_string));
                    words.extend(line.split_whitespace().map(ToString::to_string));
                }
            }
        }
        assert!(words.len() > 1000);
        for w in &words {
            assert_eq!(classify(w), slow(w), "{w:?}");
        }
    }

    fn v(s: &str) -> Val {
        parse(s).val
    }

    #[test]
    fn blanks_are_not_zero() {
        for s in [
            "", "  ", "—", "-", "--", "/", "无", "——", "&nbsp;", "\u{3000}",
        ] {
            assert_eq!(v(s), Val::Blank, "{s:?}");
        }
        assert_eq!(v("0"), Val::Int(0));
    }

    #[test]
    fn signed_changes() {
        assert_eq!(v("增 1"), Val::Int(1));
        assert_eq!(v("减 18"), Val::Int(-18));
        assert_eq!(v("+2"), Val::Int(2));
        assert_eq!(v("-8"), Val::Int(-8));
        assert_eq!(v("增加3"), Val::Int(3));
        assert_eq!(v("减少2"), Val::Int(-2));
        assert_eq!(v("－8"), Val::Int(-8));
        assert!(parse("+2").signed);
        assert_eq!(v("--253"), Val::Bad);
    }

    #[test]
    fn money_and_units() {
        let p = parse("15800000.00元");
        assert_eq!(p.val, Val::Dec(Decimal::new(1_580_000_000, 2)));
        assert!(matches!(p.val, Val::Dec(d) if d.scale == 2));
        assert_eq!(p.unit, Some("元"));
        let p = parse("252.1万元");
        assert_eq!(p.val, Val::Dec(Decimal::new(2521, 1)));
        assert!(matches!(p.val, Val::Dec(d) if d.scale == 1));
        assert_eq!(p.unit, Some("万元"));
        assert_eq!(v("2673.5355"), Val::Dec(Decimal::new(26_735_355, 4)));
        assert_eq!(v("１２"), Val::Int(12));
        assert_eq!(v("1,234"), Val::Int(1234));
        assert_eq!(v("15件"), Val::Int(15));
    }

    #[test]
    fn numbers_apart_are_not_one_value() {
        assert_eq!(v("1 0 0 0 1"), Val::Bad);
        assert_eq!(v("15 800"), Val::Bad);
        assert_eq!(v("增 1"), Val::Int(1));
        assert_eq!(v("3 万元"), Val::Int(3));
    }

    #[test]
    fn unreadable() {
        for s in [
            "约5",
            "5-6",
            "1,23",
            "05",
            "000",
            "1.2.3",
            "12.",
            "1234567890123456789012345678901234567890",
            "三",
        ] {
            assert_eq!(v(s), Val::Bad, "{s:?}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(classify("约5"), WordKind::Bad);
        assert_eq!(classify("1."), WordKind::Text);
        assert_eq!(classify("3.其他"), WordKind::Text);
        assert_eq!(classify("规章555"), WordKind::Text);
        assert_eq!(classify("增"), WordKind::Text);
        assert_eq!(classify("0"), WordKind::Num);
        assert_eq!(classify("—"), WordKind::Blank);
    }
}
