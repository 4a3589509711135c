//! The pipeline, phase by phase (see the crate documentation).

use crate::model::Report;
use crate::rules::{self, Config, Context};
use crate::{doc, layout, report, tables, Options};

/// Check one report text, every rule at its own severity.
#[must_use]
pub fn check(text: &str, options: &Options) -> Report {
    check_with(text, options, &Config::default())
}

/// [`check`] as the page's checker (built without the feature `digit-runs`)
/// does: a text with runs of digits for tables 2 or 3 gets a report with
/// [`Report::deferred_runs`] set and those runs left unsplit. For the tests
/// that hold the two builds to the same reading (tests/deferred.rs).
#[doc(hidden)]
#[must_use]
pub fn check_without_solver(text: &str, options: &Options) -> Report {
    tables::runs::without_solver(|| check(text, options))
}

/// Check one report text with a rule configuration: only the rules it
/// selects report findings, at the severities it sets. What is read (cells,
/// tables, relations) is the same as with [`check`]. The JSON with the
/// configuration named in it: [`Report::to_json_with`].
#[must_use]
pub fn check_with(text: &str, options: &Options, config: &Config) -> Report {
    // 2. Lines and (inside the readers) tokens.
    let lines = layout::lines(text);
    // A whole report on one line: cut at its headings.
    let lines = tables::runs::cut_report(text, &lines).unwrap_or(lines);
    // 3. Structure: title, year, agency, period, the six headings, the date.
    let structure = doc::read(text, &lines);
    // 4. The three tables, and the template they follow.
    let read = tables::read_tables(text, &lines, &structure);
    // 5. The rules.
    let mut findings = rules::run(&Context {
        text,
        lines: &lines,
        doc: &structure,
        tables: &read,
    });
    findings.apply(config);
    // 6. The report.
    report::build(text, options, &structure, read, findings)
}
