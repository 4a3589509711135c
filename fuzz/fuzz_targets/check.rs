//! Fuzz `xxgk::check`: no panic, and every span of the report inside the
//! text, on character boundaries, with the text's line, column and UTF-16
//! offsets. How an input becomes a text: [`replay::text_of`].

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../replay.rs"]
mod replay;

fuzz_target!(|data: &[u8]| replay::run_check(data));
