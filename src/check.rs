//! The pipeline, phase by phase (see the crate documentation).

use crate::model::Report;
use crate::rules::{self, Context};
use crate::{doc, layout, report, tables, Options};

/// Check one report text.
#[must_use]
pub fn check(text: &str, options: &Options) -> Report {
    // 2. Lines and (inside the readers) tokens.
    let lines = layout::lines(text);
    // A whole report on one line: cut at its headings.
    let lines = tables::runs::cut_report(text, &lines).unwrap_or(lines);
    // 3. Structure: title, year, agency, period, the six headings, the date.
    let structure = doc::read(text, &lines);
    // 4. The three tables, and the template they follow.
    let read = tables::read_tables(text, &lines, &structure);
    // 5. The rules.
    let findings = rules::run(&Context {
        text,
        lines: &lines,
        doc: &structure,
        tables: &read,
    });
    // 6. The report.
    report::build(text, options, &structure, read, findings)
}
