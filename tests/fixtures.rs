//! Fixture tests.
//!
//! Every `tests/fixtures/<name>.txt` is a complete fictional report (or a
//! deliberately incomplete text) and `tests/fixtures/<name>.expect` lists the
//! diagnostics it must produce, exactly, as a multiset. One finding a line:
//!
//! ```text
//! CODE                           # a document-level finding (no cell)
//! CODE table row column          # table = active | applications | review
//! T3-REV review - 4              # table 3 has no rows: `-`
//! ```
//!
//! `#` starts a comment. Only the code and the cell are compared; severities,
//! messages and values are covered by the insta snapshots
//! (`tests/snapshots/fixtures__<name>.{tables,diagnostics}.snap`), which show
//! the tables as read and the diagnostics as a user sees them.
//!
//! Every fixture is checked before anything fails, and the failure lists what
//! is missing and what is unexpected for each fixture, with the message and
//! the line:column of every unexpected finding.

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use xxgk::rules::{rule, RULES};
use xxgk::{check, Cell, CellRef, Diagnostic, Number, Options, Report, TableId};

// ---- loading ---------------------------------------------------------------

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

struct Fixture {
    name: String,
    text: String,
    /// The `.expect` file, if there is one.
    expect: Option<String>,
}

fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures exists") {
        let path = entry.expect("readable directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 file name")
            .to_string();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expect = std::fs::read_to_string(path.with_extension("expect")).ok();
        out.push(Fixture { name, text, expect });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        out.len() >= 15,
        "expected at least 15 fixtures in {}",
        dir.display()
    );
    out
}

fn run(f: &Fixture) -> Report {
    let options = Options {
        source: format!("{}.txt", f.name),
        ..Options::default()
    };
    check(&f.text, &options)
}

// ---- expectations ------------------------------------------------------------

/// A cell as written in `.expect` files: `applications total 6`, `review - 4`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CellKey {
    table: String,
    row: Option<String>,
    column: usize,
}

impl std::fmt::Display for CellKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let row = self.row.as_deref().unwrap_or("-");
        write!(f, "{} {} {}", self.table, row, self.column)
    }
}

fn table_name(t: TableId) -> &'static str {
    match t {
        TableId::Active => "active",
        TableId::Applications => "applications",
        TableId::Review => "review",
    }
}

fn key_of(c: &CellRef) -> CellKey {
    CellKey {
        table: table_name(c.table).to_string(),
        row: c.row.map(str::to_string),
        column: c.column,
    }
}

#[derive(Debug, Clone)]
struct Expected {
    code: String,
    cell: Option<CellKey>,
    /// 1-based line in the `.expect` file.
    line: usize,
}

fn describe(code: &str, cell: Option<&CellKey>) -> String {
    match cell {
        Some(c) => format!("{code} {c}"),
        None => code.to_string(),
    }
}

fn parse_expect(text: &str) -> Result<Vec<Expected>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let bad = |why: &str| format!("line {}: {why}: {raw:?}", i + 1);
        let words: Vec<&str> = line.split_whitespace().collect();
        let code = words[0].to_string();
        if rule(&code).is_none() {
            return Err(bad("unknown rule code"));
        }
        let cell = match words.len() {
            1 => None,
            4 => {
                let table = words[1];
                if !matches!(table, "active" | "applications" | "review") {
                    return Err(bad("table must be active, applications or review"));
                }
                let row = match words[2] {
                    "-" => None,
                    r => Some(r.to_string()),
                };
                if (table == "review") != row.is_none() {
                    return Err(bad("table 3 (review) has row `-`, the others a row key"));
                }
                let column = words[3]
                    .parse()
                    .map_err(|_| bad("column must be a number"))?;
                Some(CellKey {
                    table: table.to_string(),
                    row,
                    column,
                })
            }
            _ => return Err(bad("expected `CODE` or `CODE table row column`")),
        };
        out.push(Expected {
            code,
            cell,
            line: i + 1,
        });
    }
    Ok(out)
}

// ---- comparison --------------------------------------------------------------

