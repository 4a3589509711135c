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
    let mut order: Vec<usize> = (0..members.len()).collect();
    // Fewest readings first: forced runs fix their sums at once.
    crate::sort::sort_by_key(&mut order, |&m| live[m].len());
    let n = order.len();
    let mut rest_lo = vec![vec![0i128; links.len()]; n + 1];
    let mut rest_hi = vec![vec![0i128; links.len()]; n + 1];
    let range = ranges(&all, &alive, links.len());
    for pos in (0..n).rev() {
        for j in 0..links.len() {
            let (lo, hi) = range[order[pos]][j].unwrap_or((0, 0));
            rest_lo[pos][j] = rest_lo[pos + 1][j] + lo;
            rest_hi[pos][j] = rest_hi[pos + 1][j] + hi;
        }
    }
    let mut search = Search {
        order: &order,
        live: &live,
        adds: &all,
        rest_lo,
        rest_hi,
        partial: links.iter().map(|a| a.constant).collect(),
        chosen: vec![0; members.len()],
        first: Vec::new(),
        differ: members
            .iter()
            .map(|m| vec![false; m.readings.first().map_or(0, Vec::len)])
            .collect(),
        readings: members.iter().map(|m| m.readings).collect(),
        count: 0,
        max_solutions,
    };
    if live.iter().all(|l| !l.is_empty()) {
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
    /// Per member, the readings still possible.
    live: &'a [Vec<usize>],
    adds: &'a Adds,
    /// `rest_lo[pos][j]`, `rest_hi[pos][j]`: least and most the members
    /// from `pos` on (in search order) add to link `j`.
    rest_lo: Vec<Vec<i128>>,
    rest_hi: Vec<Vec<i128>>,
    partial: Vec<i128>,
    /// Per member, the reading chosen.
    chosen: Vec<usize>,
    first: Vec<usize>,
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
        for &k in &self.live[m] {
            if self.count >= self.max_solutions {
                return Ok(());
            }
            budget.step()?;
            let add = &self.adds[m][k];
            for &(j, a) in add {
                self.partial[j] += a;
            }
            let fits = add.iter().all(|&(j, _)| {
                let p = self.partial[j];
                p + self.rest_lo[pos + 1][j] <= 0 && 0 <= p + self.rest_hi[pos + 1][j]
            });
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
            return;
        }
        for (m, (&k, &k0)) in self.chosen.iter().zip(&self.first).enumerate() {
            if k == k0 {
                continue;
            }
            let (a, b) = (&self.readings[m][k], &self.readings[m][k0]);
            for (offset, flag) in self.differ[m].iter_mut().enumerate() {
                *flag |= a[offset] != b[offset];
            }
        }
    }
}
