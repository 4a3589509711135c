//! The five real reports in `../shared/seeds/` (spec §9).
//!
//! The seeds are read at run time and never copied into the repository. When
//! the folder is absent (a clone without `shared/`), each test prints why it
//! is skipped and passes.
//!
//! Each test asserts the exact multiset of findings (code + cell, as in the
//! fixtures' `.expect` files) and the values that matter for that seed. Every
//! seed must also give cells whose span covers exactly the cell's text, and
//! blank cells without a value.

use std::path::{Path, PathBuf};

use xxgk::{check, CellRef, Number, Options, Report, Severity, TableId, Template};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// The seed whose file name starts with `prefix` (`000_`), checked; `None`
/// (after saying why) when the seeds are not there.
fn seed(prefix: &str) -> Option<(String, Report)> {
    let dir = seeds_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!(
            "skipping seed {prefix}: {} not found (seeds are only in the shared folder)",
            dir.display()
        );
        return None;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    names.sort();
    let Some(path) = names.into_iter().next() else {
        println!(
            "skipping seed {prefix}: no {prefix}*.txt in {}",
            dir.display()
        );
        return None;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = Options {
        source: path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("-")
            .to_string(),
        ..Options::default()
    };
    let report = check(&text, &options);
    assert_cells_consistent(&text, &report);
    Some((text, report))
}

// ---- helpers -------------------------------------------------------------------

fn table_name(t: TableId) -> &'static str {
    match t {
        TableId::Active => "active",
        TableId::Applications => "applications",
        TableId::Review => "review",
    }
}

/// `CODE` or `CODE table row column`, as in the fixtures' `.expect` files.
fn finding(code: &str, cell: Option<&CellRef>) -> String {
    match cell {
        None => code.to_string(),
        Some(c) => format!(
            "{code} {} {} {}",
            table_name(c.table),
            c.row.unwrap_or("-"),
            c.column
        ),
    }
}

/// The report's findings must be exactly `expected` (order ignored).
fn assert_findings(report: &Report, expected: &[&str]) {
    let mut actual: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| finding(d.code, d.cell.as_ref()))
        .collect();
    let mut want: Vec<String> = expected
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    actual.sort();
    want.sort();
    if actual != want {
        let mut missing = want.clone();
        let mut extra = Vec::new();
        for a in &actual {
            match missing.iter().position(|w| w == a) {
                Some(i) => {
                    missing.remove(i);
                }
                None => extra.push(a.clone()),
            }
        }
        let details: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                let at = d
                    .span
                    .map_or_else(|| "-".into(), |s| format!("{}:{}", s.line, s.column));
                format!(
                    "  {} at {at}: {}",
                    finding(d.code, d.cell.as_ref()),
                    d.message
                )
            })
            .collect();
        panic!(
            "{}: findings differ\n missing: {missing:?}\n unexpected: {extra:?}\n all found:\n{}",
            report.source,
            details.join("\n")
        );
    }
}

fn diagnostic<'a>(report: &'a Report, code: &str, cell: &str) -> &'a xxgk::Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| finding(d.code, d.cell.as_ref()) == format!("{code} {cell}"))
        .unwrap_or_else(|| panic!("{}: no {code} {cell}", report.source))
}

fn cell<'a>(report: &'a Report, table: TableId, row: &str, column: usize) -> &'a xxgk::Cell {
    let rows = match table {
        TableId::Active => report.tables.active.as_ref(),
        TableId::Applications => report.tables.applications.as_ref(),
        TableId::Review => {
            return report
                .tables
                .review
                .as_ref()
                .and_then(|r| r.get(column))
                .unwrap_or_else(|| panic!("{}: no table-3 cell {column}", report.source))
        }
    };
    rows.and_then(|r| r.get(row))
        .and_then(|cells| cells.get(column))
        .unwrap_or_else(|| {
            panic!(
                "{}: no cell {} {row} {column}",
                report.source,
                table_name(table)
            )
        })
}