/// The text a span covers, shortened for one-line display.
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let s = text.get(start..end).unwrap_or("<bad span>");
    let s: String = s.chars().map(|c| if c == '\t' { '⇥' } else { c }).collect();
    let n = s.chars().count();
    if n > 24 {
        let head: String = s.chars().take(24).collect();
        format!("{head}…")
    } else {
        s
    }
}

fn where_(d: &Diagnostic, text: &str) -> String {
    match &d.span {
        Some(s) => format!(
            "{}:{} 「{}」",
            s.line,
            s.column,
            excerpt(text, s.start, s.end)
        ),
        None => "-".to_string(),
    }
}

/// Compares one fixture; returns the failure text, if any.
fn compare(f: &Fixture, report: &Report) -> Option<String> {
    let Some(expect) = &f.expect else {
        return Some(format!("{}: no {}.expect file\n", f.name, f.name));
    };
    let expected = match parse_expect(expect) {
        Ok(e) => e,
        Err(e) => return Some(format!("{}.expect: {e}\n", f.name)),
    };
    // REL-NOT-CHECKED (relations left unchecked, a note) is compared only
    // for fixtures whose .expect lists it.
    let notes = expected.iter().any(|e| e.code == "REL-NOT-CHECKED");
    let mut actual: Vec<Option<&Diagnostic>> = report
        .diagnostics
        .iter()
        .filter(|d| notes || d.code != "REL-NOT-CHECKED")
        .map(Some)
        .collect();
    let mut missing = Vec::new();
    for e in &expected {
        let hit = actual
            .iter_mut()
            .find(|a| a.is_some_and(|d| d.code == e.code && d.cell.as_ref().map(key_of) == e.cell));
        match hit {
            Some(slot) => *slot = None,
            None => missing.push(e),
        }
    }
    let unexpected: Vec<&Diagnostic> = actual.into_iter().flatten().collect();
    if missing.is_empty() && unexpected.is_empty() {
        return None;
    }
    let mut s = format!(
        "── {}.txt: {} expected, {} found\n",
        f.name,
        expected.len(),
        report.diagnostics.len()
    );
    for e in missing {
        let _ = writeln!(
            s,
            "   missing     {:<44} (.expect line {})",
            describe(&e.code, e.cell.as_ref()),
            e.line
        );
    }
    for d in unexpected {
        let cell = d.cell.as_ref().map(key_of);
        let _ = writeln!(
            s,
            "   unexpected  {:<44} at {}  {}",
            describe(d.code, cell.as_ref()),
            where_(d, &f.text),
            d.message
        );
    }
    Some(s)
}

#[test]
fn fixtures_match_their_expect_files() {
    let mut failures = String::new();
    let mut failed = 0;
    let all = fixtures();
    for f in &all {
        let report = run(f);
        if let Some(s) = compare(f, &report) {
            failed += 1;
            failures.push_str(&s);
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} fixtures differ from their .expect files:\n{failures}",
        all.len()
    );
}

// ---- the fixture set itself ----------------------------------------------------

/// Checks the `.expect` files, not the checker: every rule fires somewhere,
/// and the clean fixtures expect nothing, so every rule is also absent from
/// a clean report.
#[test]
fn expect_files_cover_every_rule() {
    let all = fixtures();
    let mut seen: Vec<String> = Vec::new();
    let mut clean = 0;
    for f in &all {
        let text = f
            .expect
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no .expect file", f.name));
        let expected = parse_expect(text).unwrap_or_else(|e| panic!("{}.expect: {e}", f.name));
        if f.name.starts_with("clean_") {
            assert!(
                expected.is_empty(),
                "{}: a clean fixture expects no diagnostic",
                f.name
            );
            clean += 1;
        }
        seen.extend(expected.into_iter().map(|e| e.code));
    }
    assert!(clean >= 2, "need at least two clean fixtures");
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| !seen.iter().any(|s| s == c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules no fixture makes fire: {missing:?}"
    );
    // Every .expect belongs to a fixture.
    for entry in std::fs::read_dir(fixtures_dir()).expect("tests/fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) == Some("expect") {
            assert!(
                path.with_extension("txt").exists(),
                "{} has no .txt",
                path.display()
            );
        }
    }
}

