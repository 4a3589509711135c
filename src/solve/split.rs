//! Splitting runs of digits into cells, jointly, under the relations.
//!
//! Two phases. First each run alone: every way to cut its text into its
//! cells' literals that satisfies the relations involving only this run and
//! known cells (checked as soon as their last part is read, and pruned
//! earlier by bounding the parts still to read). Then the runs that share a
//! relation are searched together, one component at a time: runs with the
//! fewest readings first, each relation's partial sum kept and checked
//! against the least and most the runs still to choose can add.

use super::joint::{search_group, Member};
use super::literal::{part_value, pow10, Part};
use super::{halves, sums};
use super::{Cell, Kind, Model};

/// Bounds on the work of [`split()`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitOptions {
    /// Search steps (one per part tried or reading combined) before giving
    /// up with [`Split::GaveUp`].
    pub budget: u64,
    /// Joint readings counted, per group of linked runs, before an
    /// ambiguity is reported as [`Count::AtLeast`] (at least 2).
    pub max_solutions: u64,
}

impl Default for SplitOptions {
    fn default() -> Self {
        SplitOptions {
            budget: 500_000,
            max_solutions: 1_000,
        }
    }
}

/// How many joint readings fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Exactly this many.
    Exactly(u64),
    /// This many were found before the search stopped counting.
    AtLeast(u64),
}

/// What [`split()`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// Exactly one reading of all runs fits.
    Unique {
        /// The value of every variable: known and run variables have one,
        /// unknown variables have `None`.
        values: Vec<Option<i64>>,
        /// The relations that were checked (every variable known or in a
        /// run, at least one in a run), by index.
        relations_used: Vec<usize>,
    },
    /// Several readings fit; no value is given for a run variable that
    /// differs between them.
    Ambiguous {
        /// How many readings fit.
        count: Count,
        /// Run variables whose value differs between two readings.
        cells_that_differ: Vec<usize>,
        /// Run variables with the same value in every reading. When the
        /// count is [`Count::AtLeast`], a variable may be in neither list.
        cells_that_agree: Vec<(usize, i64)>,
    },
    /// No reading fits.
    Inconsistent {
        /// The runs that have no reading on their own; when each has one,
        /// the runs of the group whose relations no combination satisfies.
        runs: Vec<usize>,
    },
    /// The step budget ran out, or a part is too large for an `i64`.
    GaveUp,
}

/// Why a search stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    Budget,
    Overflow,
}

pub(crate) struct Budget(u64);

impl Budget {
    #[cfg(test)]
    pub(crate) fn new(steps: u64) -> Budget {
        Budget(steps)
    }

    pub(crate) fn step(&mut self) -> Result<(), Stop> {
        self.0 = self.0.checked_sub(1).ok_or(Stop::Budget)?;
        Ok(())
    }
}

/// A relation over run variables: `constant + Σ coeff·var = 0`, where the
/// constant gathers the known variables.
pub(crate) struct Active {
    pub constant: i128,
    pub terms: Vec<(usize, i64)>,
    pub runs: Vec<usize>,
}

/// The relations that can be checked, with their indices in the model.
fn active_relations(model: &Model) -> Vec<(usize, Active)> {
    let cells = model.cells();
    let mut out = Vec::new();
    'relations: for (index, relation) in model.relations().iter().enumerate() {
        let mut active = Active {
            constant: 0,
            terms: Vec::new(),
            runs: Vec::new(),
        };
        for &(var, coeff) in relation.terms() {
            match cells.get(var) {
                Some(Cell::Known(v)) => active.constant += i128::from(coeff) * i128::from(*v),
                Some(Cell::InRun(run)) => {
                    active.terms.push((var, coeff));
                    if !active.runs.contains(run) {
                        active.runs.push(*run);
                    }
                }
                _ => continue 'relations,
            }
        }
        if !active.terms.is_empty() {
            out.push((index, active));
        }
    }
    out
}

/// Finds every reading of the model's runs that satisfies its relations,
/// and returns values only when there is exactly one.
///
/// A relation is checked when each of its variables is known or in a run;
/// relations with an unknown variable, or with known variables only, play
/// no part. The split assumes the relations hold: a report whose own
/// arithmetic is wrong can come out [`Split::Inconsistent`]. A model with
/// more than [`MAX_DEPTH`] runs, or a run of more cells, gives
/// [`Split::GaveUp`].
#[must_use]
pub fn split(model: &Model, options: &SplitOptions) -> Split {
    match split_inner(model, options) {
        Ok(split) => split,
        Err(_) => Split::GaveUp,
    }
}

