//! Tables whose cell boundaries were lost (`一、本年新收政府信息公开申请数量352001038`):
//! the runs of digits are split by the template's arithmetic, and a value is
//! given only when exactly one split fits.
//!
//! `tests/fixtures/flattened/base_2022.txt` is a fictional report with tab
//! separated tables; every other text there is the same report flattened the
//! way crawlers do (cells glued row by row; rows separated by spaces; rows
//! glued to each other; every table flattened). Each is checked against the
//! base: every cell is the original value or unread, never another number.

#[allow(dead_code)]
#[path = "solve/tables.rs"]
mod tables;

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use xxgk::{check, Cell, Options, Report};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flattened")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn run(text: &str) -> Report {
    check(text, &Options::default())
}

/// The page's checker (no solver) reads `text` as `full` does, or defers it
/// to the module with the solver (tests/deferred.rs).
fn same_or_deferred(text: &str, full: &Report) -> bool {
    let page = xxgk::check_without_solver(text, &Options::default());
    page.deferred_runs || page.to_json() == full.to_json()
}

/// The cells of 表二 (row by row, in report order) and 表三, with their
/// places.
fn t2_t3(report: &Report) -> Vec<(String, &Cell)> {
    let mut out = Vec::new();
    if let Some(rows) = &report.tables.applications {
        for (key, cells) in &rows.0 {
            for (i, c) in cells.iter().enumerate() {
                out.push((format!("applications {key} {i}"), c));
            }
        }
    }
    for (i, c) in report.tables.review.iter().flatten().enumerate() {
        out.push((format!("review {i}"), c));
    }
    out
}

/// Every cell of `flat` holds the value of the same cell in `base`, or
/// nothing; inferred cells span exactly their digits. Returns (cells,
/// cells recovered).
fn compare(name: &str, base: &Report, flat: &Report, text: &str) -> (usize, usize) {
    let want = t2_t3(base);
    let have = t2_t3(flat);
    assert_eq!(
        want.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        have.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        "{name}: the cells read"
    );
    let mut recovered = 0;
    for ((place, w), (_, h)) in want.iter().zip(&have) {
        if let Some(v) = h.value {
            assert_eq!(Some(v), w.value, "{name}: {place} is wrong");
            recovered += 1;
        }
        if !h.inferred.is_empty() {
            assert!(
                h.value.is_some(),
                "{name}: {place} inferred without a value"
            );
            let digits = &text[h.span.start..h.span.end];
            assert_eq!(digits, h.text, "{name}: {place} span");
            assert_eq!(
                Some(digits.to_string()),
                h.value.map(|v| v.to_string()),
                "{name}: {place} text"
            );
        }
    }
    (want.len(), recovered)
}

