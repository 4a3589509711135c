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
use grid_docs::{
    c, docx, docx_body, html, report, t2_keys, w_p, w_tbl, Format, Grid, Known, Part, Variant,
};

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

// ---- uncertain columns kept unplaced -----------------------------------------------

/// A report read from a web page or a Word document, and the text read.
fn checked(bytes: &[u8], file: &str) -> (Report, String) {
    let doc = read_document(bytes, file).unwrap();
    (check(&doc.text, &Options::default()), doc.text)
}

/// The findings with a code, as (table, row) of their cell.
fn findings(r: &Report, code: &str) -> Vec<(Option<TableId>, Option<&'static str>)> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            (
                d.cell.as_ref().map(|c| c.table),
                d.cell.as_ref().and_then(|c| c.row),
            )
        })
        .collect()
}

/// A named change to a table's grid.
type Edit = (&'static str, fn(&mut Grid));

/// The report with table 3's grid changed by `edit`.
fn with_review(f: Format, edit: impl Fn(&mut Grid)) -> (Vec<Part>, Known) {
    let (mut parts, k) = report(f, Variant::Template);
    for p in &mut parts {
        if let Part::T(g, _) = p {
            if g[0][0].text == "行政复议" {
                edit(g);
            }
        }
    }
    (parts, k)
}

/// Table 3's numbers on a row wider than its header, or a number over two
/// of its columns: unplaced, listed in order, its relations not checked;
/// tables 1 and 2 read as they are.
#[test]
fn table3_numbers_whose_columns_are_not_certain_are_unplaced() {
    let cases: [Edit; 2] = [
        ("a number too many", |g| {
            g.last_mut().unwrap().push(c(&"3"));
        }),
        ("a number over two columns", |g| {
            let last = g.last_mut().unwrap();
            last.remove(3);
            last[3].cs = 2;
        }),
    ];
    for f in [Format::F2019, Format::F2021] {
        for (case, edit) in cases {
            let (parts, k) = with_review(f, edit);
            let want: Vec<String> = match case {
                "a number too many" => k
                    .review
                    .iter()
                    .map(i64::to_string)
                    .chain(["3".into()])
                    .collect(),
                _ => k
                    .review
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != 3)
                    .map(|(_, v)| v.to_string())
                    .collect(),
            };
            for (m, bytes) in [("html", html(&parts).into_bytes()), ("docx", docx(&parts))] {
                let name = format!("{case} {f:?} {m}");
                let (r, text) = checked(&bytes, &format!("a.{m}"));
                let mut log = String::new();
                let n = compare(&r, &k, &mut log);
                assert_eq!(n.misplaced, 0, "{name}\n{log}\n{text}");
                assert_eq!(n.unplaced, k.review.len(), "{name}\n{log}\n{text}");
                assert_eq!(n.right, cells_of(&k) - k.review.len(), "{name}");
                assert!(r.tables.review.is_none(), "{name}");
                let u: Vec<_> = r
                    .tables
                    .unplaced
                    .iter()
                    .filter(|u| u.table == TableId::Review)
                    .collect();
                assert_eq!(u.len(), 1, "{name}");
                assert_eq!(u[0].row, None, "{name}");
                let cells: Vec<&str> = u[0].cells.iter().map(|c| c.text.as_str()).collect();
                assert_eq!(cells, want, "{name}");
                assert_eq!(
                    findings(&r, "CELL-UNPLACED"),
                    [(Some(TableId::Review), None)],
                    "{name}"
                );
                let not_checked = findings(&r, "REL-NOT-CHECKED");
                assert_eq!(not_checked.len(), 3, "{name}: {not_checked:?}");
                assert!(
                    not_checked.iter().all(|c| c.0 == Some(TableId::Review)),
                    "{name}"
                );
                assert!(findings(&r, "ROW-CELLS").is_empty(), "{name}");
                assert!(
                    !r.diagnostics.iter().any(|d| d.code.starts_with("T3-")),
                    "{name}: a relation checked on unplaced numbers"
                );
            }
        }
    }
}

