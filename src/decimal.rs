//! Decimal numbers kept as written: the digits and the number of decimals.
//!
//! Money is read as `units × 10^-scale` (`252.10` is 25210 and 2), so
//! comparisons are exact and the decimals written stay known.

use std::cmp::Ordering;

/// A decimal number: `units × 10^-scale`.
///
/// Equality and order are by value (`1.50 == 1.5`); [`Decimal::scale`] keeps
/// the number of decimals written.
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    pub units: i128,
    pub scale: u8,
}

/// Largest scale compared exactly (10^38 overflows `i128`).
const MAX_SCALE: u8 = 36;

impl Decimal {
    pub const fn new(units: i128, scale: u8) -> Self {
        Decimal { units, scale }
    }

    pub const fn is_zero(self) -> bool {
        self.units == 0
    }

    pub const fn is_negative(self) -> bool {
        self.units < 0
    }

    /// The units at a larger scale, if they fit.
    fn units_at(self, scale: u8) -> Option<i128> {
        if scale < self.scale || scale > MAX_SCALE {
            return None;
        }
        10i128
            .checked_pow(u32::from(scale - self.scale))
            .and_then(|m| self.units.checked_mul(m))
    }

    /// The nearest `f64` (the same as reading the written digits as one).
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.units_at(scale), other.units_at(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Beyond exact scaling (more digits than a cell is read with):
            // the sign decides, then the nearest binary values.
            _ => self
                .units
                .signum()
                .cmp(&other.units.signum())
                .then_with(|| {
                    self.to_f64()
                        .partial_cmp(&other.to_f64())
                        .unwrap_or(Ordering::Equal)
                }),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

/// As written: `-252.10`, `0.00`, `15800000.00`.
impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let sign = if self.units < 0 { "-" } else { "" };
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::float_cmp)] // both sides are the same exact conversion
    fn written_and_compared() {
        let d = Decimal::new(25210, 2);
        assert_eq!(d.to_string(), "252.10");
        assert_eq!(Decimal::new(5, 3).to_string(), "0.005");
        assert_eq!(Decimal::new(-5, 1).to_string(), "-0.5");
        assert_eq!(Decimal::new(0, 2).to_string(), "0.00");
        assert_eq!(d, Decimal::new(2521, 1));
        assert!(Decimal::new(1, 1) < Decimal::new(11, 2));
        assert!(Decimal::new(-1, 0) < Decimal::new(0, 5));
        assert_eq!(d.to_f64(), 252.1);
        assert_eq!(Decimal::new(26_735_355, 4).to_f64(), 2673.5355);
    }
}