fn codes(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

const FLATTENED: [&str; 5] = [
    "rows_2022.txt",
    "spaces_2022.txt",
    "glued_2022.txt",
    "all_tables_2022.txt",
    "report_one_line_2022.txt",
];

#[test]
fn the_base_report_is_clean() {
    let base = run(&read("base_2022.txt"));
    assert!(base.diagnostics.is_empty(), "{:?}", codes(&base));
}

#[test]
fn flattened_fixtures_read_as_the_base() {
    let base = run(&read("base_2022.txt"));
    for name in FLATTENED {
        let text = read(name);
        let flat = run(&text);
        let (cells, recovered) = compare(name, &base, &flat, &text);
        // Every cell of these fixtures is recovered, and every run is
        // reported once.
        assert_eq!(recovered, cells, "{name}: {:?}", codes(&flat));
        let splits = flat.diagnostics.iter().filter(|d| d.code == "CELL-SPLIT");
        assert_eq!(splits.count(), 26, "{name}: one CELL-SPLIT per run");
        // The relations that separated the runs are not reported; only the
        // digits glued to table 1's labels stay unread.
        for d in &flat.diagnostics {
            let t1_merged = d.code == "CELL-MERGED"
                && d.cell
                    .as_ref()
                    .is_some_and(|c| c.table == xxgk::TableId::Active);
            assert!(
                d.code == "CELL-SPLIT" || t1_merged,
                "{name}: {} {}",
                d.code,
                d.message
            );
        }
    }
}

#[test]
fn inferred_cells_name_the_relations() {
    let flat = run(&read("rows_2022.txt"));
    let rows = flat.tables.applications.as_ref().unwrap();
    let new = rows.get("new").unwrap();
    let values: Vec<_> = new
        .iter()
        .map(|c| c.value.and_then(xxgk::Number::as_int))
        .collect();
    assert_eq!(
        values,
        [35, 2, 0, 0, 1, 0, 38].map(Some),
        "一、本年新收 352001038"
    );
    for c in new {
        assert_eq!(c.inferred, ["T2-ROW", "T2-BAL"]);
    }
    let total = rows.get("total").unwrap();
    assert_eq!(total[0].inferred, ["T2-ROW", "T2-SUM", "T2-BAL"]);
    let review = flat.tables.review.as_ref().unwrap();
    assert_eq!(review[4].inferred, ["T3-REV", "T3-LIT1", "T3-LIT2"]);
    assert_eq!(review[4].value.and_then(xxgk::Number::as_int), Some(3));
    // Cells read as written carry no `inferred` field in the JSON.
    let base = run(&read("base_2022.txt"));
    let json = serde_json::to_string(&base).unwrap();
    assert!(!json.contains("inferred"));
    let json = serde_json::to_string(&flat).unwrap();
    assert!(json.contains(r#""inferred":["T2-ROW","T2-BAL"]"#));
}

#[test]
fn the_text_output_marks_inferred_cells() {
    let text = read("rows_2022.txt");
    let out = xxgk::render::render_text(&run(&text), &text, false);
    assert!(out.contains(xxgk::render::INFERRED_LEGEND), "{out}");
    assert!(
        out.contains(
            "表二「一、本年新收政府信息公开申请数量」：35* 2* 0* 0* 1* 0* 38*（T2-ROW、T2-BAL）"
        ),
        "{out}"
    );
    let base = read("base_2022.txt");
    let out = xxgk::render::render_text(&run(&base), &base, false);
    assert!(!out.contains(xxgk::render::INFERRED_LEGEND));
}

/// The base text with table 3's fifteen numbers replaced, its cells glued.
fn with_t3(digits: &str) -> String {
    let base = read("base_2022.txt");
    let t3 = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0";
    let line = base
        .lines()
        .find(|l| l.starts_with("2\t1\t0\t0\t3"))
        .expect("table 3's numbers");
    let _ = t3;
    base.replace(line, digits)
}

fn t3_values(report: &Report) -> Vec<Option<i64>> {
    report
        .tables
        .review
        .iter()
        .flatten()
        .map(|c| c.value.and_then(xxgk::Number::as_int))
        .collect()
}

#[test]
fn an_ambiguous_run_stays_unread_where_the_readings_differ() {
    // 0 0 1 10 11 and 0 0 11 0 11 both satisfy T3-REV: the values every
    // reading agrees on at the start and the end are filled, the two in
    // between stay unread.
    let report = run(&with_t3("00110110000000000"));
    let mut want = vec![Some(0); 15];
    want[2] = None;
    want[3] = None;
    want[4] = Some(11);
    assert_eq!(t3_values(&report), want);
    let review = report.tables.review.as_ref().unwrap();
    assert!(review[2].inferred.is_empty() && review[3].inferred.is_empty());
    assert_eq!(review[4].inferred, ["T3-REV", "T3-LIT1", "T3-LIT2"]);
    assert_eq!(review[4].text, "11");
    assert_eq!(review[2].text, "110");
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "CELL-SPLIT-AMBIGUOUS")
        .expect("CELL-SPLIT-AMBIGUOUS");
    assert!(d.message.contains("2 种"), "{}", d.message);
    assert!(d.message.contains("13 个数值已填入"), "{}", d.message);
    // The relations over the cells left unread are said to be not checked.
    assert_eq!(codes(&report), ["CELL-SPLIT-AMBIGUOUS", "REL-NOT-CHECKED"]);
}

#[test]
fn an_inconsistent_run_stays_unread() {
    // One digit a cell, and 1 + 0 + 0 + 0 is not 0.
    let report = run(&with_t3("100000000000000"));
    assert_eq!(t3_values(&report), vec![None; 15]);
    let codes = codes(&report);
    assert_eq!(
        codes,
        [
            "CELL-SPLIT-NONE",
            "REL-NOT-CHECKED",
            "REL-NOT-CHECKED",
            "REL-NOT-CHECKED"
        ]
    );
    assert!(report.diagnostics[0].message.contains("计算错误"));
}

#[test]
fn a_unique_run_is_split_and_no_other_finding() {
    let report = run(&with_t3("210031000100000"));
    assert_eq!(
        t3_values(&report),
        [2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0].map(Some)
    );
    assert_eq!(codes(&report), ["CELL-SPLIT"]);
    let d = &report.diagnostics[0];
    assert!(
        d.message.contains("T3-REV、T3-LIT1、T3-LIT2"),
        "{}",
        d.message
    );
}

#[test]
fn a_short_run_is_not_split() {
    // Fewer digits than cells: a wrong count, as before.
    let report = run(&with_t3("2100310"));
    let codes = codes(&report);
    assert!(
        !codes.iter().any(|c| c.starts_with("CELL-SPLIT")),
        "{codes:?}"
    );
    assert!(codes.contains(&"ROW-CELLS"), "{codes:?}");
}

#[test]
fn a_report_with_an_arithmetic_error_is_not_split_into_a_lie() {
    // 一、本年新收 total written 39 instead of 38: the table has no consistent split.
    let text = read("rows_2022.txt").replace("352001038\n", "352001039\n");
    let report = run(&text);
    let base = run(&read("base_2022.txt"));
    let codes = codes(&report);
    assert!(codes.contains(&"CELL-SPLIT-NONE"), "{codes:?}");
    compare("arithmetic error", &base, &report, &text);
}

#[test]
fn the_longest_label_with_five_digit_cells_glued_is_still_a_row() {
    // `（六）其他处理1.申请人无正当理由逾期不补正…申请` and 25 digits: longer than
    // any label, but the digits are cells, not prose (found by the property
    // test below).
    let mut t2 = vec![0i64; 25 * 7];
    for row in [0, 20, 23] {
        t2[row * 7..row * 7 + 7].copy_from_slice(&[648, 249, 193, 4272, 4391, 247, 10000]);
    }
    let (plain, flat) = report_of(&t2, &[0; 15], false);
    assert!(flat.contains("政府信息公开申请6482491934272439124710000\n2."));
    let read = run(&flat);
    let (cells, recovered) = compare("long label", &run(&plain), &read, &flat);
    assert_eq!(recovered, cells, "{:?}", codes(&read));
    assert!(!codes(&read).contains(&"DOC-TABLES"));
}

// ---- random tables ---------------------------------------------------------

/// The base text with table 2 and table 3 replaced by these numbers, every
/// row of both tables glued into one run (`glue`: the rows too).
fn report_of(t2: &[i64], t3: &[i64], glue: bool) -> (String, String) {
    let base = read("base_2022.txt");
    let mut plain = Vec::new();
    let mut flat = Vec::new();
    let mut row = 0;
    let mut in_tables = false;
    for line in base.lines() {
        if line.starts_with("三、收到和处理") {
            in_tables = true;
        } else if line.starts_with("五、") {
            in_tables = false;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let numbers = cells.iter().filter(|c| c.parse::<i64>().is_ok()).count();
        let mut line = line.to_string();
        if numbers == 7 {
            let mut new: Vec<String> = cells[..cells.len() - 7]
                .iter()
                .map(|s| (*s).to_string())
                .collect();
            new.extend(t2[row * 7..row * 7 + 7].iter().map(i64::to_string));
            line = new.join("\t");
            row += 1;
        } else if numbers == 15 {
            line = t3.iter().map(i64::to_string).collect::<Vec<_>>().join("\t");
        }
        plain.push(line.clone());
        if in_tables && !line.starts_with("四、政府信息公开") {
            let glued = line.replace('\t', "");
            if glue && !glued.is_empty() {
                match flat.last_mut() {
                    Some(last) if !String::is_empty(last) && !last.starts_with("三、") => {
                        last.push_str(&glued);
                    }
                    _ => flat.push(glued),
                }
            } else {
                flat.push(glued);
            }
        } else {
            flat.push(line);
        }
    }
    assert_eq!(row, 25, "table 2's rows");
    (plain.join("\n"), flat.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A valid random 表二 and 表三, flattened: each cell is read as the
    /// original or not at all, never as another number.
    #[test]
    fn flattened_cells_are_original_or_unread(
        t2 in tables::t2_table(tables::F2021),
        t3 in tables::t3_table(),
        glue in any::<bool>(),
    ) {
        let (plain, flat) = report_of(&t2, &t3, glue);
        let base = run(&plain);
        let read = run(&flat);
        compare("random", &base, &read, &flat);
        prop_assert!(same_or_deferred(&flat, &read));
        // A run is never split two ways: a unique split or a finding.
        for d in &read.diagnostics {
            prop_assert!(d.code != "CELL-UNREADABLE", "{}", d.message);
        }
    }
}

/// The share of 表二/表三 cells recovered from the flattened fixtures (printed
/// with `cargo test --test flattened -- --nocapture recovered`).
#[test]
fn recovered_share() {
    let base = run(&read("base_2022.txt"));
    let (mut cells, mut recovered) = (0, 0);
    for name in FLATTENED {
        let text = read(name);
        let (c, r) = compare(name, &base, &run(&text), &text);
        cells += c;
        recovered += r;
    }
    println!("recovered {recovered} of {cells} cells of 表二/表三 from the flattened fixtures");
    assert!(recovered <= cells);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// A valid random 表二 and 表三, partly flattened (boundaries kept as one
    /// space or removed at random): each cell is read as the original or
    /// not at all.
    #[test]
    fn partly_flattened_cells_are_original_or_unread(
        t2 in tables::t2_table(tables::F2021),
        t3 in tables::t3_table(),
        seed in 1u64..u64::MAX,
        keep in 0u64..1000,
    ) {
        let (plain, _) = report_of(&t2, &t3, false);
        let flat = partly_flattened(&plain, &mut Rng(seed), keep);
        let base = run(&plain);
        let read = run(&flat);
        compare("random, partly flattened", &base, &read, &flat);
        prop_assert!(same_or_deferred(&flat, &read));
        for d in &read.diagnostics {
            prop_assert!(d.code != "CELL-UNREADABLE", "{}", d.message);
        }
    }
}

// ---- partly flattened tables ------------------------------------------------

/// A small deterministic generator (xorshift), so that the partly
/// flattened texts are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn keep(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// The base text with the cells of 表二 and 表三 partly run together: each
/// boundary between two numbers (and between a label and its first number)
/// is kept as one space or removed, at random (`keep`: chance of keeping,
/// per mille); the other lines of the tables lose their tabs, as crawled
/// text does.
fn partly_flattened(base: &str, rng: &mut Rng, keep: u64) -> String {
    let mut out = Vec::new();
    let mut in_tables = false;
    for line in base.lines() {
        if line.starts_with("三、收到和处理") {
            in_tables = true;
        } else if line.starts_with("五、") {
            in_tables = false;
        }
        if !in_tables || line.starts_with("四、政府信息公开") {
            out.push(line.to_string());
            continue;
        }
        let cells: Vec<&str> = line.split('\t').filter(|c| !c.is_empty()).collect();
        let numbers = cells.iter().filter(|c| c.parse::<i64>().is_ok()).count();
        if numbers != 7 && numbers != 15 {
            out.push(line.replace('\t', ""));
            continue;
        }
        let label_cells = cells.len() - numbers;
        let mut new = cells[..label_cells].concat();
        for (i, n) in cells[label_cells..].iter().enumerate() {
            if (i > 0 || label_cells > 0) && rng.keep(keep) {
                new.push(' ');
            }
            new.push_str(n);
        }
        out.push(new);
    }
    out.join("\n")
}

/// Every inferred cell of a partly flattened report is the original, never
/// another number, and rows whose boundaries were all kept read as before.
#[test]
fn partly_flattened_tables_read_as_the_base() {
    let base_text = read("base_2022.txt");
    let base = run(&base_text);
    let mut rng = Rng(0x5eed_2022_0001);
    let (mut cells, mut recovered, mut runs) = (0, 0, 0);
    for keep in [200, 500, 800] {
        for round in 0..12 {
            let text = partly_flattened(&base_text, &mut rng, keep);
            let flat = run(&text);
            let name = format!("partly flattened (keep {keep}‰, round {round})");
            let (c, r) = compare(&name, &base, &flat, &text);
            cells += c;
            recovered += r;
            for d in &flat.diagnostics {
                assert!(d.code != "CELL-UNREADABLE", "{name}: {}", d.message);
            }
            runs += flat
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("CELL-SPLIT"))
                .count();
        }
    }
    println!(
        "recovered {recovered} of {cells} cells of 表二/表三 from partly flattened texts \
         ({runs} runs split)"
    );
    assert!(recovered * 10 >= cells * 9, "{recovered} of {cells}");
}

#[test]
fn a_row_with_some_cells_run_together_is_split() {
    let flat = read("rows_2022.txt");
    let row = "（一）予以公开201000021";
    assert!(flat.contains(row));
    for written in [
        "（一）予以公开 20 1000021",
        "（一）予以公开 2010 00021",
        "（一）予以公开 201 0 0 0021",
        "（一）予以公开20 10 0 0 0 21",
    ] {
        let text = flat.replace(row, written);
        let report = run(&text);
        let rows = report.tables.applications.as_ref().unwrap();
        let granted: Vec<_> = rows
            .get("granted")
            .unwrap()
            .iter()
            .map(|c| c.value.and_then(xxgk::Number::as_int))
            .collect();
        assert_eq!(granted, [20, 1, 0, 0, 0, 0, 21].map(Some), "{written}");
        let splits = report.diagnostics.iter().filter(|d| d.code == "CELL-SPLIT");
        assert_eq!(splits.count(), 26, "{written}: {:?}", codes(&report));
    }
}

#[test]
fn a_run_the_search_gives_up_on_stays_unread_with_a_finding() {
    // Forty-six digits for seven cells: a part too large to read; the
    // search stops and says so, and the row's cells stay unread.
    let flat = read("rows_2022.txt");
    let row = "（一）予以公开201000021";
    let text = flat.replace(row, &format!("（一）予以公开{}", "9".repeat(46)));
    let report = run(&text);
    let rows = report.tables.applications.as_ref().unwrap();
    assert!(rows
        .get("granted")
        .unwrap()
        .iter()
        .all(|c| c.value.is_none()));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("未能在限定的步数内分开"))
        .expect("the search gave up");
    assert_eq!(d.code, "CELL-MERGED");
}

#[test]
fn a_row_that_also_reads_as_blanks_dropped_is_split_when_the_table_fixes_it() {
    // `（七）总计0 920 0 920` is 0 + 920 + 0 = 920, like a row whose blank
    // cells were dropped, and 0 9 2 0 0 9 20 run together: the column
    // relations with the other rows fix the second reading (found by the
    // property test above).
    let mut t2 = vec![0i64; 25 * 7];
    for row in [0, 20, 23] {
        t2[row * 7..row * 7 + 7].copy_from_slice(&[0, 9, 2, 0, 0, 9, 20]);
    }
    let (plain, _) = report_of(&t2, &[0; 15], false);
    let flat = partly_flattened(&plain, &mut Rng(17_934_066_742_365_278_968), 321);
    assert!(flat.contains("（七）总计0 920 0 920\n"), "{flat}");
    let read = run(&flat);
    let (cells, recovered) = compare("blanks dropped or run", &run(&plain), &read, &flat);
    assert_eq!(recovered, cells, "{:?}", codes(&read));
    assert!(!codes(&read).contains(&"ROW-CELLS"), "{:?}", codes(&read));
    // The same row in a table whose other cells were read one by one: the
    // columns fix it all the same.
    let alone = plain.replace("（七）总计\t0\t9\t2\t0\t0\t9\t20", "（七）总计 0 920 0 920");
    assert_ne!(alone, plain);
    let read = run(&alone);
    let (cells, recovered) = compare("one row", &run(&plain), &read, &alone);
    assert_eq!(recovered, cells, "{:?}", codes(&read));
    assert_eq!(codes(&read), ["DOC-NARR", "CELL-SPLIT"]);
}
