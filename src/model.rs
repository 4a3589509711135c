//! The checker's output: a [`Report`] with the tables it read and every
//! [`Diagnostic`] it found.
//!
//! The serialised form of these types *is* the JSON contract
//! (`schema_version: 1`) printed by `xxgk check --format json`, returned by the
//! WebAssembly build and documented in the README. Field order is the order of
//! declaration here; do not reorder fields without bumping the schema version.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

pub use crate::template::Format;

/// Version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// A place in the checked text.
///
/// `start` and `end` are byte offsets into the (decoded, UTF-8) text and always
/// fall on character boundaries; `line` is 1-based; `column` is the 1-based
/// count of characters (Unicode scalar values) from the start of the line.
/// `utf16` is only present when [`crate::Options::utf16`] is set (the
/// WebAssembly build sets it so JavaScript can slice its own strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Line of `start`, 1-based.
    pub line: usize,
    /// Column of `start` in characters, 1-based.
    pub column: usize,
    /// The same place in UTF-16 code units, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utf16: Option<Utf16Span>,
}

/// The same place as a [`Span`], in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Utf16Span {
    /// Offset of the first code unit.
    pub start: usize,
    /// Offset just past the last code unit.
    pub end: usize,
}

/// Which official format the report's tables follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Template {
    /// 国办公开办函〔2019〕60号 trial format (2019 and 2020 reports).
    #[serde(rename = "2019")]
    F2019,
    /// 国办公开办函〔2021〕30号 format (2021 reports on).
    #[serde(rename = "2021")]
    F2021,
    /// Blocks of both formats in one report.
    #[serde(rename = "hybrid")]
    Hybrid,
    /// A report for 2018 or earlier: the tables are out of scope.
    #[serde(rename = "pre2019")]
    Pre2019,
    /// No table and no year told the format apart.
    #[serde(rename = "unknown")]
    Unknown,
}

impl Template {
    /// The name for people, e.g. `2021 版（国办公开办函〔2021〕30号）`.
    #[must_use]
    pub fn display_name(self) -> &'static str {
        crate::template::name_of(&crate::template::TEMPLATE_NAMES, self.as_str())
    }

    /// The name in the JSON contract: `2019`, `2021`, `hybrid`, `pre2019`,
    /// `unknown`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Template::F2019 => "2019",
            Template::F2021 => "2021",
            Template::Hybrid => "hybrid",
            Template::Pre2019 => "pre2019",
            Template::Unknown => "unknown",
        }
    }
}

/// A number read from a cell.
///
/// Counts are integers; money amounts keep the decimals as written.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    /// A whole number (counts, and money written without decimals).
    Int(i64),
    /// A money amount written with decimals.
    Dec(f64),
}

impl Number {
    /// The value as an integer, if it is one.
    #[must_use]
    pub fn as_int(self) -> Option<i64> {
        match self {
            Number::Int(v) => Some(v),
            Number::Dec(_) => None,
        }
    }

    /// The value as a float, for sums of money amounts.
    #[must_use]
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(v) => v as f64,
            Number::Dec(v) => v,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(v) => write!(f, "{v}"),
            Number::Dec(v) => write!(f, "{v}"),
        }
    }
}

/// One value cell of a table, as found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The cell's text as written (trimmed), e.g. `减 18`, `252.1万元`, or empty.
    pub text: String,
    /// The number read, or `None` when the cell is blank or unreadable.
    pub value: Option<Number>,
    /// Money unit (`元`, `万元`) from the cell or its column header; `None` for counts.
    pub unit: Option<String>,
    /// Where the cell is. A blank cell has an empty span where it was expected.
    pub span: Span,
    /// The relations (`T2-ROW`, `T2-SUM`, …) whose arithmetic separated this
    /// cell's value from a run of digits that lost its cell boundaries
    /// (`352001038` read as 35 2 0 0 1 0 38). Empty, and left out of the
    /// JSON, for a cell read as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<String>,
}

/// A section heading (一 … 六) found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The section's number, 1 to 6.
    pub number: u8,
    /// The heading's title after its number, as written.
    pub title: String,
    /// Where the heading is.
    pub span: Span,
}

