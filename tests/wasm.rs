//! The WebAssembly build, tested in headless Chromium with wasm-bindgen-test
//! (`cargo test --target wasm32-unknown-unknown --test wasm`, run by
//! `scripts/test`). On other targets this file compiles to nothing.
//!
//! The exports in `src/wasm.rs` are private to the library, so these tests go
//! the way they do: the library's `check` with UTF-16 offsets on, its JSON
//! parsed by the browser's `JSON.parse`, and the rule registry. The exports
//! themselves (`check`, `checkJson`, `decode`, `rules`, `version`) are called
//! from the page in `e2e/` and compared with the native CLI there.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const REPORT: &str = "示例县教育局2021年政府信息公开工作年度报告\n\
一、总体情况\n\
2021年，示例县教育局认真落实政府信息公开工作。\n\
四、政府信息公开行政复议、行政诉讼情况\n\
行政复议\t行政诉讼\n\
1\t0\t0\t0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property readable")
}

fn checked(text: &str) -> JsValue {
    let options = xxgk::Options {
        source: "示例.txt".to_string(),
        utf16: true,
    };
    JSON::parse(&xxgk::check(text, &options).to_json()).expect("the report is valid JSON")
}

#[wasm_bindgen_test]
fn check_gives_a_plain_object_of_schema_version_1() {
    let report = checked(REPORT);
    assert!(report.is_object());
    assert_eq!(get(&report, "schema_version").as_f64(), Some(1.0));
    assert_eq!(
        get(&report, "source").as_string().as_deref(),
        Some("示例.txt")
    );
    assert_eq!(get(&report, "year").as_f64(), Some(2021.0));
    let tables = get(&report, "tables");
    assert!(tables.is_object());
    // Field order is part of the contract, and survives the trip.
    let keys: Vec<String> = Object::keys(&Object::from(report.clone()))
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys.first().map(String::as_str), Some("schema_version"));
    assert_eq!(keys.last().map(String::as_str), Some("diagnostics"));
}

#[wasm_bindgen_test]
fn spans_carry_utf16_offsets_that_slice_javascript_strings() {
    let report = checked(REPORT);
    let sections = Array::from(&get(&report, "sections"));
    assert!(sections.length() > 0, "the sections were found");
    let js_text = JsValue::from_str(REPORT);
    let slice = |span: &JsValue| -> String {
        let utf16 = get(span, "utf16");
        assert!(utf16.is_object(), "every span has utf16 offsets");
        let start = get(&utf16, "start").as_f64().expect("start") as u32;
        let end = get(&utf16, "end").as_f64().expect("end") as u32;
        js_sys::JsString::from(js_text.clone())
            .slice(start, end)
            .as_string()
            .expect("a string")
    };
    for section in sections.iter() {
        let span = get(&section, "span");
        let start = get(&span, "start").as_f64().expect("start") as usize;
        let end = get(&span, "end").as_f64().expect("end") as usize;
        assert_eq!(slice(&span), REPORT[start..end]);
    }
    for diagnostic in Array::from(&get(&report, "diagnostics")).iter() {
        let span = get(&diagnostic, "span");
        if span.is_object() {
            let start = get(&span, "start").as_f64().expect("start") as usize;
            let end = get(&span, "end").as_f64().expect("end") as usize;
            assert_eq!(slice(&span), REPORT[start..end]);
        }
    }
}

#[wasm_bindgen_test]
fn rules_are_listed_with_their_explanations() {
    let rules = JSON::parse(&serde_json::to_string(xxgk::rules::RULES).expect("rules serialise"))
        .expect("valid JSON");
    let rules = Array::from(&rules);
    assert!(rules.length() > 10);
    for rule in rules.iter() {
        for key in [
            "code",
            "severity",
            "origin",
            "group",
            "title",
            "explanation",
        ] {
            assert!(
                get(&rule, key).as_string().is_some_and(|s| !s.is_empty()),
                "{key}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn decode_reads_gbk_and_refuses_binary() {
    // "政府" in GBK.
    let text = xxgk::decode(&[0xD5, 0xFE, 0xB8, 0xAE]).expect("GBK decodes");
    assert_eq!(text, "政府");
    let error = xxgk::decode(b"%PDF-1.7\n").expect_err("a PDF is refused");
    assert!(error.to_string().contains("PDF"));
}

#[wasm_bindgen_test]
fn a_rule_configuration_filters_findings_and_is_named_in_the_report() {
    let options = xxgk::Options {
        source: "示例.txt".to_string(),
        utf16: true,
    };
    let codes = |report: &JsValue| -> Vec<(String, String)> {
        Array::from(&get(report, "diagnostics"))
            .iter()
            .map(|d| {
                (
                    get(&d, "code").as_string().unwrap_or_default(),
                    get(&d, "severity").as_string().unwrap_or_default(),
                )
            })
            .collect()
    };
    let plain = checked(REPORT);
    assert!(codes(&plain).contains(&("T3-REV".to_string(), "error".to_string())));
    assert!(get(&plain, "config").is_undefined());

    // The sample has only table 3: the document's findings left out.
    let lenient = xxgk::Config::new(&[], &["document"], &[("review", "warning")])
        .expect("a valid configuration");
    let report = xxgk::check_with(REPORT, &options, &lenient);
    assert!(report.ok());
    let js = JSON::parse(&report.to_json_with(&lenient)).expect("valid JSON");
    assert!(codes(&js).contains(&("T3-REV".to_string(), "warning".to_string())));
    let severity = get(&get(&js, "config"), "severity");
    assert_eq!(
        get(&severity, "review").as_string().as_deref(),
        Some("warning")
    );

    let off = xxgk::Config::new(&[], &["T3-REV"], &[]).expect("a valid configuration");
    let js = JSON::parse(&xxgk::check_with(REPORT, &options, &off).to_json_with(&off))
        .expect("valid JSON");
    assert!(!codes(&js).iter().any(|(c, _)| c == "T3-REV"));
    assert!(xxgk::Config::new(&["T9-NOPE"], &[], &[]).is_err());
}
