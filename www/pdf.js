// PDF → text for the checker, with pdf.js served from this origin (www/vendor/pdfjs/,
// copied there by scripts/build-wasm from target/pdfjs-dist, which scripts/setup fetches).
//
// files.js imports this module only when a file is a PDF (its name ends in `.pdf` or its
// first bytes are `%PDF`), so the 0.5 MB library is fetched only then; the WebAssembly
// reader (`readDocument`) never sees PDFs. `pdfToText(arrayBuffer, layout)` takes from
// pdf.js only what each page shows (every character with its position and size, the
// lines and rectangles drawn) and hands that to `pdfPagesToText` (pkg/xxgk_pdf.js, a
// WebAssembly module of its own, also loaded only for PDFs, in the checker's worker), which
// rebuilds lines and tables (cells from ruling lines or header columns, running headers
// and page numbers dropped) exactly as the command-line tool does for the same PDF. The
// text it returns is read like a pasted report. It copies the buffer, so the caller's
// stays usable. Its errors carry a Chinese sentence for the user (password-protected,
// scanned without a text layer, damaged or truncated).
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
 * The PDF layout module's `pdfPagesToText` (pkg/xxgk_pdf.js) run in this thread (the
 * page passes one that asks its worker instead).
 * @param {PdfPage[]} pages
 * @returns {Promise<string>}
 */
async function layoutHere(pages) {
  const wasm = await import('./pkg/xxgk_pdf.js');
  await wasm.default();
  return wasm.pdfPagesToText(pages);
}

/**
 * The text of a PDF, laid out like the project's text fixtures: one line per text
 * line, table rows with their cells separated by TABs, running headers/footers and
 * page numbers dropped.
 * @param {ArrayBuffer | Uint8Array} arrayBuffer
 * @param {(pages: PdfPage[]) => Promise<string>} [layout] `pdfPagesToText`, run in the checker's worker
 * @returns {Promise<string>}
 */
export async function pdfToText(arrayBuffer, layout = layoutHere) {
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
  /** @type {PdfPage[]} */
  const pages = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const [content, ops] = await Promise.all([
          page.getTextContent(),
          page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }),
        ]);
        pages.push(pageOf(pdfjs, page.view, content.items, ops));
        page.cleanup();
      } catch {
        throw new Error(DAMAGED);
      }
    }
  } finally {
    await Promise.resolve().then(() => task.destroy()).catch(() => {});
  }
  const chars = pages.reduce((sum, p) => sum + p.items.length, 0);
  if (chars < Math.max(20, 10 * pages.length)) throw new Error(SCANNED);
  const text = await layout(pages);
  if (!text.trim()) throw new Error(SCANNED);
  return text;
}

// ---------------------------------------------------------------------------
// What one page shows, in PDF user space relative to the page's lower left corner
// (y growing upwards), in the shape `pdfPagesToText` reads.

/**
 * @typedef {{text: string, x: number, y: number, width: number, height: number, font_size: number}} TextItem
 * @typedef {{x0: number, y0: number, x1: number, y1: number}} Segment
 * @typedef {{width: number, height: number, items: TextItem[], segments: Segment[], rects: number[][]}} PdfPage
 */

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]|[\u{20000}-\u{2ffff}]/u;
const MAX_SEGMENTS = 20_000; // lines read from one page at most

/** A page's characters and the lines and rectangles drawn on it. */
function pageOf(pdfjs, view, textItems, ops) {
  const [left, bottom, right, top] = view;
  /** @type {PdfPage} */
  const page = { width: right - left, height: top - bottom, items: [], segments: [], rects: [] };
  page.items = characters(textItems, left, bottom);
  drawn(pdfjs, ops, left, bottom, page);
  return page;
}

/**
 * pdf.js text items (runs of characters in one font) as one item per character, each
 * run's advance shared out by the characters' usual widths (a Chinese character or a
 * full-width form one em, others half of one). A space between two Chinese characters
 * is left out: pdf.js adds spaces of its own where it sees gaps, and justified Chinese
 * text has gaps without meaning (the checker's reader judges gaps by their width).
 */