/// The most cells a run, and the most runs a linked group, may have: the
/// searches recurse once per cell and once per run.
pub const MAX_DEPTH: usize = 1024;

fn split_inner(model: &Model, options: &SplitOptions) -> Result<Split, Stop> {
    let mut budget = Budget(options.budget);
    let relations = active_relations(model);
    let runs = model.runs();
    if runs.len() > MAX_DEPTH || runs.iter().any(|r| r.count > MAX_DEPTH) {
        return Err(Stop::Budget);
    }

    // Phase 1: each run alone. Runs alike (the same digits, breaks, kinds
    // and local relations: rows of zeros, say) are read once.
    let mut distinct: Vec<(Shape, Vec<Vec<i64>>)> = Vec::new();
    let mut reading_of: Vec<usize> = Vec::with_capacity(runs.len());
    for run in 0..runs.len() {
        let local: Vec<&Active> = relations
            .iter()
            .map(|(_, a)| a)
            .filter(|a| a.runs == [run])
            .collect();
        let shape = Shape::of(model, run, &local);
        if let Some(i) = distinct.iter().position(|(s, _)| *s == shape) {
            reading_of.push(i);
        } else {
            reading_of.push(distinct.len());
            let found = run_readings(model, run, &local, &mut budget)?;
            distinct.push((shape, found));
        }
    }
    let readings: Vec<&[Vec<i64>]> = reading_of
        .iter()
        .map(|&i| distinct[i].1.as_slice())
        .collect();
    let lonely: Vec<usize> = (0..runs.len())
        .filter(|&r| readings[r].is_empty())
        .collect();
    if !lonely.is_empty() {
        return Ok(Split::Inconsistent { runs: lonely });
    }

    // Phase 2: runs linked by relations, one group at a time.
    let joint: Vec<&Active> = relations
        .iter()
        .map(|(_, a)| a)
        .filter(|a| a.runs.len() > 1)
        .collect();
    let max_solutions = options.max_solutions.max(2);
    let mut values = model.known_values();
    let mut total = Count::Exactly(1);
    let mut differ = Vec::new();
    let mut agree = Vec::new();
    let mut failed = Vec::new();
    for group in groups(runs.len(), &joint) {
        let links: Vec<&Active> = joint
            .iter()
            .copied()
            .filter(|a| group.contains(&a.runs[0]))
            .collect();
        let members: Vec<Member> = group
            .iter()
            .map(|&run| Member {
                run,
                first: runs[run].first,
                readings: readings[run],
            })
            .collect();
        let found = search_group(&members, &links, max_solutions, &mut budget)?;
        if found.count == 0 {
            failed.extend(group);
            continue;
        }
        total = multiply(total, found.count, found.complete);
        for (pos, &run) in group.iter().enumerate() {
            let first = runs[run].first;
            let reading = &found.first[pos];
            for (offset, &value) in reading.iter().enumerate() {
                let var = first + offset;
                values[var] = Some(value);
                let all_same = readings[run].iter().all(|r| r[offset] == value);
                if found.differ[pos][offset] {
                    differ.push(var);
                } else if found.complete || all_same {
                    agree.push((var, value));
                }
            }
        }
    }
    if !failed.is_empty() {
        failed.sort_unstable();
        return Ok(Split::Inconsistent { runs: failed });
    }
    Ok(match total {
        Count::Exactly(1) => Split::Unique {
            values,
            relations_used: relations.iter().map(|(i, _)| *i).collect(),
        },
        count => {
            differ.sort_unstable();
            agree.sort_unstable();
            Split::Ambiguous {
                count,
                cells_that_differ: differ,
                cells_that_agree: agree,
            }
        }
    })
}

fn multiply(total: Count, count: u64, complete: bool) -> Count {
    let (n, exact) = match total {
        Count::Exactly(n) => (n, true),
        Count::AtLeast(n) => (n, false),
    };
    let n = n.saturating_mul(count);
    if exact && complete && n != u64::MAX {
        Count::Exactly(n)
    } else {
        Count::AtLeast(n)
    }
}

