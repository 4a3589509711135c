//! The WebAssembly export layer: a thin shell over [`crate::check`],
//! [`crate::decode`] and [`crate::rules::RULES`] for the web page and for
//! anyone embedding the checker (`import init, { check } from "./pkg/xxgk.js"`);
//! `readDocument` is in `src/wasm_read.rs`.
//!
//! No logic lives here beyond reading the options, the call into the library
//! and turning the result into a plain JavaScript value: the object is
//! exactly the one `JSON.parse` makes of what `xxgk check --format json`
//! prints (plus UTF-16 offsets on every span), with table rows as plain
//! objects whose keys keep template order. `check`'s report crosses the
//! boundary as a tape ([`tape`]: numbers, one piece of text, the keys named
//! once) that `scripts/check-glue.js`, appended to the module's glue by
//! `scripts/build-wasm`, builds the object from: writing the JSON text and
//! parsing it again took about as long as the check itself. Smaller
//! results (`template`) are JSON text parsed by `JSON.parse`.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

mod tape;

use crate::rules::{Config, RULES};
use crate::Options;

/// A thrown JavaScript `Error` with the given message.
fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// Parses JSON text produced by `serde_json` into a plain JavaScript value.
fn parse_json(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json)
}

/// The keys `check`'s options may have.
const OPTION_KEYS: [&str; 4] = ["source", "select", "ignore", "severity"];

/// The mistake in `check`'s options, told with their shape.
fn options_error(what: impl std::fmt::Display) -> JsValue {
    js_error(format!(
        "check 的第二个参数应为 {{ source?: string, select?: string[], ignore?: string[], severity?: {{ [规则: string]: \"error\" | \"warning\" | \"info\" }} }}，如 {{ source: \"报告.txt\", ignore: [\"DOC-FEE\"] }}（{what}）"
    ))
}

/// A list of strings (an absent key: empty).
fn strings(value: &JsValue, key: &str) -> Result<Vec<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !js_sys::Array::is_array(value) {
        return Err(options_error(format!("{key} 应为字符串数组")));
    }
    js_sys::Array::from(value)
        .iter()
        .map(|v| {
            v.as_string()
                .ok_or_else(|| options_error(format!("{key} 应为字符串数组")))
        })
        .collect()
}

/// Reads `{ source?, select?, ignore?, severity? }` (undefined or null: the
/// defaults): the source's name and the rule configuration, read with
/// `Reflect` (serde's maps and sequences would add to the module's size).
fn options_from(value: &JsValue) -> Result<(Options, Config), JsValue> {
    let mut options = Options {
        source: "-".to_string(),
        utf16: true,
    };
    if value.is_undefined() || value.is_null() {
        return Ok((options, Config::default()));
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(options_error("不是对象"));
    }
    for key in js_sys::Object::keys(&js_sys::Object::from(value.clone())).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_KEYS.contains(&key.as_str()) {
            return Err(options_error(format!("未知的键 {key}")));
        }
    }
    let get = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key));
    let source = get("source")?;
    if !source.is_undefined() && !source.is_null() {
        options.source = source
            .as_string()
            .ok_or_else(|| options_error("source 应为字符串"))?;
    }
    let select = strings(&get("select")?, "select")?;
    let ignore = strings(&get("ignore")?, "ignore")?;
    let mut severity = Vec::new();
    let levels = get("severity")?;
    if !levels.is_undefined() && !levels.is_null() {
        if !levels.is_object() || js_sys::Array::is_array(&levels) {
            return Err(options_error("severity 应为对象"));
        }
        for entry in js_sys::Object::entries(&js_sys::Object::from(levels.clone())).iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            let level = pair
                .get(1)
                .as_string()
                .ok_or_else(|| options_error(format!("severity 中 {key} 的值应为字符串")))?;
            severity.push((key, level));
        }
    }
    let config = Config::new(&select, &ignore, &severity).map_err(js_error)?;
    Ok((options, config))
}

