//! Turning a file's bytes into the text of a report.
//!
//! Reports reach us as whatever a government web site, Word or WPS saved:
//! UTF-8 (with or without a BOM), UTF-16 (Windows Notepad's "Unicode") or
//! GB18030/GBK (the default of Chinese Windows). [`decode`] tells these apart
//! and decodes strictly: bytes that are not valid in the chosen encoding are an
//! error, never silently replaced, because a replaced byte inside a number
//! would change what the checker reads.
//!
//! It also recognises the files people most often pass by mistake (PDF,
//! `.docx`, old `.doc`/`.wps`, pictures, other binary data) and says in Chinese
//! what to do instead, through [`DecodeError`]'s `Display`.
//!
//! The order of the tests matters:
//!
//! 1. empty input;
//! 2. known file signatures (`%PDF`, `PK\x03\x04`, `D0 CF 11 E0`, `{\rtf`, images);
//! 3. a byte-order mark (UTF-8, UTF-16 LE/BE): trust it, decode strictly;
//! 4. NUL bytes: UTF-16 without a BOM when the NUL pattern leaves no doubt,
//!    else binary data;
//! 5. many control bytes: binary data;
//! 6. valid UTF-8;
//! 7. UTF-8 that is broken only after a long valid stretch: a damaged UTF-8
//!    file, reported as such rather than read as GB18030 mojibake;
//! 8. GB18030 (a superset of GBK and GB2312);
//!
//! and every decoded text is finally refused if it is blank or mostly
//! control characters.

use std::fmt;

use super::FileKind;

/// Why bytes could not be read as a report's text.
///
/// `Display` gives a one-line Chinese message that says what the file is and
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The file is empty or holds only blank characters.
    Empty,
    /// A PDF file (`%PDF`).
    Pdf,
    /// A ZIP container: `.docx`, `.xlsx`, `.ofd`, a ZIP archive …
    Zip(ZipKind),
    /// An OLE2 compound file: old Word `.doc`, WPS `.wps`, old Excel `.xls`.
    OldOffice,
    /// An RTF document (`{\rtf`).
    Rtf,
    /// A picture (PNG, JPEG, GIF, BMP, TIFF), e.g. a scanned report.
    Image,
    /// Binary data: NUL bytes or many control bytes.
    Binary,
    /// The file starts with a UTF-8 byte-order mark, or is UTF-8 for a long
    /// stretch, but has invalid bytes on the given line (1-based).
    InvalidUtf8 {
        /// The line of the first invalid byte.
        line: usize,
    },
    /// The file is marked as UTF-16 (byte-order mark) but is not valid UTF-16.
    InvalidUtf16,
    /// The bytes are valid in none of UTF-8, UTF-16 and GB18030.
    UnknownEncoding,
    /// The text decodes, but is mostly control characters.
    ControlCharacters,
}