/// The runs in groups linked by relations (each run in exactly one group).
fn groups(runs: usize, joint: &[&Active]) -> Vec<Vec<usize>> {
    fn root(parent: &mut [usize], mut r: usize) -> usize {
        while parent[r] != r {
            parent[r] = parent[parent[r]];
            r = parent[r];
        }
        r
    }
    let mut parent: Vec<usize> = (0..runs).collect();
    for active in joint {
        let a = root(&mut parent, active.runs[0]);
        for &run in &active.runs[1..] {
            let b = root(&mut parent, run);
            parent[b] = a;
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut slot = vec![usize::MAX; runs];
    for run in 0..runs {
        let r = root(&mut parent, run);
        if slot[r] == usize::MAX {
            slot[r] = out.len();
            out.push(Vec::new());
        }
        out[slot[r]].push(run);
    }
    out
}

/// What the readings of a run depend on: its text, breaks and kinds, and
/// its local relations seen from inside it.
#[derive(PartialEq, Eq)]
struct Shape<'a> {
    text: &'a str,
    breaks: &'a [usize],
    kinds: &'a [Kind],
    locals: Vec<(i128, Vec<(usize, i64)>)>,
}

impl<'a> Shape<'a> {
    fn of(model: &'a Model, run: usize, local: &[&Active]) -> Shape<'a> {
        let r = &model.runs()[run];
        Shape {
            text: &r.text,
            breaks: model.run_breaks(run),
            kinds: model.kinds().get(r.first..r.first + r.count).unwrap_or(&[]),
            locals: local
                .iter()
                .map(|a| {
                    let terms = a.terms.iter().map(|&(v, c)| (v - r.first, c)).collect();
                    (a.constant, terms)
                })
                .collect(),
        }
    }
}

/// A relation seen from inside one run: offsets of its parts in the run.
struct Local {
    constant: i128,
    terms: Vec<(usize, i64)>,
}

/// Every reading of one run that satisfies the relations local to it.
fn run_readings(
    model: &Model,
    run: usize,
    local: &[&Active],
    budget: &mut Budget,
) -> Result<Vec<Vec<i64>>, Stop> {
    let run_index = run;
    let run = &model.runs()[run];
    let kinds = &model.kinds()[run.first..run.first + run.count];
    let locals: Vec<Local> = local
        .iter()
        .map(|a| Local {
            constant: a.constant,
            terms: a.terms.iter().map(|&(v, c)| (v - run.first, c)).collect(),
        })
        .collect();
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); run.count];
    for (i, l) in locals.iter().enumerate() {
        for &(offset, _) in &l.terms {
            touching[offset].push(i);
        }
    }
    let breaks = model.run_breaks(run_index);
    if let [only] = locals.as_slice() {
        let text = run.text.as_bytes();
        if let Some(found) =
            sums::readings(text, breaks, kinds, only.constant, &only.terms, budget)?
        {
            return Ok(found);
        }
        if let Some(found) =
            halves::readings(text, breaks, kinds, only.constant, &only.terms, budget)?
        {
            return Ok(found);
        }
    }
    // A run whose last part is in a relation (a row's total) is read from
    // the end.
    let backward = touching.last().is_some_and(|t| !t.is_empty());
    let exact = if locals.is_empty() {
        None
    } else {
        Exact::of(run.text.as_bytes(), breaks, kinds, backward, budget)?
    };
    let mut cutter = Cutter {
        text: run.text.as_bytes(),
        breaks,
        kinds,
        locals: &locals,
        touching: &touching,
        values: vec![0; run.count],
        out: Vec::new(),
        exact,
    };
    if backward {
        cutter.backward(run.count, run.text.len(), budget)?;
    } else {
        cutter.forward(0, 0, budget)?;
    }
    let mut out = cutter.out;
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

struct Cutter<'a> {
    text: &'a [u8],
    /// Offsets where a part must end, sorted.
    breaks: &'a [usize],
    kinds: &'a [Kind],
    locals: &'a [Local],
    touching: &'a [Vec<usize>],
    /// The parts read so far; wider than `i64` so that a part too large for
    /// one can still be ruled out by the relations.
    values: Vec<i128>,
    out: Vec<Vec<i64>>,
    /// The least and most sums of the parts left, from the digits.
    exact: Option<Exact>,
}