/// Table 3 read as before where its columns are certain: the template's
/// grid, and a header cell's rowspan running into the row of numbers (the
/// row then wider than the header, its numbers aligned on the right).
#[test]
fn table3_certain_layouts_read_every_cell() {
    for f in [Format::F2019, Format::F2021] {
        let cases: [Edit; 2] = [
            ("template", |_| {}),
            ("rowspan into the numbers", |g| {
                g[1][0].rs = 3;
            }),
        ];
        for (case, edit) in cases {
            let (parts, k) = with_review(f, edit);
            for (m, bytes) in [("html", html(&parts).into_bytes()), ("docx", docx(&parts))] {
                let (r, text) = checked(&bytes, &format!("a.{m}"));
                let mut log = String::new();
                let n = compare(&r, &k, &mut log);
                assert_eq!(n.misplaced, 0, "{case} {f:?} {m}\n{log}\n{text}");
                assert_eq!(n.right, cells_of(&k), "{case} {f:?} {m}\n{log}\n{text}");
                assert!(r.tables.unplaced.is_empty(), "{case} {f:?} {m}");
            }
        }
    }
}

/// Table 2's columns split over two tables whose rows do not match one to
/// one: the applicant columns stay under their columns, each `总计` read in
/// the second table is kept unplaced with its row (CELL-UNPLACED), the
/// rows are not reported short, and the relations needing the totals are
/// not checked.
#[test]
fn columns_split_that_do_not_match_keep_the_totals_unplaced() {
    for f in [Format::F2019, Format::F2021] {
        let (parts, k) = report(f, Variant::ColumnsApartMismatch);
        for (m, bytes) in [("html", html(&parts).into_bytes()), ("docx", docx(&parts))] {
            let name = format!("{f:?} {m}");
            let (r, text) = checked(&bytes, &format!("a.{m}"));
            let mut log = String::new();
            let n = compare(&r, &k, &mut log);
            assert_eq!(n.misplaced, 0, "{name}\n{log}");
            // The second table lacks the last row: its total is not read.
            let (last, rest) = k.apps.split_last().unwrap();
            let got: Vec<(Option<&str>, Vec<String>)> = r
                .tables
                .unplaced
                .iter()
                .map(|u| (u.row, u.cells.iter().map(|c| c.text.clone()).collect()))
                .collect();
            let want: Vec<(Option<&str>, Vec<String>)> = rest
                .iter()
                .map(|(key, v)| (Some(*key), vec![v[6].to_string()]))
                .collect();
            assert_eq!(got, want, "{name}\n{text}");
            assert_eq!(findings(&r, "CELL-UNPLACED").len(), rest.len(), "{name}");
            assert_eq!(
                findings(&r, "ROW-CELLS"),
                [(Some(TableId::Applications), Some(last.0))],
                "{name}"
            );
            assert!(findings(&r, "ROW-EXTRA").is_empty(), "{name}");
            let not_checked = findings(&r, "REL-NOT-CHECKED");
            assert!(
                not_checked.contains(&(Some(TableId::Applications), Some(rest[0].0))),
                "{name}"
            );
            assert!(
                !r.diagnostics
                    .iter()
                    .any(|d| d.code == "T2-ROW" || d.code == "T2-SUM"),
                "{name}: a relation checked without its totals"
            );
        }
    }
}

