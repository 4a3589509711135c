//! Numbers whose column is not certain, relations not checked, and labels
//! written with Kangxi radicals.

use xxgk::{check, Options, Report};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn codes(r: &Report) -> Vec<(&'static str, Option<String>)> {
    r.diagnostics
        .iter()
        .map(|d| (d.code, d.cell.as_ref().map(|c| format!("{c:?}"))))
        .collect()
}

fn radicalise(l: &str) -> String {
    l.chars()
        .map(|c| match c {
            '二' => '\u{2f06}',
            '工' => '\u{2f2f}',
            '月' => '\u{2f49}',
            '行' => '\u{2f8f}',
            '人' => '\u{2f08}',
            '示' => '\u{2f70}',
            '见' => '\u{2ec5}',
            '长' => '\u{2ed3}',
            '门' => '\u{2ed4}',
            '车' => '\u{2ecb}',
            '页' => '\u{2eda}',
            _ => c,
        })
        .collect()
}

#[test]
fn radicals_in_labels_read_the_same_tables() {
    for name in [
        "clean_2019_tabs",
        "clean_2021_tabs",
        "clean_2019_pdf_spaces",
    ] {
        let plain = fixture(name);
        // Radicals in the tables' lines (labels and headers).
        let radicals: String = plain
            .split_inclusive('\n')
            .map(|l| {
                if l.contains('\t') || name.contains("pdf") && l.chars().any(|c| c.is_ascii_digit())
                {
                    radicalise(l)
                } else {
                    l.to_string()
                }
            })
            .collect();
        assert_ne!(plain, radicals);
        let a = check(&plain, &Options::default());
        let b = check(&radicals, &Options::default());
        // Same byte lengths: the spans are the same too.
        assert_eq!(a.tables, b.tables, "{name}");
        assert_eq!(a.sections.len(), b.sections.len(), "{name}");
        assert_eq!(codes(&a), codes(&b), "{name}");
        assert!(b.diagnostics.is_empty(), "{name}: {:?}", codes(&b));
    }
}

#[test]
fn radicals_everywhere_read_the_same_structure() {
    for name in ["clean_2019_tabs", "clean_2021_tabs"] {
        let plain = fixture(name);
        // Radicals in every line: title, headings, prose and tables.
        let radicals = radicalise(&plain);
        assert_ne!(plain, radicals);
        let a = check(&plain, &Options::default());
        let b = check(&radicals, &Options::default());
        assert_eq!(a.tables, b.tables, "{name}");
        assert_eq!(a.template, b.template, "{name}");
        let titles = |r: &xxgk::Report| r.sections.iter().map(|s| s.number).collect::<Vec<_>>();
        assert_eq!(titles(&a), titles(&b), "{name}");
        assert_eq!(a.sections.len(), 6, "{name}");
    }
}

#[test]
fn unplaced_rows_in_the_json() {
    let r = check(&fixture("unplaced_2019"), &Options::default());
    assert_eq!(r.tables.unplaced.len(), 1);
    let u = &r.tables.unplaced[0];
    assert_eq!(u.row, Some("granted"));
    let vals: Vec<String> = u.cells.iter().map(|c| c.text.clone()).collect();
    assert_eq!(vals, ["3", "0", "0", "0", "0", "0", "3"]);
    let apps = r.tables.applications.as_ref().unwrap();
    assert!(apps.get("granted").is_none());
    // The row placed by arithmetic: 1 0 0 0 0 0 1.
    let partial: Vec<Option<i64>> = apps
        .get("partial")
        .unwrap()
        .iter()
        .map(|c| c.value.and_then(xxgk::Number::as_int))
        .collect();
    assert_eq!(
        partial,
        [
            Some(1),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(1)
        ]
    );
    let json = r.to_json();
    assert!(json.contains(r#""unplaced":[{"table":"applications","row":"granted","cells":"#));
    // Not in a clean report.
    let clean = check(&fixture("clean_2019_tabs"), &Options::default());
    assert!(!clean.to_json().contains("unplaced"));
}

#[test]
fn a_row_written_with_spaces_in_a_spaced_table_is_placed() {
    // Without tabs anywhere, space-separated numbers are the table's layout.
    let r = check(&fixture("clean_2019_pdf_spaces"), &Options::default());
    assert!(r.tables.unplaced.is_empty());
    assert!(r.diagnostics.iter().all(|d| d.code != "CELL-UNPLACED"));
}

#[test]
fn relations_not_checked_for_unreadable_cells() {
    let text = fixture("clean_2019_tabs").replacen(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t1\t0",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t约1\t0",
        1,
    );
    let r = check(&text, &Options::default());
    let notes: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "REL-NOT-CHECKED")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}"); // T2-ROW of the row, T2-SUM of 自然人
    assert!(notes.iter().any(|m| m.contains("T2-ROW")));
    assert!(notes
        .iter()
        .any(|m| m.contains("T2-SUM") && m.contains("自然人")));
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.code != "T2-ROW" && d.code != "T2-SUM"));
}