/// The least and most sum of the counts that the digits not yet read can
/// be cut into: `sums[k][p]` for `k` parts over the bytes before `p`
/// (reading backward) or from `p` on (forward); `None` where no cut fits.
struct Exact {
    backward: bool,
    len: usize,
    sums: Vec<Vec<Option<(i128, i128)>>>,
}

impl Exact {
    /// The tables of a run of counts of at most 64 bytes (else `None`:
    /// the bounds by length alone are used).
    fn of(
        text: &[u8],
        breaks: &[usize],
        kinds: &[Kind],
        backward: bool,
        budget: &mut Budget,
    ) -> Result<Option<Exact>, Stop> {
        let n = text.len();
        if n > 64 || kinds.iter().any(|&k| k != Kind::Count) || !text.iter().all(u8::is_ascii_digit)
        {
            return Ok(None);
        }
        // The value of the part `a..b` when it is a count that crosses no
        // break.
        let part = |a: usize, b: usize| -> Option<i128> {
            if (b - a > 1 && text[a] == b'0') || breaks.iter().any(|&x| a < x && x < b) {
                return None;
            }
            text[a..b].iter().try_fold(0i128, |v, &d| {
                v.checked_mul(10)?.checked_add(i128::from(d - b'0'))
            })
        };
        let mut sums: Vec<Vec<Option<(i128, i128)>>> = vec![vec![None; n + 1]; kinds.len() + 1];
        sums[0][if backward { 0 } else { n }] = Some((0, 0));
        for k in 1..=kinds.len() {
            for p in 0..=n {
                let mut best: Option<(i128, i128)> = None;
                let others = if backward { 0..p } else { p + 1..n + 1 };
                for q in others {
                    budget.step()?;
                    let Some((lo, hi)) = sums[k - 1][q] else {
                        continue;
                    };
                    let (a, b) = if backward { (q, p) } else { (p, q) };
                    let Some(v) = part(a, b) else { continue };
                    let (Some(lo), Some(hi)) = (lo.checked_add(v), hi.checked_add(v)) else {
                        return Ok(None);
                    };
                    best = Some(best.map_or((lo, hi), |(l, h)| (l.min(lo), h.max(hi))));
                }
                sums[k][p] = best;
            }
        }
        Ok(Some(Exact {
            backward,
            len: n,
            sums,
        }))
    }

    /// The bounds for `left`; `None` when the bytes left cannot be cut into
    /// the parts left.
    fn bounds(&self, left: Left) -> Option<(i128, i128)> {
        let p = if self.backward {
            left.bytes
        } else {
            self.len.checked_sub(left.bytes)?
        };
        *self.sums.get(left.parts)?.get(p)?
    }
}

