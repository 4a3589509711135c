//! Reading the text of a Word document (`.docx`, and the `.wps` files WPS
//! saves in the same format).
//!
//! A `.docx` file is a ZIP archive whose main part, `word/document.xml`, holds
//! the body as WordprocessingML. [`docx_to_text`] finds that part (through
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
//! The ZIP reader (central directory, ZIP64, stored and deflate entries,
//! CRC-32 checked), the inflater (RFC 1951, in the manner of zlib's `puff`)
//! and the XML tokenizer are small ones of our own, to keep the WebAssembly
//! build small. They never read outside the input, never inflate more than
//! [`MAX_XML_BYTES`], and bound every nesting.

use std::fmt;

use crate::grid::{self, GridCell, GridRow, Line, LineKind};

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
    /// OFD or OpenDocument file, or another archive.
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
    /// `ppt/` entries: a PowerPoint presentation (`.pptx`).
    Pptx,
    /// `OFD.xml`: an OFD fixed-layout document.
    Ofd,
    /// `content.xml`: an OpenDocument file (`.odt`).
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
/// ```
/// let err = xxgk::docx::docx_to_text(b"not a zip").unwrap_err();
/// assert_eq!(err, xxgk::docx::DocxError::NotZip);
/// ```
pub fn docx_to_text(bytes: &[u8]) -> Result<String, DocxError> {
    if bytes.starts_with(OLE_MAGIC) {
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
    let text = document_text(&xml, numbering)?;
    if text.trim().is_empty() {
        return Err(DocxError::NoText);
    }
    Ok(text)
}

// ---- OLE ---------------------------------------------------------------------

pub(crate) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An OLE container that holds an encrypted OOXML package: its directory
/// names the streams `EncryptionInfo` and `EncryptedPackage` (UTF-16LE).
pub(crate) fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
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

// ---- ZIP ---------------------------------------------------------------------

struct Entry {
    /// The name as stored (UTF-8 or not), with `\` read as `/`.
    name: Vec<u8>,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl<'a> Zip<'a> {
    /// Read the central directory.
    fn open(bytes: &'a [u8]) -> Result<Zip<'a>, DocxError> {
        let looks_zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
        let fail = if looks_zip {
            DocxError::Corrupt
        } else {
            DocxError::NotZip
        };
        let Some(eocd) = find_eocd(bytes) else {
            return Err(fail);
        };
        let corrupt = || {
            if looks_zip {
                DocxError::Corrupt
            } else {
                DocxError::NotZip
            }
        };
        let mut count = u64::from(u16_at(bytes, eocd + 10).ok_or_else(corrupt)?);
        let mut cd_size = u64::from(u32_at(bytes, eocd + 12).ok_or_else(corrupt)?);
        let mut cd_offset = u64::from(u32_at(bytes, eocd + 16).ok_or_else(corrupt)?);
        let mut cd_end_at = eocd as u64;
        if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record.
            if let Some(loc) = eocd.checked_sub(20) {
                if bytes[loc..].starts_with(b"PK\x06\x07") {
                    let at = u64_at(bytes, loc + 8).ok_or_else(corrupt)?;
                    let at = usize::try_from(at).map_err(|_| corrupt())?;
                    if bytes
                        .get(at..)
                        .is_some_and(|b| b.starts_with(b"PK\x06\x06"))
                    {
                        count = u64_at(bytes, at + 32).ok_or_else(corrupt)?;
                        cd_size = u64_at(bytes, at + 40).ok_or_else(corrupt)?;
                        cd_offset = u64_at(bytes, at + 48).ok_or_else(corrupt)?;
                        cd_end_at = at as u64;
                    }
                }
            }
        }
        // Data before the archive (a self-extracting stub) shifts every offset.
        let shift = cd_end_at
            .checked_sub(cd_offset.checked_add(cd_size).ok_or_else(corrupt)?)
            .ok_or_else(corrupt)?;
        let start = usize::try_from(cd_offset + shift).map_err(|_| corrupt())?;
        let end = usize::try_from(cd_end_at).map_err(|_| corrupt())?;
        let cd = bytes.get(start..end).ok_or_else(corrupt)?;

        let mut entries = Vec::new();
        let mut p = 0;
        while p + 46 <= cd.len() && (entries.len() as u64) < count {
            if !cd[p..].starts_with(b"PK\x01\x02") {
                return Err(corrupt());
            }
            let field16 = |o: usize| u16_at(cd, p + o).ok_or_else(corrupt);
            let field32 = |o: usize| u32_at(cd, p + o).ok_or_else(corrupt);
            let flags = field16(8)?;
            let method = field16(10)?;
            let crc = field32(16)?;
            let mut compressed = u64::from(field32(20)?);
            let mut size = u64::from(field32(24)?);
            let name_len = usize::from(field16(28)?);
            let extra_len = usize::from(field16(30)?);
            let comment_len = usize::from(field16(32)?);
            let mut offset = u64::from(field32(42)?);
            let name = cd.get(p + 46..p + 46 + name_len).ok_or_else(corrupt)?;
            let extra = cd
                .get(p + 46 + name_len..p + 46 + name_len + extra_len)
                .ok_or_else(corrupt)?;
            read_zip64_extra(extra, &mut size, &mut compressed, &mut offset);
            entries.push(Entry {
                name: name
                    .iter()
                    .map(|&b| if b == b'\\' { b'/' } else { b })
                    .collect(),
                flags,
                method,
                crc,
                compressed,
                size,
                offset: offset.saturating_add(shift),
            });
            p += 46 + name_len + extra_len + comment_len;
        }
        if (entries.len() as u64) < count {
            return Err(corrupt());
        }
        Ok(Zip { bytes, entries })
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/').as_bytes();
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
        })
    }

    fn container(&self) -> Container {
        let has = |f: &dyn Fn(&[u8]) -> bool| self.entries.iter().any(|e| f(&e.name));
        if has(&|n| n.starts_with(b"xl/")) {
            Container::Xlsx
        } else if has(&|n| n.starts_with(b"ppt/")) {
            Container::Pptx
        } else if has(&|n| n.eq_ignore_ascii_case(b"OFD.xml")) {
            Container::Ofd
        } else if has(&|n| n == b"content.xml") {
            Container::OpenDocument
        } else {
            Container::Other
        }
    }

    /// The uncompressed bytes of an entry, at most `limit` of them.
    fn read(&self, e: &Entry, limit: usize) -> Result<Vec<u8>, DocxError> {
        if e.flags & 1 != 0 {
            return Err(DocxError::Encrypted);
        }
        let too_large = DocxError::TooLarge {
            limit_mib: limit / (1024 * 1024),
        };
        if e.size > limit as u64 {
            return Err(too_large);
        }
        let at = usize::try_from(e.offset).map_err(|_| DocxError::Corrupt)?;
        let local = self.bytes.get(at..).ok_or(DocxError::Corrupt)?;
        if !local.starts_with(b"PK\x03\x04") {
            return Err(DocxError::Corrupt);
        }
        let name_len = usize::from(u16_at(local, 26).ok_or(DocxError::Corrupt)?);
        let extra_len = usize::from(u16_at(local, 28).ok_or(DocxError::Corrupt)?);
        let start = 30 + name_len + extra_len;
        let len = usize::try_from(e.compressed).map_err(|_| DocxError::Corrupt)?;
        let data = local
            .get(start..start.checked_add(len).ok_or(DocxError::Corrupt)?)
            .ok_or(DocxError::Corrupt)?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => inflate(data, limit).map_err(|full| {
                if full {
                    too_large.clone()
                } else {
                    DocxError::Corrupt
                }
            })?,
            m => return Err(DocxError::UnsupportedCompression(m)),
        };
        if out.len() > limit {
            return Err(too_large);
        }
        if out.len() as u64 != e.size || crc32(&out) != e.crc {
            return Err(DocxError::Corrupt);
        }
        Ok(out)
    }
}

