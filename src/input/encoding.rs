//! Text encodings other than UTF-8: GB18030 (and so GBK and GB2312, its
//! subsets) and UTF-16.
//!
//! Natively GB18030 is decoded with `encoding_rs`. In the WebAssembly build
//! it is decoded by the browser's own `TextDecoder`, which implements the
//! same WHATWG Encoding Standard: this keeps the encoding tables (about half
//! of the checker's size) out of the `.wasm` the page downloads. UTF-16 is
//! decoded here in plain Rust on both.

/// Decode GB18030 strictly: `None` when the bytes are not valid GB18030.
#[must_use]
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    imp::gb18030(bytes, true)
}

/// Decode GB18030, replacing malformed sequences with U+FFFD.
#[must_use]
pub fn gb18030_lossy(bytes: &[u8]) -> String {
    imp::gb18030(bytes, false).unwrap_or_default()
}

/// Decode UTF-16 strictly (`None` on an odd length or an unpaired surrogate).
#[must_use]
pub fn utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    char::decode_utf16(units(bytes, big_endian))
        .collect::<Result<String, _>>()
        .ok()
}

/// Decode UTF-16, replacing unpaired surrogates and a trailing odd byte with
/// U+FFFD.
#[must_use]
pub fn utf16_lossy(bytes: &[u8], big_endian: bool) -> String {
    let mut s: String = char::decode_utf16(units(bytes, big_endian))
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect();
    if bytes.len() % 2 != 0 {
        s.push('\u{fffd}');
    }
    s
}

fn units(bytes: &[u8], big_endian: bool) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(move |p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    })
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn gb18030(bytes: &[u8], strict: bool) -> Option<String> {
        let enc = encoding_rs::GB18030;
        if strict {
            enc.decode_without_bom_handling_and_without_replacement(bytes)
                .map(std::borrow::Cow::into_owned)
        } else {
            Some(enc.decode_without_bom_handling(bytes).0.into_owned())
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use web_sys::{TextDecoder, TextDecoderOptions};

    pub fn gb18030(bytes: &[u8], strict: bool) -> Option<String> {
        let options = TextDecoderOptions::new();
        options.set_fatal(strict);
        let decoder = TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_round_trip() {
        let text = "示例县教育局２０２２年";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(gb18030(&bytes).as_deref(), Some(text));
        assert_eq!(gb18030(&[0x81, 0x20]), None);
        assert_eq!(gb18030_lossy(&[0xB2, 0xE2, 0x81]), "测\u{fffd}");
    }

    #[test]
    fn utf16_both_orders() {
        let text = "表二𝄞";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16(&le, false).as_deref(), Some(text));
        assert_eq!(utf16(&be, true).as_deref(), Some(text));
        assert_eq!(utf16(&le[..3], false), None);
        assert_eq!(utf16(&[0x00, 0xD8, 0x41, 0x00], false), None);
        assert_eq!(
            utf16_lossy(&[0x00, 0xD8, 0x41, 0x00, 0x42], false),
            "\u{fffd}A\u{fffd}"
        );
    }
}
