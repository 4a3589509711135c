//! The ZIP archive around a Word document, read with the `zip` crate
//! (stored and deflate entries, ZIP64, data before the archive, CRC-32
//! checked), every read bounded.

use std::cell::RefCell;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use super::{Container, DocxError};

pub(super) struct Entry {
    /// The name as stored, with `\` read as `/`.
    pub(super) name: Vec<u8>,
    index: usize,
}

pub(super) struct Zip<'a> {
    archive: RefCell<ZipArchive<Cursor<&'a [u8]>>>,
    pub(super) entries: Vec<Entry>,
}

impl<'a> Zip<'a> {
    /// Read the central directory.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Zip<'a>, DocxError> {
        let looks_zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            if looks_zip {
                DocxError::Corrupt
            } else {
                DocxError::NotZip
            }
        })?;
        let entries = (0..archive.len())
            .filter_map(|index| {
                let name = archive.name_for_index(index)?;
                Some(Entry {
                    name: name.bytes().map(|b| if b == b'\\' { b'/' } else { b }).collect(),
                    index,
                })
            })
            .collect();
        Ok(Zip {
            archive: RefCell::new(archive),
            entries,
        })
    }

    pub(super) fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/').as_bytes();
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
        })
    }

    pub(super) fn container(&self) -> Container {
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
    pub(super) fn read(&self, e: &Entry, limit: usize) -> Result<Vec<u8>, DocxError> {
        let too_large = DocxError::TooLarge {
            limit_mib: limit / (1024 * 1024),
        };
        let mut archive = self.archive.borrow_mut();
        {
            let raw = archive
                .by_index_raw(e.index)
                .map_err(|_| DocxError::Corrupt)?;
            if raw.encrypted() {
                return Err(DocxError::Encrypted);
            }
            match raw.compression() {
                CompressionMethod::Stored | CompressionMethod::Deflated => {}
                #[allow(deprecated)]
                m => return Err(DocxError::UnsupportedCompression(m.to_u16())),
            }
            if raw.size() > limit as u64 {
                return Err(too_large);
            }
        }
        let file = archive.by_index(e.index).map_err(|err| match err {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => DocxError::Encrypted,
            _ => DocxError::Corrupt,
        })?;
        let size = file.size();
        let mut out = Vec::new();
        file.take(limit as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|_| DocxError::Corrupt)?;
        if out.len() > limit {
            return Err(too_large);
        }
        if out.len() as u64 != size {
            return Err(DocxError::Corrupt);
        }
        Ok(out)
    }
}
