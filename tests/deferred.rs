//! The page's checker is built without the joint split of runs of digits
//! (feature `digit-runs`): a text with runs for tables 2 or 3 gets a report
//! marked `deferred_runs`, and the page checks it again with the module that
//! has the solver. These tests hold the two readings together: a report not
//! marked is exactly the full reading, and every text whose full reading
//! splits a run (or leaves one unread) is marked. The random flattened
//! reports of tests/flattened.rs are held to the same (see there).

use std::path::{Path, PathBuf};
use xxgk::{check, check_without_solver, Options, Report};

/// Every text the tests check: the fixtures, the regressions, the texts of
/// the comparison and route tests.
fn texts() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for dir in ["fixtures", "regressions", "compare", "routes"] {
        walk(&root.join(dir), &mut out);
    }
    out
}

/// Whether the full reading found a run of digits in table 2 or 3 (split,
/// partly split or left unread).
fn has_t2_t3_run(report: &Report) -> bool {
    report.diagnostics.iter().any(|d| {
        (d.code.starts_with("CELL-SPLIT") || d.code == "CELL-MERGED")
            && d.cell.as_ref().is_some_and(|c| {
                matches!(c.table, xxgk::TableId::Applications | xxgk::TableId::Review)
            })
    })
}

/// Checks `text` both ways and holds them together; returns whether the
/// reading without the solver was deferred.
fn both(name: &str, text: &str) -> bool {
    let options = Options::default();
    let full = check(text, &options);
    let page = check_without_solver(text, &options);
    assert!(
        !full.deferred_runs,
        "{name}: the full reading is never deferred"
    );
    assert!(
        !full.to_json().contains("deferred_runs"),
        "{name}: the contract's JSON is unchanged"
    );
    if page.deferred_runs {
        assert!(page.to_json().contains("\"deferred_runs\":true"), "{name}");
    } else {
        assert_eq!(
            full.to_json(),
            page.to_json(),
            "{name}: not deferred, yet read otherwise than with the solver"
        );
    }
    if has_t2_t3_run(&full) {
        assert!(page.deferred_runs, "{name}: a run of digits, not deferred");
    }
    page.deferred_runs
}

#[test]
fn a_report_not_deferred_reads_as_with_the_solver() {
    let all = texts();
    assert!(all.len() > 30, "{} texts", all.len());
    let mut deferred = 0;
    for path in &all {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.display().to_string();
        // Deferred exactly when the full reading meets a run: a report laid
        // out in columns never makes the page load the second module.
        let run = has_t2_t3_run(&check(&text, &Options::default()));
        assert_eq!(
            both(&name, &text),
            run,
            "{name}: deferred, run in the full reading"
        );
        deferred += usize::from(run);
    }
    // The five flattened fixtures, split_runs and split_unresolved.
    assert!(deferred >= 7, "{deferred} deferred");
}

#[test]
fn a_clean_report_is_not_deferred() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean_2021_tabs.txt"),
    )
    .expect("fixture");
    assert!(!both("clean_2021_tabs.txt", &text));
}

/// The base report with the first line of `numbers` numbers (tab
/// separated) glued into one run, the rest laid out in columns.
fn glue_first(numbers: usize) -> String {
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flattened/base_2022.txt"),
    )
    .expect("fixture");
    let mut done = false;
    let text = base
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let count = cells.iter().filter(|c| c.parse::<i64>().is_ok()).count();
            if !done && count == numbers {
                done = true;
                cells.concat()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(done, "no line of {numbers} numbers in the base");
    text
}

#[test]
fn one_row_of_table_2_as_a_run_is_deferred() {
    assert!(both("table 2 row glued", &glue_first(7)));
}

#[test]
fn table_3_alone_as_one_run_is_deferred() {
    assert!(both("table 3 glued", &glue_first(15)));
}
