//! Plain-text renditions of the tables, written by hand or by tools
//! (`tests/routes/`): each cell is read in its own column or not at all.

use std::path::Path;

mod common;
use common::routes::{compare_texts, markdown, Counts};
use common::CLEAN_2021;
use xxgk::{check, Options, Report, Template};

fn read(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn report(text: &str) -> Report {
    check(text, &Options::default())
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

fn t2(r: &Report, row: &str) -> Vec<Option<i64>> {
    let rows = r.tables.applications.as_ref().expect("table 2 read");
    rows.get(row)
        .unwrap_or_else(|| panic!("row {row}"))
        .iter()
        .map(|c| c.value.and_then(xxgk::Number::as_int))
        .collect()
}

fn counts(fixture: &str, rendition: &str) -> Counts {
    let mut log = String::new();
    let c = compare_texts(fixture, rendition, &mut log);
    assert_eq!(c.misplaced, 0, "numbers in wrong cells:\n{log}");
    c
}

#[test]
fn markdown_tables_of_both_formats() {
    let f2019 = read("fixtures/clean_2019_tabs.txt");
    for (name, text) in [("2021", CLEAN_2021), ("2019", f2019.as_str())] {
        // The headers kept: every cell read.
        let c = counts(text, &markdown(text, 0));
        assert_eq!(c.unread, 0, "{name}");
        // Invented headers (数据1 …), header words on loose lines; one
        // table per row with the label on a line of its own.
        for style in [1, 2] {
            let c = counts(text, &markdown(text, style));
            assert!(c.right > 0, "{name} style {style}: {c:?}");
        }
    }
}

#[test]
fn markdown_rows_without_label_and_invented_headers() {
    let text = read("routes/markdown_2021.md");
    let r = report(&text);
    assert_eq!(r.template, Template::F2021);
    assert_eq!(
        t2(&r, "new"),
        vec![
            Some(3),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(3)
        ]
    );
    let c = counts(CLEAN_2021, &text);
    assert!(c.right >= 100, "{c:?}");
}

#[test]
fn labels_wrapped_in_pasted_text() {
    let r = report(&read("routes/wrapped_labels_2021.txt"));
    assert_eq!(
        t2(&r, "other.1"),
        vec![
            Some(1),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(1)
        ]
    );
    assert_eq!(t2(&r, "other.2"), vec![Some(0); 7]);
    let c = codes(&r);
    assert!(
        !c.contains(&"ROW-EXTRA") && !c.contains(&"DOC-TABLES"),
        "{c:?}"
    );
    assert!(!c.contains(&"LABEL-VARIANT"), "{c:?}");
}

#[test]
fn pdftotext_layout_wrapped_labels_blank_and_glued_cells() {
    let fixture = read("fixtures/clean_2021_tabs.txt");
    let text = read("routes/layout_2021.txt");
    let r = report(&text);
    assert_eq!(r.template, Template::F2021);
    let c = counts(&fixture, &text);
    assert!(c.right >= 150, "{c:?}");
    // A number one space after its label: its column is not certain.
    let fees = r.tables.active.as_ref().unwrap().get("fees").unwrap();
    assert!(fees.iter().all(|c| c.value.is_none()), "{fees:?}");
    assert!(codes(&r).contains(&"CELL-UNREADABLE"));
    // Wrapped labels around their numbers.
    assert_eq!(t2(&r, "new").len(), 7);
    assert!(!codes(&r).contains(&"DOC-TABLES"), "{:?}", codes(&r));
}

#[test]
fn pre2019_report_crawled_onto_one_line() {
    let r = report(&read("routes/pre2019_one_line.txt"));
    assert_eq!(r.template, Template::Pre2019);
    assert_eq!(r.year, Some(2016));
    assert_eq!(codes(&r), vec!["DOC-PRE2019"]);
}

/// Text as a PDF viewer copies a table: cells one space apart, blank cells
/// dropped.
fn viewer_copy(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn pdf_viewer_copy_with_blank_cells_dropped() {
    // A row with blank cells: copied, its numbers are fewer than the
    // columns, one space apart, with enough digits to be taken for cells
    // run together. They are missing cells: never split into other columns.
    let truth = CLEAN_2021.replace(
        "（一）予以公开\t2\t0\t0\t0\t0\t0\t2",
        "（一）予以公开\t102\t\t\t\t\t10\t112",
    );
    assert_ne!(truth, CLEAN_2021);
    let copy = viewer_copy(&truth);
    let c = counts(&truth, &copy);
    assert!(c.right >= 150, "{c:?}");
    let r = report(&copy);
    let granted = t2(&r, "granted");
    assert!(
        granted
            .iter()
            .all(|v| [None, Some(102), Some(10), Some(112)].contains(v)),
        "{granted:?}"
    );
    assert!(
        !codes(&r).iter().any(|c| c.starts_with("CELL-SPLIT")),
        "{:?}",
        codes(&r)
    );
    // Every row without blank cells is read whole.
    assert_eq!(t2(&r, "new"), [3, 0, 0, 0, 0, 0, 3].map(Some));
}
