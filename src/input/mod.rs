//! Reading whatever file a person has: a text file, a Word document or a
//! saved web page.
//!
//! [`sniff`] tells what a file is — from its content first (a ZIP archive,
//! an OLE container, `%PDF`, markup at the start …) and from its name's
//! extension second — and [`read_document`] reads it accordingly: a ZIP
//! archive or an OLE container with the Word reader ([`docx`]), a web page
//! with the HTML reader ([`html`]), everything else as text with
//! [`decode()`](decode::decode).
//!
//! The readers share `grid`, which writes tables the way the checker reads
//! them, and [`encoding`], which decodes UTF-16 and GB18030.

use std::fmt;

pub mod decode;
pub mod docx;
pub mod encoding;
pub(crate) mod grid;
pub mod html;
pub mod pdf;

use self::decode::{DecodeError, ZipKind};
use self::docx::DocxError;
use self::html::HtmlError;

/// A PDF's text: natively from the file; in the WebAssembly build, the page
/// reads PDFs itself (pdf.js) and hands their items to [`pdf::pages_to_text`].
#[cfg(not(target_arch = "wasm32"))]
fn read_pdf(bytes: &[u8]) -> Result<Document, InputError> {
    use self::pdf::native::{pdf_to_text, PdfError};
    match pdf_to_text(bytes) {
        Ok(text) => Ok(Document {
            text,
            kind: DocKind::Pdf,
        }),
        Err(PdfError::Damaged) => Err(InputError::Pdf),
        Err(e) => Err(InputError::PdfText(e)),
    }
}

#[cfg(target_arch = "wasm32")]
fn read_pdf(_bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::Pdf)
}

/// What kind of file a [`Document`] was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocKind {
    /// A text file (UTF-8, UTF-16 or GB18030).
    Text,
    /// A web page.
    Html,
    /// A Word document (`.docx`, or a `.wps` in the same format).
    Docx,
    /// A PDF file (read on the command line; the web page reads PDFs with pdf.js).
    Pdf,
}

impl DocKind {
    /// A short name: `text`, `html`, `docx`, `pdf`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Text => "text",
            DocKind::Html => "html",
            DocKind::Docx => "docx",
            DocKind::Pdf => "pdf",
        }
    }
}

/// The text of a file, ready for [`crate::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text: paragraphs as lines, table rows as tab-separated lines.
    pub text: String,
    /// What the file was.
    pub kind: DocKind,
}

/// Why a file could not be read. `Display` gives a one-line Chinese message
/// that says what the file is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// A text file that could not be decoded, or a file of a kind that is not
    /// read at all (picture, RTF, binary data).
    Decode(DecodeError),
    /// A Word document (or what claims to be one) that could not be read.
    Docx(DocxError),
    /// A web page without text.
    Html(HtmlError),
    /// A PDF file whose text is read by the web page, not here: in the
    /// WebAssembly build every PDF; natively one this reader cannot parse.
    Pdf,
    /// A PDF file protected by a password, or without text (a scan).
    #[cfg(not(target_arch = "wasm32"))]
    PdfText(pdf::native::PdfError),
    /// A web archive (`.mht`/`.mhtml`).
    WebArchive,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Decode(e) => e.fmt(f),
            InputError::Docx(e) => e.fmt(f),
            InputError::Html(e) => e.fmt(f),
            InputError::Pdf => write!(
                f,
                "文件为 PDF 格式，请在网页版中打开（网页版可直接读取 PDF 中的文字）；\
                 或在 PDF 阅读器中全选复制报告文字，粘贴检查"
            ),
            #[cfg(not(target_arch = "wasm32"))]
            InputError::PdfText(e) => e.fmt(f),
            InputError::WebArchive => write!(
                f,
                "文件为网页存档（.mht），不能直接读取；请在浏览器中打开后另存为“网页，仅 HTML”（.html），\
                 或全选复制报告文字粘贴检查"
            ),
        }
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InputError::Decode(e) => Some(e),
            InputError::Docx(e) => Some(e),
            InputError::Html(e) => Some(e),
            _ => None,
        }
    }
}

impl From<DecodeError> for InputError {
    fn from(e: DecodeError) -> Self {
        InputError::Decode(e)
    }
}

