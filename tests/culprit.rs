//! FIX-CELL: a clean fictional report with numbers changed, one cell in each
//! position class, must name exactly that cell and its right value, and link
//! the relation findings it explains (`caused_by` / `explains`).

use std::path::Path;

use proptest::prelude::*;
use xxgk::{check, CellRef, Number, Options, Report, Severity, TableId};

const RELATIONS: [&str; 7] = [
    "T2-ROW", "T2-SUM", "T2-BAL", "T2-GROUP", "T3-REV", "T3-LIT1", "T3-LIT2",
];

fn clean() -> String {
    fixture("clean_2021_tabs")
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.txt"));
    std::fs::read_to_string(path).expect("fixture")
}

fn run(text: &str) -> Report {
    check(text, &Options::default())
}

fn t2(row: &'static str, column: usize) -> CellRef {
    CellRef {
        table: TableId::Applications,
        row: Some(row),
        column,
    }
}

fn t3(column: usize) -> CellRef {
    CellRef {
        table: TableId::Review,
        row: None,
        column,
    }
}

/// The value of a cell of a report, as read.
fn value(report: &Report, cell: &CellRef) -> i64 {
    let cells = match cell.table {
        TableId::Applications => report
            .tables
            .applications
            .as_ref()
            .and_then(|t| t.get(cell.row.expect("row"))),
        TableId::Review => report.tables.review.as_deref(),
        TableId::Active => None,
    };
    cells
        .and_then(|c| c.get(cell.column))
        .and_then(|c| c.value)
        .and_then(Number::as_int)
        .expect("a number")
}

/// The text with the cells changed to the values given.
fn edit(text: &str, changes: &[(CellRef, i64)]) -> String {
    let report = run(text);
    let mut spans: Vec<(usize, usize, i64)> = changes
        .iter()
        .map(|(cell, v)| {
            let cells = match cell.table {
                TableId::Applications => report
                    .tables
                    .applications
                    .as_ref()
                    .and_then(|t| t.get(cell.row.expect("row"))),
                _ => report.tables.review.as_deref(),
            };
            let span = cells.expect("table")[cell.column].span;
            (span.start, span.end, *v)
        })
        .collect();
    spans.sort_unstable();
    let mut out = text.to_string();
    for (start, end, v) in spans.into_iter().rev() {
        out.replace_range(start..end, &v.to_string());
    }
    out
}

/// Every `caused_by` points to a FIX-CELL whose `explains` holds it, and
/// every `explains` entry points back.
fn assert_links(report: &Report) {
    let d = &report.diagnostics;
    for (i, x) in d.iter().enumerate() {
        if let Some(root) = x.caused_by {
            let r = &d[root];
            assert_eq!(r.code, "FIX-CELL", "{i}: caused_by {root}");
            assert!(r.explains.contains(&i), "{i}: not in {root}'s explains");
            assert!(RELATIONS.contains(&x.code), "{i}: {}", x.code);
            assert!(x.explains.is_empty());
        }
        for &j in &x.explains {
            assert_eq!(x.code, "FIX-CELL");
            assert_eq!(x.severity, Severity::Error);
            assert_eq!(d[j].caused_by, Some(i), "{j} does not point back to {i}");
        }
        assert!(x.explains.windows(2).all(|w| w[0] < w[1]));
    }
}

fn fix_cells(report: &Report) -> Vec<&xxgk::Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == "FIX-CELL")
        .collect()
}

/// One FIX-CELL, an error naming `cell` with `right` instead of `wrong`,
/// explaining every relation finding.
fn assert_named(report: &Report, cell: &CellRef, wrong: i64, right: i64, name: &str) {
    assert_links(report);
    let fixes = fix_cells(report);
    assert_eq!(fixes.len(), 1, "{name}: {fixes:#?}");
    let f = fixes[0];
    assert_eq!(f.severity, Severity::Error, "{name}");
    assert_eq!(f.cell.as_ref(), Some(cell), "{name}");
    assert_eq!(f.expected, Some(Number::Int(right)), "{name}");
    assert_eq!(f.actual, Some(Number::Int(wrong)), "{name}");
    assert!(
        f.message.starts_with("最可能填错的是 ")
            && f.message.ends_with(&format!("：{wrong}，应为 {right}")),
        "{name}: {}",
        f.message
    );
    let relations: Vec<usize> = (0..report.diagnostics.len())
        .filter(|&i| RELATIONS.contains(&report.diagnostics[i].code))
        .collect();
    assert!(!relations.is_empty(), "{name}");
    assert_eq!(f.explains, relations, "{name}");
}

#[test]
fn the_clean_report_has_no_fix() {
    let report = run(&clean());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
}