// ---- inflate (RFC 1951) -------------------------------------------------------

/// Inflate a raw deflate stream into at most `limit` bytes, with the
/// `miniz_oxide` crate (pure Rust, builds for wasm32). The error is `true`
/// when the output would pass the limit, `false` when the data is not valid
/// deflate (or ends early).
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, bool> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit)
        .map_err(|e| e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput)
}

/// The end-of-central-directory record: within the last 64 KiB + 22 bytes.
fn find_eocd(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(0xFFFF);
    (first..=last)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
}

/// Apply a ZIP64 extended-information extra field (id 1): the 64-bit values
/// of the fields whose 32-bit value is `0xFFFFFFFF`, in this order.
fn read_zip64_extra(extra: &[u8], size: &mut u64, compressed: &mut u64, offset: &mut u64) {
    let mut p = 0;
    while p + 4 <= extra.len() {
        let id = u16_at(extra, p).unwrap_or(0);
        let len = usize::from(u16_at(extra, p + 2).unwrap_or(0));
        let Some(body) = extra.get(p + 4..p + 4 + len) else {
            return;
        };
        if id == 1 {
            let mut q = 0;
            for field in [size, compressed, offset] {
                if *field == 0xFFFF_FFFF {
                    if let Some(v) = u64_at(body, q) {
                        *field = v;
                        q += 8;
                    }
                }
            }
            return;
        }
        p += 4 + len;
    }
}

/// CRC-32 (ISO 3309), its table built on each call (cheaper in the
/// WebAssembly build than a table in the data).
fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    !bytes.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
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

// ---- XML -----------------------------------------------------------------------

/// A token of [`Xml`].
enum Tok<'a> {
    /// A start tag, and whether it is empty (`<x/>`); its attributes are in
    /// [`Xml::attr`] until the next token.
    Start(&'a str, bool),
    End(&'a str),
    /// Character data, references decoded.
    Text(String),
    Eof,
}

/// A small strict XML tokenizer, enough for the parts of an Office file:
/// start and end tags must match, attributes must be quoted, references
/// must be the five predefined entities or character references; comments,
/// processing instructions and a DOCTYPE are skipped. An error is the byte
/// offset where the document stops being well-formed.
struct Xml<'a> {
    src: &'a str,
    pos: usize,
    open: Vec<&'a str>,
    attrs: Vec<(&'a str, &'a str)>,
}

impl<'a> Xml<'a> {
    fn new(src: &'a str) -> Self {
        Xml {
            src,
            pos: 0,
            open: Vec::new(),
            attrs: Vec::new(),
        }
    }

