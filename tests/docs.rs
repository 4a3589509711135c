//! The rule documentation in docs/rules.md is generated from the registry
//! (`xxgk::rules::RULES`); this test fails when the two drift apart.
//! Regenerate with `XXGK_UPDATE_DOCS=1 cargo test --test docs`.

use std::path::Path;

#[test]
fn rules_md_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = xxgk::render::rules_markdown();
    if std::env::var_os("XXGK_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/rules.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is out of date: run `XXGK_UPDATE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn every_rule_is_documented_in_full() {
    for r in xxgk::rules::RULES {
        assert!(!r.title.is_empty(), "{} has no title", r.code);
        assert!(
            r.explanation.chars().count() > 60,
            "{} has no real explanation",
            r.code
        );
        assert!(xxgk::rules::rule(r.code).is_some());
    }
    let mut codes: Vec<&str> = xxgk::rules::RULES.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes.len(),
        xxgk::rules::RULES.len(),
        "duplicate rule codes"
    );
}
