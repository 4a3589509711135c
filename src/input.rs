//! Reading whatever file a person has: a text file, a Word document or a
//! saved web page.
//!
//! [`read_document`] looks at the content first — a ZIP archive is read as a
//! Word document, an OLE container is an old `.doc`/`.wps` or a
//! password-protected file, `%PDF` is a PDF, markup at the start is a web
//! page — and at the file name's extension second (`.docx`, `.html` …);
//! everything else goes to [`crate::decode()`] as text.

use std::fmt;

use crate::decode::{decode, DecodeError};
use crate::docx::{self, DocxError, OLE_MAGIC};
use crate::html::{self, HtmlError};

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
}

impl DocKind {
    /// A short name: `text`, `html`, `docx`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Text => "text",
            DocKind::Html => "html",
            DocKind::Docx => "docx",
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
    /// A PDF file: its text is read by the web page, not here.
    Pdf,
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
/// ```
/// let doc = xxgk::read_document("<p>一、总体情况</p>".as_bytes(), "report.html").unwrap();
/// assert_eq!(doc.kind, xxgk::input::DocKind::Html);
/// assert_eq!(doc.text, "一、总体情况\n");
/// let doc = xxgk::read_document("一、总体情况".as_bytes(), "report.txt").unwrap();
/// assert_eq!(doc.kind, xxgk::input::DocKind::Text);
/// ```
pub fn read_document(bytes: &[u8], name: &str) -> Result<Document, InputError> {
    let ext = extension(name);
    let docx = |bytes: &[u8]| -> Result<Document, InputError> {
        Ok(Document {
            text: docx::docx_to_text(bytes)?,
            kind: DocKind::Docx,
        })
    };
    let page = |bytes: &[u8]| -> Result<Document, InputError> {
        Ok(Document {
            text: html::html_to_text(bytes)?,
            kind: DocKind::Html,
        })
    };
    if bytes.is_empty() {
        return Err(InputError::Decode(DecodeError::Empty));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return docx(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(InputError::Pdf);
    }
    if html::looks_like_html(bytes) {
        return page(bytes);
    }
    let head = &bytes[..bytes.len().min(512)];
    if head.len() >= 13 && head[..13].eq_ignore_ascii_case(b"MIME-Version:") {
        return Err(InputError::WebArchive);
    }
    match ext.as_str() {
        "docx" | "docm" | "dotx" | "dotm" => docx(bytes),
        "htm" | "html" | "xhtml" | "shtml" | "xht" => page(bytes),
        "mht" | "mhtml" => Err(InputError::WebArchive),
        "pdf" => Err(InputError::Pdf),
        _ => Ok(Document {
            text: decode(bytes)?,
            kind: DocKind::Text,
        }),
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
