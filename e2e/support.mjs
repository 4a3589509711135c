// Shared by the browser tests and the browser benchmark: a static server on
// 127.0.0.1 (random port), Debian's Chromium driven by playwright-core, the
// native CLI, the inputs (fixtures and seeds), a GBK encoder, Word and web-page
// versions of a text, and the comparison of what the page draws with the CLI.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from '../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WWW = path.join(ROOT, 'www');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Starts the static server for www/ on a free port. */
export async function startServer() {
  const server = createServer(WWW);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** `*.txt` files of a folder, sorted; none when the folder is missing. */
export function txtFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.txt')).sort().map((f) => path.join(dir, f));
}

/** Every report the tests paste: the fixtures and, when present, the seeds. */
export function inputs() {
  return [...txtFiles(FIXTURES), ...txtFiles(SEEDS)];
}

/** The benchmark's inputs: the above and benches/inputs/*.txt (texts only the benchmarks read). */
export function benchInputs() {
  return [...txtFiles(FIXTURES), ...txtFiles(path.join(ROOT, 'benches', 'inputs')), ...txtFiles(SEEDS)];
}

/** The native CLI: `XXGK_CLI`, else target/release/xxgk (scripts/test builds it). */
export function cliPath() {
  const cli = process.env.XXGK_CLI ?? path.join(ROOT, 'target', 'release', 'xxgk');
  if (!fs.existsSync(cli)) throw new Error(`native CLI not found at ${cli}: run cargo build --release`);
  return cli;
}

/**
 * `xxgk check --format json` on text given on stdin (or on a file), exactly as printed.
 * @param {{text?: string, file?: string}} what
 */
export function nativeJson(what) {
  const args = ['check', '--format', 'json', what.file ?? '-'];
  const run = spawnSync(cliPath(), args, { input: what.text ?? '', maxBuffer: 1 << 30, cwd: ROOT });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`xxgk ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  }
  return run.stdout.toString('utf8').replace(/\n$/, '');
}

/**
 * Gives the pages of a browser context `xxgkView()`: where the view's elements
 * are, the shadow root of the page's <xxgk-checker> (the page's own controls
 * stay in the document). Returns the context.
 */
export async function withView(context) {
  await context.addInitScript(() => {
    /** @type {any} */ (globalThis).xxgkView = () => document.querySelector('xxgk-checker')?.shadowRoot ?? document;
  });
  return context;
}

/** A page of the app with every request recorded and script-run traps set. */
export async function openPage(browser, origin, { path: pagePath = '/', viewport = { width: 1440, height: 1000 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN' });
  const requests = [];
  const dialogs = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  await withView(context);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(origin + pagePath);
  return { context, page, requests, dialogs, errors };
}

/** Opens the app and waits for the checker to be ready. */
export async function openApp(browser, origin, options) {
  const session = await openPage(browser, origin, options);
  await session.page.waitForFunction(() => ['idle', 'done'].includes(xxgkView().getElementById('status')?.dataset.state ?? ''),
    null, { timeout: 30_000 });
  return session;
}

/** Closes a page after checking it sent nothing elsewhere and ran nothing it shouldn't. */
export async function closeApp(session, origin) {
  const { context, requests, dialogs, errors } = session;
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`)
    && !url.startsWith(`blob:${origin}/`) && !url.startsWith('data:'));
  await context.close();
  assert.deepEqual(foreign, [], 'every request stays on the page\'s origin');
  assert.deepEqual(dialogs, [], 'no dialog was opened');
  assert.deepEqual(errors, [], 'no script error or console error');
}

/**
 * A static server and a browser for the test file that calls this (at its top
 * level): started before its tests, closed after them. `app()` opens the page
 * ready to check, `done(session)` closes it after the origin and script checks.
 */
export function useBrowser() {
  const h = {
    server: null,
    browser: null,
    get origin() { return h.server.origin; },
    app: (options) => openApp(h.browser, h.server.origin, options),
    done: (session) => closeApp(session, h.server.origin),
  };
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    h.server = await startServer();
    h.browser = await launch();
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  return h;
}

/** UTF-16 offset of a UTF-8 byte offset. */
export function utf16At(text, byte) {
  return Buffer.from(text, 'utf8').subarray(0, byte).toString('utf8').length;
}

/** Waits until the page shows an up-to-date result (or an error). */
export async function settled(page, timeout = 60_000) {
  await page.waitForFunction(() => document.body.dataset.busy === 'false', null, { timeout, polling: 50 });
}

/** Pastes text into the report box (value + input event, as a paste does). */
export async function paste(page, text) {
  await page.evaluate((t) => {
    const box = /** @type {any} */ (xxgkView().getElementById('input'));
    box.value = t;
    box.dispatchEvent(new Event('input'));
  }, text);
  await settled(page);
}

/** The report box's text (the editor's host keeps a textarea's `value`). */
export function inputValue(page) {
  return page.evaluate(() => /** @type {any} */ (xxgkView().getElementById('input')).value);
}