/// The statistical-period sentence (本报告中所列数据的统计期限自…起至…止).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// `YYYY-MM-DD`
    pub start: String,
    /// `YYYY-MM-DD`
    pub end: String,
    /// Where the sentence's dates are.
    pub span: Span,
}

/// Rows of a table in template order, serialised as a JSON object whose keys
/// keep that order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows(pub Vec<(&'static str, Vec<Cell>)>);

impl Rows {
    /// The cells of the row with this key.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&[Cell]> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_slice())
    }

    /// Whether no row was read.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Rows {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The three statistical tables.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Tables {
    /// Table 1 (二、主动公开政府信息情况): item key → value cells in column order.
    pub active: Option<Rows>,
    /// Table 2 (三、收到和处理政府信息公开申请情况): row key → 7 cells.
    pub applications: Option<Rows>,
    /// Table 3 (四、行政复议、行政诉讼): 15 cells.
    pub review: Option<Vec<Cell>>,
    /// Rows whose numbers were read but whose columns are not certain: their
    /// cells in the order found (such a row is not in its table's rows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Unplaced>,
    /// The format decided for each table; serialised as the report's
    /// top-level `layout` field, not inside `tables`.
    #[serde(skip)]
    pub layout: Layout,
}

/// A row whose numbers could not be placed in the template's columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unplaced {
    /// The table.
    pub table: TableId,
    /// Row key; `None` for table 3.
    pub row: Option<&'static str>,
    /// The row's cells in the order found, not under any column.
    pub cells: Vec<Cell>,
}

/// The table a [`CellRef`] points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableId {
    /// Table 1, information disclosed on the agency's own initiative.
    Active,
    /// Table 2, applications received and handled.
    Applications,
    /// Table 3, administrative reconsideration and litigation.
    Review,
}

/// A cell of one of the three tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// The table.
    pub table: TableId,
    /// Row key (`total`, `denied.3`, `licensing` …); `None` for table 3.
    pub row: Option<&'static str>,
    /// 0-based column among the row's value cells.
    pub column: usize,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report breaks a rule of the format: a number or a part is wrong.
    Error,
    /// Probably wrong, or not checkable as written.
    Warning,
    /// Worth a look; not a fault.
    Info,
}

impl Severity {
    /// The name for people: 错误, 警告, 提示.
    #[must_use]
    pub fn display_name(self) -> &'static str {
        crate::template::name_of(&crate::template::SEVERITY_NAMES, self.as_str())
    }

    /// The name in the JSON contract: `error`, `warning`, `info`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Whether a finding says the report is wrong, or that the checker could not
/// read part of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The report, as read, breaks a rule.
    Report,
    /// Part of the text could not be read; the finding is about the input.
    Input,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable rule code, see [`crate::rules::RULES`].
    pub code: &'static str,
    /// How serious the finding is.
    pub severity: Severity,
    /// One line, in Chinese, with the numbers of this case.
    pub message: String,
    /// The id in the format specification this check implements, if any.
    pub spec: Option<&'static str>,
    /// The cell the finding is about (for relations: the total cell).
    pub cell: Option<CellRef>,
    /// What the cell should hold, when the rule computes it.
    pub expected: Option<Number>,
    /// What the cell holds (`None` when blank or not compared).
    pub actual: Option<Number>,
    /// Where the finding is, when it has a place in the text.
    pub span: Option<Span>,
    /// Whether the report is wrong or the input could not be read.
    pub origin: Origin,
    /// Other cells that enter the relation (its parts), with their spans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// The index in [`Report::diagnostics`] of the finding that explains
    /// this one (a `FIX-CELL` naming the cell whose correction makes this
    /// relation hold).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caused_by: Option<usize>,
    /// On a root-cause finding: the indices in [`Report::diagnostics`] of
    /// the findings it explains, ascending.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explains: Vec<usize>,
}

/// A cell that enters a relation, with where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// The cell.
    pub cell: CellRef,
    /// Where the cell is.
    pub span: Span,
}

