//! Writing a ZIP archive: entries copied as they are stored, new ones
//! deflated with `miniz_oxide` (stored in the WebAssembly build); no ZIP64 (a Word document is far smaller).

use crate::input::docx::zip::crc32;
use crate::input::docx::DocxError;

/// An entry to write.
pub(super) struct Out<'a> {
    pub(super) name: Vec<u8>,
    /// General-purpose flags (only the UTF-8 name bit is kept).
    pub(super) flags: u16,
    pub(super) method: u16,
    pub(super) crc: u32,
    pub(super) size: u64,
    pub(super) data: std::borrow::Cow<'a, [u8]>,
}

impl Out<'_> {
    /// A new entry holding `bytes`: deflated natively; stored in the
    /// WebAssembly build, which then needs no compressor (the page's module
    /// stays small; Word reads stored entries as well).
    pub(super) fn new(name: &[u8], bytes: &[u8]) -> Out<'static> {
        #[cfg(not(target_arch = "wasm32"))]
        let (method, data) = (8, miniz_oxide::deflate::compress_to_vec(bytes, 6));
        #[cfg(target_arch = "wasm32")]
        let (method, data) = (0, bytes.to_vec());
        Out {
            name: name.to_vec(),
            flags: 0x0800,
            method,
            crc: crc32(bytes),
            size: bytes.len() as u64,
            data: data.into(),
        }
    }
}

/// The archive of the entries, in order.
pub(super) fn write(entries: &[Out]) -> Result<Vec<u8>, DocxError> {
    let u32_of = |v: u64| u32::try_from(v).map_err(|_| DocxError::TooLarge { limit_mib: 4096 });
    let u16_of = |v: usize| u16::try_from(v).map_err(|_| DocxError::Corrupt);
    let mut out = Vec::new();
    let mut central = Vec::new();
    // 1980-01-01 00:00, the earliest DOS date.
    let (time, date) = (0u16, 0x0021u16);
    for e in entries {
        let offset = u32_of(out.len() as u64)?;
        let flags = e.flags & 0x0800;
        let compressed = u32_of(e.data.len() as u64)?;
        let size = u32_of(e.size)?;
        let name_len = u16_of(e.name.len())?;
        let common = |b: &mut Vec<u8>| {
            for v in [20u16, flags, e.method, time, date] {
                b.extend_from_slice(&v.to_le_bytes());
            }
            for v in [e.crc, compressed, size] {
                b.extend_from_slice(&v.to_le_bytes());
            }
            b.extend_from_slice(&name_len.to_le_bytes());
            b.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.data);

        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut central);
        // Comment length, disk, internal and external attributes.
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&e.name);
    }
    let cd_offset = u32_of(out.len() as u64)?;
    let cd_size = u32_of(central.len() as u64)?;
    let count = u16_of(entries.len())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}