/** Saves a full-page screenshot under test-artifacts/. */
export async function shot(page, name, options = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, ...options });
}

let gbkTable = null;
/** Encodes text as GBK bytes (the table is built by decoding every GBK code with TextDecoder). */
export function encodeGbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = decoder.decode(Uint8Array.of(lead, trail));
          if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
        } catch { /* not a GBK code */ }
      }
    }
  }
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`not encodable in GBK: ${ch} (U+${code.toString(16)})`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** Drops files on the page the way a user does (a DataTransfer with File objects). */
export async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', data: [...f.buffer] }));
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const item of items) transfer.items.add(new File([new Uint8Array(item.data)], item.name, { type: item.type }));
    const target = xxgkView().getElementById('input');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    }
  }, payload);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of stored (uncompressed) entries. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal Word document: lines with tabs become table rows, other lines paragraphs. */
export function docx(text) {
  const para = (t) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(t)}</w:t></w:r></w:p>`;
  const body = [];
  let table = null;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      table ??= [];
      table.push(`<w:tr>${line.split('\t').map((cell) => `<w:tc>${para(cell)}</w:tc>`).join('')}</w:tr>`);
      continue;
    }
    if (table) body.push(`<w:tbl>${table.join('')}</w:tbl>`);
    table = null;
    body.push(para(line));
  }
  if (table) body.push(`<w:tbl>${table.join('')}</w:tbl>`);
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body.join('')}</w:body></w:document>`,
  });
}

/**
 * Merges a run of tab-separated rows the way the official template does (as
 * tests/documents.rs does): a header cell followed by empty cells spans them
 * (colspan); a label whose next rows start with empty cells spans those rows
 * (rowspan), like （三）不予公开. Expanding the spans gives back the rows.
 * @param {string[][]} rows
 * @returns {Array<Array<{cols: number, rows: number}|null>>} an anchor, or null where covered
 */
function merges(rows) {
  const numeric = (s) => /^\d+$/.test(s.trim());
  const lead = (row) => {
    const i = row.findIndex((c) => c.trim() !== '');
    return i < 0 ? row.length : i;
  };
  const pos = rows.map((r) => r.map(() => undefined));
  rows.forEach((row, r) => {
    const header = !row.some(numeric);
    for (let i = 0; i < row.length; i++) {
      if (pos[r][i] !== undefined) continue;
      if (row[i].trim() === '') {
        pos[r][i] = { cols: 1, rows: 1 };
        continue;
      }
      let cols = 1;
      if (header) {
        while (i + cols < row.length && row[i + cols].trim() === '' && pos[r][i + cols] === undefined) cols++;
      }
      let down = 1;
      while (r + down < rows.length) {
        const below = rows[r + down];
        const span = Array.from({ length: cols }, (_, k) => i + k);
        if (!(i + cols <= lead(below) && span.every((k) => pos[r + down][k] === undefined))) break;
        down++;
      }
      pos[r][i] = { cols, rows: down };
      for (let d = 0; d < down; d++) {
        for (let k = i; k < i + cols; k++) if (d > 0 || k > i) pos[r + d][k] = null;
      }
    }
  });
  return pos;
}

const htmlEscape = (s) => xmlEscape(s).replace(/ {2}/g, ' &nbsp;');

/**
 * The markup of a text as a web page holds it: narrative lines as paragraphs,
 * each run of tab-separated lines a <table> with rowspan/colspan merges.
 */
export function htmlBody(text) {
  const out = [];
  let rows = [];
  const table = () => {
    if (!rows.length) return;
    const pos = merges(rows);
    out.push('<table border="1" cellspacing="0"><tbody>');
    rows.forEach((row, r) => {
      const cells = row.map((cell, i) => {
        const p = pos[r][i];
        if (!p) return '';
        const attrs = `${p.rows > 1 ? ` rowspan="${p.rows}"` : ''}${p.cols > 1 ? ` colspan="${p.cols}"` : ''}`;
        const t = cell.trim();
        return `<td${attrs}>${t ? `<p align="center"><span>${htmlEscape(t)}</span></p>` : '&nbsp;'}</td>`;
      });
      out.push(`<tr>${cells.join('')}</tr>`);
    });
    out.push('</tbody></table>');
    rows = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      rows.push(line.split('\t'));
      continue;
    }
    table();
    out.push(line.trim() ? `<p style="text-indent:2em">${htmlEscape(line)}</p>` : '<p>&nbsp;</p>');
  }
  table();
  return out.join('\n');
}

/**
 * A report's text as the body of a printable web page: narrative lines as
 * paragraphs, each run of tab-separated lines one table, cell for cell. A
 * column empty in every row is the text's trace of merged cells: a real table
 * has no such column (and no PDF could show where it was), so it is left out.
 */
