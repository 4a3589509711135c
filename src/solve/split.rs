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
    match split_inner(model, options, true) {
        Ok(split) => split,
        Err(_) => Split::GaveUp,
    }
}

/// The most cells a run, and the most runs a linked group, may have: the
/// searches recurse once per cell and once per run.
pub const MAX_DEPTH: usize = 1024;

/// [`split()`]; `bounds` false reads every run without the bounds the
/// relations give its cells (the same answer, more slowly: for tests).
fn split_inner(model: &Model, options: &SplitOptions, bounds: bool) -> Result<Split, Stop> {
    let mut budget = Budget(options.budget);
    let relations = active_relations(model);
    let runs = model.runs();
    if runs.len() > MAX_DEPTH || runs.iter().any(|r| r.count > MAX_DEPTH) {
        return Err(Stop::Budget);
    }

    // Phase 1: each run alone, within the bounds the relations give its
    // cells. When a run has no reading within them, the runs are read again
    // without bounds, to tell the runs that have no reading on their own.
    // Bounds pay only when some run can be read in many ways: its cells
    // two digits long on average, or longer.
    let long = bounds && runs.iter().any(|r| r.text.len() >= 2 * r.count);
    let read = if let Some(read) = read_runs(model, &relations, long, &mut budget)? {
        read
    } else {
        budget = Budget(options.budget);
        // Without bounds every run has its readings (perhaps none).
        read_runs(model, &relations, false, &mut budget)?.ok_or(Stop::Budget)?
    };
    let readings: Vec<&[Vec<i64>]> = read.iter().map(Vec::as_slice).collect();
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

/// The least and most value of each variable, as far as the relations,
/// the known cells and the runs read so far tell (every value is
/// non-negative; `i128::MAX` for no upper bound), with each relation's
/// least and most sum kept up to date.
struct Bounds {
    lo: Vec<i128>,
    hi: Vec<i128>,
    /// The relations through each variable (index, coefficient): those of
    /// `var` are `through[starts[var]..starts[var + 1]]`.
    through: Vec<(usize, i64)>,
    starts: Vec<usize>,
    /// Per relation, its least and most sum; `None` when the arithmetic
    /// left `i128` (it then bounds nothing).
    sums: Vec<Option<Sums>>,
}

/// The least and most of `constant + Σ coeff·var` over the bounds: the
/// finite parts, and how many terms have none.
#[derive(Clone, Copy)]
struct Sums {
    least: i128,
    most: i128,
    no_least: usize,
    no_most: usize,
}

/// The least and most of `coeff·var` for `lo ≤ var ≤ hi`; `None` where
/// unbounded (or past `i128`).
fn term(coeff: i64, lo: i128, hi: i128) -> (Option<i128>, Option<i128>) {
    let open = |v: i128| (v != i128::MAX).then_some(v);
    match coeff {
        1 => return (open(lo), open(hi)),
        -1 => return (open(hi).map(|v| -v), open(lo).map(|v| -v)),
        _ => {}
    }
    let c = i128::from(coeff);
    let at = |v: i128| {
        if v == i128::MAX {
            None
        } else {
            c.checked_mul(v)
        }
    };
    if c > 0 {
        (at(lo), at(hi))
    } else {
        (at(hi), at(lo))
    }
}

impl Sums {
    /// Adds (`sign` 1) or takes away (−1) a term's least and most.
    fn add(&mut self, (least, most): (Option<i128>, Option<i128>), sign: i128) -> Option<()> {
        let count = |n: &mut usize| {
            if sign > 0 {
                *n += 1;
            } else {
                *n -= 1;
            }
        };
        match least {
            Some(x) => self.least = self.least.checked_add(sign * x)?,
            None => count(&mut self.no_least),
        }
        match most {
            Some(x) => self.most = self.most.checked_add(sign * x)?,
            None => count(&mut self.no_most),
        }
        Some(())
    }
}

impl Bounds {
    /// From the cells alone: what the digits of a run allow a part of it.
    fn of(model: &Model, relations: &[(usize, Active)]) -> Bounds {
        let runs = model.runs();
        // Larger bounds than this are of no use, and could overflow the sums.
        let useful = pow10(30).unwrap_or(i128::MAX);
        let (lo, hi): (Vec<i128>, Vec<i128>) = model
            .cells()
            .iter()
            .zip(model.kinds())
            .map(|(cell, &kind)| match *cell {
                Cell::InRun(r) => {
                    let most = runs
                        .get(r)
                        .and_then(|run| largest(kind, run.text.len().checked_sub(run.count - 1)?));
                    (
                        0,
                        most.filter(|&m| m <= useful).map_or(i128::MAX, |m| m - 1),
                    )
                }
                _ => (0, i128::MAX),
            })
            .unzip();
        let mut starts = vec![0usize; lo.len() + 1];
        for (_, active) in relations {
            for &(var, _) in &active.terms {
                starts[var + 1] += 1;
            }
        }
        for var in 0..lo.len() {
            starts[var + 1] += starts[var];
        }
        let mut next = starts.clone();
        let mut through = vec![(0, 0); starts[lo.len()]];
        let mut sums = Vec::with_capacity(relations.len());
        for (index, (_, active)) in relations.iter().enumerate() {
            let mut sum = Sums {
                least: active.constant,
                most: active.constant,
                no_least: 0,
                no_most: 0,
            };
            let mut ok = Some(());
            for &(var, coeff) in &active.terms {
                through[next[var]] = (index, coeff);
                next[var] += 1;
                ok = ok.and_then(|()| sum.add(term(coeff, lo[var], hi[var]), 1));
            }
            sums.push(ok.map(|()| sum));
        }
        Bounds {
            lo,
            hi,
            through,
            starts,
            sums,
        }
    }

    /// Narrows the bounds of `var` to `lo..=hi`, and the sums through it.
    fn set(&mut self, var: usize, lo: i128, hi: i128) {
        let (old_lo, old_hi) = (self.lo[var], self.hi[var]);
        let (lo, hi) = (lo.max(old_lo), hi.min(old_hi));
        if (lo, hi) == (old_lo, old_hi) {
            return;
        }
        self.lo[var] = lo;
        self.hi[var] = hi;
        for &(index, coeff) in &self.through[self.starts[var]..self.starts[var + 1]] {
            let slot = &mut self.sums[index];
            if let Some(sum) = slot {
                let done = sum
                    .add(term(coeff, old_lo, old_hi), -1)
                    .and_then(|()| sum.add(term(coeff, lo, hi), 1));
                if done.is_none() {
                    *slot = None;
                }
            }
        }
    }

    /// Narrows the bounds of `var` by what each relation through it leaves
    /// it, the other terms within their bounds.
    fn derive(&mut self, var: usize) {
        let (mut lo, mut hi) = (self.lo[var], self.hi[var]);
        for &(index, coeff) in &self.through[self.starts[var]..self.starts[var + 1]] {
            let Some(sum) = self.sums[index] else {
                continue;
            };
            let (own_least, own_most) = term(coeff, self.lo[var], self.hi[var]);
            // The least and most of the constant and the other terms.
            let rest = |total: i128, missing: usize, own: Option<i128>| match (own, missing) {
                (Some(own), 0) => total.checked_sub(own),
                (None, 1) => Some(total),
                _ => None,
            };
            let rest_least = rest(sum.least, sum.no_least, own_least);
            let rest_most = rest(sum.most, sum.no_most, own_most);
            // coeff·var lies in −rest_most..=−rest_least.
            let c = i128::from(coeff);
            let (upper, lower) = if c > 0 {
                (
                    rest_least
                        .and_then(i128::checked_neg)
                        .map(|r| r.div_euclid(c)),
                    rest_most
                        .and_then(i128::checked_neg)
                        .map(|r| -(-r).div_euclid(c)),
                )
            } else {
                let a = -c;
                (
                    rest_most.map(|r| r.div_euclid(a)),
                    rest_least.map(|r| -(-r).div_euclid(a)),
                )
            };
            if let Some(u) = upper {
                hi = hi.min(u);
            }
            if let Some(l) = lower {
                lo = lo.max(l);
            }
        }
        self.set(var, lo, hi);
    }
}

/// The steps a run may take before it is put off until the others are read.
const TRIAL: u64 = 20_000;

/// A run read: its shape, the bounds it was read within, its index.
type Alike<'a> = (Shape<'a>, Vec<(i128, i128)>, usize);