thread_local! {
    /// The tape of the last report, its buffers kept for the next.
    static TAPE: RefCell<tape::Tape> = RefCell::default();
}

/// The work of `check` (in the glue, `scripts/check-glue.js`): checks a
/// report and returns its tape, `[ops, nums, text, keys, keyLens]`, which
/// the glue turns into the report object of the JSON contract
/// (`schema_version: 1`), every span also carrying `utf16: {start, end}`.
///
/// `options`: `{ source?: string, select?: string[], ignore?: string[],
/// severity?: { [selector]: "error" | "warning" | "info" } }` — the name
/// shown as the report's source (default `-`) and the rule configuration
/// ([`Config`]); a configured report names it in `config`. Throws an `Error`
/// on an unknown rule code, group or severity.
#[wasm_bindgen(js_name = checkTape)]
pub fn check_tape(text: &str, options: &JsValue) -> Result<JsValue, JsValue> {
    let (options, config) = options_from(options)?;
    let report = crate::check_with(text, &options, &config);
    let configured = report.configured(&config);
    with_tape(|tape| {
        tape.write(&configured).map_err(js_error)?;
        let parts = js_sys::Array::new();
        parts.push(&js_sys::Int32Array::from(tape.ops.as_slice()));
        parts.push(&js_sys::Float64Array::from(tape.nums.as_slice()));
        parts.push(&JsValue::from_str(&tape.text));
        parts.push(&JsValue::from_str(&tape.keys));
        parts.push(&js_sys::Int32Array::from(tape.key_lens.as_slice()));
        Ok(parts.into())
    })
}

/// Runs `f` on the kept tape (on a new one should it be in use).
fn with_tape<T>(f: impl FnOnce(&mut tape::Tape) -> T) -> T {
    TAPE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut tape) => f(&mut tape),
        Err(_) => f(&mut tape::Tape::default()),
    })
}

/// Checks a report and returns the contract's JSON text, byte for byte what
/// `xxgk check --format json` prints for the same text (no UTF-16 offsets).
/// In the page's module (no feature `digit-runs`) it is `checkJsonOwn`, and
/// `checkJson` (scripts/runs-glue.js) gives a text with runs of digits to
/// the module with the solver.
#[cfg_attr(feature = "digit-runs", wasm_bindgen(js_name = checkJson))]
#[cfg_attr(not(feature = "digit-runs"), wasm_bindgen(js_name = checkJsonOwn))]
pub fn check_json(text: &str, source: Option<String>) -> Result<String, JsValue> {
    let options = Options {
        source: source.unwrap_or_else(|| "-".to_string()),
        utf16: false,
    };
    let report = crate::check(text, &options);
    // Through the tape, so that the report's serialization is in the module
    // once (the tape's), not twice.
    with_tape(|tape| {
        tape.write(&report).map_err(js_error)?;
        Ok(tape.to_json())
    })
}

/// Decodes a file's bytes (UTF-8, UTF-16 or GB18030/GBK, with or without a
/// BOM) into text; throws an `Error` with a Chinese message when the bytes
/// are not a text file.
#[wasm_bindgen]
pub fn decode(bytes: &[u8]) -> Result<String, JsValue> {
    crate::decode(bytes).map_err(js_error)
}

/// Every check: `[{code, spec, severity, origin, group, title, explanation}]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    RULES
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

/// The two official forms, the display names of templates and severities and
/// the tables' titles (see [`crate::template::describe`]), for drawing the
/// tables from the library's own template.
#[wasm_bindgen]
pub fn template() -> Result<JsValue, JsValue> {
    // JSON text written through the tape (the module's one serializer).
    let json = with_tape(|tape| {
        tape.write(&crate::template::describe())
            .map(|()| tape.to_json())
            .map_err(js_error)
    })?;
    parse_json(&json)
}

/// The checker's version, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The module's allocator: TLSF, constant time per call, in place of the
/// standard library's `dlmalloc`.
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();