#[test]
fn one_wrong_cell_in_each_position_class_is_named() {
    let text = clean();
    let report = run(&text);
    let cases = [
        ("row total", t2("granted", 6), 0),
        ("column total （七）总计", t2("total", 0), 3),
        ("grand total", t2("total", 6), 9),
        ("applicant cell", t2("granted", 0), 3),
        ("applicant cell of another column", t2("unable.1", 3), 2),
        ("上年结转", t2("carried_over", 0), 2),
        ("结转下年度", t2("carried_forward", 3), 1),
        ("新收", t2("new", 3), 0),
    ];
    for (name, cell, wrong) in cases {
        let right = value(&report, &cell);
        assert_ne!(right, wrong, "{name}");
        let changed = run(&edit(&text, &[(cell.clone(), wrong)]));
        assert_named(&changed, &cell, wrong, right, name);
    }
}

#[test]
fn the_same_in_the_2019_format() {
    let text = fixture("clean_2019_tabs");
    let report = run(&text);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    for cell in [
        t2("granted", 6),
        t2("total", 0),
        t2("total", 6),
        t2("partial", 0),
        t2("other", 6),
        t2("carried_over", 6),
        t2("carried_forward", 0),
        t2("new", 0),
    ] {
        let right = value(&report, &cell);
        let wrong = right + 2;
        let changed = run(&edit(&text, &[(cell.clone(), wrong)]));
        assert_named(&changed, &cell, wrong, right, &format!("{cell:?}"));
    }
}

