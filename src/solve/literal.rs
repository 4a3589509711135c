//! Reading one part of a run: a non-negative integer without leading zeros,
//! or for money an amount with at most `scale` decimals.

use super::Kind;

/// What a piece of a run reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Not a well-formed value of this kind.
    Invalid,
    /// Well formed, with this value (money in units of its scale); it may
    /// be too large for an `i64`.
    Value(i128),
    /// Well formed but too large for an `i128`.
    TooLarge,
}

/// `10^0` to `10^38`: every power of ten an `i128` holds.
const POW10: [i128; 39] = {
    let mut table = [1i128; 39];
    let mut i = 1;
    while i < table.len() {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `10^exp`, or `None` above `i128::MAX`.
pub(crate) fn pow10(exp: u32) -> Option<i128> {
    POW10.get(usize::try_from(exp).ok()?).copied()
}

/// Reads `text` as a value of `kind`: digits without a leading zero (`0`
/// alone is fine); for money also `int.frac` with `1..=scale` decimals.
pub(crate) fn part_value(text: &[u8], kind: Kind) -> Part {
    let (int, frac, scale) = match kind {
        Kind::Count => (text, None, 0),
        Kind::Money { scale } => match text.iter().position(|&b| b == b'.') {
            Some(dot) => (&text[..dot], Some(&text[dot + 1..]), u32::from(scale)),
            None => (text, None, u32::from(scale)),
        },
    };
    if !well_formed_int(int) {
        return Part::Invalid;
    }
    if let Some(frac) = frac {
        if frac.is_empty() || frac.len() > scale as usize || !frac.iter().all(u8::is_ascii_digit) {
            return Part::Invalid;
        }
    }
    let Some(unit) = pow10(scale) else {
        return Part::TooLarge;
    };
    let Some(whole) = digits_value(int).and_then(|v| v.checked_mul(unit)) else {
        return Part::TooLarge;
    };
    let fraction = match frac {
        None => 0,
        // `frac` has at most `scale` digits, so neither step overflows.
        Some(frac) => {
            let pad = pow10(scale - frac.len() as u32).unwrap_or(1);
            digits_value(frac).unwrap_or(0) * pad
        }
    };
    match whole.checked_add(fraction) {
        Some(v) => Part::Value(v),
        None => Part::TooLarge,
    }
}

fn well_formed_int(int: &[u8]) -> bool {
    !int.is_empty() && int.iter().all(u8::is_ascii_digit) && (int.len() == 1 || int[0] != b'0')
}

/// The value of a string of ASCII digits, `None` on overflow.
fn digits_value(digits: &[u8]) -> Option<i128> {
    digits.iter().try_fold(0i128, |acc, &d| {
        acc.checked_mul(10)?.checked_add(i128::from(d - b'0'))
    })
}

/// Splits a run that no relation constrains, only when the split is
/// forced: `text` is exactly `count` ASCII digits, one per cell (`0000000`
/// into seven cells gives seven zeros). Anything else gives `None`, even
/// when the no-leading-zero rule alone would leave one reading (`100` into
/// two cells), because a cell left blank in the report can hide in a run.
#[must_use]
pub fn split_forced(text: &str, count: usize) -> Option<Vec<i64>> {
    if count == 0 || text.len() != count || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().map(|b| i64::from(b - b'0')).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONEY: Kind = Kind::Money { scale: 4 };

    #[test]
    fn counts() {
        assert_eq!(part_value(b"0", Kind::Count), Part::Value(0));
        assert_eq!(part_value(b"352", Kind::Count), Part::Value(352));
        assert_eq!(part_value(b"03", Kind::Count), Part::Invalid);
        assert_eq!(part_value(b"", Kind::Count), Part::Invalid);
        assert_eq!(part_value(b"1.5", Kind::Count), Part::Invalid);
        assert_eq!(
            part_value(b"99999999999999999999", Kind::Count),
            Part::Value(10i128.pow(20) - 1)
        );
        assert_eq!(part_value(&[b'9'; 40], Kind::Count), Part::TooLarge);
    }

    #[test]
    fn money() {
        assert_eq!(part_value(b"2673.5355", MONEY), Part::Value(26_735_355));
        assert_eq!(part_value(b"0.5", MONEY), Part::Value(5_000));
        assert_eq!(part_value(b"172", MONEY), Part::Value(1_720_000));
        assert_eq!(part_value(b"1.", MONEY), Part::Invalid);
        assert_eq!(part_value(b".5", MONEY), Part::Invalid);
        assert_eq!(part_value(b"1.23456", MONEY), Part::Invalid);
        assert_eq!(part_value(b"01.5", MONEY), Part::Invalid);
        assert_eq!(part_value(b"1.2.3", MONEY), Part::Invalid);
        assert_eq!(
            part_value(b"1", Kind::Money { scale: 18 }),
            Part::Value(10i128.pow(18))
        );
        assert_eq!(
            part_value(&[b'9'; 30], Kind::Money { scale: 18 }),
            Part::TooLarge
        );
    }

    #[test]
    fn forced() {
        assert_eq!(split_forced("0000000", 7), Some(vec![0; 7]));
        assert_eq!(split_forced("305", 3), Some(vec![3, 0, 5]));
        assert_eq!(split_forced("100", 2), None);
        assert_eq!(split_forced("1.5", 3), None);
        assert_eq!(split_forced("", 0), None);
    }
}
