//! The readings of one run under one sum: the last part is the total of the
//! parts before it (a row of 表二 that ran together: six applicant cells
//! and their 总计), or the parts add up to a known amount.
//!
//! The total is read first, from the end, one length at a time; the parts
//! before it are then read from the start, each at most what is left of
//! the total, and a cut is followed only while the bytes left can still
//! make up what is left: as many parts as remain, none longer than the
//! amount left, and their least and most sum (by their lengths) around it.
//! A total this bounds only leaves a few cuts to try, where reading the
//! parts without it would try them all; and a total is tried only when it
//! leaves the remainder by 9 of the digits before it (a count and the sum
//! of its digits leave the same), which rules out most wrong ones at once.
//! From four parts before the total on, they are read in two halves that
//! meet in the middle.
//!
//! Only runs of counts whose every part fits an `i128` are read here; for
//! any other run or relation [`readings`] answers `None` and another
//! search is used. The readings are the same whichever search finds them,
//! and a reading with a part too large for an `i64` gives up, as the other
//! searches do.

use super::literal::pow10;
use super::split::{Budget, Stop};
use super::Kind;

/// The most digits a part may have here: every such count fits an `i128`.
const LONGEST: usize = 38;

/// From this many parts before a total on, they are read in two halves
/// that meet in the middle.
const MEET: usize = 4;

/// Every reading of the run `text` (cut at least at `breaks`) into parts of
/// `kinds`, each within its `bounds` (least, most), such that `constant + Σ coeff·part = 0` over `terms` (offsets in
/// the run), sorted, without repeats; `None` when the relation is not a
/// sum of this run's parts (every part in it with coefficient −1, the last
/// one possibly with +1 as their total, or the same with the signs turned)
/// or the run is not one this search reads.
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
        || bounds.len() != k
        || n < k
        || n - (k - 1) > LONGEST
        || terms.len() != k
        || kinds.iter().any(|&kind| kind != Kind::Count)
        || !text.iter().all(u8::is_ascii_digit)
    {
        return Ok(None);
    }
    let mut coeff = vec![0i64; k];
    for &(offset, c) in terms {
        match coeff.get_mut(offset) {
            Some(slot) if *slot == 0 => *slot = c,
            _ => return Ok(None),
        }
    }
    // The parts before the last one share one coefficient, ±1.
    let tail = coeff[0];
    if tail.abs() != 1 || coeff[..k - 1].iter().any(|&c| c != tail) {
        return Ok(None);
    }
    // Turned so that the parts before the last have −1: `constant + head·last
    // − Σ parts = 0`, the last part a total (head 1) or one more part (−1).
    let (constant, head) = if tail == -1 {
        (constant, coeff[k - 1])
    } else {
        (-constant, -coeff[k - 1])
    };
    if head.abs() != 1 {
        return Ok(None);
    }
    let mut search = Search {
        text,
        breaks,
        bounds,
        tail: if head == 1 { k - 1 } else { k },
        values: vec![0; k],
        out: Vec::new(),
        seconds: Vec::new(),
        halves: Vec::new(),
        goal: 0,
    };
    // A count leaves the same remainder by 9 as the sum of its digits, so
    // the parts cut from some bytes add up to the sum of their digits, by 9,
    // however they are cut.
    let mut nines = Vec::with_capacity(n + 1);
    nines.push(0i128);
    for &d in text {
        nines.push((nines[nines.len() - 1] + i128::from(d - b'0')) % 9);
    }
    if head == -1 {
        // Every part adds up to the constant.
        if (constant - nines[n]).rem_euclid(9) == 0 {
            search.parts(0, 0, n, constant, budget)?;
        }
    } else {
        // The last part first: the total the others add up to.
        let mut total: i128 = 0;
        for len in 1..=(n - (k - 1)) {
            budget.step()?;
            let start = n - len;
            total += i128::from(text[start] - b'0')
                * pow10(u32::try_from(len - 1).unwrap_or(0)).unwrap_or(0);
            if len > 1 && breaks.contains(&(start + 1)) {
                // A part ends inside this total and every longer one.
                break;
            }
            if total > bounds[k - 1].1 {
                // This total and every longer one are too large.
                break;
            }
            if (len > 1 && text[start] == b'0') || total < bounds[k - 1].0 {
                continue;
            }
            let Some(sum) = constant.checked_add(total) else {
                continue;
            };
            if (sum - nines[start]).rem_euclid(9) != 0 || !fits(start, k - 1, sum) {
                continue;
            }
            search.values[k - 1] = total;
            if k > MEET {
                search.meet(start, sum, budget)?;
            } else {
                search.parts(0, 0, start, sum, budget)?;
            }
        }
    }
    let mut out = search.out;
    out.sort_unstable();
    out.dedup();
    Ok(Some(out))
}

