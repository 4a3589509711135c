// PDF → text for the checker, with pdf.js served from this origin (www/vendor/pdfjs/,
// copied there by scripts/build-wasm from target/pdfjs-dist, which scripts/setup fetches).
//
// files.js imports this module only when a file is a PDF (its name ends in `.pdf` or its
// first bytes are `%PDF`), so the 0.5 MB library is fetched only then; the WebAssembly
// reader (`readDocument`) never sees PDFs. `pdfToText(arrayBuffer)` rebuilds lines and
// table cells from the positions of the text items and returns text read exactly like
// a pasted report; it copies the buffer, so the caller's stays usable. Its errors carry
// a Chinese sentence for the user (password-protected, scanned without a text layer,
// damaged or truncated).
// pdf.js runs its own module worker from ./vendor/pdfjs/pdf.worker.min.mjs (allowed by
// `worker-src 'self'`; no eval: isEvalSupported is off). sw.js keeps this file and the
// library for offline use; the cmaps/*.bcmap files are fetched only for PDFs with
// non-embedded CJK fonts, and the service worker caches them as they are fetched.

const VENDOR = new URL('./vendor/pdfjs/', import.meta.url);

let library = null;
function loadLibrary() {
  library ??= import(new URL('pdf.min.mjs', VENDOR).href).then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', VENDOR).href;
    return pdfjs;
  }).catch((error) => {
    library = null;
    throw new Error(`无法加载 PDF 组件（${error?.message ?? error}）`);
  });
  return library;
}

const DAMAGED = 'PDF 文件已损坏或不完整（可能没有下载完），无法读取。请重新下载，或复制文字粘贴';
const PASSWORD = 'PDF 文件有密码保护，无法读取。请先去除密码保护或复制文字粘贴';
const SCANNED = 'PDF 中没有可读的文字：扫描件没有文字层，请用原始 Word 文件或复制文字粘贴';

