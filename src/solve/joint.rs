//! The second phase of [`split()`](super::split()): the runs of one group,
//! linked by relations, searched together.
//!
//! First the readings of each run are narrowed: a reading is dropped when,
//! whatever the other runs of a relation read, the relation cannot hold
//! (their least and most contributions bound the rest), until nothing
//! changes. Then a depth-first search, runs with the fewest readings first,
//! keeps each relation's partial sum and checks it against the least and
//! most the runs still to choose can add.

use super::split::{Active, Budget, Stop};

/// One run of a group: its first variable and its readings.
pub(crate) struct Member<'a> {
    pub run: usize,
    pub first: usize,
    pub readings: &'a [Vec<i64>],
}

/// What the search of one group found.
pub(crate) struct Found {
    /// Joint readings found (at most the cap).
    pub count: u64,
    /// Whether every joint reading was found.
    pub complete: bool,
    /// Per member, its reading in the first joint reading (empty when none).
    pub first: Vec<Vec<i64>>,
    /// Per member and part, whether two joint readings differ there.
    pub differ: Vec<Vec<bool>>,
}

/// What a reading of `member` adds to `link`'s sum.
fn contribution(link: &Active, member: &Member, reading: &[i64]) -> i128 {
    link.terms
        .iter()
        .filter_map(|&(var, coeff)| {
            let value = reading.get(var.checked_sub(member.first)?)?;
            Some(i128::from(coeff) * i128::from(*value))
        })
        .sum()
}

/// Per member, per reading: (link, amount) for each link through it.
type Adds = Vec<Vec<Vec<(usize, i128)>>>;

