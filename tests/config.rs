//! The rule configuration (`xxgk::Config`): which rules report findings and
//! how serious they are, applied after the rules ran, never changing what is
//! read; and the report's `config` in the JSON.

use std::path::Path;

use serde_json::Value;
use xxgk::{check, check_with, Config, ConfigError, Options, Severity};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.txt"));
    std::fs::read_to_string(path).expect("fixture readable")
}

fn config(select: &[&str], ignore: &[&str], severity: &[(&str, &str)]) -> Config {
    Config::new(select, ignore, severity).expect("a valid configuration")
}

fn codes(text: &str, config: &Config) -> Vec<(&'static str, Severity)> {
    check_with(text, &Options::default(), config)
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

#[test]
fn the_default_configuration_changes_nothing() {
    for name in [
        "checks_2022_t1_t3",
        "doc_period_fee_2022",
        "t2_relations_2019",
    ] {
        let text = fixture(name);
        let plain = check(&text, &Options::default());
        let configured = check_with(&text, &Options::default(), &Config::default());
        assert_eq!(plain, configured, "{name}");
        assert_eq!(plain.to_json(), configured.to_json_with(&Config::default()));
        let json: Value = serde_json::from_str(&plain.to_json()).unwrap();
        assert!(json.get("config").is_none(), "no config key by default");
    }
}

#[test]
fn ignore_by_code_removes_only_that_rule() {
    let text = fixture("doc_period_fee_2022");
    let all = codes(&text, &Config::default());
    assert!(all.contains(&("DOC-FEE", Severity::Warning)));
    let without = codes(&text, &config(&[], &["doc-fee"], &[]));
    let expected: Vec<_> = all
        .iter()
        .copied()
        .filter(|(c, _)| *c != "DOC-FEE")
        .collect();
    assert_eq!(without, expected);
}

#[test]
fn what_is_read_stays_the_same() {
    let text = fixture("checks_2022_t1_t3");
    let plain = check(&text, &Options::default());
    let configured = check_with(&text, &Options::default(), &config(&["document"], &[], &[]));
    assert_eq!(plain.tables, configured.tables);
    assert_eq!(plain.template, configured.template);
    assert_eq!(plain.sections, configured.sections);
    assert!(configured.diagnostics.is_empty());
}

#[test]
fn groups_select_and_more_specific_selectors_win() {
    let text = fixture("checks_2022_t1_t3");
    // Only table 3.
    let review = codes(&text, &config(&["review"], &[], &[]));
    assert_eq!(
        review.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        ["T3-REV", "T3-LIT1", "T3-LIT2"]
    );
    // A group ignored, one code of it selected again: the code wins.
    let one = codes(&text, &config(&["all", "T3-LIT1"], &["review"], &[]));
    assert!(one.contains(&("T3-LIT1", Severity::Error)));
    assert!(!one.iter().any(|(c, _)| *c == "T3-REV" || *c == "T3-LIT2"));
    assert!(one.iter().any(|(c, _)| *c == "T1-21-NEW"));
    // On a tie, ignore wins.
    assert!(codes(&text, &config(&["review"], &["review"], &[])).is_empty());
    assert!(codes(&text, &config(&[], &["ALL"], &[])).is_empty());
}

#[test]
fn severity_by_code_beats_group_and_all() {
    let text = fixture("checks_2022_t1_t3");
    let c = config(
        &[],
        &[],
        &[("all", "info"), ("review", "warning"), ("T3-REV", "错误")],
    );
    let got = codes(&text, &c);
    assert!(got.contains(&("T3-REV", Severity::Error)));
    assert!(got.contains(&("T3-LIT1", Severity::Warning)));
    assert!(got.contains(&("T1-21-NEW", Severity::Info)));
    let report = check_with(&text, &Options::default(), &c);
    assert_eq!(report.count(Severity::Error), 1);
    assert!(!report.ok());
    let relaxed = check_with(
        &text,
        &Options::default(),
        &config(&[], &[], &[("review", "warning")]),
    );
    assert!(relaxed.ok(), "no error left: publishable");
    assert!(!check(&text, &Options::default()).ok());
}

#[test]
fn a_configured_report_names_its_configuration() {
    let text = fixture("doc_period_fee_2022");
    let c = config(&["all"], &["DOC-FEE", "Table"], &[("doc-year", "info")]);
    let report = check_with(&text, &Options::default(), &c);
    let text_json = report.to_json_with(&c);
    let json: Value = serde_json::from_str(&text_json).unwrap();
    assert_eq!(
        json["config"],
        serde_json::json!({
            "select": ["all"],
            "ignore": ["DOC-FEE", "table"],
            "severity": { "DOC-YEAR": "info" }
        })
    );
    // Before `diagnostics`, which stays last.
    let config_at = text_json.find(",\"config\":").expect("config");
    let diagnostics_at = text_json.find(",\"diagnostics\":").expect("diagnostics");
    assert!(text_json.find(",\"layout\":").unwrap() < config_at);
    assert!(config_at < diagnostics_at);
    // Without the configuration the JSON is the plain report's.
    assert!(serde_json::from_str::<Value>(&report.to_json())
        .unwrap()
        .get("config")
        .is_none());
}

#[test]
fn unknown_names_are_errors_never_ignored() {
    let e = Config::new(&["T9-NOPE"], &[], &[]).unwrap_err();
    assert_eq!(
        e,
        ConfigError::UnknownSelector {
            setting: "select",
            selector: "T9-NOPE".to_string()
        }
    );
    assert!(e.to_string().contains("T9-NOPE"));
    assert!(e.to_string().contains("applications"));
    assert!(Config::new(&[], &["tables"], &[]).is_err());
    assert!(Config::new::<&str>(&[], &[], &[("DOC-FEE", "fatal")])
        .unwrap_err()
        .to_string()
        .contains("fatal"));
    assert!(Config::new::<&str>(&[], &[], &[("NOPE", "info")]).is_err());
}

#[test]
fn every_group_has_a_name_and_selects_its_rules() {
    let names = xxgk::rules::config::group_names();
    assert_eq!(
        names,
        ["active", "applications", "review", "table", "document"]
    );
    for rule in xxgk::rules::RULES {
        let c = config(&[rule.group.name()], &[], &[]);
        assert!(c.enabled(rule), "{}", rule.code);
        assert!(!config(&[], &[rule.code], &[]).enabled(rule));
    }
}

#[test]
fn command_line_options_go_on_top_of_a_file() {
    let file = config(&["review"], &["T3-LIT1"], &[("T3-REV", "info")]);
    let flags = config(&["all"], &["DOC-FEE"], &[("T3-REV", "warning")]);
    let c = file.overridden_by(flags);
    assert_eq!(c.select(), ["all"]);
    assert_eq!(c.ignore(), ["T3-LIT1", "DOC-FEE"]);
    assert_eq!(c.severities(), [("T3-REV".to_string(), Severity::Warning)]);
    let keep = config(&["review"], &[], &[]).overridden_by(Config::default());
    assert_eq!(keep.select(), ["review"]);
}
