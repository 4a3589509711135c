//! Reading the text of a Word document (`.docx`, and the `.wps` files WPS
//! saves in the same format).
//!
//! A `.docx` file is a ZIP archive whose main part, `word/document.xml`, holds
//! the body as `WordprocessingML`. [`docx_to_text`] finds that part (through
//! `_rels/.rels`), inflates it with a bound on its size, and writes the body
//! in the layout the checker reads best (the same as [`crate::html`]):
//!
//! * each paragraph (`w:p`) is a line: the text of its `w:t`, `w:tab` as a
//!   tab, `w:br`/`w:cr` as a line break; empty paragraphs are empty lines,
//!   except between two tables, where they only split one table over pages;
//! * each table row (`w:tr`) is a line, cells (`w:tc`) joined by tabs; a cell
//!   with `w:gridSpan` N is followed by N−1 empty cells, a `w:vMerge`
//!   continuation is an empty cell, `w:gridBefore` N gives N leading empty
//!   cells; a row one of whose cells holds a table is written cell by cell;
//!   then the values of the rows with numbers are written one per column of
//!   the table's header, and a row whose columns are not certain without
//!   tabs (see `input::grid`; the widths of `w:tblGrid` tell a table
//!   continued without its header);
//! * tracked changes are read as accepted: `w:ins` and `w:moveTo` are kept,
//!   `w:del` and `w:moveFrom` dropped; hidden text (`w:vanish`), field
//!   instructions, ruby guides and the fallback copy of text boxes are
//!   dropped; text boxes are written after the paragraph that anchors them;
//! * automatic numbering (a heading typed as 一、 that Word or WPS turned into
//!   a list) is written before the paragraph's text, from
//!   `word/numbering.xml` and the paragraph styles of `word/styles.xml`;
//! * headers, footers, footnotes and comments live in other parts and are not
//!   read.
//!
//! The parts are read by `zip` (a small ZIP reader of our own: central
//! directory, ZIP64, stored and deflate entries inflated with `miniz_oxide`,
//! CRC-32 checked) and `xml` (`quick-xml`); the body is built by `body`,
//! automatic numbering by `numbering`. Nothing is read outside the input,
//! no part is inflated beyond [`MAX_XML_BYTES`], and every nesting is
//! bounded.

use std::fmt;

use self::body::document_text;
use self::numbering::Numbering;
use self::xml::{local, Tok, Xml};
use self::zip::Zip;
use super::{sniff, FileKind};

/// The largest `word/document.xml` read, uncompressed: 64 MiB. A report's is
/// well under 5 MiB; more is a damaged file or a ZIP bomb.
pub const MAX_XML_BYTES: usize = 64 * 1024 * 1024;

/// Tables nested deeper than this are flattened into their enclosing cell.
const MAX_TABLE_NESTING: usize = 16;
/// Text boxes nested deeper than this are read as part of their paragraph.
const MAX_BOX_NESTING: usize = 4;

/// Why a Word document could not be read.
///
/// `Display` gives a one-line Chinese message that says what is wrong and
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocxError {
    /// The bytes are not a ZIP archive at all.
    NotZip,
    /// A ZIP archive that is cut short or damaged (a download that did not
    /// finish, a checksum that does not match).
    Corrupt,
    /// A ZIP archive without a Word body: a spreadsheet, a presentation, an
    /// OFD or `OpenDocument` file, or another archive.
    NoDocument(Container),
    /// An Office file protected by a password (an OLE container holding
    /// `EncryptionInfo`), or a ZIP entry with ZIP encryption.
    Encrypted,
    /// An OLE container without encryption: old Word `.doc`, WPS `.wps`,
    /// Excel `.xls`.
    OldFormat,
    /// The body uses a ZIP compression method other than stored or deflate.
    UnsupportedCompression(u16),
    /// The body is larger than [`MAX_XML_BYTES`] once uncompressed.
    TooLarge {
        /// The limit, in MiB.
        limit_mib: usize,
    },
    /// The body is not well-formed XML (or not UTF-8/UTF-16).
    Xml {
        /// Byte offset in `word/document.xml` near the fault.
        offset: u64,
    },
    /// The document holds no text (e.g. only pictures of scanned pages).
    NoText,
}

