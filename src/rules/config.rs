//! Which rules run and how serious their findings are: the configuration a
//! portal or a province sets once (ruff-like `select`, `ignore` and
//! `severity`), applied to the findings after every rule has run. It never
//! changes what is read: cells, tables and relations stay the same, only the
//! list of findings is filtered and their severities changed.
//!
//! A *selector* is a rule code (`DOC-FEE`, any case), a group name (`active`,
//! `applications`, `review`, `table`, `document`; see [`Group::name`]) or
//! `all`. A rule runs when the most specific selector that matches it is in
//! `select` rather than in `ignore` (a code is more specific than a group, a
//! group more specific than `all`; on a tie `ignore` wins). An empty `select`
//! means `all`. `severity` maps selectors to a severity; the most specific
//! one that matches a rule wins.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::{Group, Rule, RULES};
use crate::model::Severity;

/// A rule configuration; [`Config::default`] runs every rule at its own
/// severity. Build one with [`Config::new`], which checks every selector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Config {
    select: Vec<String>,
    ignore: Vec<String>,
    /// Sorted by selector, one entry each (a plain list rather than a map:
    /// the WebAssembly module stays smaller).
    #[serde(serialize_with = "as_map")]
    severity: Vec<(String, Severity)>,
}

/// The severities as a JSON object, in selector order.
fn as_map<S: Serializer>(pairs: &[(String, Severity)], serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// Sets `key`'s severity in a sorted list of pairs.
fn set(pairs: &mut Vec<(String, Severity)>, key: String, level: Severity) {
    match pairs.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
        Ok(i) => pairs[i].1 = level,
        Err(i) => pairs.insert(i, (key, level)),
    }
}

/// A configuration that names something that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// A selector that is neither a rule code, nor a group, nor `all`; with
    /// the setting it appeared in (`select`, `ignore`, `severity`).
    UnknownSelector {
        /// `select`, `ignore` or `severity`.
        setting: &'static str,
        /// The selector as written.
        selector: String,
    },
    /// A severity that is not `error`, `warning` or `info`.
    UnknownSeverity {
        /// The selector it was given for.
        selector: String,
        /// The severity as written.
        severity: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::UnknownSelector { setting, selector } => write!(
                f,
                "{setting} 中有未知的规则代码或分组 {selector:?}（xxgk rules 列出全部规则代码；分组：{}、all）",
                group_names().join("、")
            ),
            ConfigError::UnknownSeverity { selector, severity } => write!(
                f,
                "{selector} 的严重程度 {severity:?} 无法识别（可选 error、warning、info）"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// How specifically a selector names a rule.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    All,
    Group,
    Code,
}

/// A selector, checked: what it names.
#[derive(Clone, Copy)]
enum Selector {
    All,
    Group(Group),
    Code(&'static str),
}

impl Selector {
    fn parse(text: &str) -> Option<Selector> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Some(Selector::All);
        }
        if let Some(rule) = super::rule(text) {
            return Some(Selector::Code(rule.code));
        }
        groups()
            .find(|g| g.name().eq_ignore_ascii_case(text))
            .map(Selector::Group)
    }

    /// The canonical spelling: `all`, a group's name, a code in capitals.
    fn name(self) -> &'static str {
        match self {
            Selector::All => "all",
            Selector::Group(g) => g.name(),
            Selector::Code(c) => c,
        }
    }

    /// How specifically it matches `rule`, if it does.
    fn matches(self, rule: &Rule) -> Option<Level> {
        match self {
            Selector::All => Some(Level::All),
            Selector::Group(g) => (g == rule.group).then_some(Level::Group),
            Selector::Code(c) => (c == rule.code).then_some(Level::Code),
        }
    }
}

/// The groups of the registry, in the order [`Group`] declares them.
fn groups() -> impl Iterator<Item = Group> {
    let mut groups: Vec<Group> = Vec::new();
    for r in RULES {
        if !groups.contains(&r.group) {
            groups.push(r.group);
        }
    }
    crate::sort::sort_by_key(&mut groups, |g| *g as u8);
    groups.into_iter()
}

