//! The relation systems of 表二 (F2019 and F2021) and 表三, as in the
//! format specification, and random valid tables for them.

use proptest::prelude::*;
use xxgk::solve::{Model, Relation};

/// Numeric columns of 表二: six applicant columns, then 总计.
pub const COLS: usize = 7;

/// A 表二 layout: how many data rows, and where the totals are.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Data rows (23 in F2019, 25 in F2021).
    pub rows: usize,
}

/// F2019: R01..R23, （七）总计 = R22, 结转 = R23.
pub const F2019: Layout = Layout { rows: 23 };
/// F2021: R01..R25, （七）总计 = R24, 结转 = R25.
pub const F2021: Layout = Layout { rows: 25 };

impl Layout {
    /// Row index (0-based) of （七）总计.
    pub fn total(self) -> usize {
        self.rows - 2
    }
    /// Row index of 四、结转下年度继续办理.
    pub fn carry(self) -> usize {
        self.rows - 1
    }
    /// Variables: row-major, seven per row.
    pub fn len(self) -> usize {
        self.rows * COLS
    }
}

/// The variable of row `r` (0-based: R01 is 0), column `c` (0-based).
pub fn var(r: usize, c: usize) -> usize {
    r * COLS + c
}

/// T2-ROW, T2-SUM and T2-BAL of a layout.
pub fn t2_relations(layout: Layout) -> Vec<Relation> {
    let mut out = Vec::new();
    for r in 0..layout.rows {
        let parts: Vec<usize> = (0..6).map(|c| var(r, c)).collect();
        out.push(Relation::sum(var(r, 6), &parts));
    }
    for c in 0..COLS {
        let outcomes: Vec<usize> = (2..layout.total()).map(|r| var(r, c)).collect();
        out.push(Relation::sum(var(layout.total(), c), &outcomes));
    }
    for c in 0..COLS {
        out.push(Relation::balance(
            &[var(0, c), var(1, c)],
            &[var(layout.total(), c), var(layout.carry(), c)],
        ));
    }
    out
}

/// T3-REV, T3-LIT1, T3-LIT2 over V1..V15 (variables 0..15).
pub fn t3_relations() -> Vec<Relation> {
    (0..3)
        .map(|g| Relation::sum(g * 5 + 4, &[g * 5, g * 5 + 1, g * 5 + 2, g * 5 + 3]))
        .collect()
}

/// A count as found in these tables: mostly 0, often small, sometimes large.
pub fn count() -> impl Strategy<Value = i64> {
    prop_oneof![6 => Just(0i64), 3 => 1i64..10, 2 => 10i64..300, 1 => 300i64..5000]
}

/// A valid 表二 of the layout, row-major.
pub fn t2_table(layout: Layout) -> impl Strategy<Value = Vec<i64>> {
    let outcomes = layout.total() - 2;
    (
        prop::collection::vec(count(), outcomes * 6),
        prop::collection::vec(count(), 6),
        prop::collection::vec(count(), 6),
    )
        .prop_map(move |(cells, carried_in, carried_out)| {
            let mut t = vec![0i64; layout.len()];
            for (i, v) in cells.into_iter().enumerate() {
                t[var(2 + i / 6, i % 6)] = v;
            }
            for c in 0..6 {
                let total: i64 = (2..layout.total()).map(|r| t[var(r, c)]).sum();
                t[var(layout.total(), c)] = total;
                t[var(layout.carry(), c)] = carried_out[c];
                // 上年结转 can be at most what was handled or carried on.
                let inflow = total + carried_out[c];
                t[var(1, c)] = carried_in[c].min(inflow);
                t[var(0, c)] = inflow - t[var(1, c)];
            }
            for r in 0..layout.rows {
                t[var(r, 6)] = (0..6).map(|c| t[var(r, c)]).sum();
            }
            t
        })
}

/// A valid 表三 (15 cells).
pub fn t3_table() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(count(), 12).prop_map(|parts| {
        let mut t = Vec::with_capacity(15);
        for group in parts.chunks(4) {
            t.extend_from_slice(group);
            t.push(group.iter().sum());
        }
        t
    })
}

/// The digits of `values` written one after the other.
pub fn flatten(values: &[i64]) -> String {
    values
        .iter()
        .map(std::string::ToString::to_string)
        .collect()
}

/// A 表二 model in which each row marked in `flat` is one run of its
/// digits and every other row is read cell by cell.
pub fn t2_model(layout: Layout, table: &[i64], flat: &[bool]) -> Model {
    let mut model = Model::new(layout.len());
    for r in 0..layout.rows {
        let row = &table[var(r, 0)..var(r, 0) + COLS];
        if flat.get(r).copied().unwrap_or(true) {
            model.add_run(var(r, 0), COLS, &flatten(row)).unwrap();
        } else {
            for (c, &v) in row.iter().enumerate() {
                model.set_known(var(r, c), v).unwrap();
            }
        }
    }
    for relation in t2_relations(layout) {
        model.add_relation(relation).unwrap();
    }
    model
}

/// A 表二 model in which every row is one run of its digits that keeps the
/// boundaries marked in `kept` (per row, after each of its first six
/// cells): a row partly run together (`35 2001038`).
pub fn t2_model_partly(layout: Layout, table: &[i64], kept: &[[bool; 6]]) -> Model {
    let mut model = Model::new(layout.len());
    for r in 0..layout.rows {
        let row = &table[var(r, 0)..var(r, 0) + COLS];
        let mut breaks = Vec::new();
        let mut len = 0;
        for (c, v) in row.iter().enumerate().take(6) {
            len += v.to_string().len();
            if kept.get(r).is_some_and(|k| k[c]) {
                breaks.push(len);
            }
        }
        model
            .add_run_with_breaks(var(r, 0), COLS, &flatten(row), &breaks)
            .unwrap();
    }
    for relation in t2_relations(layout) {
        model.add_relation(relation).unwrap();
    }
    model
}