/// What kind of ZIP container a file is, as far as its entry names tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ZipKind {
    /// A Word document (`word/` entries): `.docx`, also new-style `.wps`.
    Docx,
    /// A spreadsheet (`xl/` entries): `.xlsx`.
    Xlsx,
    /// An OFD document (`OFD.xml`), China's fixed-layout format.
    Ofd,
    /// Any other ZIP file.
    Other,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SAVE_AS_TEXT: &str = "另存为纯文本（.txt）";
        match self {
            DecodeError::Empty => write!(f, "文件是空的，没有可检查的文字"),
            DecodeError::Pdf => write!(
                f,
                "文件为 PDF 格式，本程序不能直接读取；请在 PDF 阅读器中全选复制报告文字，\
                 粘贴到网页版检查，或保存为纯文本（.txt）后再检查"
            ),
            DecodeError::Zip(kind) => {
                let what = match kind {
                    ZipKind::Docx => "Word 文档（.docx）",
                    ZipKind::Xlsx => "Excel 表格（.xlsx）",
                    ZipKind::Ofd => "OFD 版式文件（.ofd）",
                    ZipKind::Other => "压缩包（ZIP）格式",
                };
                write!(
                    f,
                    "文件为{what}，命令行版本暂不能直接读取；请在 Word 或 WPS 中{SAVE_AS_TEXT}，\
                     或复制全文粘贴到网页版检查"
                )
            }
            DecodeError::OldOffice => write!(
                f,
                "文件为旧版 Word/WPS 格式（.doc/.wps），请在 Word 或 WPS 中另存为 .docx \
                 或纯文本后再检查"
            ),
            DecodeError::Rtf => write!(
                f,
                "文件为 RTF 格式，请在 Word 或 WPS 中{SAVE_AS_TEXT}后再检查"
            ),
            DecodeError::Image => write!(
                f,
                "文件是图片（如扫描件），其中没有可读取的文字；请使用报告的文字版本，\
                 或先用文字识别（OCR）转成文字"
            ),
            DecodeError::Binary => write!(
                f,
                "文件不是文本文件（含有二进制数据）；请打开报告，{SAVE_AS_TEXT}后再检查"
            ),
            DecodeError::InvalidUtf8 { line } => write!(
                f,
                "文件为 UTF-8 编码，但第 {line} 行含有无效字节（文件可能已损坏或混用了编码）；\
                 请用文本编辑器打开并另存为 UTF-8 后再检查"
            ),
            DecodeError::InvalidUtf16 => write!(
                f,
                "文件标明为 UTF-16（Unicode）编码，但内容不是有效的 UTF-16（文件可能已损坏）；\
                 请用文本编辑器打开并另存为 UTF-8 后再检查"
            ),
            DecodeError::UnknownEncoding => write!(
                f,
                "无法识别文件的文字编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）；\
                 请用文本编辑器打开并另存为 UTF-8 后再检查"
            ),
            DecodeError::ControlCharacters => write!(
                f,
                "文件内容大部分是控制字符，不像报告文字；请打开报告，{SAVE_AS_TEXT}后再检查"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The encoding [`decode_detailed`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (removed from the text).
    Utf8Bom,
    /// UTF-16 little-endian (with or without a byte-order mark).
    Utf16Le,
    /// UTF-16 big-endian (with or without a byte-order mark).
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl TextEncoding {
    /// A short name, e.g. `UTF-8`, `GB18030`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// Decoded text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark. Line ends are kept as they were.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: TextEncoding,
}

/// Decode a file's bytes (UTF-8 with or without BOM, UTF-16 with BOM — or
/// without one when unambiguous — and GB18030/GBK).
///
/// # Errors
///
/// A [`DecodeError`] when the bytes are empty, are a file of another kind
/// (PDF, ZIP, old Office, RTF, picture, binary data), or are text in none of
/// the encodings above.
///
/// ```
/// assert_eq!(xxgk::decode("示例县教育局".as_bytes()).unwrap(), "示例县教育局");
/// assert!(xxgk::decode(b"").is_err());
/// ```
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_detailed(bytes).map(|d| d.text)
}

/// Like [`decode`], and also tell which encoding was found.
///
/// # Errors
///
/// The same as [`decode`].
pub fn decode_detailed(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let decoded = decode_raw(bytes)?;
    refuse_non_text(&decoded.text)?;
    Ok(decoded)
}

/// Share of control bytes/characters above which input is not text: 1 in 10.
const CONTROL_LIMIT_DIVISOR: usize = 10;

/// Valid multi-byte UTF-8 characters before the first invalid byte from which
/// on a file is taken to be damaged UTF-8 rather than GB18030.
const UTF8_CERTAIN_CHARS: usize = 16;

fn decode_raw(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(err) = signature(bytes) {
        return Err(err);
    }

    // A byte-order mark is trusted.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok(Decoded {
                text: text.to_owned(),
                encoding: TextEncoding::Utf8Bom,
            }),
            Err(e) => Err(DecodeError::InvalidUtf8 {
                line: line_of(rest, e.valid_up_to()),
            }),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, false)
            .map(|text| Decoded {
                text,
                encoding: TextEncoding::Utf16Le,
            })
            .ok_or(DecodeError::InvalidUtf16);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, true)
            .map(|text| Decoded {
                text,
                encoding: TextEncoding::Utf16Be,
            })
            .ok_or(DecodeError::InvalidUtf16);
    }

    // No text encoding we read puts NUL bytes in a report, except UTF-16.
    if bytes.contains(&0) {
        return utf16_without_bom(bytes).ok_or(DecodeError::Binary);
    }
    let controls = bytes.iter().filter(|&&b| is_control_byte(b)).count();
    if controls * CONTROL_LIMIT_DIVISOR > bytes.len() {
        return Err(DecodeError::Binary);
    }

    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: TextEncoding::Utf8,
        }),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let multibyte = valid.iter().filter(|&&b| b >= 0xC0).count();
            if multibyte >= UTF8_CERTAIN_CHARS {
                return Err(DecodeError::InvalidUtf8 {
                    line: line_of(bytes, e.valid_up_to()),
                });
            }
            crate::input::encoding::gb18030(bytes)
                .map(|text| Decoded {
                    text,
                    encoding: TextEncoding::Gb18030,
                })
                .ok_or(DecodeError::UnknownEncoding)
        }
    }
}

