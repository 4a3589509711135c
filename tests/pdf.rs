//! PDF files read cell-exact: every `tests/fixtures/*.txt` is turned into a
//! web page (tables with borders, spans as the official template merges
//! them; `tests/common/pages.rs`), the pages are converted to PDF by
//! `LibreOffice` during the test (one `soffice` run for all), and each PDF is
//! read with `read_document`.
//!
//! For every table cell of the fixture, the PDF's text must give the same
//! value in the same row and column, or nothing there (a blank: not
//! placed) — never another value, and never a number in a column where the
//! fixture has none. The counts (right / unplaced / misplaced) are printed
//! per fixture. Skipped, with a message, when `soffice` is not installed
//! (`scripts/setup` installs it).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

mod common;
use common::pages::{fixtures, html_page};
use xxgk::input::{read_document, DocKind};

/// Counts of one fixture's cells.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    right: usize,
    unplaced: usize,
    misplaced: usize,
    /// Text cells (labels, headers) read differently: not asserted.
    text: usize,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(squeeze).collect())
        .collect()
}

/// The row's label: its first cell that is not empty.
fn label(row: &[String]) -> Option<&str> {
    row.iter().map(String::as_str).find(|c| !c.is_empty())
}

fn is_number(cell: &str) -> bool {
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Compare the fixture's table rows with the PDF's, row by row in order.
/// A row is found by its label. In a data row (one with numbers) every
/// position is compared; a header row's cells are compared in order
/// without their positions (the fixture's rows are ragged where the
/// template's header cells span columns, the PDF gives the drawn grid).
fn compare(want: &str, got: &str, log: &mut String) -> Counts {
    let want = rows(want);
    let got = rows(got);
    let mut counts = Counts::default();
    let mut next = 0;
    for w in &want {
        let found = (next..got.len().min(next + 8)).find(|&k| label(&got[k]) == label(w));
        let Some(k) = found else {
            let cells = w.iter().filter(|c| !c.is_empty()).count();
            counts.unplaced += cells;
            writeln!(log, "  row not found: {}", w.join("|")).unwrap();
            continue;
        };
        next = k + 1;
        let g = &got[k];
        if !w.iter().chain(g).any(|c| is_number(c)) {
            let (wt, gt): (Vec<&String>, Vec<&String>) = (
                w.iter().filter(|c| !c.is_empty()).collect(),
                g.iter().filter(|c| !c.is_empty()).collect(),
            );
            if wt == gt {
                counts.right += wt.len();
            } else {
                counts.text += wt.len();
                writeln!(log, "  header differs: {} / {}", w.join("|"), g.join("|")).unwrap();
            }
            continue;
        }
        for i in 0..w.len().max(g.len()) {
            let (wc, gc) = (
                w.get(i).map_or("", String::as_str),
                g.get(i).map_or("", String::as_str),
            );
            if wc.is_empty() && gc.is_empty() {
                continue;
            }
            if wc == gc {
                counts.right += 1;
            } else if gc.is_empty() {
                counts.unplaced += 1;
            } else if is_number(wc) || is_number(gc) {
                counts.misplaced += 1;
                writeln!(
                    log,
                    "  column {i}: want {wc:?}, got {gc:?} in {}",
                    g.join("|")
                )
                .unwrap();
            } else {
                counts.text += 1;
                writeln!(log, "  label differs: want {wc:?}, got {gc:?}").unwrap();
            }
        }
    }
    counts
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|exe| {
        Command::new(exe)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Convert every fixture's web page to PDF in one run; the PDFs' bytes by
/// fixture name.
fn convert(exe: &str, dir: &Path, pages: &[(String, String)]) -> Vec<(String, Vec<u8>)> {
    let mut inputs = Vec::new();
    for (name, html) in pages {
        let path = dir.join(format!("{name}.html"));
        std::fs::write(&path, html).unwrap();
        inputs.push(path);
    }
    let profile = dir.join("profile");
    let status = Command::new(exe)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(&inputs)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    pages
        .iter()
        .map(|(name, _)| {
            let pdf = dir.join(format!("{name}.pdf"));
            let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
            (name.clone(), bytes)
        })
        .collect()
}

#[test]
fn fixtures_as_pdf_read_cell_exact() {
    let Some(exe) = soffice() else {
        eprintln!("skipped: soffice (LibreOffice) is not installed; scripts/setup installs it");
        return;
    };
    // XXGK_PDF_DIR=dir keeps the pages and PDFs there, to look at.
    let temp = tempfile::tempdir().unwrap();
    let dir =
        std::env::var_os("XXGK_PDF_DIR").map_or_else(|| temp.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = fixtures();
    let mut pages: Vec<(String, String)> = Vec::new();
    for (name, text) in &fixtures {
        // LibreOffice leaves out a page's first paragraph when it opens a
        // web page: an empty one goes first, so the title stays.
        let page = html_page(text).replacen("<body>\n", "<body>\n<p>&nbsp;</p>\n", 1);
        // The same tables without borders: columns from the headers.
        let plain = page.replace("<table border=\"1\"", "<table border=\"0\"");
        pages.push((name.clone(), page));
        pages.push((format!("{name}-plain"), plain));
    }
    // A page without text: a PDF with nothing to read, like a scan.
    pages.push((
        "blank".to_string(),
        "<html><body><p>&nbsp;</p></body></html>".to_string(),
    ));
    let mut pdfs = convert(exe, &dir, &pages);
    let (_, blank) = pdfs.pop().unwrap();
    let err = read_document(&blank, "scan.pdf").unwrap_err();
    assert!(err.to_string().contains("扫描件"), "{err}");

    // The command line reads PDFs, named or found in a directory.
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--format", "jsonl"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let sources: Vec<String> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"].as_str().map(str::to_string))
        .filter(|s| {
            Path::new(s)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        })
        .collect();
    assert_eq!(sources.len(), 2 * fixtures.len(), "{sources:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("blank.pdf") && stderr.contains("扫描件"),
        "{stderr}"
    );

    let mut failures = String::new();
    for (kind, offset) in [("with borders", 0), ("without borders", 1)] {
        let pdfs: Vec<&Vec<u8>> = pdfs
            .iter()
            .skip(offset)
            .step_by(2)
            .map(|(_, b)| b)
            .collect();
        assert_eq!(pdfs.len(), fixtures.len());
        failures.push_str(&compare_all(kind, &fixtures, &pdfs));
    }
    assert!(failures.is_empty(), "{failures}");
}

/// Read each fixture's PDF, compare and print the counts; the failures.
fn compare_all(kind: &str, fixtures: &[(String, String)], pdfs: &[&Vec<u8>]) -> String {
    let mut report = String::new();
    let mut failures = String::new();
    let mut total = Counts::default();
    let mut differing = Vec::new();
    for ((name, text), bytes) in fixtures.iter().zip(pdfs) {
        let doc = match read_document(bytes, &format!("{name}.pdf")) {
            Ok(doc) => doc,
            Err(e) => {
                writeln!(failures, "{name} ({kind}): not read: {e}").unwrap();
                continue;
            }
        };
        assert_eq!(doc.kind, DocKind::Pdf);
        let mut log = String::new();
        let c = compare(text, &doc.text, &mut log);
        if findings(text) != findings(&doc.text) {
            writeln!(
                log,
                "  findings differ:\n    from .txt: {:?}\n    from .pdf: {:?}",
                findings(text),
                findings(&doc.text)
            )
            .unwrap();
            differing.push(name.as_str());
        }
        writeln!(
            report,
            "{name}: right {} unplaced {} misplaced {} text-differs {}",
            c.right, c.unplaced, c.misplaced, c.text
        )
        .unwrap();
        if c.misplaced > 0 {
            writeln!(
                failures,
                "== {name} ({kind}) ==\n{log}-- text read:\n{}",
                doc.text
            )
            .unwrap();
        }
        total.right += c.right;
        total.unplaced += c.unplaced;
        total.misplaced += c.misplaced;
        total.text += c.text;
        if std::env::var_os("XXGK_PDF_DIR").is_some() && !log.is_empty() {
            eprintln!("{name} ({kind}):\n{log}");
        }
    }
    eprintln!(
        "-- tables {kind}:\n{report}total: right {} unplaced {} misplaced {} text-differs {}",
        total.right, total.unplaced, total.misplaced, total.text
    );
    eprintln!(
        "findings differ from the .txt's for {} of {} fixtures: {differing:?}",
        differing.len(),
        fixtures.len()
    );
    failures
}

/// The findings of checking a text: code and cell of each.
fn findings(text: &str) -> Vec<String> {
    let report = xxgk::check(text, &xxgk::Options::default());
    let mut out: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?}", d.code, d.cell))
        .collect();
    out.sort();
    out
}