    /// An attribute of the last start tag by its local name, references
    /// decoded.
    fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| local(k.as_bytes()) == name.as_bytes())
            .and_then(|(_, v)| unescape(v).ok())
    }

    fn rest(&self) -> &'a [u8] {
        &self.src.as_bytes()[self.pos..]
    }

    /// Move past `pat`, which must come before the end.
    fn skip_past(&mut self, pat: &str) -> Result<usize, usize> {
        match self.src[self.pos..].find(pat) {
            Some(i) => {
                let at = self.pos + i;
                self.pos = at + pat.len();
                Ok(at)
            }
            None => Err(self.src.len()),
        }
    }

    fn skip_space(&mut self) {
        let n = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        self.pos += n;
    }

    fn name(&mut self) -> Result<&'a str, usize> {
        let n = self
            .rest()
            .iter()
            .take_while(|&&b| {
                !matches!(
                    b,
                    b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' | b'=' | b'<' | b'"' | b'\''
                )
            })
            .count();
        if n == 0 {
            return Err(self.pos);
        }
        let name = &self.src[self.pos..self.pos + n];
        self.pos += n;
        Ok(name)
    }

    fn next(&mut self) -> Result<Tok<'a>, usize> {
        while self.skip_markup()? {}
        self.attrs.clear();
        let rest = self.rest();
        if rest.is_empty() {
            return if self.open.is_empty() {
                Ok(Tok::Eof)
            } else {
                Err(self.pos)
            };
        }
        if rest[0] != b'<' {
            let end = rest
                .iter()
                .position(|&b| b == b'<')
                .map_or(self.src.len(), |i| self.pos + i);
            let text = &self.src[self.pos..end];
            let at = self.pos;
            self.pos = end;
            return unescape(text).map(Tok::Text).map_err(|i| at + i);
        }
        let at = self.pos;
        if rest.starts_with(b"<![CDATA[") {
            self.pos += 9;
            let end = self.skip_past("]]>")?;
            return Ok(Tok::Text(self.src[at + 9..end].to_string()));
        }
        if rest.starts_with(b"</") {
            self.pos += 2;
            let name = self.name()?;
            self.skip_space();
            if self.rest().first() != Some(&b'>') || self.open.pop() != Some(name) {
                return Err(at);
            }
            self.pos += 1;
            return Ok(Tok::End(name));
        }
        self.pos += 1;
        let name = self.name()?;
        loop {
            self.skip_space();
            let rest = self.rest();
            if rest.starts_with(b"/>") {
                self.pos += 2;
                return Ok(Tok::Start(name, true));
            }
            if rest.first() == Some(&b'>') {
                self.pos += 1;
                self.open.push(name);
                return Ok(Tok::Start(name, false));
            }
            let key = self.name()?;
            self.skip_space();
            if self.rest().first() != Some(&b'=') {
                return Err(self.pos);
            }
            self.pos += 1;
            self.skip_space();
            let quote = match self.rest().first() {
                Some(&q @ (b'"' | b'\'')) => q as char,
                _ => return Err(self.pos),
            };
            self.pos += 1;
            let from = self.pos;
            let to = self.skip_past(if quote == '"' { "\"" } else { "'" })?;
            let value = &self.src[from..to];
            if value.contains('<') {
                return Err(from);
            }
            self.attrs.push((key, value));
        }
    }

    /// Skip a comment, processing instruction or DOCTYPE; whether one was.
    fn skip_markup(&mut self) -> Result<bool, usize> {
        let rest = self.rest();
        if rest.starts_with(b"<!--") {
            self.pos += 4;
            self.skip_past("-->")?;
            return Ok(true);
        }
        if rest.starts_with(b"<?") || (rest.starts_with(b"<!") && !rest.starts_with(b"<![CDATA[")) {
            self.pos += 2;
            self.skip_past(">")?;
            return Ok(true);
        }
        Ok(false)
    }
}

/// Decode references; an error is the offset of a bad one.
fn unescape(s: &str) -> Result<String, usize> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = s.len() - rest.len() + i;
        let tail = &rest[i + 1..];
        let end = tail.find(';').filter(|&e| e <= 10).ok_or(at)?;
        let name = &tail[..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let num = name.strip_prefix('#').ok_or(at)?;
                let value = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => num.parse(),
                };
                value
                    .ok()
                    .filter(|&v| v != 0)
                    .and_then(char::from_u32)
                    .ok_or(at)?
            }
        };
        out.push(c);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

// ---- WordprocessingML ----------------------------------------------------------

/// The local part of a qualified name.
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The local name of a WordprocessingML element (`w:` prefix, or none), or
/// `None` for elements of other vocabularies.
fn w_name(name: &[u8]) -> Option<&[u8]> {
    match name.iter().position(|&b| b == b':') {
        Some(i) if &name[..i] == b"w" => Some(&name[i + 1..]),
        Some(_) => None,
        None => Some(name),
    }
}

/// Elements whose whole content is left out.
fn is_skipped(name: &[u8]) -> bool {
    if let Some(w) = w_name(name) {
        matches!(
            w,
            b"tabs"
                | b"pPrChange"
                | b"sectPr"
                | b"tblPr"
                | b"tblGrid"
                | b"tblPrEx"
                | b"del"
                | b"moveFrom"
                | b"instrText"
                | b"delText"
                | b"delInstrText"
                | b"rt"
                | b"sdtPr"
                | b"sdtEndPr"
                | b"rPrChange"
                | b"tcPrChange"
                | b"trPrChange"
                | b"cellDel"
        )
    } else {
        local(name) == b"Fallback"
    }
}

// ---- automatic numbering ------------------------------------------------------

