//! The WebAssembly export of the PDF layout alone, built as its own small
//! module (`scripts/build-wasm`: `--no-default-features --features
//! pdf-layout`, `www/pkg/xxgk_pdf.js`) that the page loads only when a PDF is
//! opened, so the checker's module (`www/pkg/xxgk.js`, `src/wasm.rs`) does
//! not carry the table reconstruction of [`crate::input::pdf`].
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
