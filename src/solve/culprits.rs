//! Which cells break the relations: the smallest sets of cells whose change
//! makes every checkable relation hold, with the corrected values.
//!
//! Only sets that touch every broken relation are candidates, and a minimal
//! set is connected to a broken relation through the relations it touches
//! (otherwise the unconnected part could be left as it was). So sets grow
//! from the cells of the broken relations by adding cells of those or of a
//! relation through a cell already in the set. Each candidate set is solved
//! exactly (integer elimination on the few relations it touches). A set is
//! dropped as soon as the cells it may still take cannot reach every broken
//! relation it misses.

use std::collections::BTreeSet;

use super::Relation;

/// Bounds and rules for [`culprits()`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CulpritOptions {
    /// The largest set of cells tried.
    pub max_size: usize,
    /// Candidate sets examined before giving up.
    pub budget: u64,
    /// Corrected values must be ≥ 0 (every count and amount is).
    pub nonnegative: bool,
}

impl Default for CulpritOptions {
    fn default() -> Self {
        CulpritOptions {
            max_size: 3,
            budget: 1_000_000,
            nonnegative: true,
        }
    }
}

/// One changed cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The variable.
    pub var: usize,
    /// Its value as read.
    pub from: i64,
    /// The value that makes the relations hold.
    pub to: i64,
}

/// A set of cells whose change, to the values given, makes every checkable
/// relation hold; the values are the only ones that do for this set.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fix {
    /// The changes, by variable.
    pub changes: Vec<Change>,
}

/// What [`culprits()`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Culprits {
    /// Every checkable relation holds.
    Consistent,
    /// Every fix of the smallest size that has one (several when the
    /// relations cannot tell the cells apart), sorted.
    Fixes(Vec<Fix>),
    /// No set of at most `max_size` cells is a fix.
    NotFound,
    /// The budget ran out, or the arithmetic left the range of `i128`.
    GaveUp,
}

/// A relation whose variables all have values.
struct Checked<'a> {
    terms: &'a [(usize, i64)],
    residual: i128,
}

/// Finds the smallest sets of cells whose change makes every relation over
/// known cells hold. `values[v]` is `None` for an unknown cell: it is never
/// a candidate, and relations that involve it are ignored. A set whose
/// corrected values are not determined by the relations, or would not be
/// integers (or, with `nonnegative`, would be negative), is not a fix.
#[must_use]
#[allow(clippy::too_many_lines)] // one breadth-first search, level by level
pub fn culprits(
    values: &[Option<i64>],
    relations: &[Relation],
    options: &CulpritOptions,
) -> Culprits {
    let mut checked: Vec<Checked> = Vec::new();
    for relation in relations {
        let all_known = relation
            .terms()
            .iter()
            .all(|&(v, _)| values.get(v).is_some_and(Option::is_some));
        if !all_known {
            continue;
        }
        let Some(residual) = relation.residual(values) else {
            return Culprits::GaveUp;
        };
        checked.push(Checked {
            terms: relation.terms(),
            residual,
        });
    }
    let broken: Vec<usize> = (0..checked.len())
        .filter(|&i| checked[i].residual != 0)
        .collect();
    if broken.is_empty() {
        return Culprits::Consistent;
    }
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); values.len()];
    for (i, c) in checked.iter().enumerate() {
        for &(var, _) in c.terms {
            touching[var].push(i);
        }
    }
    let seeds: BTreeSet<usize> = broken
        .iter()
        .flat_map(|&i| checked[i].terms.iter().map(|&(v, _)| v))
        .collect();
    let finder = Finder {
        values,
        checked: &checked,
        broken: &broken,
        touching: &touching,
        nonnegative: options.nonnegative,
    };
    // The most broken relations one cell is in.
    let most_hit = touching
        .iter()
        .map(|rels| rels.iter().filter(|&&i| checked[i].residual != 0).count())
        .max()
        .unwrap_or(0);
    // Each cell mends at most `most_hit` broken relations.
    if broken.len() > options.max_size.saturating_mul(most_hit) {
        return Culprits::NotFound;
    }
    let mut budget = options.budget;
    let mut level: BTreeSet<Vec<usize>> = seeds.iter().map(|&v| vec![v]).collect();
    for size in 1..=options.max_size {
        let mut fixes = Vec::new();
        for set in &level {
            let Some(left) = budget.checked_sub(1) else {
                return Culprits::GaveUp;
            };
            budget = left;
            if !finder.hits_all_broken(set) || finder.first_lone(set).is_some() {
                continue;
            }
            match finder.solve(set) {
                Err(()) => return Culprits::GaveUp,
                Ok(Some(fix)) => fixes.push(fix),
                Ok(None) => {}
            }
        }
        if !fixes.is_empty() {
            crate::sort::sort_by(&mut fixes, Ord::cmp);
            return Culprits::Fixes(fixes);
        }
        if size == options.max_size {
            break;
        }
        let mut next = BTreeSet::new();
        for set in &level {
            // A relation that holds and has one cell of the set would break
            // when that cell changes: a fix holds a second cell of it, so
            // the set grows only by that relation's cells.
            let grow: BTreeSet<usize> = if let Some(i) = finder.first_lone(set) {
                checked[i].terms.iter().map(|&(w, _)| w).collect()
            } else {
                let mut grow = seeds.clone();
                for &v in set {
                    for &i in &touching[v] {
                        grow.extend(checked[i].terms.iter().map(|&(w, _)| w));
                    }
                }
                grow
            };
            for v in grow {
                if set.contains(&v) {
                    continue;
                }
                let Some(left) = budget.checked_sub(1) else {
                    return Culprits::GaveUp;
                };
                budget = left;
                let mut bigger = set.clone();
                bigger.push(v);
                bigger.sort_unstable();
                // Cells still to add must hit the broken relations missed.
                let room = (options.max_size - bigger.len()).saturating_mul(most_hit);
                if finder.missed(&bigger) <= room {
                    next.insert(bigger);
                }
            }
        }
        level = next;
    }
    Culprits::NotFound
}

