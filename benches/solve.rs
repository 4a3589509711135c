//! How long `xxgk::solve` takes per table: splitting a 表二 whose every row
//! lost its cell boundaries (typical numbers, all zeros, rows that read in
//! several ways), and naming the wrong cells of a 表二.
//!
//! Run with `cargo bench --bench solve`; each figure is the time for one
//! whole table.

#[allow(dead_code)]
#[path = "../tests/solve/tables.rs"]
mod tables;

use criterion::{criterion_main, Criterion};
use std::hint::black_box;
use tables::{t2_model, t2_model_partly, t2_relations, var, Layout, F2019, F2021};
use xxgk::solve::{culprits, split, CulpritOptions, SplitOptions};

/// A valid table of the layout from the given outcome cells (row, column,
/// value): totals, 上年结转 0 and 新收 filled in.
fn table(layout: Layout, cells: &[(usize, usize, i64)]) -> Vec<i64> {
    let mut t = vec![0i64; layout.len()];
    for &(r, c, v) in cells {
        t[var(r, c)] = v;
    }
    for c in 0..6 {
        let total = (2..layout.total()).map(|r| t[var(r, c)]).sum();
        t[var(layout.total(), c)] = total;
        t[var(0, c)] = total + t[var(layout.carry(), c)];
    }
    for r in 0..layout.rows {
        t[var(r, 6)] = (0..6).map(|c| t[var(r, c)]).sum();
    }
    t
}

/// Numbers like a county bureau's: a few dozen applications, mostly 自然人.
fn typical(layout: Layout) -> Vec<i64> {
    table(
        layout,
        &[
            (2, 0, 35),
            (2, 1, 2),
            (2, 4, 1),
            (3, 0, 4),
            (9, 1, 1),
            (12, 0, 12),
            (13, 0, 3),
            (16, 0, 2),
            (18, 0, 1),
            (layout.total() - 1, 0, 2),
            (layout.carry(), 0, 3),
        ],
    )
}

/// Every outcome row reads `1 0 100 0 0 0 101` or `101 0 0 0 0 0 101`
/// alone; only the columns settle it.
fn ambiguous(layout: Layout) -> Vec<i64> {
    let mut cells = Vec::new();
    for r in 2..layout.total() {
        if r % 2 == 0 {
            cells.extend([(r, 0, 1), (r, 2, 100)]);
        } else {
            cells.push((r, 0, 101));
        }
    }
    table(layout, &cells)
}

/// Large numbers in every applicant column: long runs with many readings.
fn large(layout: Layout) -> Vec<i64> {
    random(layout, 1000)
}

/// Numbers below `below` in every applicant column (four-digit numbers
/// with 10 000, five-digit with 100 000: the 总计 and 新收 rows then have
/// seven-digit totals).
fn random(layout: Layout, below: u64) -> Vec<i64> {
    let mut cells = Vec::new();
    let mut x: u64 = 12345;
    for r in 2..layout.total() {
        for c in 0..6 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            cells.push((r, c, ((x >> 33) % below) as i64));
        }
    }
    table(layout, &cells)
}

fn bench_split(c: &mut Criterion) {
    let options = SplitOptions::default();
    let cases = [
        ("F2021 typical", F2021, typical(F2021)),
        ("F2019 typical", F2019, typical(F2019)),
        ("F2021 all zero", F2021, vec![0; F2021.len()]),
        ("F2021 ambiguous rows", F2021, ambiguous(F2021)),
        ("F2021 large numbers", F2021, large(F2021)),
        ("F2021 four-digit numbers", F2021, random(F2021, 10_000)),
        ("F2021 five-digit numbers", F2021, random(F2021, 100_000)),
    ];
    let models = cases
        .iter()
        .map(|(name, layout, t)| (*name, t2_model(*layout, t, &[])))
        .chain(partly_cases());
    let mut group = c.benchmark_group("split");
    for (name, model) in models {
        eprintln!("{name}: {:?}", short(&split(&model, &options)));
        group.bench_function(name, |b| b.iter(|| split(black_box(&model), &options)));
    }
    group.finish();
}

/// Rows partly run together: every row keeps some of its boundaries (a
/// fixed pattern per row), so that each row is several runs of unknown
/// lengths.
fn partly_cases() -> Vec<(&'static str, xxgk::solve::Model)> {
    let kept: Vec<[bool; 6]> = (0..F2021.rows)
        .map(|r| std::array::from_fn(|c| (r * 7 + c * 3) % 5 == 0))
        .collect();
    vec![
        (
            "F2021 typical, partly run together",
            t2_model_partly(F2021, &typical(F2021), &kept),
        ),
        (
            "F2021 large numbers, partly run together",
            t2_model_partly(F2021, &large(F2021), &kept),
        ),
        (
            "F2021 four-digit numbers, partly run together",
            t2_model_partly(F2021, &random(F2021, 10_000), &kept),
        ),
    ]
}

fn short(split: &xxgk::solve::Split) -> String {
    let text = format!("{split:?}");
    text.chars().take(60).collect()
}

fn bench_culprits(c: &mut Criterion) {
    let options = CulpritOptions::default();
    let relations = t2_relations(F2021);
    let clean = typical(F2021);
    let with = |wrong: &[(usize, i64)]| {
        let mut values: Vec<Option<i64>> = clean.iter().copied().map(Some).collect();
        for &(v, x) in wrong {
            values[v] = Some(x);
        }
        values
    };
    let cases = [
        ("one wrong cell", with(&[(var(2, 0), 36)])),
        (
            "two wrong cells",
            with(&[(var(2, 0), 36), (var(12, 0), 10)]),
        ),
        (
            "four wrong cells (none of at most 3)",
            with(&[
                (var(2, 0), 9),
                (var(3, 1), 9),
                (var(9, 2), 9),
                (var(12, 3), 9),
            ]),
        ),
    ];
    let mut group = c.benchmark_group("culprits");
    for (name, values) in &cases {
        let found = culprits(values, &relations, &options);
        eprintln!(
            "{name}: {}",
            format!("{found:?}").chars().take(60).collect::<String>()
        );
        group.bench_function(*name, |b| {
            b.iter(|| culprits(black_box(values), &relations, &options));
        });
    }
    group.finish();
}

// criterion's macro defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench_split, super::bench_culprits);
}
use group::benches;
criterion_main!(benches);