/// Styles and list definitions read at most.
const MAX_DEFINITIONS: usize = 2000;

/// One level of a list definition (`w:lvl`).
#[derive(Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// A paragraph style (`w:style`): its list, list level and parent style.
struct Style {
    id: String,
    num: Option<String>,
    level: Option<usize>,
    based_on: Option<String>,
}

/// Word's automatic numbering: list definitions (`word/numbering.xml`),
/// the paragraph styles that carry a list (`word/styles.xml`), and the
/// running counters. A heading typed as 一、 and turned into a list by
/// Word or WPS shows its number only through these.
#[derive(Default)]
struct Numbering {
    /// `w:abstractNum`: id and levels.
    abstracts: Vec<(String, Vec<Level>)>,
    /// `w:num`: id and the `w:abstractNumId` it uses.
    nums: Vec<(String, String)>,
    styles: Vec<Style>,
    /// Per list: each level's last number plus one (0: not started).
    counters: Vec<(String, [u32; 9])>,
}

impl Numbering {
    /// Read `numbering.xml`, or `styles.xml` when `styles`.
    fn read(&mut self, xml: &str, styles: bool) {
        let mut x = Xml::new(xml);
        let mut num: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut skip = 0;
        while let Ok(tok) = x.next() {
            // No document needs more; a bound keeps the lookups cheap.
            if self.styles.len() + self.abstracts.len() + self.nums.len() > MAX_DEFINITIONS {
                break;
            }
            let (name, start, empty) = match tok {
                Tok::Start(n, e) => (n, true, e),
                Tok::End(n) => (n, false, false),
                Tok::Eof => break,
                Tok::Text(_) => continue,
            };
            let Some(w) = w_name(name.as_bytes()) else {
                continue;
            };
            if skip > 0 {
                skip = skip + usize::from(start && !empty) - usize::from(!start);
                continue;
            }
            if !start {
                match w {
                    b"lvl" => level = None,
                    b"num" | b"style" => num = None,
                    _ => {}
                }
                continue;
            }
            let val = || x.attr("val");
            match w {
                // Overrides and changes of a definition are not followed.
                b"lvlOverride" | b"pPrChange" | b"rPr" if !empty => skip = 1,
                b"style" if styles => {
                    self.styles.push(Style {
                        id: x.attr("styleId").unwrap_or_default(),
                        num: None,
                        level: None,
                        based_on: None,
                    });
                    num = Some(String::new());
                }
                b"basedOn" | b"numId" | b"ilvl" if styles && num.is_some() => {
                    if let Some(st) = self.styles.last_mut() {
                        match w {
                            b"basedOn" => st.based_on = val(),
                            b"numId" => st.num = val(),
                            _ => st.level = val().and_then(|v| v.parse().ok()),
                        }
                    }
                }
                _ if styles => {}
                b"abstractNum" => self
                    .abstracts
                    .push((x.attr("abstractNumId").unwrap_or_default(), Vec::new())),
                b"lvl" => {
                    let il: usize = x.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    if let Some((_, levels)) = self.abstracts.last_mut() {
                        if il < 9 && levels.len() <= il {
                            let blank = Level {
                                start: 1,
                                format: String::new(),
                                text: String::new(),
                            };
                            levels.resize(il + 1, blank);
                        }
                        level = (il < 9).then_some(il);
                    }
                }
                b"start" | b"numFmt" | b"lvlText" => {
                    let lv = level.and_then(|il| self.abstracts.last_mut()?.1.get_mut(il));
                    if let (Some(lv), Some(v)) = (lv, val()) {
                        match w {
                            b"start" => lv.start = v.parse().unwrap_or(1),
                            b"numFmt" => lv.format = v,
                            // A label is short; a long one is not read.
                            _ => lv.text = v.chars().take(32).collect(),
                        }
                    }
                }
                b"num" => num = x.attr("numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(v)) = (&num, val()) {
                        self.nums.push((id.clone(), v));
                    }
                }
                _ => {}
            }
        }
    }

    /// The number shown before a paragraph with the given style, list and
    /// level, counting it.
    fn label(
        &mut self,
        style: &Option<String>,
        num: &Option<String>,
        level: Option<usize>,
    ) -> Option<String> {
        let (mut num, mut level) = (num.clone(), level);
        let mut style = style.clone();
        for _ in 0..8 {
            if num.is_some() {
                break;
            }
            let st = self.styles.iter().find(|s| Some(&s.id) == style.as_ref())?;
            num.clone_from(&st.num);
            level = level.or(st.level);
            style.clone_from(&st.based_on);
        }
        let num = num?;
        let abs = &self.nums.iter().find(|(n, _)| *n == num)?.1;
        let levels = &self.abstracts.iter().find(|(a, _)| a == abs)?.1;
        let il = level.unwrap_or(0).min(8);
        let lv = levels.get(il)?;
        let counters = match self.counters.iter().position(|(n, _)| *n == num) {
            Some(i) => &mut self.counters[i].1,
            None => {
                self.counters.push((num, [0; 9]));
                &mut self.counters.last_mut()?.1
            }
        };
        counters[il] = if counters[il] == 0 {
            lv.start.saturating_add(1)
        } else {
            counters[il].saturating_add(1)
        };
        counters[il + 1..].fill(0);
        if lv.format == "bullet" {
            return None;
        }
        let mut out = String::new();
        let mut chars = lv.text.chars().peekable();
        while let Some(c) = chars.next() {
            let k = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .map(|d| d as usize);
            match k {
                Some(k @ 1..=9) if c == '%' => {
                    chars.next();
                    if let Some(l) = levels.get(k - 1) {
                        let n = match counters[k - 1] {
                            0 => l.start,
                            v => v - 1,
                        };
                        format_number(&mut out, n, &l.format);
                    }
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// Write a list number in a Word number format.
fn format_number(out: &mut String, n: u32, format: &str) {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let from = |base: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(base + n - 1))
            .flatten()
    };
    let c = match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital"
            if n < 100 =>
        {
            let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
            if n < 10 {
                out.push(DIGITS[ones]);
                return;
            }
            if tens > 1 {
                out.push(DIGITS[tens]);
            }
            out.push('十');
            if ones > 0 {
                out.push(DIGITS[ones]);
            }
            return;
        }
        "ideographTraditional" => (n as usize)
            .checked_sub(1)
            .and_then(|i| "甲乙丙丁戊己庚辛壬癸".chars().nth(i)),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => from(0x2460, 20),
        "decimalEnclosedFullstop" => from(0x2488, 20),
        "decimalEnclosedParen" => from(0x2474, 20),
        "upperLetter" | "lowerLetter" if (1..=260).contains(&n) => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let c = char::from(base + ((n - 1) % 26) as u8);
            for _ in 0..(n - 1) / 26 + 1 {
                out.push(c);
            }
            return;
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            const ROMAN: [(u32, &str); 13] = [
                (1000, "M"),
                (900, "CM"),
                (500, "D"),
                (400, "CD"),
                (100, "C"),
                (90, "XC"),
                (50, "L"),
                (40, "XL"),
                (10, "X"),
                (9, "IX"),
                (5, "V"),
                (4, "IV"),
                (1, "I"),
            ];
            let mut v = n;
            for (value, s) in ROMAN {
                while v >= value {
                    if format == "upperRoman" {
                        out.push_str(s);
                    } else {
                        out.push_str(&s.to_ascii_lowercase());
                    }
                    v -= value;
                }
            }
            return;
        }
        "decimalFullWidth" | "decimalFullWidth2" => {
            for d in n.to_string().chars() {
                out.push(char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d));
            }
            return;
        }
        "decimalZero" if n < 10 => {
            out.push('0');
            None
        }
        "none" => return,
        _ => None,
    };
    match c {
        Some(c) => out.push(c),
        None => out.push_str(&n.to_string()),
    }
}

