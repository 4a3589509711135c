//! The registry of checks: one entry per stable code.
//!
//! Every diagnostic the checker emits uses a code from [`RULES`]; the CLI
//! (`xxgk rules`, `xxgk rule CODE`), the web page and `docs/rules.md` all read
//! their titles and explanations from here. Codes never change meaning; a
//! retired check keeps its code reserved.

use crate::doc::Structure;
use crate::layout::TextLine;
use crate::model::{Origin, Severity};
use crate::tables::Read;

pub use config::{Config, ConfigError};
use registry::ALL;
pub use registry::{Code, ALL_RULES};

mod cells;
pub mod config;
mod culprit;
mod document;
pub(crate) mod narrative;
mod runs;
pub(crate) mod sink;
mod table1;
mod table2;
mod table3;

/// What a rule sees: the text, its lines, its structure and its tables.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub lines: &'a [TextLine],
    pub doc: &'a Structure,
    pub tables: &'a Read,
}

/// Run every rule, in the order of the parts of a report.
pub(crate) fn run(cx: &Context) -> sink::Sink {
    let mut f = sink::Sink::default();
    if document::gate(cx, &mut f) {
        return f;
    }
    document::check(cx, &mut f);
    narrative::check(cx, &mut f);
    if let Some(t) = &cx.tables.active {
        table1::check(cx, t, &mut f);
    }
    if let Some(t) = &cx.tables.applications {
        let start = f.0.len();
        table2::check(cx, t, &mut f);
        culprit::table2(cx, t, start, &mut f);
    }
    if let Some(t) = &cx.tables.review {
        let start = f.0.len();
        table3::check(t, &mut f);
        culprit::table3(t, start, &mut f);
    }
    runs::check(cx, &mut f);
    f
}
use serde::Serialize;

/// One check.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    /// Stable code, e.g. `T2-SUM`.
    pub code: &'static str,
    /// The id of the relation or check in the format specification, if the
    /// check implements one (most codes equal their spec id).
    pub spec: Option<&'static str>,
    /// Default severity. A few checks lower it for a case (documented in the
    /// explanation).
    pub severity: Severity,
    /// Whether a finding says the report is wrong or the text could not be read.
    pub origin: Origin,
    /// Which part of the report the check looks at.
    pub group: Group,
    /// One line, Chinese.
    pub title: &'static str,
    /// What the check looks at, why it matters and what to do (Chinese,
    /// paragraphs separated by blank lines).
    pub explanation: &'static str,
}

/// The part of the report a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Table 1, 主动公开.
    Active,
    /// Table 2, 依申请公开.
    Applications,
    /// Table 3, 行政复议、行政诉讼.
    Review,
    /// Any table (cells, rows).
    Table,
    /// The document as a whole.
    Document,
    /// Two reports of one agency, a year apart (see [`crate::compare`]).
    Compare,
}

impl Group {
    /// The group's name in the JSON and in rule configurations (`select`,
    /// `ignore`, `severity`): `active`, `applications`, `review`, `table`,
    /// `document`, `compare`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Group::Active => "active",
            Group::Applications => "applications",
            Group::Review => "review",
            Group::Table => "table",
            Group::Document => "document",
            Group::Compare => "compare",
        }
    }
}

/// The checks of one report (what `xxgk rules` and the page list): every
/// entry of [`ALL_RULES`] before the year-over-year ones.
pub static RULES: &[Rule] = ALL.split_at(Code::T2Xyr as usize).0;

/// The year-over-year checks (group [`Group::Compare`], see
/// [`crate::compare`]): they compare two reports, so a single report never
/// raises them.
pub static COMPARE_RULES: &[Rule] = ALL.split_at(Code::T2Xyr as usize).1;

/// Look a rule up by its code (any rule, year-over-year ones included).
#[must_use]
pub fn rule(code: &str) -> Option<&'static Rule> {
    ALL_RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// Defines [`ALL_RULES`] and the typed [`Code`] of each entry (same order).
macro_rules! rules {
    ($( $name:ident = $code:literal, $spec:expr, $sev:ident, $origin:ident, $group:ident, $title:literal, $expl:expr; )*) => {
        pub(super) const ALL: &[Rule] = &[
            $( Rule {
                code: $code,
                spec: $spec,
                severity: Severity::$sev,
                origin: Origin::$origin,
                group: Group::$group,
                title: $title,
                explanation: $expl,
            }, )*
        ];

        /// Every check, in the order the documentation lists them: the
        /// checks of one report ([`RULES`](super::RULES)), then the
        /// year-over-year ones ([`COMPARE_RULES`](super::COMPARE_RULES)).
        pub static ALL_RULES: &[Rule] = ALL;

        /// The code of a check, as the checker emits it (one variant per
        /// entry of [`ALL_RULES`], in the same order).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $( #[doc = $code] $name, )*
        }
    };
}

mod registry;

impl Code {
    /// The registry entry of this code.
    #[must_use]
    pub fn rule(self) -> &'static Rule {
        &ALL_RULES[self as usize]
    }

    /// The stable code text, e.g. `T2-SUM`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.rule().code
    }
}