function characters(textItems, left, bottom) {
  /** @type {TextItem[]} */
  const chars = [];
  for (const item of textItems) {
    // An item that is only a space is pdf.js marking a gap (it spans the gap, across
    // cell borders): the gap itself says as much.
    if (typeof item.str !== 'string' || !item.str.trim() || !Array.isArray(item.transform)) continue;
    const [a, b, c, d, e, f] = item.transform;
    if (Math.abs(b) > Math.abs(a) * 0.2 || a <= 0) continue; // rotated or mirrored text (stamps, watermarks)
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
    const run = [...item.str].filter((ch) => !/[\u0000-\u001f\u007f-\u009f]/.test(ch));
    const weights = run.map((ch) => (/\s/.test(ch) ? 0.25 : CJK.test(ch) ? 1 : 0.5));
    const total = weights.reduce((s, w) => s + w, 0);
    if (!total) continue;
    const scale = item.width > 0 ? item.width / total : size;
    let at = e - left;
    run.forEach((ch, i) => {
      const width = weights[i] * scale;
      chars.push({ text: ch, x: at, y: f - bottom, width, height: size, font_size: size });
      at += width;
    });
  }
  const space = (k) => /\s/.test(chars[k].text);
  return chars.filter((ch, k) => {
    if (!space(k)) return true;
    let before = k - 1;
    while (before >= 0 && space(before)) before--;
    let after = k + 1;
    while (after < chars.length && space(after)) after++;
    return !(before >= 0 && after < chars.length && CJK.test(chars[before].text) && CJK.test(chars[after].text));
  });
}

// pdf.js's path operators inside `OPS.constructPath` (DrawOPS in pdf.js, not exported).
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

/**
 * The lines and rectangles stroked or filled on a page, from its operator list: each
 * `constructPath` holds a path (points in the current transform, which `save`,
 * `restore`, `transform` and form XObjects change) and what is done with it; a path
 * only used to clip draws nothing.
 */
function drawn(pdfjs, { fnArray, argsArray }, left, bottom, page) {
  const { OPS, Util } = pdfjs;
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  const count = () => page.segments.length + 4 * page.rects.length;
  for (let i = 0; i < fnArray.length && count() < MAX_SEGMENTS; i++) {
    const args = argsArray[i];
    switch (fnArray[i]) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = Util.transform(ctm, args);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = Util.transform(ctm, Array.from(args[0]));
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.constructPath: {
        // [what is done with the path, [its points or null], its bounding box]. pdf.js
        // folds a path drawn inside save/transform/restore into one constructPath with
        // the points already transformed, so the current transform is still the one to apply.
        const [paint, [path] = []] = args ?? [];
        if (paint !== OPS.endPath && path) addPath(path, ctm, left, bottom, page);
        break;
      }
      default:
    }
  }
}

/** One path's straight pieces: an axis-aligned rectangle as a rectangle, other lines as segments. */
function addPath(path, ctm, left, bottom, page) {
  const at = (x, y) => [ctm[0] * x + ctm[2] * y + ctm[4] - left, ctm[1] * x + ctm[3] * y + ctm[5] - bottom];
  /** @type {number[][]} the current subpath's points, when it has only straight lines */
  let points = [];
  let straight = true;
  const flush = (closed) => {
    if (straight && points.length >= 2) {
      const rect = rectangle(points);
      if (rect) {
        page.rects.push(rect);
      } else {
        for (let k = 1; k < points.length; k++) segment(points[k - 1], points[k], page);
        if (closed && points.length > 2) segment(points[points.length - 1], points[0], page);
      }
    }
  };
  for (let i = 0; i < path.length;) {
    switch (path[i++]) {
      case MOVE_TO:
        flush(false);
        points = [at(path[i], path[i + 1])];
        straight = true;
        i += 2;
        break;
      case LINE_TO:
        points.push(at(path[i], path[i + 1]));
        i += 2;
        break;
      case CURVE_TO:
        straight = false;
        points.push(at(path[i + 4], path[i + 5]));
        i += 6;
        break;
      case QUAD_TO:
        straight = false;
        points.push(at(path[i + 2], path[i + 3]));
        i += 4;
        break;
      case CLOSE:
        flush(true);
        points = points.length ? [points[0]] : [];
        straight = true;
        break;
      default:
        return; // an operator this reader does not know: the rest cannot be read
    }
  }
  flush(false);
}

function segment([x0, y0], [x1, y1], page) {
  if ([x0, y0, x1, y1].every(Number.isFinite)) page.segments.push({ x0, y0, x1, y1 });
}

/** `[x, y, width, height]` when four points (a fifth back at the first) are an axis-aligned rectangle. */
function rectangle(points) {
  const ps = points.length === 5 && near(points[4], points[0]) ? points.slice(0, 4) : points;
  if (ps.length !== 4) return null;
  const xs = ps.map((p) => p[0]);
  const ys = ps.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const corner = (p) => (near1(p[0], x0) || near1(p[0], x1)) && (near1(p[1], y0) || near1(p[1], y1));
  // Each side along an axis: consecutive points share an x or a y.
  const sides = ps.every((p, k) => {
    const q = ps[(k + 1) % 4];
    return near1(p[0], q[0]) || near1(p[1], q[1]);
  });
  if (!ps.every(corner) || !sides || ![x0, y0, x1, y1].every(Number.isFinite)) return null;
  return [x0, y0, x1 - x0, y1 - y0];
}
const near1 = (a, b) => Math.abs(a - b) <= 0.01;
const near = (p, q) => near1(p[0], q[0]) && near1(p[1], q[1]);