impl From<DocxError> for InputError {
    fn from(e: DocxError) -> Self {
        InputError::Docx(e)
    }
}

impl From<HtmlError> for InputError {
    fn from(e: HtmlError) -> Self {
        InputError::Html(e)
    }
}

/// Read a file's bytes as a report's text. `name` is the file name (only its
/// extension is used, and only when the content does not tell).
///
/// # Errors
///
/// An [`InputError`] when the file cannot be read as a report's text: a web
/// archive, a PDF without text, protected by a password or that cannot be
/// parsed (and, in the WebAssembly build, every PDF: the page reads those),
/// or a text file, Word document or web page that fails as its own reader
/// tells.
///
/// ```
/// let doc = xxgk::read_document("<p>一、总体情况</p>".as_bytes(), "report.html").unwrap();
/// assert_eq!(doc.kind, xxgk::input::DocKind::Html);
/// assert_eq!(doc.text, "一、总体情况\n");
/// let doc = xxgk::read_document("一、总体情况".as_bytes(), "report.txt").unwrap();
/// assert_eq!(doc.kind, xxgk::input::DocKind::Text);
/// ```
pub fn read_document(bytes: &[u8], name: &str) -> Result<Document, InputError> {
    match sniff(bytes, name) {
        FileKind::Empty => Err(InputError::Decode(DecodeError::Empty)),
        FileKind::Zip(_) | FileKind::Ole => Ok(Document {
            text: docx::docx_to_text(bytes)?,
            kind: DocKind::Docx,
        }),
        FileKind::Html => Ok(Document {
            text: html::html_to_text(bytes)?,
            kind: DocKind::Html,
        }),
        FileKind::Pdf => read_pdf(bytes),
        FileKind::WebArchive => Err(InputError::WebArchive),
        FileKind::Rtf | FileKind::Image | FileKind::Text => Ok(Document {
            text: decode::decode(bytes)?,
            kind: DocKind::Text,
        }),
    }
}

/// What a file is, as [`sniff`] tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// No bytes at all.
    Empty,
    /// A PDF file (`%PDF`).
    Pdf,
    /// A ZIP archive (`PK\x03\x04`, `PK\x05\x06`, `PK\x07\x08`), of the kind
    /// its entry names near the start tell; or a file named `.docx` whose
    /// content says nothing else ([`ZipKind::Docx`]).
    Zip(ZipKind),
    /// An OLE2 compound file (`D0 CF 11 E0`): old Word `.doc`, WPS `.wps`,
    /// Excel `.xls`, or an Office file protected by a password.
    Ole,
    /// An RTF document (`{\rtf`).
    Rtf,
    /// A picture (PNG, JPEG, GIF, BMP, TIFF).
    Image,
    /// A web page: markup at the start, or a name ending in `.html`/`.htm` ….
    Html,
    /// A web archive (`MIME-Version:` at the start, or `.mht`/`.mhtml`).
    WebArchive,
    /// Anything else: text in some encoding, or data that
    /// [`decode()`](decode::decode) refuses.
    Text,
}

/// Tell what a file is: from its first bytes, and from `name`'s extension
/// only when they do not tell (`name` may be empty).
///
/// ```
/// use xxgk::input::{sniff, FileKind};
/// assert_eq!(sniff(b"%PDF-1.7", "report.docx"), FileKind::Pdf);
/// assert_eq!(sniff("<p>\u{4e00}</p>".as_bytes(), ""), FileKind::Html);
/// assert_eq!(sniff("<p>\u{4e00}</p>".as_bytes(), "a.txt"), FileKind::Html);
/// assert_eq!(sniff(b"hello", "a.HTM"), FileKind::Html);
/// assert_eq!(sniff(b"hello", "a.txt"), FileKind::Text);
/// ```
#[must_use]
pub fn sniff(bytes: &[u8], name: &str) -> FileKind {
    const IMAGES: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"\xFF\xD8\xFF",
        b"GIF87a",
        b"GIF89a",
        b"II*\x00",
        b"MM\x00*",
    ];
    if bytes.is_empty() {
        return FileKind::Empty;
    }
    if bytes.starts_with(b"%PDF") {
        return FileKind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return FileKind::Zip(zip_kind(bytes));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return FileKind::Ole;
    }
    if bytes.starts_with(b"{\\rtf") {
        return FileKind::Rtf;
    }
    if IMAGES.iter().any(|magic| bytes.starts_with(magic))
        || (bytes.starts_with(b"BM") && bytes.len() > 14 && bytes[6..10] == [0, 0, 0, 0])
    {
        return FileKind::Image;
    }
    if html::looks_like_html(bytes) {
        return FileKind::Html;
    }
    let head = &bytes[..bytes.len().min(512)];
    if head.len() >= 13 && head[..13].eq_ignore_ascii_case(b"MIME-Version:") {
        return FileKind::WebArchive;
    }
    match extension(name).as_str() {
        "docx" | "docm" | "dotx" | "dotm" => FileKind::Zip(ZipKind::Docx),
        "htm" | "html" | "xhtml" | "shtml" | "xht" => FileKind::Html,
        "mht" | "mhtml" => FileKind::WebArchive,
        "pdf" => FileKind::Pdf,
        _ => FileKind::Text,
    }
}