// ---- invariants of every report --------------------------------------------------

fn all_cells(report: &Report) -> Vec<(String, &Cell)> {
    let mut out = Vec::new();
    for (name, rows) in [
        ("active", &report.tables.active),
        ("applications", &report.tables.applications),
    ] {
        if let Some(rows) = rows {
            for (key, cells) in &rows.0 {
                for (i, c) in cells.iter().enumerate() {
                    out.push((format!("{name} {key} {i}"), c));
                }
            }
        }
    }
    if let Some(cells) = &report.tables.review {
        for (i, c) in cells.iter().enumerate() {
            out.push((format!("review - {i}"), c));
        }
    }
    out
}

/// Line and 1-based character column of a byte offset, counted the way
/// [`xxgk::Span`] documents it.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, before[line_start..].chars().count() + 1)
}

fn span_ok(text: &str, s: &xxgk::Span) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() {
        return Err(format!("span {}..{} out of bounds", s.start, s.end));
    }
    if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!(
            "span {}..{} not on char boundaries",
            s.start, s.end
        ));
    }
    let (line, column) = line_col(text, s.start);
    if (line, column) != (s.line, s.column) {
        return Err(format!(
            "span {}..{} says {}:{} but is at {line}:{column}",
            s.start, s.end, s.line, s.column
        ));
    }
    Ok(())
}

#[test]
fn spans_cells_and_codes_are_consistent() {
    let mut problems = String::new();
    for f in &fixtures() {
        let report = run(f);
        let mut p = Vec::new();
        for (at, c) in all_cells(&report) {
            if let Err(e) = span_ok(&f.text, &c.span) {
                p.push(format!("cell {at}: {e}"));
                continue;
            }
            let covered = &f.text[c.span.start..c.span.end];
            if covered != c.text {
                p.push(format!(
                    "cell {at}: span covers {covered:?} but text is {:?}",
                    c.text
                ));
            }
            if c.text.is_empty() && c.value.is_some() {
                p.push(format!("cell {at}: blank cell with value {:?}", c.value));
            }
        }
        for d in &report.diagnostics {
            let Some(r) = rule(d.code) else {
                p.push(format!("{}: not in the rule registry", d.code));
                continue;
            };
            if d.origin != r.origin {
                p.push(format!(
                    "{}: origin {:?}, registry {:?}",
                    d.code, d.origin, r.origin
                ));
            }
            // A check may lower its severity for a case, never raise it.
            if d.severity < r.severity {
                p.push(format!(
                    "{}: severity {:?} above the registry's {:?}",
                    d.code, d.severity, r.severity
                ));
            }
            if let Some(s) = &d.span {
                if let Err(e) = span_ok(&f.text, s) {
                    p.push(format!("{} {}: {e}", d.code, d.message));
                }
            }
            for rel in &d.related {
                if let Err(e) = span_ok(&f.text, &rel.span) {
                    p.push(format!("{} related {}: {e}", d.code, key_of(&rel.cell)));
                }
            }
        }
        if !p.is_empty() {
            let _ = writeln!(problems, "── {}.txt", f.name);
            for x in p {
                let _ = writeln!(problems, "   {x}");
            }
        }
    }
    assert!(problems.is_empty(), "inconsistent reports:\n{problems}");
}

// ---- snapshots ---------------------------------------------------------------------

fn fmt_number(n: Number) -> String {
    match n {
        Number::Int(v) => v.to_string(),
        Number::Dec(v) => format!("{v}"),
    }
}

/// One cell, compactly: `_` blank, `?text` unreadable, `12`, `252.1万元`;
/// when the text differs from that (other digits, signs, spaces, decimals),
/// the text follows in «».
fn fmt_cell(c: &Cell, unreadable: bool) -> String {
    let squeezed: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
    match c.value {
        None if unreadable => format!("?{}", c.text),
        None if c.text.is_empty() => "_".to_string(),
        None => format!("_«{}»", c.text),
        Some(n) => {
            let mut s = fmt_number(n);
            if let Some(u) = &c.unit {
                s.push_str(u);
            }
            if squeezed != s {
                let _ = write!(s, "«{}»", c.text);
            }
            s
        }
    }
}