/// A web page and a Word document with table 2's two parts side by side in
/// a layout table (each part in a cell of its own).
fn side_by_side(parts: &[Part]) -> (String, Vec<u8>) {
    let page = html(parts);
    let at: Vec<usize> = page.match_indices("<table").map(|(i, _)| i).collect();
    let end = page[at[2]..].find("</table>").unwrap() + at[2] + "</table>".len();
    let page = format!(
        "{}<table><tr><td>{}</td><td>{}</td></tr></table>{}",
        &page[..at[1]],
        &page[at[1]..at[2]],
        &page[at[2]..end],
        &page[end..]
    );
    let tables: Vec<usize> = (0..parts.len())
        .filter(|&i| matches!(parts[i], Part::T(..)))
        .collect();
    let mut body = String::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::P(t) => body.push_str(&w_p(t)),
            Part::T(g, w) if i == tables[1] => {
                let Part::T(g2, w2) = &parts[tables[2]] else {
                    unreachable!()
                };
                write!(
                    body,
                    "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"8000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:tc><w:tcPr/>{}<w:p/></w:tc><w:tc><w:tcPr/>{}<w:p/></w:tc></w:tr></w:tbl><w:p/>",
                    w_tbl(g, *w),
                    w_tbl(g2, *w2)
                )
                .unwrap();
            }
            Part::T(..) if i == tables[2] => {}
            Part::T(g, w) => {
                body.push_str(&w_tbl(g, *w));
                body.push_str("<w:p/>");
            }
        }
    }
    (page, docx_body(&body))
}

/// The two parts side by side: joined when their rows match one to one
/// (every cell read), kept unplaced when they do not.
#[test]
fn columns_split_side_by_side() {
    for f in [Format::F2019, Format::F2021] {
        for var in [
            Variant::ColumnsApart,
            Variant::ColumnsApartNoLabels,
            Variant::ColumnsApartMismatch,
        ] {
            let (parts, k) = report(f, var);
            let (page, doc) = side_by_side(&parts);
            for (m, bytes) in [("html", page.into_bytes()), ("docx", doc)] {
                let name = format!("{var:?} {f:?} {m}");
                let (r, text) = checked(&bytes, &format!("a.{m}"));
                let mut log = String::new();
                let n = compare(&r, &k, &mut log);
                assert_eq!(n.misplaced, 0, "{name}\n{log}\n{text}");
                if var == Variant::ColumnsApartMismatch {
                    assert_eq!(n.unplaced, k.apps.len(), "{name}\n{log}\n{text}");
                    assert_eq!(r.tables.unplaced.len(), k.apps.len() - 1, "{name}\n{text}");
                } else {
                    assert_eq!(n.right, cells_of(&k), "{name}\n{log}\n{text}");
                    assert!(r.tables.unplaced.is_empty(), "{name}");
                    assert!(findings(&r, "ROW-CELLS").is_empty(), "{name}");
                }
            }
        }
    }
}

/// Table 2's sub-group labels whose rowspan does not match their rows, in
/// web pages and Word documents (`w:vMerge` over one row too many or too
/// few): each row's cells fit the header in one alignment only, so every
/// cell is read under its column.
#[test]
fn sub_group_rowspans_that_do_not_match() {
    let cases: [(&str, &str, isize); 3] = [
        ("（四）无法提供", "into the next group", 1),
        ("（五）不予处理", "one row short", -1),
        ("（三）不予公开", "two rows short", -2),
    ];
    for f in [Format::F2019, Format::F2021] {
        for (label, case, by) in cases {
            let (mut parts, k) = report(f, Variant::Template);
            for p in &mut parts {
                if let Part::T(g, _) = p {
                    for cell in g.iter_mut().flatten() {
                        if cell.text == label {
                            cell.rs = cell.rs.checked_add_signed(by).unwrap();
                        }
                    }
                }
            }
            for (m, bytes) in [("html", html(&parts).into_bytes()), ("docx", docx(&parts))] {
                let name = format!("{label} {case} {f:?} {m}");
                let (r, text) = checked(&bytes, &format!("a.{m}"));
                let mut log = String::new();
                let n = compare(&r, &k, &mut log);
                assert_eq!(n.misplaced, 0, "{name}\n{log}\n{text}");
                assert_eq!(n.right, cells_of(&k), "{name}\n{log}\n{text}");
            }
        }
    }
}