/// Every cell's span covers exactly its text; a blank cell has no value.
fn assert_cells_consistent(text: &str, report: &Report) {
    let mut cells: Vec<(String, &xxgk::Cell)> = Vec::new();
    for (name, rows) in [
        ("active", &report.tables.active),
        ("applications", &report.tables.applications),
    ] {
        for (key, cs) in rows.iter().flat_map(|r| r.0.iter()) {
            for (i, c) in cs.iter().enumerate() {
                cells.push((format!("{name} {key} {i}"), c));
            }
        }
    }
    for (i, c) in report.tables.review.iter().flatten().enumerate() {
        cells.push((format!("review - {i}"), c));
    }
    for (at, c) in cells {
        let covered = text.get(c.span.start..c.span.end);
        assert_eq!(
            covered,
            Some(c.text.as_str()),
            "{}: cell {at}: span {}..{} does not cover its text",
            report.source,
            c.span.start,
            c.span.end
        );
        if c.text.trim().is_empty() {
            assert_eq!(
                c.value, None,
                "{}: blank cell {at} has a value",
                report.source
            );
        }
    }
}

#[allow(clippy::unnecessary_wraps)] // reads as the expected `Option` value
fn int(n: i64) -> Option<Number> {
    Some(Number::Int(n))
}

// ---- the seeds -------------------------------------------------------------------

/// 000: county education bureau, 2020, F2019 one cell per line.
#[test]
fn seed_000() {
    let Some((_, r)) = seed("000_") else { return };
    assert_eq!(r.template, Template::F2019);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.date, None, "no signature date");
    assert_findings(
        &r,
        &[
            // （六）其他处理 = 1 but （七）总计 = 0, in 自然人 and 总计.
            "T2-SUM applications total 0",
            "T2-SUM applications total 6",
            // 一 + 二 = 1 + 2 but （七）+ 四 = 0 + 0, in 自然人 and 总计.
            "T2-BAL applications total 0",
            "T2-BAL applications total 6",
            // 规章 110/110/110 for a county bureau.
            "T1-REGS active regulations 0",
            // 五 plans "2020年…将" in a 2020 report.
            "DOC-YEAR",
        ],
    );
    for col in [0, 6] {
        let d = diagnostic(&r, "T2-SUM", &format!("applications total {col}"));
        assert_eq!(
            (d.expected, d.actual),
            (int(1), int(0)),
            "T2-SUM column {col}"
        );
    }
    assert_eq!(cell(&r, TableId::Active, "regulations", 0).value, int(110));
    let money = cell(&r, TableId::Active, "procurement", 1);
    assert_eq!(money.unit.as_deref(), Some("元"));
    assert_eq!(money.value, Some(Number::Dec(15_800_000.0)));
    let review = r.tables.review.as_ref().expect("table 3 read");
    assert_eq!(review.len(), 15);
    assert!(
        review.iter().all(|c| c.value == int(0)),
        "table 3: 15 zeros"
    );
}

/// 001: development-zone education bureau, 2020, F2019 tabs; tables 2 and 3
/// headed （无） and left empty.
#[test]
fn seed_001() {
    let Some((_, r)) = seed("001_") else { return };
    assert_eq!(r.template, Template::F2019);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.date.as_deref(), Some("2021-01-26"));
    assert_findings(
        &r,
        &[
            "DOC-BLANK active other_services 0",
            "DOC-BLANK active other_services 1",
            "DOC-BLANK active other_services 2",
            "DOC-BLANK active enforcement 0",
            "DOC-BLANK active enforcement 1",
            "DOC-BLANK active enforcement 2",
            "DOC-BLANK active fees 0",
            "DOC-BLANK active fees 1",
            // 15 增 1 16 and 40 减 18 22: the item count put into 处理决定数量.
            "T1-19-MISUSE active licensing 2",
            "T1-19-MISUSE active penalty 2",
            // 采购总金额 9163926.50 without a unit.
            "T1-UNIT-MISSING active procurement 1",
            // 三 and 四 headed （无）, both tables entirely blank.
            "TABLE-NONE",
            "TABLE-NONE",
            "TABLE-BLANK",
            "TABLE-BLANK",
        ],
    );
    assert_eq!(
        cell(&r, TableId::Active, "licensing", 1).value,
        int(1),
        "增 1"
    );
    assert_eq!(
        cell(&r, TableId::Active, "penalty", 1).value,
        int(-18),
        "减 18"
    );
}