/// Recognise file formats that are not text by their first bytes.
fn signature(bytes: &[u8]) -> Option<DecodeError> {
    match super::sniff(bytes, "") {
        FileKind::Pdf => Some(DecodeError::Pdf),
        FileKind::Zip(kind) => Some(DecodeError::Zip(kind)),
        FileKind::Ole => Some(DecodeError::OldOffice),
        FileKind::Rtf => Some(DecodeError::Rtf),
        FileKind::Image => Some(DecodeError::Image),
        _ => None,
    }
}

/// Decode UTF-16 strictly (`None` on an odd length or an unpaired surrogate).
fn utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    crate::input::encoding::utf16(bytes, big_endian)
}

/// UTF-16 without a byte-order mark, when the bytes leave no doubt: an even
/// length, valid in one byte order, and (nearly) every character then an
/// ordinary one (ASCII text, CJK, CJK punctuation, full-width forms), while
/// the other byte order gives mostly unusual characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() % 2 != 0 || bytes.len() < 4 {
        return None;
    }
    let score = |text: &str| -> (usize, usize) {
        let total = text.chars().count();
        let usual = text.chars().filter(|&c| is_usual_char(c)).count();
        (usual, total)
    };
    let certain = |text: &Option<String>| -> bool {
        text.as_deref().is_some_and(|t| {
            let (usual, total) = score(t);
            total > 0 && usual * 100 >= total * 95
        })
    };
    let doubtful = |text: &Option<String>| -> bool {
        text.as_deref().is_none_or(|t| {
            let (usual, total) = score(t);
            usual * 2 < total
        })
    };
    let le = utf16(bytes, false);
    let be = utf16(bytes, true);
    if certain(&le) && doubtful(&be) {
        le.map(|text| Decoded {
            text,
            encoding: TextEncoding::Utf16Le,
        })
    } else if certain(&be) && doubtful(&le) {
        be.map(|text| Decoded {
            text,
            encoding: TextEncoding::Utf16Be,
        })
    } else {
        None
    }
}

/// Characters a report's text is made of, used to tell the byte order of
/// UTF-16 without a BOM.
fn is_usual_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{3000}'..='\u{303F}'   // CJK punctuation
        | '\u{4E00}'..='\u{9FFF}'   // CJK ideographs
        | '\u{FF00}'..='\u{FFEF}'   // full-width forms
        | '\u{2010}'..='\u{2027}'   // dashes, quotes, ellipsis
        | '\u{00B7}' | '\u{00D7}'
    )
}