#[test]
fn the_right_column_total_is_not_blamed() {
    // 予以公开·总计 0 instead of 2: T2-ROW of the row and T2-SUM of the
    // 总计 column fail; the （七）总计 is right and only the row total is named.
    let text = edit(&clean(), &[(t2("granted", 6), 0)]);
    let report = run(&text);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["FIX-CELL", "T2-ROW", "T2-SUM"]);
    assert_eq!(
        report.diagnostics[0].message,
        "最可能填错的是 表二「（一）予以公开」·总计：0，应为 2"
    );
    assert_eq!(report.diagnostics[0].explains, [1, 2]);
    assert_eq!(report.diagnostics[2].caused_by, Some(0));
    let json = report.to_json();
    assert!(json.contains(r#""explains":[1,2]"#), "{json}");
    assert!(json.contains(r#""caused_by":0"#), "{json}");
    // The text render shows the consequences under the root only.
    let shown = xxgk::render::render_text(&report, &text, false);
    assert_eq!(shown.matches("error[T2-SUM]").count(), 1);
    assert!(shown.contains("\n    error[T2-SUM]"), "{shown}");
    assert!(shown.contains("\nerror[FIX-CELL]"), "{shown}");
    assert!(shown.contains("由它引起的 2 条错误随之消除"), "{shown}");
}

#[test]
fn two_independent_wrong_cells_are_both_named() {
    let text = clean();
    let (a, b) = (t2("granted", 0), t2("carried_forward", 3));
    let report = run(&edit(&text, &[(a.clone(), 3), (b.clone(), 2)]));
    assert_links(&report);
    let fixes = fix_cells(&report);
    assert_eq!(fixes.len(), 2, "{fixes:#?}");
    let named: Vec<(Option<&CellRef>, Option<Number>, Option<Number>)> = fixes
        .iter()
        .map(|d| (d.cell.as_ref(), d.expected, d.actual))
        .collect();
    assert!(named.contains(&(Some(&a), Some(Number::Int(2)), Some(Number::Int(3)))));
    assert!(named.contains(&(Some(&b), Some(Number::Int(0)), Some(Number::Int(2)))));
    assert!(fixes.iter().all(|d| d.severity == Severity::Error));
    assert!(fixes.iter().all(|d| d.message.contains("一起改正")));
    // Every relation finding is explained by one of them.
    for d in &report.diagnostics {
        if RELATIONS.contains(&d.code) {
            assert!(d.caused_by.is_some(), "{d:#?}");
        }
    }
}

#[test]
fn a_symmetric_error_reports_the_tie() {
    // 1 moved from 自然人 to 社会公益组织 within （一）予以公开: the row still
    // adds up, and （二）部分公开 (0 0 0 1 0 0 1) could as well move it back.
    let text = edit(&clean(), &[(t2("granted", 0), 1), (t2("granted", 3), 1)]);
    let report = run(&text);
    assert_links(&report);
    let fixes = fix_cells(&report);
    assert_eq!(fixes.len(), 1, "{fixes:#?}");
    let f = fixes[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.cell, None);
    assert!(f.explains.is_empty());
    assert!(
        f.message.starts_with("无法确定是哪个单元格填错"),
        "{}",
        f.message
    );
    assert!(
        f.message
            .contains("表二「（一）予以公开」·自然人：1，应为 2、表二「（一）予以公开」·社会公益组织：1，应为 0"),
        "{}",
        f.message
    );
    assert!(f.related.iter().any(|r| r.cell == t2("granted", 0)));
    assert!(report.diagnostics.iter().all(|d| d.caused_by.is_none()));
}

#[test]
fn one_broken_relation_mended_by_any_of_its_cells_names_none() {
    // One relation per group: 结果维持 1 → 4 could as well be a 总计 of 4, or
    // any other cell of the group; the T3-LIT1 finding says all there is.
    let text = edit(&clean(), &[(t3(5), 3)]);
    let report = run(&text);
    assert_links(&report);
    assert!(fix_cells(&report).is_empty(), "{:#?}", fix_cells(&report));
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["T3-LIT1"]);
}

#[test]
fn unreadable_cells_are_never_named() {
    // 予以公开·总计 unreadable: its row is not checked, and neither is the
    // T2-SUM of the 总计 column; 自然人 3 instead of 2 then breaks T2-SUM
    // of 自然人 only, which the applicant cell and the （七）总计 explain equally.
    let text = edit(&clean(), &[(t2("granted", 0), 3)]);
    let report = run(&text);
    let span = report
        .tables
        .applications
        .as_ref()
        .unwrap()
        .get("granted")
        .unwrap()[6]
        .span;
    let mut text = text;
    text.replace_range(span.start..span.end, "约2");
    let report = run(&text);
    assert_links(&report);
    for f in fix_cells(&report) {
        assert_ne!(f.cell, Some(t2("granted", 6)));
        assert!(!f.related.iter().any(|r| r.cell == t2("granted", 6)));
        assert!(
            !f.message.contains("「（一）予以公开」·总计"),
            "{}",
            f.message
        );
    }
}

#[test]
fn every_fixture_links_consistently() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let report = run(&text);
        assert_links(&report);
        if path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("clean_")
        {
            assert!(fix_cells(&report).is_empty(), "{}", path.display());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// One changed cell of 表二 is named exactly, or is one of a tie.
    #[test]
    fn one_changed_cell_is_named_or_listed(row in 0usize..25, column in 0usize..7, wrong in 0i64..30) {
        let text = clean();
        let report = run(&text);
        let rows = report.tables.applications.as_ref().unwrap();
        let (key, cells) = &rows.0[row];
        let right = cells[column].value.and_then(Number::as_int).unwrap();
        prop_assume!(right != wrong);
        let cell = t2(key, column);
        let changed = run(&edit(&text, &[(cell.clone(), wrong)]));
        assert_links(&changed);
        let fixes = fix_cells(&changed);
        prop_assert_eq!(fixes.len(), 1);
        let f = fixes[0];
        if f.severity == Severity::Error {
            prop_assert_eq!(f.cell.as_ref(), Some(&cell));
            prop_assert_eq!(f.expected, Some(Number::Int(right)));
        } else {
            prop_assert!(f.related.iter().any(|r| r.cell == cell));
            let listed = format!("·{}：{wrong}，应为 {right}", xxgk::template::table2::COLUMNS[column]);
            prop_assert!(f.message.contains(&listed), "{}", f.message);
        }
    }
}

#[test]
fn the_text_render_never_panics_on_odd_links() {
    let text = edit(&clean(), &[(t2("granted", 6), 0)]);
    let mut report = run(&text);
    let n = report.diagnostics.len();
    report.diagnostics[0].explains = vec![0, 1, n + 5];
    report.diagnostics[1].caused_by = Some(n + 9);
    report.diagnostics[2].caused_by = Some(2);
    let shown = xxgk::render::render_text(&report, &text, false);
    // Nothing folded under a broken link is lost.
    assert_eq!(shown.matches("error[").count(), n, "{shown}");
}

#[test]
fn a_configuration_that_drops_a_consequence_keeps_the_links_right() {
    // T2-ROW turned off: FIX-CELL explains only the T2-SUM that is left.
    let text = edit(&clean(), &[(t2("granted", 6), 0)]);
    let config = xxgk::Config::new(&[], &["T2-ROW".to_string()], &[]).expect("config");
    let report = xxgk::check_with(&text, &Options::default(), &config);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["FIX-CELL", "T2-SUM"]);
    assert_eq!(report.diagnostics[0].explains, [1]);
    assert_eq!(report.diagnostics[1].caused_by, Some(0));
    assert_links(&report);
    // FIX-CELL turned off: nothing points at a finding that is gone.
    let config = xxgk::Config::new(&[], &["FIX-CELL".to_string()], &[]).expect("config");
    let report = xxgk::check_with(&text, &Options::default(), &config);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.caused_by.is_none() && d.explains.is_empty()));
}
