//! The ZIP archive around a Word document: central directory (ZIP64, data
//! before the archive), stored and deflate entries, CRC-32 checked, every
//! read bounded.

use super::{Container, DocxError};

// ---- ZIP ---------------------------------------------------------------------

pub(crate) struct Entry {
    /// The name as stored (UTF-8 or not), with `\` read as `/`.
    pub(crate) name: Vec<u8>,
    pub(crate) flags: u16,
    pub(crate) method: u16,
    pub(crate) crc: u32,
    pub(crate) compressed: u64,
    pub(crate) size: u64,
    pub(crate) offset: u64,
}

pub(crate) struct Zip<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) entries: Vec<Entry>,
}

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl<'a> Zip<'a> {
    /// Read the central directory.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Zip<'a>, DocxError> {
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

    pub(crate) fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/').as_bytes();
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
        })
    }

    pub(crate) fn container(&self) -> Container {
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
    pub(crate) fn read(&self, e: &Entry, limit: usize) -> Result<Vec<u8>, DocxError> {
        if e.flags & 1 != 0 {
            return Err(DocxError::Encrypted);
        }
        let too_large = DocxError::TooLarge {
            limit_mib: limit / (1024 * 1024),
        };
        if e.size > limit as u64 {
            return Err(too_large);
        }
        let data = self.raw(e)?;
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

    /// The stored (compressed) bytes of an entry.
    pub(crate) fn raw(&self, e: &Entry) -> Result<&'a [u8], DocxError> {
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
        Ok(data)
    }
}

// ---- inflate (RFC 1951) -------------------------------------------------------

/// Inflate a raw deflate stream into at most `limit` bytes, with the
/// `miniz_oxide` crate (pure Rust, builds for wasm32). The error is `true`
/// when the output would pass the limit, `false` when the data is not valid
/// deflate (or ends early).
pub(crate) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, bool> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit)
        .map_err(|e| e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput)
}

/// The end-of-central-directory record: within the last 64 KiB + 22 bytes.
pub(crate) fn find_eocd(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(0xFFFF);
    (first..=last)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
}

/// Apply a ZIP64 extended-information extra field (id 1): the 64-bit values
/// of the fields whose 32-bit value is `0xFFFFFFFF`, in this order.
pub(crate) fn read_zip64_extra(
    extra: &[u8],
    size: &mut u64,
    compressed: &mut u64,
    offset: &mut u64,
) {
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
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
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
