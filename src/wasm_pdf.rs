//! The WebAssembly exports the page needs only now and then, built as their
//! own small module (`scripts/build-wasm`: `--no-default-features --features
//! pdf-layout`, `www/pkg/xxgk_pdf.js`) that the page loads only when a file is
//! opened or an annotated Word document is asked for, so the checker's
//! module (`www/pkg/xxgk.js`, `src/wasm.rs`) carries neither the table
//! reconstruction of [`crate::input::pdf`] nor the Word writer of
//! [`crate::annotate`]: `pdfPagesToText` and `annotateDocx` (and, built with
//! the feature `wasm-reader`, `readDocument` of `src/wasm_read.rs`).
//!
//! pdf.js reads the pages in the page (`www/pdf.js`); this rebuilds their text
//! exactly as the command line rebuilds the same PDF's.

use wasm_bindgen::prelude::*;

/// A thrown JavaScript `Error` with the given message.
fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// Lines read from one page at most (as on the command line; a report's
/// tables draw some hundreds).
const MAX_SEGMENTS: usize = 20_000;

/// One page as the page's PDF reader gives it: the library's
/// [`PdfPage`](crate::input::pdf::PdfPage) fields, plus the rectangles drawn
/// (`[x, y, width, height]`), which are added the way the command line adds
/// them (a thin one as the line along its middle, another as its sides).
#[derive(serde::Deserialize)]
struct JsPdfPage {
    #[serde(default)]
    width: f64,
    #[serde(default)]
    height: f64,
    #[serde(default)]
    items: Vec<crate::input::pdf::TextItem>,
    #[serde(default)]
    segments: Vec<crate::input::pdf::Segment>,
    #[serde(default)]
    rects: Vec<[f64; 4]>,
}

/// The text of a PDF's pages, rebuilt as the command line rebuilds it
/// (tables from their ruling lines or header columns, running headers and
/// page numbers dropped): `pages` is
/// `[{width, height, items: [{text, x, y, width, height, font_size}],
/// segments: [{x0, y0, x1, y1}], rects: [[x, y, width, height]]}]` in PDF
/// user space (y growing upwards, `x`, `y` of an item the start of its
/// baseline). Throws an `Error` when `pages` has another shape.
#[wasm_bindgen(js_name = pdfPagesToText)]
pub fn pdf_pages_to_text(pages: JsValue) -> Result<String, JsValue> {
    let pages: Vec<JsPdfPage> = serde_wasm_bindgen::from_value(pages)
        .map_err(|e| js_error(format!("pdfPagesToText 的参数格式不对（{e}）")))?;
    let pages: Vec<crate::input::pdf::PdfPage> = pages
        .into_iter()
        .map(|p| {
            let mut page = crate::input::pdf::PdfPage {
                width: p.width,
                height: p.height,
                items: p.items,
                segments: p.segments,
            };
            for [x, y, w, h] in p.rects {
                if page.segments.len() >= MAX_SEGMENTS {
                    break;
                }
                if [x, y, w, h].iter().all(|v| v.is_finite()) {
                    page.add_rect(x, y, w, h);
                }
            }
            page.segments.truncate(MAX_SEGMENTS);
            page
        })
        .collect();
    Ok(crate::input::pdf::pages_to_text(&pages))
}

/// A string property of a JavaScript object ("" when absent).
fn string_of(value: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(value, &key.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A byte offset given as a JavaScript number: a whole number from 0 up.
#[allow(clippy::cast_sign_loss)] // checked to be whole, non-negative and in range
fn offset(v: f64) -> Option<usize> {
    (v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX)).then_some(v as usize)
}

/// The Word document `bytes` back with each finding as a Word comment at
/// its text (`findings`: the report's `diagnostics`, or those the page
/// shows, with their byte spans into the text `readDocument` gave); throws
/// an `Error` with a Chinese message when the bytes are not a Word document.
#[wasm_bindgen(js_name = annotateDocx)]
pub fn annotate_docx(bytes: &[u8], findings: &JsValue) -> Result<Vec<u8>, JsValue> {
    if !js_sys::Array::is_array(findings) {
        return Err(js_error(
            "annotateDocx 的第二个参数应为问题列表（报告的 diagnostics）",
        ));
    }
    let notes: Vec<crate::annotate::Note> = js_sys::Array::from(findings)
        .iter()
        .map(|f| {
            let span = js_sys::Reflect::get(&f, &"span".into()).ok().and_then(|s| {
                let at = |k: &str| {
                    js_sys::Reflect::get(&s, &k.into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .and_then(offset)
                };
                Some((at("start")?, at("end")?))
            });
            crate::annotate::Note {
                span,
                paragraphs: crate::annotate::note_paragraphs(
                    &string_of(&f, "code"),
                    &string_of(&f, "severity"),
                    &string_of(&f, "message"),
                ),
            }
        })
        .collect();
    crate::annotate::annotate_docx(bytes, &notes, "xxgk").map_err(js_error)
}
