//! The WebAssembly exports of the page's batch view, built as modules of
//! their own that the page loads only when it needs them, so that the
//! checker's module (`www/pkg/xxgk.js`) carries neither the year-over-year
//! comparison nor the workbook writer: with `--no-default-features
//! --features batch` (`www/pkg/xxgk_batch.js`, loaded with a batch's first
//! pair or export) `compareTexts`, `agencyKey` and `batchExport`; with
//! `--features xlsx` (`www/pkg/xxgk_xlsx.js`, loaded when a workbook is asked
//! for; the writer and its zip compressor are half its size) `batchXlsx`.
//!
//! Both take the reports' texts and check them again here (a check takes
//! milliseconds), so that what they compare and export is exactly what the
//! command line's `xxgk compare` and `xxgk check --summary` give.

use wasm_bindgen::prelude::*;

use crate::summary::{self, Batch};
use crate::{Options, Report};

/// A thrown JavaScript `Error` with the given message.
fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// One report of a batch as the page gives it.
#[derive(serde::Deserialize)]
struct Item {
    text: String,
    #[serde(default)]
    source: String,
}

fn checked(item: &Item, utf16: bool) -> Report {
    let source = if item.source.is_empty() {
        "-".to_string()
    } else {
        item.source.clone()
    };
    crate::check(&item.text, &Options { source, utf16 })
}

/// The batch of `items` (`[{text, source}]`) and `pairs` (`[[last, this]]`,
/// indices into `items`), checked and compared as the command line does.
fn batch_of(items: JsValue, pairs: JsValue, what: &str) -> Result<Batch, JsValue> {
    let items: Vec<Item> = serde_wasm_bindgen::from_value(items)
        .map_err(|e| js_error(format!("{what} 的报告列表格式不对（{e}）")))?;
    let pairs: Vec<(usize, usize)> = if pairs.is_undefined() || pairs.is_null() {
        Vec::new()
    } else {
        serde_wasm_bindgen::from_value(pairs)
            .map_err(|e| js_error(format!("{what} 的配对格式不对（{e}）")))?
    };
    let reports: Vec<Report> = items.iter().map(|i| checked(i, false)).collect();
    let both: Vec<(&str, &Report)> = items
        .iter()
        .zip(&reports)
        .map(|(i, r)| (i.text.as_str(), r))
        .collect();
    Ok(Batch::new(&both, &pairs))
}

/// Last year's report against this year's (`xxgk compare LAST THIS`): the
/// comparison object of `xxgk compare --format json`, every span also
/// carrying `utf16: {start, end}` offsets into its own text.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = compareTexts)]
pub fn compare_texts(
    last_text: &str,
    last_source: &str,
    this_text: &str,
    this_source: &str,
) -> Result<JsValue, JsValue> {
    let last = Item {
        text: last_text.to_string(),
        source: last_source.to_string(),
    };
    let this = Item {
        text: this_text.to_string(),
        source: this_source.to_string(),
    };
    let (last_report, this_report) = (checked(&last, true), checked(&this, true));
    let comparison = crate::compare(&last_report, last_text, &this_report, this_text);
    js_sys::JSON::parse(&comparison.to_json())
}

/// A batch's export, the bytes of the file: `format` is `csv` (the summary,
/// as `xxgk check --summary csv`), `json` (as `--summary json`) or
/// `findings-csv` (every finding: the workbook's 问题 sheet as CSV). `items`
/// is `[{text, source}]`, `pairs` `[[last, this]]`: indices into `items` of
/// the reports compared year over year. Throws an `Error` on another shape
/// or format (the workbook: `batchXlsx` of the `xlsx` module).
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = batchExport)]
pub fn batch_export(items: JsValue, pairs: JsValue, format: &str) -> Result<Vec<u8>, JsValue> {
    let batch = batch_of(items, pairs, "batchExport")?;
    match format {
        "csv" => Ok(summary::csv(&batch.rows)),
        "json" => Ok(summary::json(&batch.rows)),
        "findings-csv" => Ok(summary::problems_csv(&batch.problems)),
        other => Err(js_error(format!(
            "batchExport 的格式应为 csv、json 或 findings-csv，而不是 {other}"
        ))),
    }
}

/// The batch's workbook, as `xxgk check --summary xlsx` writes it (sheets
/// 汇总, 问题, 表一, 表二, 表三); `items` and `pairs` as for `batchExport`.
#[cfg(feature = "xlsx")]
#[wasm_bindgen(js_name = batchXlsx)]
pub fn batch_xlsx(items: JsValue, pairs: JsValue) -> Result<Vec<u8>, JsValue> {
    let batch = batch_of(items, pairs, "batchXlsx")?;
    summary::xlsx(&batch.rows, &batch.problems, &batch.tables).map_err(js_error)
}

/// The pairing key of an agency name ([`crate::compare::agency_key`]): two
/// reports whose agencies have the same key and whose years follow each
/// other are compared year over year.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = agencyKey)]
#[must_use]
pub fn agency_key(name: &str) -> String {
    crate::compare::agency_key(name)
}