fn adds(members: &[Member], links: &[&Active]) -> Adds {
    members
        .iter()
        .map(|m| {
            m.readings
                .iter()
                .map(|reading| {
                    links
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| l.runs.contains(&m.run))
                        .map(|(j, l)| (j, contribution(l, m, reading)))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Least and most each member adds to each link, over its live readings.
fn ranges(adds: &Adds, alive: &[Vec<bool>], links: usize) -> Vec<Vec<Option<(i128, i128)>>> {
    adds.iter()
        .zip(alive)
        .map(|(per_reading, live)| {
            let mut range = vec![None; links];
            for (add, _) in per_reading.iter().zip(live).filter(|(_, &l)| l) {
                for &(j, a) in add {
                    let r: &mut Option<(i128, i128)> = &mut range[j];
                    *r = Some(r.map_or((a, a), |(lo, hi)| (lo.min(a), hi.max(a))));
                }
            }
            range
        })
        .collect()
}

/// Drops readings that no choice of the other members can complete.
fn narrow(adds: &Adds, links: &[&Active], budget: &mut Budget) -> Result<Vec<Vec<bool>>, Stop> {
    let mut alive: Vec<Vec<bool>> = adds.iter().map(|r| vec![true; r.len()]).collect();
    loop {
        let range = ranges(adds, &alive, links.len());
        let mut total: Vec<(i128, i128)> = links.iter().map(|l| (l.constant, l.constant)).collect();
        for member in &range {
            for (j, r) in member.iter().enumerate() {
                if let Some((lo, hi)) = r {
                    total[j].0 += lo;
                    total[j].1 += hi;
                }
            }
        }
        let mut changed = false;
        for (m, per_reading) in adds.iter().enumerate() {
            for (k, add) in per_reading.iter().enumerate() {
                if !alive[m][k] {
                    continue;
                }
                budget.step()?;
                let fits = add.iter().all(|&(j, a)| {
                    let Some((lo, hi)) = range[m][j] else {
                        return true;
                    };
                    // The other members' bounds, with this reading's amount.
                    total[j].0 - lo + a <= 0 && 0 <= total[j].1 - hi + a
                });
                if !fits {
                    alive[m][k] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            return Ok(alive);
        }
    }
}

/// Searches the members' joint readings, counting up to `max_solutions`.
pub(crate) fn search_group(
    members: &[Member],
    links: &[&Active],
    max_solutions: u64,
    budget: &mut Budget,
) -> Result<Found, Stop> {
    let all = adds(members, links);
    let alive = narrow(&all, links, budget)?;
    // The live readings of each member, with their amounts.
    let live: Vec<Vec<usize>> = alive
        .iter()
        .map(|a| (0..a.len()).filter(|&k| a[k]).collect())
        .collect();
    // What a member adds to a link alike in all its live readings is added
    // once, before the search: each reading then adds only what differs.
    let mut partial: Vec<i128> = links.iter().map(|a| a.constant).collect();
    let mut order: Vec<usize> = (0..members.len()).collect();
    // Fewest readings first: forced runs fix their sums at once.
    crate::sort::sort_by_key(&mut order, |&m| live[m].len());
    let width = links.len();
    // Per position in the search order, each live reading: its index and
    // where its amounts are in `amounts`.
    let mut choices: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(order.len());
    let mut amounts: Vec<(usize, i128)> = Vec::new();
    // The least and most each position adds to each link.
    let mut range = vec![(0i128, 0i128); order.len() * width];
    for (pos, &m) in order.iter().enumerate() {
        let Some(&k0) = live[m].first() else {
            choices.push(Vec::new());
            continue;
        };
        let base = &all[m][k0];
        let same: Vec<bool> = (0..base.len())
            .map(|t| live[m].iter().all(|&k| all[m][k][t].1 == base[t].1))
            .collect();
        for (&(j, a), _) in base.iter().zip(&same).filter(|(_, &s)| s) {
            partial[j] += a;
        }
        let mut these = Vec::with_capacity(live[m].len());
        let mut seen = vec![false; width];
        for &k in &live[m] {
            let start = amounts.len();
            for (&(j, a), _) in all[m][k].iter().zip(&same).filter(|(_, &s)| !s) {
                amounts.push((j, a));
                let r = &mut range[pos * width + j];
                *r = if seen[j] {
                    (r.0.min(a), r.1.max(a))
                } else {
                    (a, a)
                };
                seen[j] = true;
            }
            these.push((k, start, amounts.len()));
        }
        choices.push(these);
    }
    // The least and most the positions from `pos` on add: `rest[pos * width + j]`.
    let n = order.len();
    let mut rest = vec![(0i128, 0i128); (n + 1) * width];
    for pos in (0..n).rev() {
        for j in 0..width {
            let (lo, hi) = range[pos * width + j];
            let (rlo, rhi) = rest[(pos + 1) * width + j];
            rest[pos * width + j] = (rlo + lo, rhi + hi);
        }
    }
    // A link no reading changes holds already, or never.
    let settled = (0..width).all(|j| rest[j].0 != rest[j].1 || partial[j] + rest[j].0 == 0);
    let mut search = Search {
        order: &order,
        choices: &choices,
        amounts: &amounts,
        width,
        rest,
        partial,
        chosen: vec![0; members.len()],
        first: Vec::new(),
        compared: Vec::new(),
        differ: members
            .iter()
            .map(|m| vec![false; m.readings.first().map_or(0, Vec::len)])
            .collect(),
        readings: members.iter().map(|m| m.readings).collect(),
        count: 0,
        max_solutions,
    };
    if settled && live.iter().all(|l| !l.is_empty()) {
        search.go(0, budget)?;
    }
    let first = if search.first.is_empty() {
        vec![Vec::new(); members.len()]
    } else {
        (0..members.len())
            .map(|m| members[m].readings[search.first[m]].clone())
            .collect()
    };
    Ok(Found {
        count: search.count,
        complete: search.count < max_solutions,
        first,
        differ: search.differ,
    })
}

struct Search<'a> {
    /// Members in search order.
    order: &'a [usize],
    /// Per position, the live readings: index, and their amounts'
    /// `amounts[start..end]` (link, amount; only those that differ between
    /// the member's readings).
    choices: &'a [Vec<(usize, usize, usize)>],
    amounts: &'a [(usize, i128)],
    /// The number of links.
    width: usize,
    /// `rest[pos * width + j]`: least and most the members from `pos` on
    /// (in search order) add to link `j`.
    rest: Vec<(i128, i128)>,
    partial: Vec<i128>,
    /// Per member, the reading chosen.
    chosen: Vec<usize>,
    first: Vec<usize>,
    /// Per member, the readings already compared with the first.
    compared: Vec<Vec<bool>>,
    differ: Vec<Vec<bool>>,
    readings: Vec<&'a [Vec<i64>]>,
    count: u64,
    max_solutions: u64,
}

impl Search<'_> {
    fn go(&mut self, pos: usize, budget: &mut Budget) -> Result<(), Stop> {
        let Some(&m) = self.order.get(pos) else {
            self.record();
            return Ok(());
        };
        let choices = self.choices;
        let amounts = self.amounts;
        let next = (pos + 1) * self.width;
        for &(k, start, end) in &choices[pos] {
            if self.count >= self.max_solutions {
                return Ok(());
            }
            budget.step()?;
            let add = &amounts[start..end];
            let mut fits = true;
            for &(j, a) in add {
                let p = self.partial[j] + a;
                self.partial[j] = p;
                let (lo, hi) = self.rest[next + j];
                fits &= p + lo <= 0 && 0 <= p + hi;
            }
            if fits {
                self.chosen[m] = k;
                self.go(pos + 1, budget)?;
            }
            for &(j, a) in add {
                self.partial[j] -= a;
            }
        }
        Ok(())
    }

    fn record(&mut self) {
        self.count += 1;
        if self.first.is_empty() {
            self.first = self.chosen.clone();
            self.compared = self.readings.iter().map(|r| vec![false; r.len()]).collect();
            return;
        }
        for (m, (&k, &k0)) in self.chosen.iter().zip(&self.first).enumerate() {
            if k == k0 || self.compared[m][k] {
                continue;
            }
            self.compared[m][k] = true;
            let (a, b) = (&self.readings[m][k], &self.readings[m][k0]);
            for (flag, (x, y)) in self.differ[m].iter_mut().zip(a.iter().zip(b)) {
                *flag |= x != y;
            }
        }
    }
}