/// A C0 control byte that has no place in a text file (tab, line feed,
/// carriage return, form feed and the DOS end-of-file mark are fine).
fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || b == 0x7F
}

/// A control character that has no place in a report's text.
fn is_control_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{1A}')
}

/// Refuse decoded text that is blank or mostly control characters.
fn refuse_non_text(text: &str) -> Result<(), DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let total = text.chars().count();
    let controls = text.chars().filter(|&c| is_control_char(c)).count();
    if controls * CONTROL_LIMIT_DIVISOR > total {
        return Err(DecodeError::ControlCharacters);
    }
    Ok(())
}

/// 1-based line of a byte offset.
#[allow(clippy::naive_bytecount)] // once per error; no crate for it
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    1 + bytes[..end].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "示例县教育局2021年政府信息公开工作年度报告\n\
        一、总体情况\n\
        2021年，示例县教育局共收到政府信息公开申请3件。\n\
        （七）总计\t3\t0\t0\t0\t0\t0\t3\n";

    fn utf16_bytes(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
        }
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = encoding_rs::GBK.encode(text);
        assert!(!had_errors);
        bytes.into_owned()
    }

    #[test]
    fn utf8_plain() {
        let d = decode_detailed(REPORT.as_bytes()).unwrap();
        assert_eq!(d.text, REPORT);
        assert_eq!(d.encoding, TextEncoding::Utf8);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(REPORT.as_bytes());
        let d = decode_detailed(&bytes).unwrap();
        assert_eq!(d.text, REPORT);
        assert_eq!(d.encoding, TextEncoding::Utf8Bom);
    }

    #[test]
    fn utf8_bom_with_invalid_bytes() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("第一行\n第二行".as_bytes());
        bytes.push(0xFF);
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { line: 2 }));
    }

    #[test]
    fn crlf_is_kept() {
        let text = "一、总体情况\r\n二、主动公开政府信息情况\r\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let d = decode_detailed(&utf16_bytes(REPORT, false, true)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (REPORT, TextEncoding::Utf16Le)
        );
        let d = decode_detailed(&utf16_bytes(REPORT, true, true)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (REPORT, TextEncoding::Utf16Be)
        );
    }

    #[test]
    fn utf16_without_bom_when_certain() {
        let d = decode_detailed(&utf16_bytes(REPORT, false, false)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (REPORT, TextEncoding::Utf16Le)
        );
        let d = decode_detailed(&utf16_bytes(REPORT, true, false)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (REPORT, TextEncoding::Utf16Be)
        );
    }

    #[test]
    fn utf16_with_bom_but_broken() {
        // An unpaired high surrogate.
        let mut bytes = utf16_bytes("示例", false, true);
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&u16::from(b'a').to_le_bytes());
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf16));
        // An odd number of bytes.
        let mut bytes = utf16_bytes("示例县", true, true);
        bytes.push(b'x');
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf16));
    }

    #[test]
    fn gbk_and_gb18030() {
        let d = decode_detailed(&gbk(REPORT)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (REPORT, TextEncoding::Gb18030)
        );
        // A character outside GBK, only in GB18030 (four-byte form).
        let text = "示例县教育局：数据统计期限自2021年1月1日起至2021年12月31日止。㐀";
        let (bytes, _, had_errors) = encoding_rs::GB18030.encode(text);
        assert!(!had_errors);
        assert_eq!(decode(&bytes).unwrap(), text);
    }

    #[test]
    fn invalid_in_every_encoding() {
        // 0x80 alone and 0xFF are invalid in both UTF-8 and GB18030.
        let mut bytes = gbk("示例县教育局");
        bytes.extend_from_slice(b"\xFF\xFF\x80");
        assert_eq!(decode(&bytes), Err(DecodeError::UnknownEncoding));
    }

    #[test]
    fn damaged_utf8_is_not_read_as_gb18030() {
        let mut bytes = REPORT.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xB5\xDA");
        bytes.extend_from_slice("五、存在的主要问题及改进情况".as_bytes());
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { line: 5 }));
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t\n"), Err(DecodeError::Empty));
        assert_eq!(decode("\u{3000}\n".as_bytes()), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xFF\xFE"), Err(DecodeError::Empty));
    }

    #[test]
    fn file_signatures() {
        assert_eq!(
            decode(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"),
            Err(DecodeError::Pdf)
        );
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml"),
            Err(DecodeError::Zip(ZipKind::Docx))
        );
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00xl/workbook.xml"),
            Err(DecodeError::Zip(ZipKind::Xlsx))
        );
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00OFD.xml"),
            Err(DecodeError::Zip(ZipKind::Ofd))
        );
        assert_eq!(
            decode(b"PK\x05\x06\x00\x00"),
            Err(DecodeError::Zip(ZipKind::Other))
        );
        assert_eq!(
            decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"),
            Err(DecodeError::OldOffice)
        );
        assert_eq!(decode(b"{\\rtf1\\ansi\\ansicpg936"), Err(DecodeError::Rtf));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            Err(DecodeError::Image)
        );
        assert_eq!(
            decode(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"),
            Err(DecodeError::Image)
        );
        assert_eq!(decode(b"GIF89a\x01\x00"), Err(DecodeError::Image));
    }

    #[test]
    fn text_that_merely_starts_like_a_signature_word() {
        // "BM" followed by ordinary text is not a bitmap.
        assert_eq!(
            decode(b"BM report text here").unwrap(),
            "BM report text here"
        );
    }

    #[test]
    fn binary_data() {
        // NULs without a UTF-16 pattern.
        assert_eq!(
            decode(b"\x01\x00\x00\x00\x7fELF\x00\x02\x00abc"),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode(b"abc\x00"), Err(DecodeError::Binary));
        // Many control bytes, no NUL.
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05\x06abcdefgh"),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn a_few_control_bytes_are_fine() {
        let mut text = "示例县教育局2021年政府信息公开工作年度报告".repeat(3);
        text.push('\u{0C}');
        text.push('\u{07}');
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn mostly_control_characters_after_decoding() {
        // UTF-16 with a BOM whose characters are control characters.
        let text: String = "\u{1}\u{2}\u{3}\u{4}ab".into();
        assert_eq!(
            decode(&utf16_bytes(&text, false, true)),
            Err(DecodeError::ControlCharacters)
        );
        // C1 control characters in valid UTF-8.
        let text = "\u{85}\u{86}\u{87}\u{88}示例";
        assert_eq!(decode(text.as_bytes()), Err(DecodeError::ControlCharacters));
    }

    #[test]
    fn messages_say_what_to_do() {
        let all = [
            DecodeError::Empty,
            DecodeError::Pdf,
            DecodeError::Zip(ZipKind::Docx),
            DecodeError::Zip(ZipKind::Xlsx),
            DecodeError::Zip(ZipKind::Ofd),
            DecodeError::Zip(ZipKind::Other),
            DecodeError::OldOffice,
            DecodeError::Rtf,
            DecodeError::Image,
            DecodeError::Binary,
            DecodeError::InvalidUtf8 { line: 7 },
            DecodeError::InvalidUtf16,
            DecodeError::UnknownEncoding,
            DecodeError::ControlCharacters,
        ];
        for err in all {
            let message = err.to_string();
            assert!(!message.is_empty());
            assert!(!message.contains('\n'), "{message}");
        }
        assert!(DecodeError::OldOffice.to_string().contains("另存为 .docx"));
        assert!(DecodeError::InvalidUtf8 { line: 7 }
            .to_string()
            .contains("第 7 行"));
    }

    #[test]
    fn encoding_names() {
        assert_eq!(TextEncoding::Gb18030.as_str(), "GB18030");
        assert_eq!(TextEncoding::Utf16Le.as_str(), "UTF-16LE");
    }
}