/// Content of a document before it is written as lines.
enum Block {
    Para(String),
    Table(Vec<RowB>),
}

#[derive(Default)]
struct RowB {
    cells: Vec<CellB>,
    before: usize,
}

struct CellB {
    blocks: Vec<Block>,
    span: usize,
    covered: bool,
}

#[derive(Default)]
struct ParaB {
    text: String,
    /// Text boxes anchored in the paragraph, written after it.
    after: Vec<Block>,
    /// Paragraph style (`w:pStyle`), list (`w:numId`) and list level (`w:ilvl`).
    style: Option<String>,
    num: Option<String>,
    level: Option<usize>,
}

enum Frame {
    Container(Vec<Block>),
    Table(Vec<RowB>),
    Row(RowB),
    Cell(CellB),
    Para(ParaB),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// For each open element: whether it pushed a frame.
    open: Vec<bool>,
    /// Depth inside a skipped element (0: not skipping).
    skip: usize,
    /// Depth inside `w:t`.
    in_t: usize,
    /// The current run is hidden (`w:vanish`).
    hidden: bool,
    tables: usize,
    boxes: usize,
    numbering: Numbering,
}

impl Builder {
    fn blocks(&mut self) -> &mut Vec<Block> {
        for f in self.stack.iter_mut().rev() {
            match f {
                Frame::Container(b) => return b,
                Frame::Cell(c) => return &mut c.blocks,
                _ => {}
            }
        }
        unreachable!("the root container is never popped")
    }

