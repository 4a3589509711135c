//! The WebAssembly export of the file reader, `readDocument` (feature
//! `wasm-reader`): in the npm package's module next to the checker, and in the
//! module the page loads with the first file it is given (`www/pkg/xxgk_pdf.js`),
//! so that the page's checker (`www/pkg/xxgk_bg.wasm`) carries neither the Word
//! nor the web-page reader.

use wasm_bindgen::prelude::*;

/// A thrown JavaScript `Error` with the given message.
fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// Reads a file the way the CLI does — a text file in any encoding, a Word
/// document (`.docx`) or a saved web page (`.html`), told apart by content and
/// then by `name`'s extension — and returns `{text, kind}` with `kind` one of
/// `text`, `html`, `docx`; throws an `Error` with a Chinese message when the
/// file cannot be read (a PDF, a picture, an old `.doc` …).
#[wasm_bindgen(js_name = readDocument)]
pub fn read_document(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    let doc = crate::read_document(bytes, name).map_err(js_error)?;
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"text".into(), &doc.text.into())?;
    js_sys::Reflect::set(&out, &"kind".into(), &doc.kind.as_str().into())?;
    Ok(out.into())
}
