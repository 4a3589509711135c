//! Fuzz `xxgk::decode`: any bytes give text or an error, never a panic; text
//! it returns is never blank and checks with valid spans.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../replay.rs"]
mod replay;

fuzz_target!(|data: &[u8]| replay::run_decode(data));