    fn para(&mut self) -> Option<&mut ParaB> {
        match self.stack.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn row(&mut self) -> Option<&mut RowB> {
        match self.stack.last_mut() {
            Some(Frame::Row(r)) => Some(r),
            _ => None,
        }
    }

    fn cell(&mut self) -> Option<&mut CellB> {
        match self.stack.last_mut() {
            Some(Frame::Cell(c)) => Some(c),
            _ => None,
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip == 0 && self.in_t > 0 && !self.hidden {
            if let Some(p) = self.para() {
                p.text.extend(
                    s.chars()
                        .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c }),
                );
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.skip == 0 && !self.hidden {
            if let Some(p) = self.para() {
                p.text.push(c);
            }
        }
    }

    /// A start tag; `empty` for `<x/>`.
    fn start(&mut self, name: &str, x: &Xml, empty: bool) {
        let name = name.as_bytes();
        let val = || x.attr("val");
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        if is_skipped(name) {
            if !empty {
                self.skip = 1;
            }
            return;
        }
        let pushed = match w_name(name) {
            // A paragraph inside a paragraph (not valid WordprocessingML) is
            // read as a line break, so that nesting stays bounded.
            Some(b"p") if matches!(self.stack.last(), Some(Frame::Para(_))) => {
                self.push_char('\n');
                false
            }
            Some(b"p") => {
                self.stack.push(Frame::Para(ParaB::default()));
                true
            }
            Some(b"tbl") => {
                self.tables += 1;
                if self.tables <= MAX_TABLE_NESTING {
                    self.stack.push(Frame::Table(Vec::new()));
                    true
                } else {
                    false
                }
            }
            Some(b"tr") if matches!(self.stack.last(), Some(Frame::Table(_))) => {
                self.stack.push(Frame::Row(RowB::default()));
                true
            }
            Some(b"tc") if matches!(self.stack.last(), Some(Frame::Row(_))) => {
                self.stack.push(Frame::Cell(CellB {
                    blocks: Vec::new(),
                    span: 1,
                    covered: false,
                }));
                true
            }
            Some(b"txbxContent") if self.boxes < MAX_BOX_NESTING => {
                self.boxes += 1;
                self.stack.push(Frame::Container(Vec::new()));
                true
            }
            Some(b"t") => {
                self.in_t += 1;
                false
            }
            Some(b"r") => {
                self.hidden = false;
                false
            }
            Some(b"tab" | b"ptab") => {
                self.push_char('\t');
                false
            }
            Some(b"br" | b"cr") => {
                self.push_char('\n');
                false
            }
            Some(b"noBreakHyphen") => {
                self.push_char('-');
                false
            }
            Some(b"vanish" | b"webHidden") => {
                if !matches!(val().as_deref(), Some("0" | "false" | "off")) {
                    self.hidden = true;
                }
                false
            }
            Some(b"gridSpan") => {
                let n = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                if let Some(c) = self.cell() {
                    c.span = n;
                }
                false
            }
            Some(b"vMerge") => {
                let restart = val().as_deref() == Some("restart");
                if let Some(c) = self.cell() {
                    c.covered = !restart;
                }
                false
            }
            Some(b"hMerge") => {
                let restart = val().as_deref() == Some("restart");
                if let Some(c) = self.cell() {
                    c.covered = !restart;
                }
                false
            }
            Some(b"pStyle" | b"numId" | b"ilvl") => {
                let v = val();
                if let Some(p) = self.para() {
                    match w_name(name) {
                        Some(b"pStyle") => p.style = v,
                        Some(b"numId") => p.num = v,
                        _ => p.level = v.and_then(|v| v.parse().ok()),
                    }
                }
                false
            }
            Some(b"gridBefore") => {
                let n = val().and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(r) = self.row() {
                    r.before = n;
                }
                false
            }
            _ => false,
        };
        if empty {
            if pushed {
                self.close_frame();
            }
            self.end_name(name);
        } else {
            self.open.push(pushed);
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if self.open.pop() == Some(true) {
            self.close_frame();
        }
        self.end_name(name);
    }

    /// Book-keeping on the end of an element that pushed no frame, or after
    /// its frame was closed.
    fn end_name(&mut self, name: &[u8]) {
        match w_name(name) {
            Some(b"t") => self.in_t = self.in_t.saturating_sub(1),
            Some(b"r") => self.hidden = false,
            Some(b"tbl") => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }

    fn close_frame(&mut self) {
        match self.stack.pop() {
            Some(Frame::Para(p)) => {
                let mut text = p.text;
                if let Some(label) = self.numbering.label(&p.style, &p.num, p.level) {
                    text.insert_str(0, &label);
                }
                let blocks = self.blocks();
                blocks.push(Block::Para(text));
                blocks.extend(p.after);
            }
            Some(Frame::Table(rows)) if !rows.is_empty() => {
                self.blocks().push(Block::Table(rows));
            }
            Some(Frame::Row(r)) => {
                if let Some(Frame::Table(rows)) = self.stack.last_mut() {
                    rows.push(r);
                }
            }
            Some(Frame::Cell(c)) => {
                if let Some(Frame::Row(r)) = self.stack.last_mut() {
                    r.cells.push(c);
                }
            }
            Some(Frame::Container(blocks)) => {
                self.boxes = self.boxes.saturating_sub(1);
                let anchor = self.stack.iter_mut().rev().find_map(|f| match f {
                    Frame::Para(p) => Some(p),
                    _ => None,
                });
                match anchor {
                    Some(p) => p.after.extend(blocks),
                    None => self.blocks().extend(blocks),
                }
            }
            Some(Frame::Table(_)) | None => {}
        }
    }
}

/// The text of `word/document.xml`.
fn document_text(xml: &[u8], numbering: Numbering) -> Result<String, DocxError> {
    let xml_text: String = if let Some(rest) = xml.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec()).map_err(|e| DocxError::Xml {
            offset: e.utf8_error().valid_up_to() as u64,
        })?
    } else if xml.starts_with(b"\xFF\xFE") || xml.starts_with(b"\xFE\xFF") {
        crate::encoding::utf16(&xml[2..], xml.starts_with(b"\xFE\xFF"))
            .ok_or(DocxError::Xml { offset: 0 })?
    } else {
        String::from_utf8(xml.to_vec()).map_err(|e| DocxError::Xml {
            offset: e.utf8_error().valid_up_to() as u64,
        })?
    };
    let blocks = parse_blocks(&xml_text, numbering)?;
    let mut out = Vec::new();
    let mut budget = 4 * xml.len() + 100_000;
    render(blocks, &mut budget, &mut out);
    Ok(grid::join(&out))
}

fn parse_blocks(xml: &str, numbering: Numbering) -> Result<Vec<Block>, DocxError> {
    let mut x = Xml::new(xml);
    let mut b = Builder {
        stack: vec![Frame::Container(Vec::new())],
        numbering,
        ..Builder::default()
    };
    loop {
        match x.next() {
            Ok(Tok::Start(name, empty)) => b.start(name, &x, empty),
            Ok(Tok::End(name)) => b.end(name.as_bytes()),
            Ok(Tok::Text(t)) => b.text(&t),
            Ok(Tok::Eof) => break,
            Err(at) => return Err(DocxError::Xml { offset: at as u64 }),
        }
    }
    match b.stack.pop() {
        Some(Frame::Container(blocks)) if b.stack.is_empty() => Ok(blocks),
        _ => Err(DocxError::Xml {
            offset: xml.len() as u64,
        }),
    }
}

/// Trim a paragraph line: spaces go, tabs stay (a leading tab is an empty
/// first cell of a row typed with tabs).
fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() && c != '\t')
}

