//! The readings of one run under one relation, met in the middle.
//!
//! A run of counts (a row that ran together, say: six applicant cells and
//! their 总计) is cut into its parts in two halves. The parts of the first
//! half are enumerated once for each byte where that half can end, and
//! their weighted sums indexed; the parts of the second half are read from
//! the end, each step kept only while the least and most that the parts
//! before it can add still reach zero, and when the first half is reached
//! the sum that completes the relation is looked up instead of searched.
//!
//! Only runs whose every part fits an `i128` and whose arithmetic cannot
//! leave it are read here; for any other run [`readings`] answers `None`
//! and the general search is used. A reading with a part too large for an
//! `i64` gives up, as the general search does.

use super::literal::pow10;
use super::split::{Budget, Stop};
use super::Kind;

/// The most digits a part may have here: every such count fits an `i128`.
const LONGEST: usize = 38;

/// The longest run read here.
const MOST_BYTES: usize = 128;

/// The most readings of the first half enumerated (over every byte where it
/// can end) before the run is left to the general search.
const MOST_FIRST_HALVES: u64 = 20_000;

/// Every reading of the run `text` (cut at least at `breaks`) into parts of
/// `kinds`, each within its `bounds` (least, most), such that `constant + Σ coeff·part = 0` over `terms` (offsets in
/// the run), sorted, without repeats; `None` when the run is not one this
/// search reads.
pub(super) fn readings(
    text: &[u8],
    breaks: &[usize],
    kinds: &[Kind],
    bounds: &[(i128, i128)],
    constant: i128,
    terms: &[(usize, i64)],
    budget: &mut Budget,
) -> Result<Option<Vec<Vec<i64>>>, Stop> {
    let n = text.len();
    let k = kinds.len();
    if k < 2
        || n < k
        || n > MOST_BYTES
        || n - (k - 1) > LONGEST
        || kinds.iter().any(|&kind| kind != Kind::Count)
        || !text.iter().all(u8::is_ascii_digit)
    {
        return Ok(None);
    }
    let mut coeff = vec![0i128; k];
    for &(offset, c) in terms {
        let Some(slot) = coeff.get_mut(offset) else {
            return Ok(None);
        };
        *slot += i128::from(c);
    }
    // No sum of terms can leave an `i128`: every part is below
    // `10^longest`.
    let longest = n - (k - 1);
    let Some(top) = pow10(u32::try_from(longest).unwrap_or(u32::MAX)) else {
        return Ok(None);
    };
    let limit = constant.checked_abs().and_then(|start| {
        coeff.iter().try_fold(start, |acc, &c| {
            acc.checked_add(c.checked_abs()?.checked_mul(top)?)
        })
    });
    if limit.is_none() {
        return Ok(None);
    }
    let Some(halves) = Halves::new(text, breaks, coeff, longest, budget)? else {
        return Ok(None);
    };
    let mut search = Search {
        halves,
        constant,
        left: (0..=n).map(|_| None).collect(),
        values: vec![0; k],
        out: Vec::new(),
    };
    search.right(k, n, 0, budget)?;
    let mut out = Vec::with_capacity(search.out.len());
    for reading in search.out {
        if !super::split::within(&reading, bounds) {
            continue;
        }
        let reading: Option<Vec<i64>> = reading.iter().map(|&v| i64::try_from(v).ok()).collect();
        out.push(reading.ok_or(Stop::Overflow)?);
    }
    out.sort_unstable();
    out.dedup();
    Ok(Some(out))
}

/// The parts a run can be cut into, and what its prefixes can add up to.
struct Halves {
    /// `value[a][len - 1]`: the count written by the bytes `a..a + len`,
    /// when it is one (no leading zero, no break inside).
    value: Vec<[Option<i128>; LONGEST]>,
    coeff: Vec<i128>,
    /// The most digits of a part.
    longest: usize,
    /// `bounds[j][q]`: the least and most `Σ coeff·part` of the first `j`
    /// parts cut from the bytes `..q`; `None` when no cut fits.
    bounds: Vec<Vec<Option<(i128, i128)>>>,
    /// The parts of the first half.
    split: usize,
}

