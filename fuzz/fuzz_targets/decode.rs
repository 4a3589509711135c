//! Fuzz `xxgk::decode`: any bytes give text or an error, never a panic; text
//! it returns is never blank and checks without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let detailed = xxgk::decode::decode_detailed(data);
    let plain = xxgk::decode(data);
    match (&detailed, &plain) {
        (Ok(d), Ok(p)) => assert_eq!(&d.text, p),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("decode and decode_detailed disagree"),
    }
    if let Ok(text) = plain {
        assert!(!text.trim().is_empty(), "decoded text is blank");
        let _ = xxgk::check(&text, &xxgk::Options::default());
    }
});