/// Guess a ZIP container's kind from the entry names near its start.
fn zip_kind(bytes: &[u8]) -> ZipKind {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"word/") {
        ZipKind::Docx
    } else if has(b"xl/") {
        ZipKind::Xlsx
    } else if has(b"OFD.xml") {
        ZipKind::Ofd
    } else {
        ZipKind::Other
    }
}

/// The lower-case extension of a file name (`""` without one).
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(extension("a/b/报告.DOCX"), "docx");
        assert_eq!(extension(".htaccess"), "");
        assert_eq!(extension("c:\\x.y\\z"), "");
        assert_eq!(extension("-"), "");
    }

    #[test]
    fn sniffing() {
        let cases: [(&[u8], &str, FileKind); 14] = [
            (b"", "a.docx", FileKind::Empty),
            (b"%PDF-1.7", "a.html", FileKind::Pdf),
            (
                b"PK\x03\x04\x14\x00word/document.xml",
                "",
                FileKind::Zip(ZipKind::Docx),
            ),
            (
                b"PK\x05\x06\x00\x00",
                "a.txt",
                FileKind::Zip(ZipKind::Other),
            ),
            (
                b"PK\x03\x04xl/workbook.xml",
                "a.docx",
                FileKind::Zip(ZipKind::Xlsx),
            ),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a.txt", FileKind::Ole),
            (b"{\\rtf1\\ansi", "a.docx", FileKind::Rtf),
            (b"\x89PNG\r\n\x1a\n", "a.html", FileKind::Image),
            (b"\xEF\xBB\xBF <!DOCTYPE html><p>", "a.txt", FileKind::Html),
            (b"MIME-Version: 1.0", "a.html", FileKind::WebArchive),
            (b"hello", "a.DOCX", FileKind::Zip(ZipKind::Docx)),
            (b"hello", "a.mhtml", FileKind::WebArchive),
            (b"hello", "x.pdf", FileKind::Pdf),
            (b"hello", "", FileKind::Text),
        ];
        for (bytes, name, kind) in cases {
            assert_eq!(sniff(bytes, name), kind, "{bytes:?} {name}");
        }
    }

    #[test]
    fn dispatch() {
        assert_eq!(read_document(b"%PDF-1.7", "a.txt"), Err(InputError::Pdf));
        assert_eq!(
            read_document(b"", "a.docx"),
            Err(InputError::Decode(DecodeError::Empty))
        );
        assert_eq!(
            read_document(b"hello", "a.docx"),
            Err(InputError::Docx(DocxError::NotZip))
        );
        assert_eq!(
            read_document(b"MIME-Version: 1.0\r\n", "a.doc"),
            Err(InputError::WebArchive)
        );
        let page = read_document("甲<br>乙".as_bytes(), "a.htm").unwrap();
        assert_eq!((page.kind, page.text.as_str()), (DocKind::Html, "甲\n乙\n"));
        let text = read_document("甲<br>乙".as_bytes(), "a.txt").unwrap();
        assert_eq!((text.kind, text.text.as_str()), (DocKind::Text, "甲<br>乙"));
        assert!(InputError::Pdf.to_string().contains("网页版"));
    }
}
