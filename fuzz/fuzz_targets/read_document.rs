//! Fuzz `xxgk::read_document` (text, Word and web-page files): never a
//! panic; a document's text checks with valid spans.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../replay.rs"]
mod replay;

fuzz_target!(|data: &[u8]| replay::run_read_document(data));