/// The readings of every run, each within the bounds of its cells when
/// `bounded`; `None` when a run has no reading (within them).
///
/// Runs are read longest first (their parts bound the others most: a
/// table's totals); a run that takes long is put off until the others are
/// read (their readings bound it: a total after its parts). Before a run is read, each relation through its cells
/// bounds them by the bounds of the others (the cells known, the runs read
/// and what their digits allow); after, its readings bound its cells.
/// Runs alike (the same digits, breaks, kinds and local relations: rows of
/// zeros, say) are read once: a run within the bounds of one alike already
/// read takes those readings that are within its own.
fn read_runs(
    model: &Model,
    relations: &[(usize, Active)],
    bounded: bool,
    budget: &mut Budget,
) -> Result<Option<Vec<Vec<Vec<i64>>>>, Stop> {
    let runs = model.runs();
    let mut bounds = bounded.then(|| Bounds::of(model, relations));
    let mut order: Vec<usize> = (0..runs.len()).collect();
    if bounded {
        crate::sort::sort_by_key(&mut order, |&r| std::cmp::Reverse(runs[r].text.len()));
    }
    let mut read: Vec<Vec<Vec<i64>>> = vec![Vec::new(); runs.len()];
    let mut distinct: Vec<Alike> = Vec::new();
    // A run that takes more than `TRIAL` steps is put off until the others
    // are read: their readings may bound it (a total read after its parts).
    let mut queue: std::collections::VecDeque<(usize, bool)> =
        order.into_iter().map(|r| (r, bounds.is_some())).collect();
    let mut unread = vec![true; runs.len()];
    let mut refreshed = false;
    while let Some((run, may_wait)) = queue.pop_front() {
        if let (Some(bounds), false, false) = (&mut bounds, may_wait, refreshed) {
            // The first run put off: what the runs read since tell every
            // run not read (twice: a bound through another one).
            for _ in 0..2 {
                for (_, r) in runs.iter().enumerate().filter(|&(u, _)| unread[u]) {
                    for var in r.first..r.first + r.count {
                        bounds.derive(var);
                    }
                }
            }
            refreshed = true;
        }
        let local: Vec<&Active> = relations
            .iter()
            .map(|(_, a)| a)
            .filter(|a| a.runs == [run])
            .collect();
        let shape = Shape::of(model, run, &local);
        let r = &runs[run];
        let vars = r.first..r.first + r.count;
        let within: Vec<(i128, i128)> = match &mut bounds {
            Some(bounds) => vars
                .clone()
                .map(|v| {
                    bounds.derive(v);
                    (bounds.lo[v], bounds.hi[v])
                })
                .collect(),
            None => vec![(0, i128::MAX); r.count],
        };
        let inside =
            |b: &[(i128, i128)]| within.iter().zip(b).all(|(x, y)| y.0 <= x.0 && x.1 <= y.1);
        let fits = |reading: &&Vec<i64>| {
            reading
                .iter()
                .zip(&within)
                .all(|(&v, &(lo, hi))| lo <= i128::from(v) && i128::from(v) <= hi)
        };
        let alike = distinct.iter().find(|(s, b, _)| *s == shape && inside(b));
        let found: Vec<Vec<i64>> = if let Some(&(_, _, from)) = alike {
            read[from].iter().filter(fits).cloned().collect()
        } else if may_wait && budget.0 > TRIAL {
            let mut trial = Budget(TRIAL);
            let found = run_readings(model, run, &local, &within, &mut trial);
            budget.0 -= TRIAL - trial.0;
            match found {
                Err(Stop::Budget) => {
                    queue.push_back((run, false));
                    continue;
                }
                found => {
                    distinct.push((shape, within.clone(), run));
                    found?
                }
            }
        } else {
            let found = run_readings(model, run, &local, &within, budget)?;
            distinct.push((shape, within.clone(), run));
            found
        };
        if let Some(bounds) = &mut bounds {
            if found.is_empty() {
                return Ok(None);
            }
            for (offset, var) in vars.enumerate() {
                let (lo, hi) = found.iter().fold((i64::MAX, 0), |(lo, hi), reading| {
                    (lo.min(reading[offset]), hi.max(reading[offset]))
                });
                bounds.set(var, i128::from(lo), i128::from(hi));
            }
        }
        read[run] = found;
        unread[run] = false;
    }
    Ok(Some(read))
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
    bounds: &[(i128, i128)],
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
        if let Some(found) = sums::readings(
            text,
            breaks,
            kinds,
            bounds,
            only.constant,
            &only.terms,
            budget,
        )? {
            return Ok(found);
        }
        if let Some(found) = halves::readings(
            text,
            breaks,
            kinds,
            bounds,
            only.constant,
            &only.terms,
            budget,
        )? {
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
        bounds,
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
    /// The least and most each part may be.
    bounds: &'a [(i128, i128)],
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
                Part::Value(v) if self.above(part, v) => break,
                Part::Value(v) if !self.inside(part, v) => {}
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
                Part::Value(v) if self.above(this, v) => break,
                Part::Value(v) if !self.inside(this, v) => {}
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

    /// Whether `v` is a count above the bounds of `part` (a longer count
    /// is larger still: the loop over this part's lengths can stop).
    fn above(&self, part: usize, v: i128) -> bool {
        v > self.bounds[part].1 && self.kinds[part] == Kind::Count
    }

    /// Whether `v` is within the bounds of `part`.
    fn inside(&self, part: usize, v: i128) -> bool {
        let (lo, hi) = self.bounds[part];
        lo <= v && v <= hi
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
        if !within(&self.values, self.bounds) {
            return Ok(());
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

/// Whether each value lies within its bounds (least, most).
pub(super) fn within(values: &[i128], bounds: &[(i128, i128)]) -> bool {
    values
        .iter()
        .zip(bounds)
        .all(|(v, &(lo, hi))| lo <= *v && *v <= hi)
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

#[cfg(test)]
mod tests {
    use super::super::{Model, Relation};
    use super::*;

    /// A table of `rows` rows of three cells and their total, under a row
    /// of column totals; each row a run (some keeping boundaries) or read
    /// cell by cell, a digit of one row sometimes changed.
    fn model(next: &mut impl FnMut(u64) -> u64) -> Model {
        let rows = 2 + usize::try_from(next(5)).unwrap();
        let digits = 1 + u32::try_from(next(4)).unwrap();
        // Sometimes cells of ones and zeros, which read in several ways.
        let ones = next(3) == 0;
        let mut t = vec![vec![0i64; 4]; rows + 1];
        let patterns = [[1, 0, 100], [101, 0, 0], [0, 0, 0], [10, 1, 0], [1, 0, 1]];
        for row in t.iter_mut().take(rows) {
            if ones {
                let pattern = patterns[usize::try_from(next(5)).unwrap()];
                row[..3].copy_from_slice(&pattern);
                continue;
            }
            for cell in row.iter_mut().take(3) {
                let d = 1 + u32::try_from(next(u64::from(digits))).unwrap();
                if next(3) > 0 {
                    *cell = i64::try_from(next(10u64.pow(d))).unwrap();
                }
            }
        }
        let totals: Vec<i64> = (0..3)
            .map(|c| t[..rows].iter().map(|row| row[c]).sum())
            .collect();
        t[rows][..3].copy_from_slice(&totals);
        for row in &mut t {
            row[3] = row[..3].iter().sum();
        }
        let mut model = Model::new((rows + 1) * 4);
        let changed = if next(3) == 0 { next(8) } else { 8 };
        for (r, row) in t.iter().enumerate() {
            if next(5) == 0 {
                for (c, &v) in row.iter().enumerate() {
                    model.set_known(r * 4 + c, v).unwrap();
                }
                continue;
            }
            let mut text = String::new();
            let mut breaks = Vec::new();
            for &v in &row[..] {
                text.push_str(&v.to_string());
                if next(4) == 0 {
                    breaks.push(text.len());
                }
            }
            let mut bytes = text.into_bytes();
            if r as u64 == changed {
                let at = usize::try_from(next(bytes.len() as u64)).unwrap();
                bytes[at] = b'0' + u8::try_from(next(10)).unwrap();
            }
            let text = String::from_utf8(bytes).unwrap();
            model.add_run_with_breaks(r * 4, 4, &text, &breaks).unwrap();
        }
        // The rows' sums, sometimes twice (the second weighted): then each
        // row is read by the general search.
        let twice = next(3) == 0;
        for r in 0..=rows {
            model
                .add_relation(Relation::sum(r * 4 + 3, &[r * 4, r * 4 + 1, r * 4 + 2]))
                .unwrap();
            if twice {
                let terms = [(r * 4, 2), (r * 4 + 1, 2), (r * 4 + 2, 2), (r * 4 + 3, -2)];
                model.add_relation(Relation::new(&terms)).unwrap();
            }
        }
        for c in 0..4 {
            let parts: Vec<usize> = (0..rows).map(|r| r * 4 + c).collect();
            model
                .add_relation(Relation::sum(rows * 4 + c, &parts))
                .unwrap();
        }
        model
    }

    /// A run read within bounds by the general search: its readings within
    /// them, whatever is pruned.
    #[test]
    fn the_general_search_keeps_the_readings_within_bounds() {
        let mut x: u64 = 5;
        let mut next = |below: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % below
        };
        let mut kept = 0;
        for _ in 0..2000 {
            // A valid row written out: parts, then their total.
            let k = 3 + usize::try_from(next(3)).unwrap();
            let mut row: Vec<u64> = (1..k)
                .map(|_| {
                    let digits = 1 + u32::try_from(next(3)).unwrap();
                    if next(3) == 0 {
                        0
                    } else {
                        next(10u64.pow(digits))
                    }
                })
                .collect();
            row.push(row.iter().sum());
            let text: String = row.iter().map(ToString::to_string).collect();
            let mut model = Model::new(k);
            model.add_run(0, k, &text).unwrap();
            let parts: Vec<usize> = (0..k - 1).collect();
            model.add_relation(Relation::sum(k - 1, &parts)).unwrap();
            // A second relation that always holds with the first: the
            // general search reads the run.
            let terms: Vec<(usize, i64)> = (0..k)
                .map(|v| (v, if v + 1 == k { -3 } else { 3 }))
                .collect();
            model.add_relation(Relation::new(&terms)).unwrap();
            let relations = active_relations(&model);
            let local: Vec<&Active> = relations.iter().map(|(_, a)| a).collect();
            let mut budget = Budget(u64::MAX);
            let free = vec![(0, i128::MAX); k];
            let all = run_readings(&model, 0, &local, &free, &mut budget).unwrap();
            let mut bounds: Vec<(i128, i128)> = (0..k)
                .map(|_| match next(3) {
                    0 => (0, i128::MAX),
                    1 => (0, i128::from(i32::try_from(next(3000)).unwrap())),
                    _ => (i128::from(i32::try_from(next(30)).unwrap()), i128::MAX),
                })
                .collect();
            if let Some(reading) = all.first() {
                let part = usize::try_from(next(k as u64)).unwrap();
                let v = i128::from(reading[part]);
                bounds[part] = if next(2) == 0 { (0, v) } else { (v, i128::MAX) };
            }
            let inside = run_readings(&model, 0, &local, &bounds, &mut budget).unwrap();
            let want: Vec<Vec<i64>> = all
                .into_iter()
                .filter(|r| {
                    let values: Vec<i128> = r.iter().map(|&v| i128::from(v)).collect();
                    within(&values, &bounds)
                })
                .collect();
            assert_eq!(inside, want, "{text} {bounds:?}");
            kept += want.len();
        }
        assert!(kept > 200, "{kept}");
    }

    /// The bounds change no answer: the same readings, counts and runs
    /// found inconsistent; only a count cut short at the cap may name
    /// more cells that every reading agrees on.
    #[test]
    fn bounds_change_no_answer() {
        let mut x: u64 = 11;
        let mut next = |below: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % below
        };
        let options = SplitOptions {
            budget: u64::MAX,
            max_solutions: 50,
        };
        let mut kinds = [0usize; 3];
        for _ in 0..3000 {
            let model = model(&mut next);
            let fast = split_inner(&model, &options, true).unwrap();
            let slow = split_inner(&model, &options, false).unwrap();
            match (&fast, &slow) {
                (
                    Split::Ambiguous {
                        count: Count::AtLeast(a),
                        cells_that_differ: d,
                        cells_that_agree: g,
                    },
                    Split::Ambiguous {
                        count: Count::AtLeast(b),
                        cells_that_differ: e,
                        cells_that_agree: h,
                    },
                ) => {
                    assert_eq!((a, d), (b, e), "{model:?}");
                    assert!(h.iter().all(|c| g.contains(c)), "{model:?}");
                }
                _ => assert_eq!(fast, slow, "{model:?}"),
            }
            kinds[match slow {
                Split::Unique { .. } => 0,
                Split::Ambiguous { .. } => 1,
                _ => 2,
            }] += 1;
        }
        assert!(kinds.iter().all(|&k| k > 50), "{kinds:?}");
    }
}
