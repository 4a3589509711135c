//! Text routes read cell-exact or not at all: every `tests/fixtures/*.txt`
//! is turned during the test into renditions a user may paste or convert —
//! PDF (`LibreOffice`, tables with and without borders) read by
//! `pdftotext -layout`, by plain `pdftotext` and by this crate's own PDF
//! reader, and as a PDF viewer copies it (cells one space apart, blank
//! cells dropped: the layout text with its gaps made one space, and
//! `pdftotext -raw`); a `.docx` written by `LibreOffice`; markdown tables the way
//! conversion tools write them. Each rendition is checked, and every table
//! cell compared with the fixture's: the same number in the same row and
//! column, or nothing there (unread) — never another number.
//!
//! `cargo test --test routes -- --nocapture` prints the quality table
//! (`scripts/quality`). The PDF and Word routes are skipped, with a message,
//! when `soffice` or `pdftotext` is missing.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

mod common;
use common::pages::{fixtures, html_page};
use common::routes::{compare_texts, markdown, row, Counts};
use xxgk::input::read_document;
use xxgk::{check, Options};

fn works(exe: &str, arg: &str) -> bool {
    Command::new(exe)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"]
        .into_iter()
        .find(|exe| works(exe, "--version"))
}

/// Convert the pages with `LibreOffice` into `dir` (`to`: `pdf` or `docx`).
fn convert(exe: &str, dir: &Path, to: &str, inputs: &[std::path::PathBuf]) {
    let profile = dir.join("profile");
    let mut cmd = Command::new(exe);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore"]);
    if to == "docx" {
        cmd.args([
            "--infilter=HTML (StarWriter)",
            "--convert-to",
            "docx:MS Word 2007 XML",
        ]);
    } else {
        cmd.args(["--convert-to", "pdf"]);
    }
    let out = cmd
        .arg("--outdir")
        .arg(dir)
        .args(inputs)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdftotext(pdf: &Path, mode: &str) -> String {
    let mut cmd = Command::new("pdftotext");
    if !mode.is_empty() {
        cmd.arg(mode);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text as a PDF viewer copies it: cells one space apart, blank cells
/// dropped (each line of the layout text with its runs of spaces made one).
fn viewer_copy(layout: &str) -> String {
    let mut out = String::with_capacity(layout.len());
    for line in layout.lines() {
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    out
}

/// One route's counts over all fixtures, and the log of its misplaced cells.
struct Route {
    name: &'static str,
    counts: Counts,
    log: String,
}

impl Route {
    fn new(name: &'static str) -> Self {
        Route {
            name,
            counts: Counts::default(),
            log: String::new(),
        }
    }

    fn add(&mut self, fixture: &str, want: &str, got: &str) {
        let mut log = String::new();
        let c = compare_texts(want, got, &mut log);
        self.counts.add(c);
        if c.misplaced > 0 {
            writeln!(self.log, "== {fixture} ({}) ==\n{log}", self.name).unwrap();
        }
    }
}

/// Every fixture but those about digits that ran together (crawled text):
/// they are not renditions of a table, their own reading is the question
/// (tests/flattened.rs), not a truth to compare other routes with.
fn table_fixtures() -> Vec<(String, String)> {
    fixtures()
        .into_iter()
        .filter(|(_, text)| {
            !check(text, &Options::default())
                .diagnostics
                .iter()
                .any(|d| d.code.starts_with("CELL-SPLIT"))
        })
        .collect()
}

/// The PDF and Word routes: every fixture converted by `LibreOffice` (`exe`).
fn pdf_routes(exe: &str, fixtures: &[(String, String)]) -> Vec<Route> {
    let mut routes = Vec::new();
    let temp = tempfile::tempdir().unwrap();
    let dir =
        std::env::var_os("XXGK_ROUTES_DIR").map_or_else(|| temp.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&dir).unwrap();
    let mut inputs = Vec::new();
    for (name, text) in fixtures {
        let page = html_page(text).replacen("<body>\n", "<body>\n<p>&nbsp;</p>\n", 1);
        let plain = page.replace("<table border=\"1\"", "<table border=\"0\"");
        for (n, p) in [(name.clone(), page), (format!("{name}-plain"), plain)] {
            let path = dir.join(format!("{n}.html"));
            std::fs::write(&path, p).unwrap();
            inputs.push(path);
        }
    }
    // XXGK_ROUTES_DIR=dir keeps the files there, to look at;
    // XXGK_ROUTES_REUSE=1 reads those made by an earlier run.
    if std::env::var_os("XXGK_ROUTES_REUSE").is_none() {
        convert(exe, &dir, "pdf", &inputs);
        let bordered: Vec<_> = inputs.iter().step_by(2).cloned().collect();
        convert(exe, &dir, "docx", &bordered);
    }

    let mut layout = [
        Route::new("pdftotext -layout, borders"),
        Route::new("pdftotext -layout, no borders"),
    ];
    let mut plain = [
        Route::new("pdftotext, borders"),
        Route::new("pdftotext, no borders"),
    ];
    let mut copied = [
        Route::new("PDF viewer copy (spaces), borders"),
        Route::new("PDF viewer copy (spaces), no borders"),
    ];
    let mut raw = [
        Route::new("PDF viewer copy (pdftotext -raw), borders"),
        Route::new("PDF viewer copy (pdftotext -raw), no borders"),
    ];
    let mut own = [
        Route::new("PDF (xxgk), borders"),
        Route::new("PDF (xxgk), no borders"),
    ];
    let mut word = Route::new(".docx (LibreOffice)");
    for (name, text) in fixtures {
        for (k, stem) in [name.clone(), format!("{name}-plain")].iter().enumerate() {
            let pdf = dir.join(format!("{stem}.pdf"));
            let spaced = pdftotext(&pdf, "-layout");
            layout[k].add(name, text, &spaced);
            copied[k].add(name, text, &viewer_copy(&spaced));
            plain[k].add(name, text, &pdftotext(&pdf, ""));
            raw[k].add(name, text, &pdftotext(&pdf, "-raw"));
            let bytes = std::fs::read(&pdf).unwrap();
            if let Ok(doc) = read_document(&bytes, "a.pdf") {
                own[k].add(name, text, &doc.text);
            }
        }
        let bytes = std::fs::read(dir.join(format!("{name}.docx"))).unwrap();
        if let Ok(doc) = read_document(&bytes, "a.docx") {
            word.add(name, text, &doc.text);
        }
    }
    routes.extend(layout);
    routes.extend(plain);
    routes.extend(copied);
    routes.extend(raw);
    routes.extend(own);
    routes.push(word);
    routes
}

#[test]
fn routes_read_cell_exact_or_not_at_all() {
    let fixtures = table_fixtures();
    let mut routes: Vec<Route> = Vec::new();

    for (style, name) in [
        (0, "markdown, headers kept"),
        (1, "markdown, invented headers"),
        (2, "markdown, one table per row"),
    ] {
        let mut r = Route::new(name);
        for (f, text) in &fixtures {
            r.add(f, text, &markdown(text, style));
        }
        routes.push(r);
    }

    let tools = match soffice() {
        None => Err("soffice (LibreOffice) is not installed"),
        Some(_) if !works("pdftotext", "-v") => Err("pdftotext (poppler-utils) is not installed"),
        Some(exe) => Ok(exe),
    };
    match tools {
        Err(why) => eprintln!("skipped the PDF and Word routes: {why}; scripts/setup installs it"),
        Ok(exe) => routes.extend(pdf_routes(exe, &fixtures)),
    }

    let mut table = String::from(
        "| route | cells right | unread or unplaced | misplaced |\n|---|---:|---:|---:|\n",
    );
    for r in &routes {
        table.push_str(&row(r.name, r.counts));
        table.push('\n');
    }
    eprintln!("{} fixtures\n{table}", fixtures.len());
    let failures: String = routes.iter().map(|r| r.log.as_str()).collect();
    if std::env::var_os("XXGK_ROUTES_LOG").is_some() {
        eprintln!("{failures}");
    }
    // Every route: no number in a wrong cell.
    for r in &routes {
        assert!(
            r.counts.misplaced == 0,
            "{}: numbers in wrong cells:\n{failures}",
            r.name
        );
    }
}