/** Looks for `needle` (ASCII) in bytes[from, to). */
function hasAscii(bytes, needle, from, to) {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  outer: for (let i = Math.max(0, from); i + codes.length <= Math.min(bytes.length, to); i++) {
    for (let k = 0; k < codes.length; k++) if (bytes[i + k] !== codes[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * The text of a PDF, laid out like the project's text fixtures: one line per text
 * line, table cells separated by TABs (empty cells kept inside a table), running
 * headers/footers and page numbers dropped, wrapped paragraph lines joined.
 * @param {ArrayBuffer | Uint8Array} arrayBuffer
 * @returns {Promise<string>}
 */
export async function pdfToText(arrayBuffer) {
  const bytes = new Uint8Array(arrayBuffer instanceof Uint8Array ? arrayBuffer : new Uint8Array(arrayBuffer)).slice();
  // pdf.js repairs a truncated file silently and returns whatever pages survive:
  // a report missing its end would then be checked as if it were complete.
  if (!hasAscii(bytes, '%PDF-', 0, 1024) || !hasAscii(bytes, '%%EOF', bytes.length - 2048, bytes.length)) {
    throw new Error(DAMAGED);
  }
  const pdfjs = await loadLibrary();
  const task = pdfjs.getDocument({
    data: bytes,
    cMapUrl: new URL('cmaps/', VENDOR).href,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await Promise.resolve().then(() => task.destroy()).catch(() => {});
    if (error?.name === 'PasswordException') throw new Error(PASSWORD);
    throw new Error(DAMAGED);
  }
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let content;
      try {
        const page = await doc.getPage(n);
        content = await page.getTextContent();
        page.cleanup();
      } catch {
        throw new Error(DAMAGED);
      }
      pages.push(pageLines(content.items));
    }
    const chars = pages.flat().reduce((sum, line) => sum + line.cells.join('').replace(/\s/g, '').length, 0);
    if (chars < Math.max(20, 10 * pages.length)) throw new Error(SCANNED);
    dropRunningLines(pages);
    return pages.map(layoutPage).filter((t) => t).join('\n') + '\n';
  } finally {
    await Promise.resolve().then(() => task.destroy()).catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Lines and cells of one page.

/**
 * @typedef {{x0: number, x1: number, text: string}} Cell
 * @typedef {{y: number, size: number, x0: number, x1: number, cells: string[], spans: Cell[]}} Line
 */

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Text items → lines (by baseline, tolerance relative to font size) → cells (by gaps). */
function pageLines(items) {
  const pieces = [];
  for (const item of items) {
    if (typeof item.str !== 'string' || !item.str.trim()) continue;
    const [a, b, c, d, e, f] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
    if (Math.abs(b) > Math.abs(a) * 0.2) continue; // rotated text (stamps, watermarks)
    pieces.push({ x0: e, x1: e + (item.width || size * item.str.length), y: f, size, text: item.str });
  }
  pieces.sort((p, q) => q.y - p.y || p.x0 - q.x0);
  /** @type {{y: number, size: number, pieces: typeof pieces}[]} */
  const rows = [];
  for (const p of pieces) {
    const row = rows.find((r) => Math.abs(r.y - p.y) <= 0.45 * Math.min(r.size, p.size));
    if (row) {
      row.pieces.push(p);
      row.size = Math.max(row.size, p.size);
    } else rows.push({ y: p.y, size: p.size, pieces: [p] });
  }
  rows.sort((r, s) => s.y - r.y);
  return rows.map((row) => {
    row.pieces.sort((p, q) => p.x0 - q.x0);
    /** @type {Cell[]} */
    const spans = [];
    for (const p of row.pieces) {
      const last = spans[spans.length - 1];
      const size = Math.min(row.size, p.size);
      const gap = last ? p.x0 - last.x1 : Infinity;
      if (last && gap < 0.9 * size) {
        // Same cell: CJK text has no spaces; Latin words keep one.
        const joinWithSpace = gap > 0.2 * size && !(CJK.test(last.text.slice(-1)) || CJK.test(p.text[0]));
        last.text += (joinWithSpace && !/\s$/.test(last.text) ? ' ' : '') + p.text;
        last.x1 = Math.max(last.x1, p.x1);
      } else spans.push({ x0: p.x0, x1: p.x1, text: p.text });
    }
    for (const s of spans) s.text = s.text.replace(/\s+/g, (m) => (m.length > 0 ? ' ' : m)).trim();
    return {
      y: row.y, size: row.size, x0: spans[0].x0, x1: spans[spans.length - 1].x1,
      cells: spans.map((s) => s.text), spans,
    };
  });
}

// ---------------------------------------------------------------------------
// Running headers and footers, page numbers.

const PAGE_NUMBER = [
  /^[-—–－·\s]*\d+[-—–－·\s]*$/,
  /^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$/,
  /^共\s*\d+\s*页\s*第\s*\d+\s*页$/,
  /^\d+\s*\/\s*\d+$/,
  /^page\s*\d+(\s*of\s*\d+)?$/i,
];
const EDGE = 2; // lines looked at on top and at the bottom of every page

function dropRunningLines(pages) {
  const key = (line) => line.cells.join(' ').replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const counts = new Map();
  const edges = pages.map((lines) => {
    const picked = new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)]);
    for (const k of new Set([...picked].map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
    return picked;
  });
  const needed = Math.max(2, Math.ceil(pages.length * 0.6));
  pages.forEach((lines, i) => {
    for (let j = lines.length - 1; j >= 0; j--) {
      const line = lines[j];
      if (!edges[i].has(line)) continue;
      const text = line.cells.join(' ').trim();
      if ((pages.length > 1 && counts.get(key(line)) >= needed) || PAGE_NUMBER.some((re) => re.test(text))) {
        lines.splice(j, 1);
      }
    }
  });
}

// ---------------------------------------------------------------------------
// Tables (column alignment) and paragraphs (re-joined wrapped lines).

const HEADING = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．]|第[一二三四五六七八九十]+[章节条])/;

function layoutPage(lines) {
  if (!lines.length) return '';
  // Table blocks: runs of multi-cell lines; a single-cell line between two of them
  // with no more than a row's spacing around it belongs to the table too.
  const multi = lines.map((l) => l.cells.length > 1);
  for (let i = 1; i + 1 < lines.length; i++) {
    if (multi[i] || !multi[i - 1] || !multi[i + 1]) continue;
    const pitch = Math.max(lines[i - 1].y - lines[i].y, lines[i].y - lines[i + 1].y);
    if (pitch <= 2.5 * lines[i].size) multi[i] = 'inside';
  }
  const out = [];
  const right = Math.max(...lines.map((l) => l.x1));
  for (let i = 0; i < lines.length;) {
    if (multi[i]) {
      let j = i;
      while (j < lines.length && multi[j]) j++;
      out.push(...tableRows(lines.slice(i, j)));
      i = j;
      continue;
    }
    let text = lines[i].cells[0];
    let prev = lines[i];
    i++;
    while (i < lines.length && !multi[i] && prev.x1 >= right - 1.5 * prev.size
      && Math.abs(lines[i].size - prev.size) < 0.5 && !HEADING.test(lines[i].cells[0])
      && prev.y - lines[i].y <= 2 * prev.size) {
      const next = lines[i].cells[0];
      const space = !(CJK.test(text.slice(-1)) || CJK.test(next[0])) && !/-$/.test(text);
      text += (space ? ' ' : '') + next;
      prev = lines[i];
      i++;
    }
    out.push(text);
  }
  return out.join('\n');
}

/** Rows of one table: cells placed in columns found by clustering left edges. */
function tableRows(lines) {
  const size = Math.min(...lines.map((l) => l.size));
  const lefts = lines.flatMap((l) => l.spans.map((s) => s.x0)).sort((a, b) => a - b);
  /** @type {number[]} column left edges (cluster means) */
  const columns = [];
  let group = [];
  for (const x of lefts) {
    if (group.length && x - group[group.length - 1] > 0.8 * size) {
      columns.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(x);
  }
  if (group.length) columns.push(group.reduce((a, b) => a + b, 0) / group.length);
  return lines.map((line) => {
    const row = [];
    for (const span of line.spans) {
      let col = 0;
      for (let k = 0; k < columns.length; k++) {
        if (Math.abs(columns[k] - span.x0) < Math.abs(columns[col] - span.x0)) col = k;
      }
      col = Math.max(col, row.length); // never two cells in one column
      while (row.length < col) row.push('');
      row.push(span.text);
    }
    return row.join('\t');
  });
}