/// What a ZIP archive without a Word body is, as far as its entries tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Container {
    /// `xl/` entries: an Excel workbook (`.xlsx`).
    Xlsx,
    /// `ppt/` entries: a `PowerPoint` presentation (`.pptx`).
    Pptx,
    /// `OFD.xml`: an OFD fixed-layout document.
    Ofd,
    /// `content.xml`: an `OpenDocument` file (`.odt`).
    OpenDocument,
    /// Any other archive.
    Other,
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const RESAVE: &str = "请在 Word 或 WPS 中打开，另存为 .docx 或纯文本（.txt）后再检查";
        match self {
            DocxError::NotZip => write!(
                f,
                "文件不是有效的 Word 文档（.docx 应为 ZIP 格式）；文件可能已损坏或扩展名有误，{RESAVE}"
            ),
            DocxError::Corrupt => write!(
                f,
                "Word 文档不完整或已损坏（可能没有下载完整）；请重新下载，或{RESAVE}"
            ),
            DocxError::NoDocument(kind) => {
                let what = match kind {
                    Container::Xlsx => "Excel 表格（.xlsx）",
                    Container::Pptx => "PowerPoint 演示文稿（.pptx）",
                    Container::Ofd => "OFD 版式文件（.ofd）",
                    Container::OpenDocument => "OpenDocument 文档（.odt）",
                    Container::Other => "不含 Word 正文的压缩包",
                };
                write!(
                    f,
                    "文件中没有 Word 正文（word/document.xml），看起来是{what}；\
                     请使用报告的 Word 文档，或复制报告全文粘贴到网页版检查"
                )
            }
            DocxError::Encrypted => write!(
                f,
                "文档设有打开密码（已加密），无法读取；请在 Word 或 WPS 中输入密码打开，\
                 取消密码后另存为 .docx 再检查"
            ),
            DocxError::OldFormat => write!(
                f,
                "文件为旧版 Word/WPS 格式（.doc/.wps），不能直接读取；{RESAVE}"
            ),
            DocxError::UnsupportedCompression(m) => write!(
                f,
                "Word 文档使用了不支持的压缩方式（{m}）；{RESAVE}"
            ),
            DocxError::TooLarge { limit_mib } => write!(
                f,
                "Word 文档正文解压后超过 {limit_mib} MB，不像一份年度报告（文件可能已损坏）；{RESAVE}"
            ),
            DocxError::Xml { offset } => write!(
                f,
                "Word 文档的正文格式有误（document.xml 第 {offset} 字节附近），文件可能已损坏；{RESAVE}"
            ),
            DocxError::NoText => write!(
                f,
                "Word 文档中没有文字（可能只有图片或扫描件）；请使用报告的文字版本，\
                 或先用文字识别（OCR）转成文字"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// The text of a `.docx` file: paragraphs as lines, table rows as
/// tab-separated lines (see the module documentation).
///
/// # Errors
///
/// A [`DocxError`] when the bytes are not a readable Word document: not a
/// ZIP archive, damaged, encrypted, an old or other Office format, a body
/// too large or not well-formed, or a body without text.
///
/// ```
/// let err = xxgk::docx::docx_to_text(b"not a zip").unwrap_err();
/// assert_eq!(err, xxgk::docx::DocxError::NotZip);
/// ```
pub fn docx_to_text(bytes: &[u8]) -> Result<String, DocxError> {
    let (_, _, xml, numbering) = open(bytes)?;
    let text = document_text(&xml, numbering)?;
    if text.trim().is_empty() {
        return Err(DocxError::NoText);
    }
    Ok(text)
}

/// Open a Word document: its archive, the name of its main part, the main
/// part's bytes and its automatic numbering.
fn open(bytes: &[u8]) -> Result<(Zip<'_>, Vec<u8>, Vec<u8>, Numbering), DocxError> {
    if sniff(bytes, "") == FileKind::Ole {
        return Err(if is_encrypted_ole(bytes) {
            DocxError::Encrypted
        } else {
            DocxError::OldFormat
        });
    }
    let zip = Zip::open(bytes)?;
    let main = zip
        .find(&main_part_name(&zip))
        .or_else(|| zip.find("word/document.xml"))
        .ok_or_else(|| DocxError::NoDocument(zip.container()))?;
    let xml = zip.read(main, MAX_XML_BYTES)?;
    // Automatic numbering: the list definitions and the styles that use them,
    // beside the main part. Unreadable ones only lose the numbers.
    let mut numbering = Numbering::default();
    let dir = main
        .name
        .iter()
        .rposition(|&b| b == b'/')
        .map_or(0, |i| i + 1);
    for (part, styles) in [("numbering.xml", false), ("styles.xml", true)] {
        let mut name = main.name[..dir].to_vec();
        name.extend_from_slice(part.as_bytes());
        let text = zip
            .entries
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| zip.read(e, MAX_XML_BYTES / 8).ok())
            .and_then(|b| String::from_utf8(b).ok());
        if let Some(text) = text {
            numbering.read(&text, styles);
        }
    }
    let main = main.name.clone();
    Ok((zip, main, xml, numbering))
}

// ---- OLE ---------------------------------------------------------------------

/// An OLE container that holds an encrypted OOXML package: its directory
/// names the streams `EncryptionInfo` and `EncryptedPackage` (UTF-16LE).
fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let info = utf16("EncryptionInfo");
    let package = utf16("EncryptedPackage");
    contains(bytes, &info) || contains(bytes, &package)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let first = needle[0];
    hay.iter()
        .enumerate()
        .filter(|&(_, &b)| b == first)
        .any(|(i, _)| hay[i..].starts_with(needle))
}

/// The main document part named by `_rels/.rels` (usually
/// `word/document.xml`; Word sometimes writes `word/document2.xml`).
fn main_part_name(zip: &Zip) -> String {
    const DEFAULT: &str = "word/document.xml";
    let Some(xml) = zip
        .find("_rels/.rels")
        .and_then(|rels| zip.read(rels, 1024 * 1024).ok())
        .and_then(|xml| String::from_utf8(xml).ok())
    else {
        return DEFAULT.to_string();
    };
    let mut x = Xml::new(&xml);
    while let Ok(tok) = x.next() {
        match tok {
            Tok::Start(name, _)
                if local(name.as_bytes()) == b"Relationship"
                    && x.attr("Type")
                        .is_some_and(|t| t.ends_with("/officeDocument")) =>
            {
                if let Some(target) = x.attr("Target") {
                    return target.trim_start_matches('/').to_string();
                }
            }
            Tok::Eof => break,
            _ => {}
        }
    }
    DEFAULT.to_string()
}

mod body;
mod numbering;
pub(crate) mod trace;
mod xml;
pub(crate) mod zip;

#[cfg(test)]
mod tests;
