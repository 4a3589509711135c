//! Turning file bytes into text. (Being written.)

/// Why bytes could not be read as a report's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not text in any encoding the checker reads.
    NotText,
}

/// Decode a file's bytes (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| DecodeError::NotText)
}