fn is_blank(b: &Block) -> bool {
    matches!(b, Block::Para(t) if trim_line(t).trim().is_empty())
}

fn render(blocks: Vec<Block>, budget: &mut usize, out: &mut Vec<Line>) {
    // Blank paragraphs that only separate two tables (a table split over
    // pages) are left out, so that the rows follow each other.
    let n = blocks.len();
    let mut between = vec![false; n];
    let mut i = 0;
    while i < n {
        if is_blank(&blocks[i]) {
            let j = (i..n).find(|&j| !is_blank(&blocks[j])).unwrap_or(n);
            let after_table = i > 0 && matches!(blocks[i - 1], Block::Table(_));
            let before_table = j < n && matches!(blocks[j], Block::Table(_));
            if after_table && before_table {
                between[i..j].iter_mut().for_each(|b| *b = true);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    for (block, skip) in blocks.into_iter().zip(between) {
        if skip {
            continue;
        }
        match block {
            Block::Para(text) => {
                for line in text.split('\n') {
                    out.push(Line {
                        text: trim_line(line).to_string(),
                        node: 0,
                        kind: LineKind::Text,
                        link: false,
                    });
                }
            }
            Block::Table(rows) => {
                let rows = rows
                    .into_iter()
                    .map(|r| {
                        let mut cells = Vec::with_capacity(r.cells.len() + 1);
                        if r.before > 0 {
                            cells.push(GridCell {
                                colspan: r.before,
                                rowspan: 1,
                                ..GridCell::default()
                            });
                        }
                        for c in r.cells {
                            let nested = c.blocks.iter().any(|b| matches!(b, Block::Table(_)));
                            let mut lines = Vec::new();
                            if !c.covered {
                                render(c.blocks, budget, &mut lines);
                            }
                            cells.push(GridCell {
                                lines,
                                nested,
                                colspan: c.span,
                                rowspan: 1,
                            });
                        }
                        GridRow { cells, node: 0 }
                    })
                    .collect();
                grid::render_table(rows, budget, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}<w:sectPr/></w:body></w:document>"#
        )
    }

    fn text(inner: &str) -> String {
        document_text(body(inner).as_bytes(), Numbering::default()).unwrap()
    }

    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_runs_tabs_breaks() {
        let xml = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">一、 </w:t></w:r><w:r><w:t>总体情况</w:t></w:r></w:p><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c&amp;d&#x4E00;</w:t></w:r></w:p><w:p/>"#;
        assert_eq!(text(xml), "一、 总体情况\na\tb\nc&d一\n\n");
    }

    #[test]
    fn tracked_changes_hidden_text_fields() {
        let xml = r#"<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>"#;
        assert_eq!(text(xml), "新5移来\n");
    }

    #[test]
    fn merged_cells() {
        let tc = |s: &str, pr: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(s));
        let xml = format!(
            "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>",
            tc("（三）不予公开", "<w:vMerge w:val=\"restart\"/>"),
            tc("1.属于国家秘密", ""),
            tc("0", "<w:gridSpan w:val=\"2\"/>"),
            tc("", "<w:vMerge/>"),
            tc("2.其他", ""),
            tc("1", ""),
            tc("x", ""),
        );
        assert_eq!(
            text(&xml),
            "（三）不予公开\t1.属于国家秘密\t0\t\n\t2.其他\t1\n\tx\n"
        );
    }

    #[test]
    fn nested_tables_and_text_boxes() {
        let inner = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("a"),
            p("1")
        );
        let xml = format!(
            "<w:tbl><w:tr><w:tc>{}{inner}{}</w:tc></w:tr></w:tbl>{}",
            p("前"),
            p("后"),
            r#"<w:p><w:r><w:t>锚</w:t><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
        );
        assert_eq!(text(&xml), "前\na\t1\n后\n锚\n框\n");
    }

    #[test]
    fn split_table_joins_over_blank_paragraphs() {
        let row = |a: &str| format!("<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>", p(a), p("0"));
        let xml = format!(
            "<w:tbl>{}</w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p/><w:tbl>{}</w:tbl><w:p/>{}",
            row("甲"),
            row("乙"),
            p("完")
        );
        assert_eq!(text(&xml), "甲\t0\n乙\t0\n\n完\n");
    }

    #[test]
    fn paragraphs_in_paragraphs() {
        let mut xml = "<w:p>".repeat(100_000);
        xml.push_str("<w:r><w:t>x</w:t></w:r>");
        xml.push_str(&"</w:p>".repeat(100_000));
        let t = text(&xml);
        assert_eq!(t.trim(), "x");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut xml = String::new();
        for _ in 0..200 {
            xml.push_str("<w:tbl><w:tr><w:tc>");
        }
        xml.push_str(&p("深"));
        for _ in 0..200 {
            xml.push_str("</w:tc></w:tr></w:tbl>");
        }
        assert!(text(&xml).contains('深'));
    }

    #[test]
    fn malformed_xml() {
        for bad in [
            body(&p("a")).replace("</w:body>", ""),
            body("<w:p><w:r><w:t>a</w:r></w:p>"),
            body(&p("a &bogus; b")),
            body(&p("a")).chars().take(200).collect(),
        ] {
            assert!(
                matches!(
                    document_text(bad.as_bytes(), Numbering::default()),
                    Err(DocxError::Xml { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            document_text(b"\xFF\xFF<w:p/>", Numbering::default()),
            Err(DocxError::Xml { .. })
        ));
    }

    #[test]
    fn inflate_matches_flate2() {
        use std::io::Write as _;
        let mut samples: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"a".to_vec(),
            "示例县教育局2022年政府信息公开工作年度报告\t0\t0\n"
                .repeat(500)
                .into_bytes(),
        ];
        // Pseudo-random bytes (stored blocks) and runs (long matches).
        let mut x: u32 = 1;
        samples.push(
            (0..70_000)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (x >> 16) as u8
                })
                .collect(),
        );
        samples.push([vec![7u8; 40_000], b"xyz".repeat(9000)].concat());
        for data in &samples {
            for level in [0, 1, 6, 9] {
                let mut e =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(level));
                e.write_all(data).unwrap();
                let z = e.finish().unwrap();
                assert_eq!(inflate(&z, usize::MAX).as_deref(), Ok(data.as_slice()));
                if data.len() > 10 {
                    assert_eq!(inflate(&z, data.len() - 1), Err(true));
                    assert_eq!(inflate(&z[..z.len() / 2], usize::MAX), Err(false));
                }
            }
        }
        // Fixed Huffman codes, written by hand: "a" then end of block.
        assert_eq!(inflate(&[0x4B, 0x04, 0x00], 10).as_deref(), Ok(&b"a"[..]));
        assert_eq!(inflate(&[0xFF], 10), Err(false));
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:lvlOverride></w:num></w:numbering>"#;
    const STYLES: &str = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#;

    #[test]
    fn automatic_numbering() {
        let mut n = Numbering::default();
        n.read(NUMBERING, false);
        n.read(STYLES, true);
        let para = |style: &str, num: &str, ilvl: &str, t: &str| {
            let mut ppr = String::new();
            if !style.is_empty() {
                ppr += &format!("<w:pStyle w:val=\"{style}\"/>");
            }
            if !num.is_empty() || !ilvl.is_empty() {
                ppr += "<w:numPr>";
                if !ilvl.is_empty() {
                    ppr += &format!("<w:ilvl w:val=\"{ilvl}\"/>");
                }
                if !num.is_empty() {
                    ppr += &format!("<w:numId w:val=\"{num}\"/>");
                }
                ppr += "</w:numPr>";
            }
            format!("<w:p><w:pPr>{ppr}<w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let xml = [
            para("1", "", "", "总体情况"),
            para("2", "", "", "主动公开"),
            para("2", "", "", "依申请公开"),
            para("", "1", "0", "主动公开政府信息情况"),
            para("", "1", "1", "甲"),
            para("", "1", "2", "属于国家秘密"),
            para("", "1", "2", "其他"),
            para("", "2", "0", "要点"),
            para("1", "0", "", "不编号"),
            para("", "9", "0", "未定义"),
        ]
        .concat();
        let got = document_text(body(&xml).as_bytes(), n).unwrap();
        assert_eq!(
            got,
            "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）甲\n\
             1.属于国家秘密\n2.其他\n要点\n不编号\n未定义\n"
        );
    }

    #[test]
    fn number_formats() {
        let f = |n, fmt| {
            let mut s = String::new();
            format_number(&mut s, n, fmt);
            s
        };
        assert_eq!(f(10, "chineseCounting"), "十");
        assert_eq!(f(11, "chineseCountingThousand"), "十一");
        assert_eq!(f(23, "chineseCounting"), "二十三");
        assert_eq!(f(100, "chineseCounting"), "100");
        assert_eq!(f(3, "decimalEnclosedCircleChinese"), "③");
        assert_eq!(f(28, "upperLetter"), "BB");
        assert_eq!(f(u32::MAX, "upperLetter"), u32::MAX.to_string());
        assert_eq!(f(14, "lowerRoman"), "xiv");
        assert_eq!(f(5, "decimalZero"), "05");
        assert_eq!(f(12, "decimalFullWidth"), "１２");
        assert_eq!(f(2, "ideographTraditional"), "乙");
        assert_eq!(f(0, "ideographTraditional"), "0");
        assert_eq!(f(7, "none"), "");
        assert_eq!(f(7, "decimal"), "7");
    }

    #[test]
    fn crc() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn ole() {
        let mut f = OLE_MAGIC.to_vec();
        f.resize(600, 0);
        assert_eq!(docx_to_text(&f), Err(DocxError::OldFormat));
        f.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(docx_to_text(&f), Err(DocxError::Encrypted));
    }
}