impl Cutter<'_> {
    /// Reads part `part` from byte `pos` on, then the parts after it.
    fn forward(&mut self, part: usize, pos: usize, budget: &mut Budget) -> Result<(), Stop> {
        let parts = self.kinds.len();
        if part == parts {
            if pos == self.text.len() {
                self.keep()?;
            }
            return Ok(());
        }
        let later = parts - part - 1;
        let Some(last_end) = self.text.len().checked_sub(later) else {
            return Ok(());
        };
        // A part ends at the next break at the latest, and the parts after
        // it need one at least between each two breaks left.
        let next = self.breaks.partition_point(|&b| b <= pos);
        let last_end = last_end.min(self.breaks.get(next).copied().unwrap_or(self.text.len()));
        // A count is read one more digit at a time.
        let mut count: Option<i128> = Some(0);
        for end in pos + 1..=last_end {
            let digit = i128::from(self.text[end - 1].wrapping_sub(b'0'));
            count = count
                .filter(|_| digit <= 9)
                .and_then(|c| c.checked_mul(10)?.checked_add(digit));
            let segments = self.breaks.len() - self.breaks.partition_point(|&b| b <= end)
                + usize::from(end < self.text.len());
            if later < segments {
                continue;
            }
            budget.step()?;
            let value = match (self.kinds[part], count) {
                (Kind::Count, Some(c)) if end == pos + 1 || self.text[pos] != b'0' => {
                    Part::Value(c)
                }
                (kind, _) => part_value(&self.text[pos..end], kind),
            };
            match value {
                Part::Invalid => {}
                Part::TooLarge => return Err(Stop::Overflow),
                Part::Value(v) => {
                    self.values[part] = v;
                    // The longest any later part can be.
                    let left = Left {
                        bytes: self.text.len() - end,
                        parts: later,
                    };
                    if self.feasible(part, left, |offset| offset <= part) {
                        self.forward(part + 1, end, budget)?;
                    } else if self.past(part, |offset| offset <= part) {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads the part before `part` ending at byte `end`, then the parts
    /// before it. Reading a total first bounds the parts that add up to it.
    fn backward(&mut self, part: usize, end: usize, budget: &mut Budget) -> Result<(), Stop> {
        let Some(this) = part.checked_sub(1) else {
            if end == 0 {
                self.keep()?;
            }
            return Ok(());
        };
        // Parts `0..this` need a byte each, and one at least between each
        // two breaks before them; this part starts at the break before
        // `end` at the earliest.
        let before = self.breaks.partition_point(|&b| b < end);
        let first_start = match before.checked_sub(1) {
            Some(i) => this.max(self.breaks[i]),
            None => this,
        };
        // A count is read one more digit at a time, from its end.
        let mut count: Option<i128> = Some(0);
        for start in (first_start..end).rev() {
            let digit = i128::from(self.text[start].wrapping_sub(b'0'));
            count = count.filter(|_| digit <= 9).and_then(|c| {
                let place = pow10(u32::try_from(end - start - 1).ok()?)?;
                c.checked_add(digit.checked_mul(place)?)
            });
            let segments = self.breaks.partition_point(|&b| b < start) + usize::from(start > 0);
            if this < segments {
                continue;
            }
            budget.step()?;
            let value = match (self.kinds[this], count) {
                (Kind::Count, Some(c)) if start + 1 == end || digit != 0 => Part::Value(c),
                (kind, _) => part_value(&self.text[start..end], kind),
            };
            match value {
                Part::Invalid => {}
                Part::TooLarge => return Err(Stop::Overflow),
                Part::Value(v) => {
                    self.values[this] = v;
                    let left = Left {
                        bytes: start,
                        parts: this,
                    };
                    if self.feasible(this, left, |offset| offset >= this) {
                        self.backward(this, start, budget)?;
                    } else if self.past(this, |offset| offset >= this) {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether the relations through `part` can still hold, the parts not
    /// yet `read` sharing the bytes `left`. When the arithmetic leaves
    /// `i128`, the answer is yes: a full reading is checked again by
    /// [`exact`].
    fn feasible(&self, part: usize, left: Left, read: impl Fn(usize) -> bool) -> bool {
        let longest = left.bytes.saturating_sub(left.parts.saturating_sub(1));
        self.touching[part].iter().all(|&i| {
            let local = &self.locals[i];
            let bounds = || -> Option<bool> {
                let (mut lo, mut hi) = (local.constant, local.constant);
                // The parts not read, when each is in this relation with one
                // coefficient: their sum is bounded by their digits together.
                let mut same: Option<i64> = None;
                let mut unread = 0;
                for &(offset, coeff) in &local.terms {
                    let coeff128 = i128::from(coeff);
                    if read(offset) {
                        let term = coeff128.checked_mul(self.values[offset])?;
                        lo = lo.checked_add(term)?;
                        hi = hi.checked_add(term)?;
                        continue;
                    }
                    unread += 1;
                    let alike =
                        self.kinds[offset] == Kind::Count && same.is_none_or(|c| c == coeff);
                    same = if alike { Some(coeff) } else { Some(0) };
                }
                match same {
                    Some(coeff) if coeff != 0 && unread == left.parts => {
                        let (least, most) = match &self.exact {
                            Some(exact) => match exact.bounds(left) {
                                Some(b) => b,
                                None => return Some(false),
                            },
                            None => sum_bounds(left.bytes, left.parts)?,
                        };
                        let (a, b) = (
                            i128::from(coeff).checked_mul(least)?,
                            i128::from(coeff).checked_mul(most)?,
                        );
                        lo = lo.checked_add(a.min(b))?;
                        hi = hi.checked_add(a.max(b))?;
                    }
                    _ => {
                        for &(offset, coeff) in &local.terms {
                            if read(offset) {
                                continue;
                            }
                            let coeff = i128::from(coeff);
                            let extreme =
                                coeff.checked_mul(largest(self.kinds[offset], longest)?)?;
                            lo = lo.checked_add(extreme.min(0))?;
                            hi = hi.checked_add(extreme.max(0))?;
                        }
                    }
                }
                Some(lo <= 0 && 0 <= hi)
            };
            bounds().unwrap_or(true)
        })
    }

    /// Whether no longer reading of the count `part` can satisfy a
    /// relation through it: the parts read (this one included) already
    /// leave its sum on the side of zero that this part and every part not
    /// yet read, all non-negative, only push further away. A longer count
    /// is a larger one, so the loop over this part's lengths can stop.
    fn past(&self, part: usize, read: impl Fn(usize) -> bool) -> bool {
        if self.kinds[part] != Kind::Count {
            return false;
        }
        self.touching[part].iter().any(|&i| {
            let local = &self.locals[i];
            let Some(&(_, own)) = local.terms.iter().find(|&&(o, _)| o == part) else {
                return false;
            };
            let mut sum = local.constant;
            for &(offset, coeff) in &local.terms {
                if read(offset) {
                    let Some(s) = i128::from(coeff)
                        .checked_mul(self.values[offset])
                        .and_then(|t| sum.checked_add(t))
                    else {
                        return false;
                    };
                    sum = s;
                } else if coeff.signum() != own.signum() {
                    return false;
                }
            }
            sum.signum() == i128::from(own.signum())
        })
    }

    /// Checks a full reading exactly and keeps it.
    fn keep(&mut self) -> Result<(), Stop> {
        for local in self.locals {
            match exact(local, &self.values) {
                Some(0) => {}
                Some(_) => return Ok(()),
                None => return Err(Stop::Overflow),
            }
        }
        let reading: Option<Vec<i64>> =
            self.values.iter().map(|&v| i64::try_from(v).ok()).collect();
        // A reading that fits but cannot be given back: give up.
        self.out.push(reading.ok_or(Stop::Overflow)?);
        Ok(())
    }
}

/// `constant + Σ coeff·value` of a full reading, `None` past `i128`.
fn exact(local: &Local, values: &[i128]) -> Option<i128> {
    local
        .terms
        .iter()
        .try_fold(local.constant, |sum, &(offset, coeff)| {
            sum.checked_add(i128::from(coeff).checked_mul(*values.get(offset)?)?)
        })
}

/// The bytes and parts of a run not yet read.
#[derive(Clone, Copy)]
struct Left {
    bytes: usize,
    parts: usize,
}

/// The least and most sum of `parts` counts written with `bytes` digits
/// together (each at least one digit, none with a leading zero): least when
/// the digits are spread evenly (a part of `k > 1` digits is at least
/// `10^(k-1)`), most when one part takes all but one digit of each other
/// part (`10^(bytes-parts+1) - 1 + 9·(parts-1)`). `None` past `i128`, or
/// when the bytes cannot be shared so.
pub(super) fn sum_bounds(bytes: usize, parts: usize) -> Option<(i128, i128)> {
    if parts == 0 {
        return (bytes == 0).then_some((0, 0));
    }
    if bytes < parts {
        return None;
    }
    let least_of = |len: usize| -> Option<i128> {
        if len <= 1 {
            Some(0)
        } else {
            pow10(u32::try_from(len - 1).ok()?)
        }
    };
    let (q, r) = (bytes / parts, bytes % parts);
    let r128 = i128::try_from(r).ok()?;
    let rest = i128::try_from(parts - r).ok()?;
    let least = r128
        .checked_mul(least_of(q + 1)?)?
        .checked_add(rest.checked_mul(least_of(q)?)?)?;
    let long = pow10(u32::try_from(bytes - parts + 1).ok()?)? - 1;
    let most = long.checked_add(9 * i128::try_from(parts - 1).ok()?)?;
    Some((least, most))
}

/// An upper bound on a value of `kind` written with at most `chars` bytes
/// (`None` past `i128`).
fn largest(kind: Kind, chars: usize) -> Option<i128> {
    let scale = match kind {
        Kind::Count => 0,
        Kind::Money { scale } => u32::from(scale),
    };
    pow10(u32::try_from(chars).ok()?.checked_add(scale)?)
}
