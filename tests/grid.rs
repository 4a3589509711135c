//! Word and web tables read through their header cells.
//!
//! Each report (示例县教育局, made-up numbers, F2019 and F2021) is built as a
//! grid of cells with their spans, written as a web page (`colspan`,
//! `rowspan`) and as a Word document (`w:gridSpan`, `w:vMerge`,
//! `w:tblGrid`), in the layouts seen in real reports: a `自然人` header over
//! two grid columns with the values under it spanning both or in one of
//! two cells, empty label sub-columns before the numbers, group labels whose
//! rowspan does not match their rows, a table split in two with the header
//! only in the first part. Every cell read is compared with the value it
//! was built with: it must be that value, or unplaced (or not read); never
//! another number.

use std::fmt::Write as _;

use xxgk::input::read_document;
use xxgk::{check, Options, Report, TableId};

#[path = "common/grid_docs.rs"]
mod grid_docs;
use grid_docs::{docx, html, report, t2_keys, Format, Known, Variant};

// ---- comparing -------------------------------------------------------------------

#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Count {
    right: usize,
    unplaced: usize,
    misplaced: usize,
}

impl std::ops::AddAssign for Count {
    fn add_assign(&mut self, o: Count) {
        self.right += o.right;
        self.unplaced += o.unplaced;
        self.misplaced += o.misplaced;
    }
}

/// Every known cell: the value read under its column (right), not read or
/// unplaced, or another number (misplaced). A row's cells beyond the
/// template's that hold a number are misplaced too.
fn compare(r: &Report, k: &Known, log: &mut String) -> Count {
    let mut n = Count::default();
    let tables = [
        (TableId::Active, &r.tables.active, &k.active),
        (TableId::Applications, &r.tables.applications, &k.apps),
    ];
    for (id, rows, want) in tables {
        for (key, vals) in want {
            let cells = rows.as_ref().and_then(|t| t.get(key)).unwrap_or(&[]);
            let unplaced = r
                .tables
                .unplaced
                .iter()
                .any(|u| u.table == id && u.row == Some(*key));
            for (j, v) in vals.iter().enumerate() {
                match cells
                    .get(j)
                    .and_then(|c| c.value)
                    .and_then(xxgk::Number::as_int)
                {
                    Some(x) if x == *v => n.right += 1,
                    None => n.unplaced += 1,
                    Some(x) => {
                        n.misplaced += 1;
                        writeln!(log, "{id:?} {key}[{j}]: {x}, not {v} (unplaced {unplaced})")
                            .unwrap();
                    }
                }
            }
            for (j, c) in cells.iter().enumerate().skip(vals.len()) {
                if c.value.is_some() {
                    n.misplaced += 1;
                    writeln!(log, "{id:?} {key}[{j}]: extra cell {:?}", c.text).unwrap();
                }
            }
        }
    }
    let cells = r.tables.review.as_deref().unwrap_or(&[]);
    for (j, v) in k.review.iter().enumerate() {
        match cells
            .get(j)
            .and_then(|c| c.value)
            .and_then(xxgk::Number::as_int)
        {
            Some(x) if x == *v => n.right += 1,
            None => n.unplaced += 1,
            Some(x) => {
                n.misplaced += 1;
                writeln!(log, "review[{j}]: {x}, not {v}").unwrap();
            }
        }
    }
    n
}

fn cells_of(k: &Known) -> usize {
    k.active.iter().map(|r| r.1.len()).sum::<usize>()
        + k.apps.iter().map(|r| r.1.len()).sum::<usize>()
        + k.review.len()
}

/// Read one variant in one format from a web page and a Word document.
fn read(f: Format, var: Variant, media: &[&str]) -> Vec<(String, Count, usize, String)> {
    let (parts, k) = report(f, var);
    let mut out = Vec::new();
    for &m in media {
        let bytes = if m == "html" {
            html(&parts).into_bytes()
        } else {
            docx(&parts)
        };
        let doc = read_document(&bytes, &format!("报告.{m}")).unwrap();
        let r = check(&doc.text, &Options::default());
        let mut log = String::new();
        let n = compare(&r, &k, &mut log);
        writeln!(log, "-- text read:\n{}", doc.text).unwrap();
        out.push((format!("{var:?} {f:?} {m}"), n, cells_of(&k), log));
    }
    out
}

const BOTH: &[&str] = &["html", "docx"];

