//! The arithmetic solver (`xxgk::solve`): splitting flattened rows of 表二
//! and 表三 back into cells, and naming the cells that break the relations.

#[path = "solve/tables.rs"]
mod tables;

use proptest::prelude::*;
use tables::{
    flatten, t2_model, t2_model_partly, t2_relations, t2_table, t3_relations, t3_table, var, F2019,
    F2021,
};
use xxgk::solve::{
    culprits, split, Change, Count, CulpritOptions, Culprits, Fix, Kind, Model, ModelError,
    Relation, Split, SplitOptions,
};

/// One row of 表二 as a model: seven cells, the row relation.
fn row(text: &str) -> Model {
    let mut model = Model::new(7);
    model.add_run(0, 7, text).unwrap();
    model
        .add_relation(Relation::sum(6, &[0, 1, 2, 3, 4, 5]))
        .unwrap();
    model
}

fn unique(split: Split) -> Vec<Option<i64>> {
    match split {
        Split::Unique { values, .. } => values,
        other => panic!("not unique: {other:?}"),
    }
}

fn some(values: &[i64]) -> Vec<Option<i64>> {
    values.iter().copied().map(Some).collect()
}

fn options() -> SplitOptions {
    SplitOptions::default()
}

// ---------------------------------------------------------------- split

#[test]
fn one_row_has_one_reading() {
    assert_eq!(
        unique(split(&row("352001038"), &options())),
        some(&[35, 2, 0, 0, 1, 0, 38])
    );
    assert_eq!(unique(split(&row("0000000"), &options())), some(&[0; 7]));
}