/// The group names a selector may use.
#[must_use]
pub fn group_names() -> Vec<&'static str> {
    groups().map(Group::name).collect()
}

/// A severity by its JSON name (`error`, `warning`, `info`, any case) or its
/// Chinese display name (错误, 警告, 提示).
#[must_use]
pub fn parse_severity(text: &str) -> Option<Severity> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()) || s.display_name() == text.trim())
}

impl Config {
    /// A configuration from selectors as written (see the module
    /// documentation), each checked; selectors are stored in their canonical
    /// spelling (codes in capitals, groups and `all` in lower case).
    ///
    /// # Errors
    ///
    /// An unknown code, group or severity: never ignored silently.
    pub fn new<S: AsRef<str>>(
        select: &[S],
        ignore: &[S],
        severity: &[(S, S)],
    ) -> Result<Config, ConfigError> {
        let names = |setting: &'static str, list: &[S]| -> Result<Vec<String>, ConfigError> {
            let mut out: Vec<String> = Vec::new();
            for s in list {
                let name = Selector::parse(s.as_ref())
                    .ok_or_else(|| ConfigError::UnknownSelector {
                        setting,
                        selector: s.as_ref().to_string(),
                    })?
                    .name();
                if !out.iter().any(|o| o == name) {
                    out.push(name.to_string());
                }
            }
            Ok(out)
        };
        let mut map = Vec::new();
        for (selector, level) in severity {
            let name = Selector::parse(selector.as_ref())
                .ok_or_else(|| ConfigError::UnknownSelector {
                    setting: "severity",
                    selector: selector.as_ref().to_string(),
                })?
                .name();
            let level =
                parse_severity(level.as_ref()).ok_or_else(|| ConfigError::UnknownSeverity {
                    selector: name.to_string(),
                    severity: level.as_ref().to_string(),
                })?;
            set(&mut map, name.to_string(), level);
        }
        Ok(Config {
            select: names("select", select)?,
            ignore: names("ignore", ignore)?,
            severity: map,
        })
    }

    /// `other` on top of this one, the way command-line options go on top of
    /// a configuration file: a non-empty `select` replaces this one's,
    /// `ignore` adds to it, `severity` replaces the same selectors.
    #[must_use]
    pub fn overridden_by(mut self, other: Config) -> Config {
        if !other.select.is_empty() {
            self.select = other.select;
        }
        for i in other.ignore {
            if !self.ignore.contains(&i) {
                self.ignore.push(i);
            }
        }
        for (k, v) in other.severity {
            set(&mut self.severity, k, v);
        }
        self
    }

    /// Whether this is the default configuration (every rule, own severity).
    #[must_use]
    pub fn is_default(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty() && self.severity.is_empty()
    }

    /// The selectors of `select`, canonical (empty: every rule).
    #[must_use]
    pub fn select(&self) -> &[String] {
        &self.select
    }

    /// The selectors of `ignore`, canonical.
    #[must_use]
    pub fn ignore(&self) -> &[String] {
        &self.ignore
    }

    /// The severity given to each selector, canonical, sorted by selector.
    #[must_use]
    pub fn severities(&self) -> &[(String, Severity)] {
        &self.severity
    }

    /// Whether the findings of `rule` are kept.
    #[must_use]
    pub fn enabled(&self, rule: &Rule) -> bool {
        let best = |list: &[String]| {
            list.iter()
                .filter_map(|s| Selector::parse(s)?.matches(rule))
                .max()
        };
        let selected = if self.select.is_empty() {
            Some(Level::All)
        } else {
            best(&self.select)
        };
        match (selected, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The severity configured for `rule`, if any (it replaces the rule's
    /// own, and any severity a rule lowers for a case).
    #[must_use]
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        self.severity
            .iter()
            .filter_map(|(s, level)| Some((Selector::parse(s)?.matches(rule)?, *level)))
            .max_by_key(|(l, _)| *l)
            .map(|(_, level)| level)
    }
}