struct Finder<'a> {
    values: &'a [Option<i64>],
    checked: &'a [Checked<'a>],
    broken: &'a [usize],
    touching: &'a [Vec<usize>],
    nonnegative: bool,
}

impl Finder<'_> {
    fn hits_all_broken(&self, set: &[usize]) -> bool {
        self.missed(set) == 0
    }

    /// The first relation that holds and has exactly one cell of `set`:
    /// changing that cell alone would break it, so no fix is `set` itself.
    fn first_lone(&self, set: &[usize]) -> Option<usize> {
        set.iter()
            .flat_map(|&v| self.touching[v].iter().copied())
            .filter(|&i| {
                let c = &self.checked[i];
                c.residual == 0
                    && c.terms
                        .iter()
                        .filter(|&&(v, k)| k != 0 && set.contains(&v))
                        .count()
                        == 1
            })
            .min()
    }

    /// How many broken relations have no cell in `set`.
    fn missed(&self, set: &[usize]) -> usize {
        self.broken
            .iter()
            .filter(|&&i| !self.checked[i].terms.iter().any(|(v, _)| set.contains(v)))
            .count()
    }

    /// The unique integer change of `set` that makes every relation it
    /// touches hold; `Ok(None)` when there is none or more than one;
    /// `Err` when the arithmetic overflows.
    fn solve(&self, set: &[usize]) -> Result<Option<Fix>, ()> {
        let rows: BTreeSet<usize> = set
            .iter()
            .flat_map(|&v| self.touching[v].iter().copied())
            .collect();
        // Augmented matrix: coefficients of the set's changes, then −residual.
        let mut matrix: Vec<Vec<i128>> = rows
            .iter()
            .map(|&i| {
                let c = &self.checked[i];
                let mut row: Vec<i128> = set
                    .iter()
                    .map(|v| {
                        c.terms
                            .iter()
                            .find(|(w, _)| w == v)
                            .map_or(0, |&(_, k)| i128::from(k))
                    })
                    .collect();
                row.push(c.residual.checked_neg()?);
                Some(row)
            })
            .collect::<Option<_>>()
            .ok_or(())?;
        let Some(deltas) = solve_unique(&mut matrix, set.len())? else {
            return Ok(None);
        };
        let mut changes = Vec::with_capacity(set.len());
        for (&var, delta) in set.iter().zip(deltas) {
            let Some(from) = self.values.get(var).copied().flatten() else {
                return Ok(None);
            };
            let to = i128::from(from).checked_add(delta).ok_or(())?;
            let Ok(to) = i64::try_from(to) else {
                return Ok(None);
            };
            if delta == 0 || (self.nonnegative && to < 0) {
                return Ok(None);
            }
            changes.push(Change { var, from, to });
        }
        Ok(Some(Fix { changes }))
    }
}