#[test]
fn ambiguous_row_names_the_cells_that_differ() {
    // 1 0 100 0 0 0 101 or 101 0 0 0 0 0 101.
    match split(&row("10100000101"), &options()) {
        Split::Ambiguous {
            count,
            cells_that_differ,
            cells_that_agree,
        } => {
            assert_eq!(count, Count::Exactly(2));
            assert_eq!(cells_that_differ, [0, 2]);
            assert_eq!(cells_that_agree, [(1, 0), (3, 0), (4, 0), (5, 0), (6, 101)]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn column_relations_settle_an_ambiguous_row() {
    // Two rows and a total row: the total row's first cell says 101.
    let mut model = Model::new(21);
    model.add_run(0, 7, "10100000101").unwrap();
    for c in 0..7 {
        model.set_known(7 + c, 0).unwrap();
    }
    for (c, v) in [101, 0, 0, 0, 0, 0, 101].into_iter().enumerate() {
        model.set_known(14 + c, v).unwrap();
    }
    for r in 0..3 {
        let parts: Vec<usize> = (0..6).map(|c| r * 7 + c).collect();
        model
            .add_relation(Relation::sum(r * 7 + 6, &parts))
            .unwrap();
    }
    for c in 0..7 {
        model
            .add_relation(Relation::sum(14 + c, &[c, 7 + c]))
            .unwrap();
    }
    match split(&model, &options()) {
        Split::Unique {
            values,
            relations_used,
        } => {
            assert_eq!(&values[..7], some(&[101, 0, 0, 0, 0, 0, 101]).as_slice());
            // Rows two and three are read cell by cell: their relations
            // involve no run and are not used.
            assert_eq!(relations_used, [0, 3, 4, 5, 6, 7, 8, 9]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inconsistent_rows() {
    // Seven digits, seven cells: 1+1+1+1+1+1 ≠ 4.
    assert_eq!(
        split(&row("1111114"), &options()),
        Split::Inconsistent { runs: vec![0] }
    );
    // Too few digits for the cells.
    assert_eq!(
        split(&row("12"), &options()),
        Split::Inconsistent { runs: vec![0] }
    );
    // Each run alone fits, the column relation does not.
    let mut model = two_rows("1000001", "2000002");
    model.add_relation(Relation::balance(&[0], &[7])).unwrap();
    assert_eq!(
        split(&model, &options()),
        Split::Inconsistent { runs: vec![0, 1] }
    );
}

#[test]
fn relations_with_an_unknown_cell_are_not_checked() {
    let mut model = Model::new(8);
    model.add_run(0, 7, "10100000101").unwrap();
    model
        .add_relation(Relation::sum(6, &[0, 1, 2, 3, 4, 5]))
        .unwrap();
    // Cell 7 is unknown: this relation would settle cell 0, but is ignored.
    model.add_relation(Relation::balance(&[0], &[7])).unwrap();
    assert!(matches!(split(&model, &options()), Split::Ambiguous { .. }));
    model.set_known(7, 101).unwrap();
    assert_eq!(unique(split(&model, &options()))[0], Some(101));
}

#[test]
fn relations_over_known_cells_only_do_not_block_a_split() {
    let mut model = row("352001038");
    let extra = Model::new(0);
    assert!(extra.is_empty());
    let mut big = Model::new(9);
    big.add_run(0, 7, "352001038").unwrap();
    big.add_relation(Relation::sum(6, &[0, 1, 2, 3, 4, 5]))
        .unwrap();
    big.set_known(7, 1).unwrap();
    big.set_known(8, 2).unwrap();
    big.add_relation(Relation::balance(&[7], &[8])).unwrap();
    assert_eq!(
        unique(split(&big, &options()))[..7],
        unique(split(&model, &options()))[..]
    );
    assert_eq!(model.set_known(0, 1), Err(ModelError::InRun(0)));
    model = Model::new(3);
    assert_eq!(model.add_run(1, 3, "123"), Err(ModelError::OutOfRange(3)));
    assert_eq!(model.add_run(0, 1, "1a"), Err(ModelError::BadText));
    assert_eq!(model.add_run(0, 0, "1"), Err(ModelError::EmptyRun));
    assert_eq!(
        model.add_relation(Relation::sum(5, &[0])),
        Err(ModelError::OutOfRange(5))
    );
    assert_eq!(
        model.set_kind(0, Kind::Money { scale: 19 }),
        Err(ModelError::BadScale(19))
    );
    assert_eq!(model.set_known(0, -1), Err(ModelError::Negative(0)));
}

/// Two flattened 表二-like rows of seven cells, each ending in its total.
fn two_rows(first: &str, second: &str) -> Model {
    let mut model = Model::new(14);
    model.add_run(0, 7, first).unwrap();
    model.add_run(7, 7, second).unwrap();
    model
        .add_relation(Relation::sum(6, &[0, 1, 2, 3, 4, 5]))
        .unwrap();
    model
        .add_relation(Relation::sum(13, &[7, 8, 9, 10, 11, 12]))
        .unwrap();
    model
}

#[test]
fn independent_ambiguities_multiply() {
    let model = two_rows("10100000101", "10100000101");
    match split(&model, &options()) {
        Split::Ambiguous {
            count,
            cells_that_differ,
            ..
        } => {
            assert_eq!(count, Count::Exactly(4));
            assert_eq!(cells_that_differ, [0, 2, 7, 9]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn runs_without_relations_split_only_when_the_format_forces_it() {
    let mut model = Model::new(3);
    model.add_run(0, 3, "000").unwrap();
    assert_eq!(unique(split(&model, &options())), some(&[0, 0, 0]));
    let mut model = Model::new(3);
    model.add_run(0, 3, "1234").unwrap();
    match split(&model, &options()) {
        Split::Ambiguous {
            count,
            cells_that_differ,
            cells_that_agree,
        } => {
            assert_eq!(count, Count::Exactly(3));
            assert_eq!(cells_that_differ, [0, 1, 2]);
            assert!(cells_that_agree.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(xxgk::solve::split_forced("0000000", 7), Some(vec![0; 7]));
    assert_eq!(xxgk::solve::split_forced("1234", 3), None);
}

#[test]
fn money_parts_take_the_decimal_point() {
    // A count then an amount in 万元 with 4 decimals: only 1 | 2.5 is well formed.
    let mut model = Model::new(2);
    model.set_kind(1, Kind::Money { scale: 4 }).unwrap();
    model.add_run(0, 2, "12.5").unwrap();
    assert_eq!(unique(split(&model, &options())), some(&[1, 25_000]));
    // A point in a count: no reading.
    let mut model = Model::new(2);
    model.add_run(0, 2, "12.5").unwrap();
    assert_eq!(
        split(&model, &options()),
        Split::Inconsistent { runs: vec![0] }
    );
}

#[test]
fn kept_boundaries_split_a_row_partly_run_together() {
    // `35 2001038`: the first cell separated, the others run together.
    let mut model = Model::new(7);
    model.add_run_with_breaks(0, 7, "352001038", &[2]).unwrap();
    model
        .add_relation(Relation::sum(6, &[0, 1, 2, 3, 4, 5]))
        .unwrap();
    assert_eq!(
        unique(split(&model, &options())),
        some(&[35, 2, 0, 0, 1, 0, 38])
    );
    assert_eq!(model.run_breaks(0), [2]);
    // `10100000101` reads `1 0 100 0 0 0 101` or `101 0 0 0 0 0 101`; a
    // kept boundary tells which, or neither.
    let with = |breaks: &[usize]| {
        let mut model = row("10100000101");
        let mut fresh = Model::new(7);
        fresh
            .add_run_with_breaks(0, 7, "10100000101", breaks)
            .unwrap();
        for relation in model.relations().to_vec() {
            fresh.add_relation(relation).unwrap();
        }
        model = fresh;
        split(&model, &options())
    };
    assert_eq!(unique(with(&[1])), some(&[1, 0, 100, 0, 0, 0, 101]));
    assert_eq!(unique(with(&[3])), some(&[101, 0, 0, 0, 0, 0, 101]));
    assert!(matches!(with(&[1, 3]), Split::Inconsistent { .. }));
    // More tokens than cells: no reading.
    let mut model = Model::new(2);
    model.add_run_with_breaks(0, 2, "123", &[1, 2]).unwrap();
    assert!(matches!(
        split(&model, &options()),
        Split::Inconsistent { .. }
    ));
    // Breaks out of the text or at its ends are ignored.
    let mut model = Model::new(3);
    model.add_run_with_breaks(0, 3, "123", &[0, 3, 9]).unwrap();
    assert!(model.run_breaks(0).is_empty());
}

#[test]
fn budget_and_overflow_give_up() {
    let tiny = SplitOptions {
        budget: 3,
        ..options()
    };
    assert_eq!(split(&row("352001038"), &tiny), Split::GaveUp);
    let mut model = Model::new(1);
    model
        .add_run(0, 1, "123456789012345678901234567890")
        .unwrap();
    assert_eq!(split(&model, &options()), Split::GaveUp);
}

#[test]
fn many_readings_are_counted_up_to_the_cap() {
    let mut model = Model::new(7);
    model.add_run(0, 7, "111111111111111111").unwrap();
    let capped = SplitOptions {
        max_solutions: 10,
        ..options()
    };
    match split(&model, &capped) {
        Split::Ambiguous { count, .. } => assert_eq!(count, Count::AtLeast(10)),
        other => panic!("{other:?}"),
    }
}

/// A valid F2021 表二 with these `(row, column, value)` applicant cells and
/// every total computed from them.
fn f2021_with(cells: &[(usize, usize, i64)]) -> Vec<i64> {
    let mut t = vec![0i64; F2021.len()];
    for &(r, c, v) in cells {
        t[var(r, c)] = v;
    }
    for c in 0..6 {
        t[var(F2021.total(), c)] = (2..F2021.total()).map(|r| t[var(r, c)]).sum();
    }
    for r in 0..F2021.rows {
        t[var(r, 6)] = (0..6).map(|c| t[var(r, c)]).sum();
    }
    t
}

#[test]
fn whole_flattened_tables() {
    // A table whose every row is flattened reads back exactly.
    let t = f2021_with(&[
        (0, 0, 30),
        (0, 1, 2),
        (1, 0, 5),
        (2, 0, 20),
        (2, 1, 2),
        (14, 0, 10),
        (24, 0, 5),
    ]);
    let model = t2_model(F2021, &t, &[]);
    assert_eq!(unique(split(&model, &options())), some(&t));
}

// ------------------------------------------------------------- culprits

/// A fixed valid F2021 表二.
fn clean_t2() -> Vec<i64> {
    let t = f2021_with(&[
        (0, 0, 30),
        (0, 1, 3),
        (0, 4, 1),
        (1, 0, 4),
        (1, 1, 1),
        (2, 0, 20),
        (2, 1, 2),
        (3, 0, 3),
        (9, 1, 1),
        (12, 0, 6),
        (12, 4, 1),
        (16, 0, 1),
        (22, 0, 2),
        (24, 0, 2),
        (24, 1, 1),
    ]);
    assert!(t2_relations(F2021)
        .iter()
        .all(|r| r.residual(&some(&t)) == Some(0)));
    t
}

fn fix(changes: &[(usize, i64, i64)]) -> Fix {
    Fix {
        changes: changes
            .iter()
            .map(|&(var, from, to)| Change { var, from, to })
            .collect(),
    }
}

/// The fixes for `table` with `wrong` cells replaced.
fn culprits_with(table: &[i64], relations: &[Relation], wrong: &[(usize, i64)]) -> Culprits {
    let mut values = some(table);
    for &(v, x) in wrong {
        values[v] = Some(x);
    }
    culprits(&values, relations, &CulpritOptions::default())
}

#[test]
fn a_clean_table_is_consistent() {
    assert_eq!(
        culprits_with(&clean_t2(), &t2_relations(F2021), &[]),
        Culprits::Consistent
    );
}

#[test]
fn one_wrong_cell_in_each_position_class_is_named() {
    let t = clean_t2();
    let rels = t2_relations(F2021);
    let cases = [
        ("row total", var(2, 6), 0),
        ("column total", var(F2021.total(), 0), 0),
        ("grand total", var(F2021.total(), 6), 99),
        ("applicant cell", var(12, 4), 3),
        ("上年结转", var(1, 1), 0),
        ("结转下年度", var(F2021.carry(), 0), 7),
        ("新收", var(0, 4), 0),
    ];
    for (name, cell, wrong) in cases {
        assert_ne!(t[cell], wrong, "{name}");
        assert_eq!(
            culprits_with(&t, &rels, &[(cell, wrong)]),
            Culprits::Fixes(vec![fix(&[(cell, wrong, t[cell])])]),
            "{name}"
        );
    }
}

#[test]
fn two_independent_wrong_cells_are_both_named() {
    let t = clean_t2();
    let (a, b) = (var(2, 0), var(12, 4));
    assert_eq!(
        culprits_with(&t, &t2_relations(F2021), &[(a, 25), (b, 4)]),
        Culprits::Fixes(vec![fix(&[(a, 25, 20), (b, 4, 1)])])
    );
}

#[test]
fn a_symmetric_error_reports_the_tie() {
    // 1 moved from column 1 to column 2 within row （一）: every row that
    // could move it back is an equally small fix.
    let t = clean_t2();
    let (a, b) = (var(2, 0), var(2, 1));
    let Culprits::Fixes(fixes) = culprits_with(&t, &t2_relations(F2021), &[(a, 19), (b, 3)]) else {
        panic!("no fix");
    };
    assert!(fixes.len() > 1);
    assert!(fixes.contains(&fix(&[(a, 19, 20), (b, 3, 2)])));
    assert!(fixes.iter().all(|f| f.changes.len() == 2));
}

#[test]
fn a_wrong_table_three_cell_is_one_of_a_tie() {
    // One relation per group cannot tell which of its five cells is wrong.
    let t = [3, 1, 0, 0, 4, 0, 0, 0, 0, 0, 2, 0, 0, 1, 3];
    let Culprits::Fixes(fixes) = culprits_with(&t, &t3_relations(), &[(1, 4)]) else {
        panic!("no fix");
    };
    assert!(fixes.contains(&fix(&[(1, 4, 1)])));
    // V1 → 0, V2 → 1 or V5 → 7; V3 and V4 would have to be negative.
    assert_eq!(
        fixes,
        [fix(&[(0, 3, 0)]), fix(&[(1, 4, 1)]), fix(&[(4, 4, 7)])]
    );
}

#[test]
fn unknown_cells_are_never_blamed() {
    let t = clean_t2();
    let mut values = some(&t);
    values[var(2, 0)] = Some(21);
    values[var(2, 6)] = None;
    // Row （一） is not checked; column 1's sum names the cell or the total.
    let Culprits::Fixes(fixes) =
        culprits(&values, &t2_relations(F2021), &CulpritOptions::default())
    else {
        panic!("no fix");
    };
    assert!(fixes
        .iter()
        .all(|f| f.changes.iter().all(|c| c.var != var(2, 6))));
    assert!(fixes.contains(&fix(&[(var(2, 0), 21, 20)])));
}

#[test]
fn too_many_wrong_cells_are_not_found() {
    let t = clean_t2();
    let wrong = [
        (var(2, 0), 9),
        (var(3, 1), 9),
        (var(9, 2), 9),
        (var(12, 3), 9),
    ];
    let options = CulpritOptions {
        max_size: 2,
        ..CulpritOptions::default()
    };
    let mut values = some(&t);
    for (v, x) in wrong {
        values[v] = Some(x);
    }
    assert_eq!(
        culprits(&values, &t2_relations(F2021), &options),
        Culprits::NotFound
    );
}

// --------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Reading flattened rows gives back each cell's value or nothing.
    #[test]
    fn flattened_t2_2021_reads_back_or_nothing(
        table in t2_table(F2021),
        flat in prop::collection::vec(prop::bool::weighted(0.8), F2021.rows),
    ) {
        check_reading(&t2_model(F2021, &table, &flat), &table)?;
    }

    #[test]
    fn flattened_t2_2019_reads_back_or_nothing(
        table in t2_table(F2019),
        flat in prop::collection::vec(prop::bool::weighted(0.8), F2019.rows),
    ) {
        check_reading(&t2_model(F2019, &table, &flat), &table)?;
    }

    /// Rows partly run together (some boundaries kept, how many cells each
    /// token holds not known): each cell's value or nothing.
    #[test]
    fn partly_flattened_t2_reads_back_or_nothing(
        table in t2_table(F2021),
        kept in prop::collection::vec(prop::array::uniform6(prop::bool::weighted(0.4)), F2021.rows),
    ) {
        check_reading(&t2_model_partly(F2021, &table, &kept), &table)?;
    }

    /// 表三 as one run of fifteen cells.
    #[test]
    fn flattened_t3_reads_back_or_nothing(table in t3_table()) {
        let mut model = Model::new(15);
        model.add_run(0, 15, &flatten(&table)).unwrap();
        for relation in t3_relations() {
            model.add_relation(relation).unwrap();
        }
        check_reading(&model, &table)?;
    }

    /// One wrong 表二 cell anywhere is named, with its value.
    #[test]
    fn one_wrong_t2_cell_is_named(
        table in t2_table(F2021),
        cell in 0..F2021.len(),
        delta in prop_oneof![-50i64..0, 1i64..50],
    ) {
        // Never the right value: a change below zero goes up instead.
        let wrong = if table[cell] + delta < 0 { table[cell] - delta } else { table[cell] + delta };
        prop_assert_eq!(
            culprits_with(&table, &t2_relations(F2021), &[(cell, wrong)]),
            Culprits::Fixes(vec![fix(&[(cell, wrong, table[cell])])])
        );
    }

    /// The same in the 2019 layout.
    #[test]
    fn one_wrong_t2_2019_cell_is_named(
        table in t2_table(F2019),
        cell in 0..F2019.len(),
        wrong in 0i64..100,
    ) {
        prop_assume!(wrong != table[cell]);
        prop_assert_eq!(
            culprits_with(&table, &t2_relations(F2019), &[(cell, wrong)]),
            Culprits::Fixes(vec![fix(&[(cell, wrong, table[cell])])])
        );
    }

    /// Any text, any cells: no panic.
    #[test]
    fn any_run_does_not_panic(text in "[0-9.]{1,30}", count in 1usize..9, scale in 0u8..6) {
        let mut model = Model::new(count);
        model.set_kind(0, Kind::Money { scale }).unwrap();
        model.add_run(0, count, &text).unwrap();
        let parts: Vec<usize> = (1..count).collect();
        model.add_relation(Relation::sum(0, &parts)).unwrap();
        let _ = split(&model, &SplitOptions { budget: 20_000, ..SplitOptions::default() });
    }
}

/// `Unique` gives the table back, `Ambiguous` agrees with it where it
/// claims agreement; a valid table is never inconsistent.
fn check_reading(model: &Model, table: &[i64]) -> Result<(), TestCaseError> {
    match split(model, &SplitOptions::default()) {
        Split::Unique { values, .. } => prop_assert_eq!(values, some(table)),
        Split::Ambiguous {
            cells_that_differ,
            cells_that_agree,
            ..
        } => {
            for (v, x) in cells_that_agree {
                prop_assert_eq!(x, table[v], "cell {}", v);
            }
            prop_assert!(!cells_that_differ.is_empty());
        }
        Split::Inconsistent { runs } => prop_assert!(false, "inconsistent: {:?}", runs),
        Split::GaveUp => {}
    }
    Ok(())
}