struct Search<'a> {
    text: &'a [u8],
    /// Offsets where a part must end, sorted.
    breaks: &'a [usize],
    /// The least and most each part may be.
    bounds: &'a [(i128, i128)],
    /// The parts read from the start (all but a total).
    tail: usize,
    values: Vec<i128>,
    out: Vec<Vec<i64>>,
    /// The second halves of the parts before a total: the byte where each
    /// starts, its sum and where its parts are in `halves`.
    seconds: Vec<(usize, i128, usize)>,
    halves: Vec<i128>,
    /// What the parts before the total add up to.
    goal: i128,
}

/// The digits of a non-negative amount (1 for 0).
fn digits(x: i128) -> usize {
    // Comparisons, not divisions: an `i128` division is a call.
    let mut d = 1;
    while pow10(u32::try_from(d).unwrap_or(u32::MAX)).is_some_and(|p| x >= p) {
        d += 1;
    }
    d
}

/// Whether `parts` counts written with `bytes` digits can add up to
/// `sum`: none longer than `sum`, their least and most sums around it.
fn fits(bytes: usize, parts: usize, sum: i128) -> bool {
    if sum < 0 {
        return false;
    }
    if parts == 0 {
        return bytes == 0 && sum == 0;
    }
    if bytes < parts || bytes > parts.saturating_mul(digits(sum)) {
        return false;
    }
    match super::split::sum_bounds(bytes, parts) {
        Some((least, most)) => least <= sum && sum <= most,
        None => true,
    }
}

/// Whether `parts` counts written with `bytes` digits can add up to at
/// most `most`.
fn fits_at_most(bytes: usize, parts: usize, most: i128) -> bool {
    if bytes < parts || bytes > parts.saturating_mul(digits(most)) {
        return false;
    }
    super::split::sum_bounds(bytes, parts).is_none_or(|(least, _)| least <= most)
}