/// Solves `matrix` (rows of `unknowns` coefficients then the right-hand
/// side) exactly: the integer solution when it exists and is unique,
/// `Ok(None)` otherwise, `Err` on overflow.
fn solve_unique(matrix: &mut [Vec<i128>], unknowns: usize) -> Result<Option<Vec<i128>>, ()> {
    let mut rank = 0;
    for col in 0..unknowns {
        let Some(pivot) = (rank..matrix.len()).find(|&r| matrix[r][col] != 0) else {
            return Ok(None);
        };
        matrix.swap(rank, pivot);
        let pivot_row = matrix[rank].clone();
        for (r, row) in matrix.iter_mut().enumerate() {
            let factor = row[col];
            if r == rank || factor == 0 {
                continue;
            }
            let p = pivot_row[col];
            for (x, &y) in row.iter_mut().zip(&pivot_row) {
                let scaled = x.checked_mul(p).ok_or(())?;
                *x = scaled
                    .checked_sub(factor.checked_mul(y).ok_or(())?)
                    .ok_or(())?;
            }
            let g = row.iter().fold(0i128, |g, &x| gcd(g, x));
            if g > 1 {
                for x in row.iter_mut() {
                    *x /= g;
                }
            }
        }
        rank += 1;
    }
    if matrix[rank..].iter().any(|row| row[unknowns] != 0) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(unknowns);
    for (col, row) in matrix.iter().take(unknowns).enumerate() {
        let (a, b) = (row[col], row[unknowns]);
        if b.checked_rem(a).ok_or(())? != 0 {
            return Ok(None);
        }
        out.push(b.checked_div(a).ok_or(())?);
    }
    Ok(Some(out))
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elimination() {
        // x + y = 3, x − y = 1 → x = 2, y = 1.
        let mut m = vec![vec![1, 1, 3], vec![1, -1, 1]];
        assert_eq!(solve_unique(&mut m, 2), Ok(Some(vec![2, 1])));
        // 2x = 3: no integer solution.
        assert_eq!(solve_unique(&mut [vec![2, 3]], 1), Ok(None));
        // x + y = 3 alone: not determined.
        assert_eq!(solve_unique(&mut [vec![1, 1, 3]], 2), Ok(None));
        // x = 1, x = 2: none.
        assert_eq!(solve_unique(&mut [vec![1, 1], vec![1, 2]], 1), Ok(None));
    }

    /// Every set of at most three cells tried, smallest size first: the
    /// fixes `culprits` must find by its pruned search.
    fn every_set(values: &[Option<i64>], relations: &[Relation]) -> Culprits {
        let checked: Vec<Checked> = relations
            .iter()
            .map(|r| Checked {
                terms: r.terms(),
                residual: r.residual(values).unwrap(),
            })
            .collect();
        let broken: Vec<usize> = (0..checked.len())
            .filter(|&i| checked[i].residual != 0)
            .collect();
        if broken.is_empty() {
            return Culprits::Consistent;
        }
        let mut touching = vec![Vec::new(); values.len()];
        for (i, c) in checked.iter().enumerate() {
            for &(v, _) in c.terms {
                touching[v].push(i);
            }
        }
        let finder = Finder {
            values,
            checked: &checked,
            broken: &broken,
            touching: &touching,
            nonnegative: true,
        };
        let n = values.len();
        let mut sets: Vec<Vec<Vec<usize>>> = vec![Vec::new(); 4];
        for a in 0..n {
            sets[1].push(vec![a]);
            for b in a + 1..n {
                sets[2].push(vec![a, b]);
                for c in b + 1..n {
                    sets[3].push(vec![a, b, c]);
                }
            }
        }
        for level in &sets[1..] {
            let mut fixes: Vec<Fix> = level
                .iter()
                .filter(|set| finder.hits_all_broken(set))
                .filter_map(|set| finder.solve(set).unwrap())
                .collect();
            if !fixes.is_empty() {
                fixes.sort();
                return Culprits::Fixes(fixes);
            }
        }
        Culprits::NotFound
    }

    #[test]
    fn the_pruned_search_finds_what_every_set_finds() {
        // A 3 × 3 table with row totals, column totals and a grand total
        // (16 cells), its values changed in one to three random cells.
        let at = |r: usize, c: usize| r * 4 + c;
        let mut relations = Vec::new();
        for r in 0..4 {
            relations.push(Relation::sum(at(r, 3), &[at(r, 0), at(r, 1), at(r, 2)]));
        }
        for c in 0..4 {
            relations.push(Relation::sum(at(3, c), &[at(0, c), at(1, c), at(2, c)]));
        }
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for _ in 0..300 {
            let mut values = vec![0i64; 16];
            for r in 0..3 {
                for c in 0..3 {
                    values[at(r, c)] = i64::try_from(next(6)).unwrap();
                }
            }
            for r in 0..3 {
                values[at(r, 3)] = (0..3).map(|c| values[at(r, c)]).sum();
            }
            for c in 0..4 {
                values[at(3, c)] = (0..3).map(|r| values[at(r, c)]).sum();
            }
            for _ in 0..=next(3) {
                let cell = usize::try_from(next(16)).unwrap();
                values[cell] += i64::try_from(next(5)).unwrap() + 1;
            }
            let values: Vec<Option<i64>> = values.into_iter().map(Some).collect();
            assert_eq!(
                culprits(&values, &relations, &CulpritOptions::default()),
                every_set(&values, &relations),
                "{values:?}"
            );
        }
    }
}