fn render_tables(report: &Report) -> String {
    let unreadable = |table: TableId, row: Option<&str>, col: usize| {
        report.diagnostics.iter().any(|d| {
            matches!(d.code, "CELL-UNREADABLE" | "CELL-MERGED")
                && d.cell
                    .as_ref()
                    .is_some_and(|c| c.table == table && c.row == row && c.column == col)
        })
    };
    let mut s = String::new();
    let _ = writeln!(s, "template: {}", report.template.as_str());
    let opt = |o: Option<String>| o.unwrap_or_else(|| "-".to_string());
    let _ = writeln!(s, "year: {}", opt(report.year.map(|y| y.to_string())));
    let _ = writeln!(s, "agency: {}", opt(report.agency.clone()));
    let _ = writeln!(s, "date: {}", opt(report.date.clone()));
    let _ = writeln!(
        s,
        "period: {}",
        opt(report
            .period
            .as_ref()
            .map(|p| format!("{}..{}", p.start, p.end)))
    );
    let _ = writeln!(s, "sections:");
    for sec in &report.sections {
        let _ = writeln!(
            s,
            "  {} {} @{}:{}",
            sec.number, sec.title, sec.span.line, sec.span.column
        );
    }
    for (id, rows) in [
        (TableId::Active, &report.tables.active),
        (TableId::Applications, &report.tables.applications),
    ] {
        let _ = write!(s, "[{}]", table_name(id));
        match rows {
            None => s.push_str(" none\n"),
            Some(rows) => {
                s.push('\n');
                for (key, cells) in &rows.0 {
                    let cs: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| fmt_cell(c, unreadable(id, Some(*key), i)))
                        .collect();
                    let _ = writeln!(s, "{key}: {}", cs.join(" "));
                }
            }
        }
    }
    let _ = write!(s, "[review]");
    match &report.tables.review {
        None => s.push_str(" none\n"),
        Some(cells) => {
            let cs: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| fmt_cell(c, unreadable(TableId::Review, None, i)))
                .collect();
            let _ = writeln!(s, "\n{}", cs.join(" "));
        }
    }
    if !report.tables.unplaced.is_empty() {
        let _ = writeln!(s, "[unplaced]");
        for u in &report.tables.unplaced {
            let cs: Vec<String> = u.cells.iter().map(|c| fmt_cell(c, false)).collect();
            let row = u.row.unwrap_or("-");
            let _ = writeln!(s, "{} {row}: {}", table_name(u.table), cs.join(" "));
        }
    }
    s
}

fn render_diagnostics(report: &Report, text: &str) -> String {
    if report.diagnostics.is_empty() {
        return "(no diagnostics)\n".to_string();
    }
    let mut s = String::new();
    for d in &report.diagnostics {
        let cell = d.cell.as_ref().map(key_of);
        let _ = write!(
            s,
            "{} {} @ {}",
            d.severity.as_str(),
            describe(d.code, cell.as_ref()),
            where_(d, text)
        );
        if let Some(e) = d.expected {
            let _ = write!(s, " expected={}", fmt_number(e));
        }
        if let Some(a) = d.actual {
            let _ = write!(s, " actual={}", fmt_number(a));
        }
        if !d.related.is_empty() {
            let _ = write!(s, " related={}", d.related.len());
        }
        let _ = writeln!(s, "\n    {}", d.message);
    }
    s
}

#[test]
fn snapshots() {
    let mut failed = Vec::new();
    for f in &fixtures() {
        let report = run(f);
        let tables = render_tables(&report);
        let diagnostics = render_diagnostics(&report, &f.text);
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(true);
        settings.set_omit_expression(true);
        settings.set_input_file(fixtures_dir().join(format!("{}.txt", f.name)));
        settings.set_description(format!("{}.txt", f.name));
        let result = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| {
                insta::assert_snapshot!(format!("{}.tables", f.name), tables);
                insta::assert_snapshot!(format!("{}.diagnostics", f.name), diagnostics);
            });
        }));
        if result.is_err() {
            failed.push(f.name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "snapshots differ for {failed:?}; review with `cargo insta review`"
    );
}