impl Search<'_> {
    /// Reads part `part` from byte `pos` on, then the parts after it up to
    /// the byte `end`, the parts adding up to `sum`.
    fn parts(
        &mut self,
        part: usize,
        pos: usize,
        end: usize,
        sum: i128,
        budget: &mut Budget,
    ) -> Result<(), Stop> {
        let later = self.tail - part - 1;
        // The part ends at the next break at the latest.
        let next = self.breaks.partition_point(|&b| b <= pos);
        let stop = self.breaks.get(next).copied().unwrap_or(end).min(end);
        let last_len = if later == 0 {
            end - pos
        } else {
            (stop - pos).min(end - pos - later)
        };
        if later == 0 && stop < end {
            // The last part would cross a break.
            return Ok(());
        }
        let mut value: i128 = 0;
        for len in 1..=last_len.min(LONGEST) {
            let digit = i128::from(self.text[pos + len - 1] - b'0');
            value = value * 10 + digit;
            if len > 1 && self.text[pos] == b'0' {
                break;
            }
            if value > sum || value > self.bounds[part].1 {
                break;
            }
            if value < self.bounds[part].0 {
                continue;
            }
            if later == 0 {
                if len == last_len {
                    budget.step()?;
                    if value == sum {
                        self.values[part] = value;
                        self.keep()?;
                    }
                }
                continue;
            }
            budget.step()?;
            let rest = sum - value;
            if !fits(end - pos - len, later, rest) {
                continue;
            }
            self.values[part] = value;
            self.parts(part + 1, pos + len, end, rest, budget)?;
        }
        Ok(())
    }

    /// The parts before the total (the bytes `..end`) adding up to `sum`,
    /// in two halves: every second half is read from the end first, and
    /// each first half that ends where some second half starts is looked up
    /// among them by the sum it leaves.
    fn meet(&mut self, end: usize, sum: i128, budget: &mut Budget) -> Result<(), Stop> {
        let half = self.tail / 2;
        self.goal = sum;
        self.seconds.clear();
        self.halves.clear();
        self.second(self.tail, end, 0, sum, half, budget)?;
        let mut seconds = std::mem::take(&mut self.seconds);
        seconds.sort_unstable();
        let mut from = 0;
        while from < seconds.len() {
            let start = seconds[from].0;
            let to = from + seconds[from..].partition_point(|s| s.0 == start);
            let group = &seconds[from..to];
            let (least, most) = (sum - group[group.len() - 1].1, sum - group[0].1);
            self.first(0, 0, start, 0, (least, most), group, budget)?;
            from = to;
        }
        self.seconds = seconds;
        Ok(())
    }

    /// Reads the part before `part` ending at byte `end` (the parts from
    /// `part` on adding `acc`), down to the part `half`, and keeps each
    /// second half whose bytes before it can still make up the rest.
    #[allow(clippy::too_many_arguments)]
    fn second(
        &mut self,
        part: usize,
        end: usize,
        acc: i128,
        sum: i128,
        half: usize,
        budget: &mut Budget,
    ) -> Result<(), Stop> {
        if part == half {
            self.seconds.push((end, acc, self.halves.len()));
            let parts = &self.values[half..self.tail];
            self.halves.extend_from_slice(parts);
            return Ok(());
        }
        let this = part - 1;
        // The part starts at the last break before `end` at the earliest.
        let before = self.breaks.partition_point(|&x| x < end);
        let earliest = before.checked_sub(1).map_or(0, |i| self.breaks[i]);
        // The count is read one more digit at a time, from its end.
        let (mut v, mut place) = (0i128, 1i128);
        for len in 1..=(end - this).min(LONGEST) {
            let start = end - len;
            budget.step()?;
            if start < earliest {
                break;
            }
            v += i128::from(self.text[start] - b'0') * place;
            if len < LONGEST {
                place *= 10;
            }
            if len > 1 && self.text[start] == b'0' {
                continue;
            }
            if acc.saturating_add(v) > sum || v > self.bounds[this].1 {
                break;
            }
            if v < self.bounds[this].0 {
                continue;
            }
            if !fits(start, this, sum - acc - v) {
                continue;
            }
            self.values[this] = v;
            self.second(this, start, acc + v, sum, half, budget)?;
        }
        Ok(())
    }

    /// Reads part `part` of the first half from byte `pos` on, up to the
    /// byte `end` where the second halves of `group` start, the parts read
    /// adding `acc`, the first half's sum to be in `range`.
    #[allow(clippy::too_many_arguments)]
    fn first(
        &mut self,
        part: usize,
        pos: usize,
        end: usize,
        acc: i128,
        range: (i128, i128),
        group: &[(usize, i128, usize)],
        budget: &mut Budget,
    ) -> Result<(), Stop> {
        let half = self.tail / 2;
        if part == half {
            if pos != end {
                return Ok(());
            }
            let want = self.goal - acc;
            let at = group.partition_point(|s| s.1 < want);
            for &(_, s, index) in &group[at..] {
                if s != want {
                    break;
                }
                budget.step()?;
                let tail = self.tail;
                let second = &self.halves[index..index + (tail - half)];
                self.values[half..tail].copy_from_slice(second);
                self.keep()?;
            }
            return Ok(());
        }
        let later = half - part - 1;
        // The part ends at the first break after `pos` at the latest.
        let next = self.breaks.partition_point(|&x| x <= pos);
        let latest = self.breaks.get(next).copied().unwrap_or(usize::MAX);
        // The count is read one more digit at a time.
        let mut v = 0i128;
        for len in 1..=(end - pos - later).min(LONGEST) {
            budget.step()?;
            if (len > 1 && self.text[pos] == b'0') || pos + len > latest {
                break;
            }
            v = v * 10 + i128::from(self.text[pos + len - 1] - b'0');
            if v > self.bounds[part].1 {
                break;
            }
            if v < self.bounds[part].0 {
                continue;
            }
            let acc = acc.saturating_add(v);
            if acc > range.1 {
                break;
            }
            // The parts left of this half: at least nothing, at most what
            // the range leaves.
            let bytes = end - pos - len;
            if later == 0 {
                if bytes != 0 || acc < range.0 {
                    continue;
                }
            } else if !fits_at_most(bytes, later, range.1 - acc) {
                continue;
            }
            self.values[part] = v;
            self.first(part + 1, pos + len, end, acc, range, group, budget)?;
        }
        Ok(())
    }

    /// Keeps the reading in `values` when each part is within its bounds;
    /// a part too large for an `i64` gives up.
    fn keep(&mut self) -> Result<(), Stop> {
        if !super::split::within(&self.values, self.bounds) {
            return Ok(());
        }
        let reading: Option<Vec<i64>> =
            self.values.iter().map(|&v| i64::try_from(v).ok()).collect();
        self.out.push(reading.ok_or(Stop::Overflow)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::halves;
    use super::*;

    /// Every cut of `text` into `k` counts (no leading zero, none across
    /// a break) with `constant + Σ coeff·part = 0`, by brute force.
    fn brute(
        text: &[u8],
        breaks: &[usize],
        k: usize,
        constant: i128,
        coeff: &[i64],
    ) -> Vec<Vec<i64>> {
        fn go(
            text: &[u8],
            breaks: &[usize],
            pos: usize,
            parts: &mut Vec<i64>,
            k: usize,
            check: &dyn Fn(&[i64]) -> bool,
            out: &mut Vec<Vec<i64>>,
        ) {
            if parts.len() == k {
                if pos == text.len() && check(parts) {
                    out.push(parts.clone());
                }
                return;
            }
            for end in pos + 1..=text.len() {
                if end - pos > 1 && text[pos] == b'0' {
                    break;
                }
                if breaks.iter().any(|&b| pos < b && b < end) {
                    break;
                }
                let v: i64 = std::str::from_utf8(&text[pos..end])
                    .unwrap()
                    .parse()
                    .unwrap();
                parts.push(v);
                go(text, breaks, end, parts, k, check, out);
                parts.pop();
            }
        }
        let check = |parts: &[i64]| {
            let s: i128 = parts
                .iter()
                .zip(coeff)
                .map(|(&v, &c)| i128::from(v) * i128::from(c))
                .sum();
            s + constant == 0
        };
        let mut out = Vec::new();
        go(text, breaks, 0, &mut Vec::new(), k, &check, &mut out);
        out.sort_unstable();
        out
    }

    // One random case after another, each compared three ways.
    #[allow(clippy::too_many_lines)]
    #[test]
    fn same_readings_as_every_cut() {
        let mut x: u64 = 7;
        let mut next = |below: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % below
        };
        let mut found = 0;
        let mut bounded = 0;
        for _ in 0..3000 {
            let k = 2 + usize::try_from(next(6)).unwrap();
            let sign = if next(2) == 0 { 1 } else { -1 };
            let head = if next(4) == 0 { -sign } else { sign };
            let mut coeff = vec![-sign; k];
            coeff[k - 1] = head;
            // Mostly a valid reading written out, else any digits.
            let (text, constant) = if next(4) == 0 {
                let n = k + usize::try_from(next(9)).unwrap();
                let text: Vec<u8> = (0..n)
                    .map(|_| {
                        let d = if next(3) == 0 { 0 } else { next(10) };
                        b'0' + u8::try_from(d).unwrap()
                    })
                    .collect();
                (text, i128::from(i32::try_from(next(41)).unwrap() - 20))
            } else {
                let mut parts: Vec<i64> = (0..k)
                    .map(|_| {
                        let digits = u32::try_from(next(4)).unwrap();
                        i64::try_from(next(10u64.pow(digits))).unwrap()
                    })
                    .collect();
                let tail: i64 = parts[..k - 1].iter().sum();
                let constant = if head == sign {
                    parts[k - 1] = tail + i64::try_from(next(5)).unwrap();
                    i128::from(sign) * i128::from(tail - parts[k - 1])
                } else {
                    i128::from(sign) * i128::from(tail + parts[k - 1])
                };
                let text: String = parts.iter().map(ToString::to_string).collect();
                (text.into_bytes(), constant)
            };
            let n = text.len();
            let breaks: Vec<usize> = (1..n).filter(|_| next(6) == 0).collect();
            let terms: Vec<(usize, i64)> = coeff.iter().copied().enumerate().collect();
            let kinds = vec![Kind::Count; k];
            let mut budget = Budget::new(u64::MAX);
            let free = vec![(0, i128::MAX); k];
            let got = readings(&text, &breaks, &kinds, &free, constant, &terms, &mut budget)
                .unwrap()
                .unwrap();
            let want = brute(&text, &breaks, k, constant, &coeff);
            let shown = String::from_utf8_lossy(&text).into_owned();
            assert_eq!(got, want, "{shown} {breaks:?} {coeff:?} {constant}");
            let want = got.clone();
            let mut budget = Budget::new(u64::MAX);
            if let Some(other) =
                halves::readings(&text, &breaks, &kinds, &free, constant, &terms, &mut budget)
                    .unwrap()
            {
                assert_eq!(got, other, "{shown} {breaks:?} {coeff:?} {constant}");
            }
            // Within bounds: the readings within them, whatever is pruned.
            let bounds: Vec<(i128, i128)> = (0..k)
                .map(|_| match next(3) {
                    0 => (0, i128::MAX),
                    1 => (0, i128::from(i32::try_from(next(2000)).unwrap())),
                    _ => (
                        i128::from(i32::try_from(next(20)).unwrap()),
                        i128::from(i32::try_from(next(500)).unwrap()),
                    ),
                })
                .collect();
            // Sometimes a bound is a part of a reading: a part at its bound
            // is kept.
            let mut bounds = bounds;
            if let Some(reading) = want.first().filter(|_| next(2) == 0) {
                let part = usize::try_from(next(k as u64)).unwrap();
                if next(2) == 0 {
                    bounds[part].1 = i128::from(reading[part]);
                } else {
                    bounds[part].0 = i128::from(reading[part]);
                }
            }
            let mut budget = Budget::new(u64::MAX);
            let inside = readings(
                &text,
                &breaks,
                &kinds,
                &bounds,
                constant,
                &terms,
                &mut budget,
            )
            .unwrap()
            .unwrap();
            let want: Vec<Vec<i64>> = want
                .into_iter()
                .filter(|r| {
                    r.iter()
                        .zip(&bounds)
                        .all(|(&v, &(lo, hi))| lo <= i128::from(v) && i128::from(v) <= hi)
                })
                .collect();
            assert_eq!(
                inside, want,
                "{shown} {breaks:?} {coeff:?} {constant} {bounds:?}"
            );
            bounded += want.len();
            found += got.len();
        }
        assert!(found > 1000, "{found}");
        assert!(bounded > 300, "{bounded}");
    }
}