export function printableBody(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const body = [];
  for (let i = 0; i < lines.length;) {
    if (!lines[i].includes('\t')) {
      if (lines[i].trim()) body.push(`<p>${xmlEscape(lines[i])}</p>`);
      i++;
      continue;
    }
    const rows = [];
    while (i < lines.length && lines[i].includes('\t')) rows.push(lines[i++].split('\t'));
    const width = Math.max(...rows.map((r) => r.length));
    const used = Array.from({ length: width }, (_, k) => rows.some((r) => (r[k] ?? '').trim()));
    body.push('<table>' + rows.map((r) => '<tr>' + used.map((u, k) => (u ? `<td>${xmlEscape(r[k] ?? '')}</td>` : '')).join('') + '</tr>').join('') + '</table>');
  }
  return body.join('\n');
}

// ---- the page against the native CLI ----------------------------------------

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };

/** What the page shows: every drawn cell, every listed finding, the summary. */
export function drawn(page) {
  return page.evaluate(() => {
    const cells = {};
    for (const td of xxgkView().querySelectorAll('#table-area td[data-key]')) {
      const el = /** @type {HTMLElement} */ (td);
      cells[el.dataset.key ?? ''] = { text: el.textContent, sev: el.dataset.sev ?? null };
    }
    // Listed by rule (and root causes first): compared in the report's order of severity and index.
    const rank = { error: 0, warning: 1, info: 2 };
    const findings = Array.from(xxgkView().querySelectorAll('#finding-groups li.finding'), (li) => {
      const el = /** @type {HTMLElement} */ (li);
      return {
        index: Number(el.dataset.index),
        code: el.dataset.code,
        severity: el.dataset.severity,
        message: el.querySelector('.msg')?.textContent,
        cell: el.dataset.cell,
        expected: el.dataset.expected,
        actual: el.dataset.actual,
      };
    }).sort((a, b) => rank[a.severity] - rank[b.severity] || a.index - b.index);
    const summary = Object.fromEntries(Array.from(xxgkView().querySelectorAll('#summary dd[data-field]'),
      (dd) => [/** @type {HTMLElement} */ (dd).dataset.field, dd.textContent]));
    const counts = Object.fromEntries(Array.from(xxgkView().querySelectorAll('#summary li.count'),
      (li) => [/** @type {HTMLElement} */ (li).dataset.severity, Number(li.querySelector('strong')?.textContent)]));
    const more = xxgkView().querySelectorAll('#finding-groups button.more').length;
    return { cells, findings, summary, counts, more };
  });
}

/** A value with every `span` left out (spans differ between renditions of one report). */
export function noSpans(value) {
  if (Array.isArray(value)) return value.map(noSpans);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'span').map(([k, v]) => [k, noSpans(v)]));
  }
  return value;
}

export const keyOf = (ref) => `${ref.table}|${ref.row ?? ''}|${ref.column}`;

/** What the page should show for a report of the native CLI. */
export function expectedDrawing(report) {
  const worst = new Map();
  for (const d of report.diagnostics) {
    if (!d.cell) continue;
    const key = keyOf(d.cell);
    // A finding explained by another (`caused_by`) does not mark its cell.
    const sev = d.caused_by == null ? d.severity : 'explained';
    if (!worst.has(key) || (SEVERITY_RANK[sev] ?? 9) < (SEVERITY_RANK[worst.get(key)] ?? 9)) worst.set(key, sev);
  }
  const cells = {};
  const add = (key, cell) => { cells[key] = { text: cell.text, sev: worst.get(key) ?? null }; };
  for (const table of ['active', 'applications']) {
    for (const [row, list] of Object.entries(report.tables[table] ?? {})) {
      list.forEach((cell, column) => add(keyOf({ table, row, column }), cell));
    }
  }
  (report.tables.review ?? []).forEach((cell, column) => add(keyOf({ table: 'review', row: null, column }), cell));
  const findings = report.diagnostics
    .map((d, index) => ({
      index, code: d.code, severity: d.severity, message: d.message, cell: d.cell ? keyOf(d.cell) : '',
      expected: d.expected === null ? '' : String(d.expected), actual: d.actual === null ? '' : String(d.actual),
    }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.index - b.index);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) counts[d.severity]++;
  return { cells, findings, counts };
}

/** Asserts the page shows exactly the native report. */
export async function assertDrawnEquals(page, report, label) {
  const seen = await drawn(page);
  if (seen.more) {
    await page.click('#finding-groups button.more >> nth=0');
    return assertDrawnEquals(page, report, label);
  }
  const want = expectedDrawing(report);
  assert.deepEqual(seen.cells, want.cells, `${label}: table cells`);
  assert.deepEqual(seen.findings, want.findings, `${label}: findings`);
  assert.deepEqual(seen.counts, want.counts, `${label}: counts`);
  assert.equal(seen.summary.year, report.year === null ? '—' : `${report.year} 年`, `${label}: year`);
  assert.equal(seen.summary.agency, report.agency ?? '—', `${label}: agency`);
  assert.equal(seen.summary.date, report.date ?? '—', `${label}: date`);
}