impl Halves {
    fn new(
        text: &[u8],
        breaks: &[usize],
        coeff: Vec<i128>,
        longest: usize,
        budget: &mut Budget,
    ) -> Result<Option<Halves>, Stop> {
        let n = text.len();
        let k = coeff.len();
        let mut value = vec![[None; LONGEST]; n];
        for (a, row) in value.iter_mut().enumerate() {
            let mut v: i128 = 0;
            for len in 1..=longest.min(n - a) {
                let b = a + len;
                v = v * 10 + i128::from(text[b - 1] - b'0');
                if len > 1 && breaks.contains(&(b - 1)) {
                    // A break at `b - 1` falls inside this part and every
                    // longer one.
                    break;
                }
                if len == 1 || text[a] != b'0' {
                    row[len - 1] = Some(v);
                }
            }
        }
        let mut bounds: Vec<Vec<Option<(i128, i128)>>> = vec![vec![None; n + 1]; k + 1];
        // How many ways the first `j` parts can be cut from the bytes `..q`
        // (saturating), to size the first half.
        let mut ways: Vec<Vec<u64>> = vec![vec![0; n + 1]; k + 1];
        bounds[0][0] = Some((0, 0));
        ways[0][0] = 1;
        for j in 1..=k {
            for q in j..=n {
                let mut best: Option<(i128, i128)> = None;
                let mut count: u64 = 0;
                for len in 1..=longest.min(q) {
                    budget.step()?;
                    let a = q - len;
                    let (Some(v), Some((lo, hi))) = (value[a][len - 1], bounds[j - 1][a]) else {
                        continue;
                    };
                    let term = coeff[j - 1] * v;
                    let (lo, hi) = (lo + term, hi + term);
                    best = Some(best.map_or((lo, hi), |(l, h)| (l.min(lo), h.max(hi))));
                    count = count.saturating_add(ways[j - 1][a]);
                }
                bounds[j][q] = best;
                ways[j][q] = count;
            }
        }
        let split = k / 2;
        let first: u64 = ways[split].iter().fold(0, |s, &w| s.saturating_add(w));
        if first > MOST_FIRST_HALVES {
            return Ok(None);
        }
        Ok(Some(Halves {
            value,
            coeff,
            longest,
            bounds,
            split,
        }))
    }
}

/// The first halves ending at one byte: their sums, sorted, each with its
/// parts.
struct FirstHalves {
    sums: Vec<(i128, usize)>,
    parts: Vec<i128>,
}

struct Search {
    halves: Halves,
    constant: i128,
    /// The first halves by the byte where they end, enumerated when first
    /// needed.
    left: Vec<Option<FirstHalves>>,
    values: Vec<i128>,
    out: Vec<Vec<i128>>,
}

impl Search {
    /// Reads the part before `part` ending at byte `end`, the parts after
    /// it adding `sum`, then the parts before it.
    fn right(
        &mut self,
        part: usize,
        end: usize,
        sum: i128,
        budget: &mut Budget,
    ) -> Result<(), Stop> {
        let split = self.halves.split;
        if part == split {
            return self.join(end, sum, budget);
        }
        let this = part - 1;
        for len in 1..=self.halves.longest.min(end) {
            budget.step()?;
            let start = end - len;
            let Some(v) = self.halves.value[start][len - 1] else {
                continue;
            };
            let Some((lo, hi)) = self.halves.bounds[this][start] else {
                continue;
            };
            let sum = sum + self.halves.coeff[this] * v;
            let rest = self.constant + sum;
            if rest + lo > 0 || rest + hi < 0 {
                continue;
            }
            self.values[this] = v;
            self.right(this, start, sum, budget)?;
        }
        Ok(())
    }

    /// Every first half ending at `end` that completes the relation.
    fn join(&mut self, end: usize, sum: i128, budget: &mut Budget) -> Result<(), Stop> {
        let split = self.halves.split;
        if self.left[end].is_none() {
            let mut first = FirstHalves {
                sums: Vec::new(),
                parts: Vec::new(),
            };
            let mut values = vec![0; split];
            self.enumerate(split, end, 0, &mut values, &mut first, budget)?;
            first.sums.sort_unstable();
            self.left[end] = Some(first);
        }
        let Some(first) = &self.left[end] else {
            return Ok(());
        };
        let want = -(self.constant + sum);
        let from = first.sums.partition_point(|&(s, _)| s < want);
        for &(s, at) in &first.sums[from..] {
            if s != want {
                break;
            }
            budget.step()?;
            let mut reading = first.parts[at..at + split].to_vec();
            reading.extend_from_slice(&self.values[split..]);
            self.out.push(reading);
        }
        Ok(())
    }

    /// Every cut of the bytes `..end` into the first `part` parts, the
    /// parts after them (up to the half) being `values[part..]` and adding
    /// `sum`.
    fn enumerate(
        &self,
        part: usize,
        end: usize,
        sum: i128,
        values: &mut [i128],
        first: &mut FirstHalves,
        budget: &mut Budget,
    ) -> Result<(), Stop> {
        let Some(this) = part.checked_sub(1) else {
            if end == 0 {
                budget.step()?;
                first.sums.push((sum, first.parts.len()));
                first.parts.extend_from_slice(values);
            }
            return Ok(());
        };
        for len in 1..=self.halves.longest.min(end) {
            let start = end - len;
            let Some(v) = self.halves.value[start][len - 1] else {
                continue;
            };
            if self.halves.bounds[this][start].is_none() {
                continue;
            }
            budget.step()?;
            values[this] = v;
            let sum = sum + self.halves.coeff[this] * v;
            self.enumerate(this, start, sum, values, first, budget)?;
        }
        Ok(())
    }
}
