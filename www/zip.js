// Reading the files of a .zip archive in the page, with no library: the
// central directory names each entry and where its data is, and the browser's
// own DecompressionStream('deflate-raw') inflates it. Stored (method 0) and
// deflated (method 8) entries are read; an encrypted or other entry, or one
// whose size is out of bounds, is skipped with a note.

/** Entries read from one archive at most. */
const MAX_ENTRIES = 10_000;
/** Inflated bytes of one entry at most (a report is far smaller). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** Whether bytes begin like a zip archive (`PK\3\4`, or `PK\5\6` for an empty one). */
export function isZip(bytes) {
  const b = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** Whether a zip archive is a Word document (it has `word/document.xml`), not a folder of reports. */
export function isDocx(bytes) {
  try {
    return listEntries(bytes).entries.some((e) => e.name === 'word/document.xml');
  } catch {
    return false;
  }
}

function listEntries(bytes) {
  const view = new DataView(bytes);
  const size = bytes.byteLength;
  // The end-of-central-directory record: 22 bytes, plus a comment of up to 65535.
  let eocd = -1;
  for (let i = size - 22; i >= Math.max(0, size - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('不是有效的 zip 压缩文件');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = [];
  const skipped = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gbk = new TextDecoder('gb18030');
  for (let n = 0; n < count && n < MAX_ENTRIES; n++) {
    if (at + 46 > size || view.getUint32(at, true) !== 0x02014b50) throw new Error('zip 压缩文件的目录已损坏');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const unpacked = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > size) throw new Error('zip 压缩文件的目录已损坏');
    const raw = new Uint8Array(bytes, at + 46, nameLength);
    // Names are UTF-8 when flag 11 says so; archives made on Chinese Windows write GBK.
    let name;
    try {
      name = utf8.decode(raw);
    } catch {
      name = (flags & 0x800) ? utf8.decode(raw).replace(/\uFFFD/g, '_') : gbk.decode(raw);
    }
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if ((flags & 1) || (method !== 0 && method !== 8) || unpacked > MAX_ENTRY_BYTES) {
      skipped.push(name);
      continue;
    }
    entries.push({ name, method, packed, unpacked, local });
  }
  return { entries, skipped };
}

/**
 * The files of an archive: `[{name, bytes}]` (folders dropped, paths kept),
 * and the names of entries that could not be read.
 * @param {ArrayBuffer} bytes
 * @returns {Promise<{files: Array<{name: string, bytes: ArrayBuffer}>, skipped: string[]}>}
 */
export async function readZip(bytes) {
  const { entries, skipped } = listEntries(bytes);
  const view = new DataView(bytes);
  const files = [];
  for (const e of entries) {
    try {
      if (e.local + 30 > bytes.byteLength || view.getUint32(e.local, true) !== 0x04034b50) throw new Error('bad header');
      const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
      if (start + e.packed > bytes.byteLength) throw new Error('truncated');
      const data = new Uint8Array(bytes, start, e.packed);
      const out = e.method === 0 ? data.slice().buffer : await inflate(data, e.unpacked);
      files.push({ name: e.name, bytes: out });
    } catch {
      skipped.push(e.name);
    }
  }
  return { files, skipped };
}

/** Inflates raw deflate data (at most MAX_ENTRY_BYTES). */
async function inflate(data, expected) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > Math.max(expected, 1) * 2 + 1024 || total > MAX_ENTRY_BYTES) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}
