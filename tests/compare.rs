//! Year over year (`xxgk::compare`) on fictional reports of two agencies
//! over three years (tests/compare/): 示例县教育局 2019–2021, every
//! carry-over holding; 示例县卫生健康委员会 2021–2023, 2022 carrying over the
//! wrong numbers and 2023 copying 2022's prose.

use std::path::Path;

use xxgk::compare::{agency_key, pairs, Comparison};
use xxgk::{Options, Report};

fn load(name: &str) -> (String, Report) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/compare")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let report = xxgk::check(
        &text,
        &Options {
            source: name.to_string(),
            utf16: false,
        },
    );
    (text, report)
}

fn compare(last: &str, this: &str) -> Comparison {
    let (a, ra) = load(last);
    let (b, rb) = load(this);
    xxgk::compare(&ra, &a, &rb, &b)
}

fn compare_texts(last: &str, this: &str) -> Comparison {
    let opts = Options::default();
    xxgk::compare(
        &xxgk::check(last, &opts),
        last,
        &xxgk::check(this, &opts),
        this,
    )
}

fn codes(c: &Comparison) -> Vec<&'static str> {
    c.findings.iter().map(|f| f.code).collect()
}

#[test]
fn consistent_years_raise_nothing() {
    for (a, b) in [
        ("edu_2019.txt", "edu_2020.txt"),
        ("edu_2020.txt", "edu_2021.txt"),
    ] {
        let c = compare(a, b);
        assert!(c.paired, "{a} {b}");
        assert!(c.findings.is_empty(), "{a} {b}: {:?}", codes(&c));
        assert_eq!(c.copied.expect("prose").repeated, 0);
    }
}

#[test]
fn wrong_carry_over_is_an_error_per_column() {
    let c = compare("health_2021.txt", "health_2022.txt");
    let xyr: Vec<_> = c.findings.iter().filter(|f| f.code == "T2-XYR").collect();
    assert_eq!(xyr.len(), 2, "{:?}", codes(&c));
    let columns: Vec<usize> = xyr
        .iter()
        .map(|f| f.cell.as_ref().unwrap().column)
        .collect();
    assert_eq!(columns, [0, 6]);
    let (text, _) = load("health_2022.txt");
    let (last_text, _) = load("health_2021.txt");
    for f in xyr {
        assert_eq!(f.severity, xxgk::Severity::Error);
        let s = f.span.unwrap();
        assert_eq!(&text[s.start..s.end], "1");
        let l = f.last_span.unwrap();
        assert_eq!(&last_text[l.start..l.end], "2");
        assert_eq!(f.expected, Some(xxgk::Number::Int(2)));
    }
    // 现行有效件数 19 > 15 + 3 − 1.
    let stock: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.code == "T1-21-STOCK")
        .collect();
    assert_eq!(stock.len(), 1);
    assert_eq!(stock[0].severity, xxgk::Severity::Warning);
    assert_eq!(stock[0].expected, Some(xxgk::Number::Int(17)));
    assert!(!codes(&c).contains(&"XYR-COPY"));
}

#[test]
fn copied_prose_and_stale_figures() {
    let c = compare("health_2022.txt", "health_2023.txt");
    let copy = c
        .findings
        .iter()
        .find(|f| f.code == "XYR-COPY")
        .expect("XYR-COPY");
    let copied = c.copied.unwrap();
    assert!(copied.share >= xxgk::compare::COPY_SHARE);
    assert_eq!(copy.repeated.len(), copied.repeated);
    let (text, _) = load("health_2023.txt");
    let (last_text, _) = load("health_2022.txt");
    for r in &copy.repeated {
        let now = &text[r.this.start..r.this.end];
        let before = &last_text[r.last.start..r.last.end];
        assert_eq!(now.replace("2023", "2022"), before.replace("2023", "2022"));
    }
    // The narrative says 12 applications (last year's), the table 10.
    let stale: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.code == "XYR-STALE")
        .collect();
    assert!(stale
        .iter()
        .any(|f| f.actual == Some(xxgk::Number::Int(12))
            && f.expected == Some(xxgk::Number::Int(10))));
    // The carry-over and the stock hold.
    assert!(!codes(&c).contains(&"T2-XYR"));
    assert!(!codes(&c).contains(&"T1-21-STOCK"));
}

#[test]
fn items_carry_over_in_the_2019_format() {
    let (a, ra) = load("edu_2019.txt");
    let (b, _) = load("edu_2020.txt");
    // 行政许可: last year 10, 增 2 → this year should read 12.
    let broken = b.replacen("行政许可\t12\t", "行政许可\t13\t", 1);
    assert_ne!(broken, b);
    let rb = xxgk::check(&broken, &Options::default());
    let c = xxgk::compare(&ra, &a, &rb, &broken);
    let f: Vec<_> = c
        .findings
        .iter()
        .filter(|f| f.code == "T1-19-XYR")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", codes(&c));
    assert_eq!(f[0].cell.as_ref().unwrap().row, Some("licensing"));
    assert_eq!(f[0].expected, Some(xxgk::Number::Int(12)));
    assert_eq!(
        &broken[f[0].span.unwrap().start..f[0].span.unwrap().end],
        "13"
    );
}

#[test]
fn reports_that_are_no_pair() {
    let c = compare("edu_2020.txt", "health_2021.txt");
    assert!(!c.paired);
    assert_eq!(codes(&c), ["XYR-PAIR"]);
    let c = compare("edu_2019.txt", "edu_2021.txt");
    assert_eq!(codes(&c), ["XYR-PAIR"]);
    let c = compare_texts("", "");
    assert_eq!(codes(&c), ["XYR-PAIR"]);
}

#[test]
fn pairs_by_agency_and_year() {
    let names = [
        "health_2023.txt",
        "edu_2019.txt",
        "health_2021.txt",
        "edu_2021.txt",
        "health_2022.txt",
        "edu_2020.txt",
    ];
    let loaded: Vec<(String, Report)> = names.iter().map(|n| load(n)).collect();
    let reports: Vec<&Report> = loaded.iter().map(|(_, r)| r).collect();
    let found: Vec<(&str, &str)> = pairs(&reports)
        .into_iter()
        .map(|(a, b)| (names[a], names[b]))
        .collect();
    assert_eq!(found.len(), 4);
    for p in [
        ("edu_2019.txt", "edu_2020.txt"),
        ("edu_2020.txt", "edu_2021.txt"),
        ("health_2021.txt", "health_2022.txt"),
        ("health_2022.txt", "health_2023.txt"),
    ] {
        assert!(found.contains(&p), "{p:?} in {found:?}");
    }
    assert_eq!(agency_key(" 示例县 教育局。"), "示例县教育局");
}

#[test]
fn every_compare_code_is_registered() {
    for code in [
        "T2-XYR",
        "T1-19-XYR",
        "T1-21-STOCK",
        "XYR-COPY",
        "XYR-STALE",
        "XYR-PAIR",
    ] {
        let rule = xxgk::rules::rule(code).expect(code);
        assert_eq!(rule.group, xxgk::rules::Group::Compare);
    }
    for rule in xxgk::rules::COMPARE_RULES {
        assert!(rule.explanation.split("\n\n").count() == 3, "{}", rule.code);
        assert!(!xxgk::rules::RULES.iter().any(|r| r.code == rule.code));
    }
    assert_eq!(xxgk::rules::COMPARE_RULES.len(), 6);
}

#[test]
fn comparison_serialises() {
    let c = compare("health_2021.txt", "health_2022.txt");
    let v: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(v["paired"], true);
    assert!(v["findings"][0]["code"].as_str().is_some());
}