/// Variants whose columns are certain: every cell right.
#[test]
fn certain_layouts_read_every_cell() {
    let mut failures = String::new();
    let mut total = Count::default();
    for var in [
        Variant::Template,
        Variant::NaturalTwo,
        Variant::NaturalTwoCells,
        Variant::EmptyLabelColumns,
        Variant::Split,
        Variant::HeaderApart,
    ] {
        for f in [Format::F2019, Format::F2021] {
            for (name, n, all, log) in read(f, var, BOTH) {
                total += n;
                if n.misplaced != 0 || n.right != all {
                    writeln!(failures, "== {name}: {n:?} of {all}\n{log}").unwrap();
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
    println!("certain layouts: {total:?}");
}

/// Group labels whose rowspan does not match their rows (web pages: Word
/// has no row count on a merge).
#[test]
fn group_label_rowspans_that_do_not_match() {
    let mut failures = String::new();
    for var in [
        Variant::GroupTooShort,
        Variant::GroupTooShortPadded,
        Variant::GroupTooLong,
    ] {
        for f in [Format::F2019, Format::F2021] {
            for (name, n, all, log) in read(f, var, &["html"]) {
                if n.misplaced != 0 || n.right != all {
                    writeln!(failures, "== {name}: {n:?} of {all}\n{log}").unwrap();
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

/// A continuation on a grid of other widths: never a wrong number.
#[test]
fn a_table_continued_on_another_grid() {
    for f in [Format::F2019, Format::F2021] {
        for (name, n, all, log) in read(f, Variant::SplitOtherGrid, &["docx"]) {
            assert_eq!(n.misplaced, 0, "{name}\n{log}");
            assert_eq!(n.right + n.unplaced, all, "{name}");
        }
    }
}

/// Table 2's header apart from its rows on a grid of other widths: the two
/// are not joined, and no number is read into another cell.
#[test]
fn a_header_apart_on_another_grid() {
    for f in [Format::F2019, Format::F2021] {
        for (name, n, all, log) in read(f, Variant::HeaderApartOtherGrid, &["docx"]) {
            assert_eq!(n.misplaced, 0, "{name}\n{log}");
            assert_eq!(n.right + n.unplaced, all, "{name}");
        }
    }
}

/// Table 2's columns split over two tables: the second joins the first when
/// its rows match one to one, by label or by count; one row short, its
/// numbers are not read, never under another column.
#[test]
fn columns_split_over_two_tables() {
    let mut failures = String::new();
    for var in [Variant::ColumnsApart, Variant::ColumnsApartNoLabels] {
        for f in [Format::F2019, Format::F2021] {
            for (name, n, all, log) in read(f, var, BOTH) {
                if n.misplaced != 0 || n.right != all {
                    writeln!(failures, "== {name}: {n:?} of {all}\n{log}").unwrap();
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
    for f in [Format::F2019, Format::F2021] {
        let rows = t2_keys(f).len();
        for (name, n, all, log) in read(f, Variant::ColumnsApartMismatch, BOTH) {
            assert_eq!(n.misplaced, 0, "{name}\n{log}");
            assert_eq!(n.unplaced, rows, "{name}\n{log}");
            assert_eq!(n.right, all - rows, "{name}");
        }
    }
}

/// The two parts side by side in a layout table on a web page: not joined,
/// and no number under another column.
#[test]
fn columns_split_side_by_side_misplace_nothing() {
    for f in [Format::F2019, Format::F2021] {
        let (parts, k) = report(f, Variant::ColumnsApart);
        let page = html(&parts);
        let at: Vec<usize> = page.match_indices("<table").map(|(i, _)| i).collect();
        let end = page[at[2]..].find("</table>").unwrap() + at[2] + "</table>".len();
        let page = format!(
            "{}<table><tr><td>{}</td><td>{}</td></tr></table>{}",
            &page[..at[1]],
            &page[at[1]..at[2]],
            &page[at[2]..end],
            &page[end..]
        );
        let doc = read_document(page.as_bytes(), "a.html").unwrap();
        let r = check(&doc.text, &Options::default());
        let mut log = String::new();
        let n = compare(&r, &k, &mut log);
        println!("side by side {f:?}: {n:?}");
        assert_eq!(n.misplaced, 0, "{log}\n{}", doc.text);
        assert_eq!(n.right + n.unplaced, cells_of(&k));
    }
}

/// Two numbers under one header: that row is unplaced, the others right.
#[test]
fn two_numbers_under_one_header_leave_the_row_unplaced() {
    for f in [Format::F2019, Format::F2021] {
        let (parts, k) = report(f, Variant::Ambiguous);
        for (name, n, all, log) in read(f, Variant::Ambiguous, BOTH) {
            assert_eq!(n.misplaced, 0, "{name}\n{log}");
            assert_eq!(n.unplaced, 7, "{name}\n{log}");
            assert_eq!(n.right, all - 7, "{name}");
        }
        let r = check(
            &read_document(html(&parts).as_bytes(), "a.html")
                .unwrap()
                .text,
            &Options::default(),
        );
        let u: Vec<_> = r.tables.unplaced.iter().map(|u| u.row).collect();
        assert_eq!(u, [Some(k.apps[3].0)]);
        assert!(r.diagnostics.iter().any(|d| d.code == "CELL-UNPLACED"));
    }
}

/// Every variant, every format, both documents: no cell read as another
/// number; the counts are printed (`--nocapture`).
#[test]
fn no_variant_misplaces_a_number() {
    let mut lines = Vec::new();
    for var in [
        Variant::Template,
        Variant::NaturalTwo,
        Variant::NaturalTwoCells,
        Variant::EmptyLabelColumns,
        Variant::GroupTooShort,
        Variant::GroupTooShortPadded,
        Variant::GroupTooLong,
        Variant::Split,
        Variant::SplitOtherGrid,
        Variant::Ambiguous,
        Variant::HeaderApart,
        Variant::HeaderApartOtherGrid,
        Variant::ColumnsApart,
        Variant::ColumnsApartNoLabels,
        Variant::ColumnsApartMismatch,
    ] {
        for f in [Format::F2019, Format::F2021] {
            for (name, n, all, _log) in read(f, var, BOTH) {
                lines.push(format!(
                    "{name}: right {} unplaced {} misplaced {} of {all}",
                    n.right, n.unplaced, n.misplaced
                ));
            }
        }
    }
    println!("{}", lines.join("\n"));
}