/// 002: city education bureau, 2020, F2019 tabs from a PDF.
#[test]
fn seed_002() {
    let Some((_, r)) = seed("002_") else { return };
    assert_eq!(r.template, Template::F2019);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.date.as_deref(), Some("2021-01-27"));
    assert_findings(
        &r,
        &[
            // （一）予以公开: 自然人 15, 总计 0.
            "T2-ROW applications granted 6",
            // The one cell to correct: 予以公开·总计 0 → 15.
            "FIX-CELL applications granted 6",
            // Column 总计: （七） 15 but the outcomes add up to 0.
            "T2-SUM applications total 6",
            // 四、结转下年度继续办理 and 1.本机关不掌握相关政府信息 have 6 cells.
            "ROW-CELLS applications carried_forward 0",
            "ROW-CELLS applications unable.1 0",
            // Table 3 has 16 cells.
            "ROW-CELLS review - 0",
        ],
    );
    let d = diagnostic(&r, "T2-ROW", "applications granted 6");
    assert_eq!((d.expected, d.actual), (int(15), int(0)));
    let d = diagnostic(&r, "T2-SUM", "applications total 6");
    assert_eq!((d.expected, d.actual), (int(0), int(15)));
    let fix = diagnostic(&r, "FIX-CELL", "applications granted 6");
    assert_eq!((fix.expected, fix.actual), (int(15), int(0)));
    assert_eq!(
        fix.message,
        "最可能填错的是 表二「（一）予以公开」·总计：0，应为 15"
    );
    assert_eq!(fix.explains.len(), 2);
    for &i in &fix.explains {
        assert!(["T2-ROW", "T2-SUM"].contains(&r.diagnostics[i].code));
    }
    let money = cell(&r, TableId::Active, "procurement", 1);
    assert_eq!(money.value, Some(Number::Dec(252.1)));
    assert_eq!(money.unit.as_deref(), Some("万元"));
}

/// 003: county education bureau, 2021, F2021 tabs.
#[test]
fn seed_003() {
    let Some((_, r)) = seed("003_") else { return };
    assert_eq!(r.template, Template::F2021);
    assert_eq!(r.year, Some(2021));
    assert_eq!(r.date, None);
    // 2.其他法律法规禁止公开 for 2.其他法律行政法规禁止公开; 社会组织 in the
    // header is not reported.
    assert_findings(&r, &["LABEL-VARIANT applications denied.2 0"]);
    assert_eq!(r.count(Severity::Error), 0);
    let fee = cell(&r, TableId::Active, "fees", 0);
    assert_eq!(fee.value, Some(Number::Dec(2673.5355)));
    assert_eq!(fee.unit.as_deref(), Some("万元"));
}

/// 004: prefecture education bureau, 2020, F2019 tabs; nothing to report.
#[test]
fn seed_004() {
    let Some((_, r)) = seed("004_") else { return };
    assert_eq!(r.template, Template::F2019);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.date.as_deref(), Some("2021-01-30"));
    assert_findings(&r, &[]);
    assert_eq!(
        cell(&r, TableId::Active, "licensing", 1).value,
        int(2),
        "+2"
    );
    assert_eq!(cell(&r, TableId::Active, "fees", 1).value, int(1), "+1");
}