/// Everything the checker found in one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Version of the JSON contract, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// File name, or `-` for standard input / pasted text.
    pub source: String,
    /// The format the tables follow.
    pub template: Template,
    /// The report year, from the title, else the statistical period.
    pub year: Option<i32>,
    /// The reporting agency as the report names it: from the title, a line
    /// above it, the signature, the contact sentence, the preamble or the
    /// statistical-period sentence, in that order (docs/json.md).
    pub agency: Option<String>,
    /// Signature date `YYYY-MM-DD`, if the report ends with one.
    pub date: Option<String>,
    /// The statistical period, if stated.
    pub period: Option<Period>,
    /// The section headings found, in text order.
    pub sections: Vec<Section>,
    /// The three tables as read.
    pub tables: Tables,
    /// Every finding, sorted by place in the text.
    pub diagnostics: Vec<Diagnostic>,
    /// The text has runs of digits for tables 2 or 3 (cells that lost their
    /// boundaries) that this build left unsplit: it has no solver (the
    /// page's checker, built without the feature `digit-runs`). Such a
    /// report is incomplete; the page checks the text again with the module
    /// that has the solver. Always `false` in the command-line tool and the
    /// npm package. In JSON, `"deferred_runs": true`, only when set.
    pub deferred_runs: bool,
}

impl Serialize for Report {
    /// The fields in declaration order, with `layout` (from
    /// [`Tables::layout`], the format decided for each table) after `tables`:
    /// `diagnostics` stays the last field.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_with(None, serializer)
    }
}

/// A report with the rule configuration it was checked with.
struct Configured<'a>(&'a Report, &'a crate::rules::Config);

impl Serialize for Configured<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let config = (!self.1.is_default()).then_some(self.1);
        self.0.serialize_with(config, serializer)
    }
}

impl Report {
    /// The fields of the contract; `config` (before `diagnostics`) only when given.
    fn serialize_with<S: Serializer>(
        &self,
        config: Option<&crate::rules::Config>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Report", 12)?;
        s.serialize_field("schema_version", &self.schema_version)?;
        s.serialize_field("source", &self.source)?;
        s.serialize_field("template", &self.template)?;
        s.serialize_field("year", &self.year)?;
        s.serialize_field("agency", &self.agency)?;
        s.serialize_field("date", &self.date)?;
        s.serialize_field("period", &self.period)?;
        s.serialize_field("sections", &self.sections)?;
        s.serialize_field("tables", &self.tables)?;
        s.serialize_field("layout", &self.tables.layout)?;
        if let Some(config) = config {
            s.serialize_field("config", config)?;
        }
        if self.deferred_runs {
            s.serialize_field("deferred_runs", &true)?;
        }
        s.serialize_field("diagnostics", &self.diagnostics)?;
        s.end()
    }
}

/// The format of each table 1 block and of table 2, as decided by the checker.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Layout {
    /// Table 1's blocks in template order (`None`: table 1 not found).
    pub active: Option<Vec<BlockFormat>>,
    /// Table 2's format (`None`: table 2 not found).
    pub applications: Option<Format>,
}

/// The format of one table 1 block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockFormat {
    /// `（一）`, `（五）`, `（六）`, `（八）` or `（九）`.
    pub item: &'static str,
    /// The format its columns follow.
    pub format: Format,
}

impl Report {
    /// Number of diagnostics of the given severity.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The report as the JSON of the contract (one line, no trailing newline).
    ///
    /// # Panics
    ///
    /// Never: a report holds only strings, numbers and plain containers,
    /// which always serialise.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("report serialises")
    }

    /// The report as the JSON of the contract, naming the rule configuration
    /// it was checked with ([`crate::check_with`]) in `config` unless that is
    /// the default one (then the same as [`Report::to_json`]).
    ///
    /// # Panics
    ///
    /// Never, as [`Report::to_json`].
    #[must_use]
    pub fn to_json_with(&self, config: &crate::rules::Config) -> String {
        serde_json::to_string(&self.configured(config)).expect("report serialises")
    }

    /// What [`Report::to_json_with`] writes, for another serializer.
    pub(crate) fn configured<'a>(
        &'a self,
        config: &'a crate::rules::Config,
    ) -> impl Serialize + 'a {
        Configured(self, config)
    }

    /// Whether the report may be published as it is: no finding of severity
    /// `error` (after the rule configuration it was checked with).
    #[must_use]
    pub fn ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}
