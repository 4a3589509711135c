// The batch view's state and work: many reports (files, a folder, a .zip)
// read and checked by a pool of workers (pool.js), their rows, the pairing of
// one agency's consecutive years and the comparisons, and the batch's exports.
// batch-view.js draws it; batch-open.js opens one report in the full view.

import { Pool } from './pool.js';
import { isZip, isDocx, readZip } from './zip.js';

/** The kinds of file a batch reads (the rest of a folder or archive is skipped). */
export const REPORT_FILE = /\.(txt|text|htm|html|docx|pdf)$/i;

/** The summary's columns, as the command line's `--summary` writes them (src/summary.rs). */
export const COLUMNS = [
  '文件', '机关', '年度', '格式', '错误', '警告', '提示', '本年新收', '上年结转', '办理结果总计',
  '结转下年度', '行政复议总计', '行政诉讼总计', '复议纠正', '诉讼纠正', '跨年问题',
];

/** @typedef {{id: number, source: string, status: 'waiting'|'done'|'failed', text: string, report: any,
 *   error: string|null, ms: number, last: number|null|undefined}} Entry */

export const batch = {
  /** @type {Entry[]} */
  entries: [],
  nextId: 1,
  /** The current run: how many files, how many done, when it started. */
  run: { total: 0, done: 0, started: 0, active: false, reading: 0 },
  /** How many pairings are being worked out (agency keys, comparisons). */
  comparing: 0,
  /** Counts the runs cancelled: files still being read for an older one are dropped. */
  generation: 0,
  /** Agency name → pairing key (from the batch module's agencyKey). */
  keys: new Map(),
  /** This year's entry id → {last, comparison} or {last, error}. */
  comparisons: new Map(),
  /** Files of a folder or archive that were skipped. */
  skipped: /** @type {string[]} */ ([]),
  onchange: () => {},
};

let pool = null;
const getPool = () => (pool ??= new Pool(Pool.defaultSize()));
/** The library's template description (see src/template), once the pool has started. */
let described = null;
export const templateDescription = () => (described ??= pool?.template ?? null);

/** What the grid shows of a report: the command line's summary row (src/summary.rs, Row::of). */
export function rowOf(entry) {
  const r = entry.report;
  if (!r) return null;
  const value = (c) => (c && typeof c.value === 'number' ? c.value : null);
  const t2 = (key) => value(r.tables?.applications?.[key]?.[6]);
  const review = r.tables?.review;
  const t3 = (cells) => {
    if (!Array.isArray(review) || review.length !== 15) return null;
    let sum = 0;
    for (const i of cells) {
      const v = value(review[i]);
      if (v === null) return null;
      sum += v;
    }
    return sum;
  };
  const count = (s) => r.diagnostics.filter((d) => d.severity === s).length;
  const c = batch.comparisons.get(entry.id);
  return [
    entry.source, r.agency, r.year, r.template, count('error'), count('warning'), count('info'),
    t2('new'), t2('carried_over'), t2('total'), t2('carried_forward'),
    t3([4]), t3([9, 14]), t3([1]), t3([6, 11]),
    c?.comparison ? c.comparison.findings.length : 0,
  ];
}

/** A report's name: its agency and year (the file name when neither was read). */
export function nameOf(entry) {
  const r = entry.report;
  if (!r || (!r.agency && !r.year)) return entry.source;
  return `${r.agency ?? '机关不明'} ${r.year ? `${r.year} 年` : '年度不明'}`;
}

export const byId = (id) => batch.entries.find((e) => e.id === id);

/**
 * Reads files into the batch: a .zip archive is opened and its reports
 * read; of a folder (`folder`), only the kinds of file a report can be.
 * @param {Array<{name: string, file?: File, bytes?: ArrayBuffer, folder?: boolean}>} files
 */
export async function addFiles(files) {
  const run = batch.run;
  if (!run.active) Object.assign(run, { total: 0, done: 0, started: performance.now(), active: true });
  run.reading++;
  batch.onchange();
  const generation = batch.generation;
  const queue = [];
  // A folder's files in the order the command line reads a directory (its
  // paths sorted component by component), so that both pair alike.
  if (files.every((f) => f.folder)) files = [...files].sort((a, b) => byPath(a.name, b.name));
  for (const f of files) {
    const name = f.name;
    let bytes;
    try {
      bytes = f.bytes ?? await /** @type {File} */ (f.file).arrayBuffer();
    } catch (error) {
      queue.push({ name, bytes: null, error: String(error?.message ?? error) });
      continue;
    }
    if (/\.zip$/i.test(name) || (isZip(bytes) && !REPORT_FILE.test(name) && !isDocx(bytes))) {
      try {
        const { files: inner, skipped } = await readZip(bytes);
        batch.skipped.push(...skipped.map((s) => `${name}/${s}`));
        for (const g of inner.sort((a, b) => byPath(a.name, b.name))) {
          if (REPORT_FILE.test(g.name) && !/(^|\/)(__MACOSX|\.)/.test(g.name)) queue.push({ name: g.name, bytes: g.bytes });
          else batch.skipped.push(`${name}/${g.name}`);
        }
      } catch (error) {
        queue.push({ name, bytes: null, error: `无法读取压缩文件：${error?.message ?? error}` });
      }
    } else if (!f.folder || REPORT_FILE.test(name)) {
      queue.push({ name, bytes });
    } else {
      batch.skipped.push(name);
    }
  }
  // Cancelled (or cleared) while the files were being read: nothing is checked.
  if (generation !== batch.generation) return;
  run.reading--;
  checkAll(queue);
}

/** Paths compared component by component (as Rust's `Path` orders them). */
function byPath(a, b) {
  const [x, y] = [a.split('/'), b.split('/')];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** Checks the files in the pool, each as its own entry. */
function checkAll(queue) {
  const run = batch.run;
  run.total += queue.length;
  const jobs = queue.map(async (item) => {
    /** @type {Entry} */
    const entry = { id: batch.nextId++, source: item.name, status: 'waiting', text: '', report: null, error: null, ms: 0, last: undefined };
    batch.entries.push(entry);
    try {
      if (item.error) throw new Error(item.error);
      const result = isPdf(item.bytes, item.name)
        ? await checkPdf(item.bytes, item.name)
        : await getPool().run({ kind: 'file', bytes: item.bytes, name: item.name }, [item.bytes]);
      if (entry.status !== 'waiting') return;
      Object.assign(entry, { status: 'done', text: result.text, report: result.report, ms: result.ms });
    } catch (error) {
      if (entry.status !== 'waiting') return;
      Object.assign(entry, { status: 'failed', error: `无法读取“${item.name}”：${error?.message ?? error}` });
    } finally {
      if (batch.entries.includes(entry)) run.done++;
      batch.onchange();
    }
  });
  batch.onchange();
  Promise.all(jobs).then(() => {
    if (run.active && run.done >= run.total && run.reading === 0) {
      run.active = false;
      updatePairs();
    }
    batch.onchange();
  });
}

/** A PDF's text is rebuilt with pdf.js in the page, its layout and check in the pool. */
async function checkPdf(bytes, name) {
  const { pdfToText } = await import('./pdf.js');
  const text = await pdfToText(bytes, (pages) => getPool().run({ kind: 'pdf-layout', pages }).then((m) => m.text));
  return getPool().run({ kind: 'check', text, source: name });
}

function isPdf(bytes, name) {
  if (!bytes) return false;
  const head = new Uint8Array(bytes, 0, Math.min(5, bytes.byteLength));
  return String.fromCharCode(...head).startsWith('%PDF') || /\.pdf$/i.test(name);
}

/** Stops the run: reports not yet checked are marked as cancelled. */
export function cancel() {
  for (const e of batch.entries) {
    if (e.status === 'waiting') Object.assign(e, { status: 'failed', error: `未检查“${e.source}”：已取消` });
  }
  pool?.cancel();
  pool = null;
  batch.generation++;
  batch.run.active = false;
  batch.run.reading = 0;
  updatePairs();
  batch.onchange();
}

export function remove(id) {
  const entry = byId(id);
  if (!entry) return;
  if (entry.status === 'waiting') batch.run.total--;
  batch.entries = batch.entries.filter((e) => e !== entry);
  for (const e of batch.entries) if (e.last === id) e.last = undefined;
  updatePairs();
  batch.onchange();
}

export function clearAll() {
  if (batch.run.active) cancel();
  batch.generation++;
  batch.entries = [];
  batch.comparisons.clear();
  batch.skipped = [];
  Object.assign(batch.run, { total: 0, done: 0, active: false, reading: 0 });
  batch.onchange();
}

const done = () => batch.entries.filter((e) => e.status === 'done');

/**
 * Each report's last-year counterpart: the one chosen by the user, else the
 * report of the same agency (same pairing key) and the year before, as the
 * command line pairs them (xxgk::compare::pairs: of several reports of one
 * agency and year, the first).
 * @returns {Map<number, number>} this year's id → last year's id
 */
export function pairing() {
  const first = new Map();
  for (const e of done()) {
    const key = batch.keys.get(e.report.agency ?? '');
    if (!key || e.report.year == null) continue;
    const k = `${key}\u0000${e.report.year}`;
    if (!first.has(k)) first.set(k, e);
  }
  const out = new Map();
  for (const e of done()) {
    if (e.last === null) continue;
    if (e.last !== undefined) {
      if (byId(e.last)?.status === 'done') out.set(e.id, e.last);
      continue;
    }
    const key = batch.keys.get(e.report.agency ?? '');
    if (!key || e.report.year == null || first.get(`${key}\u0000${e.report.year}`) !== e) continue;
    const last = first.get(`${key}\u0000${e.report.year - 1}`);
    if (last) out.set(e.id, last.id);
  }
  return out;
}

/** Sets (or with `undefined`, resets) a report's last-year counterpart; `null`: none. */
export function setLast(id, last) {
  const entry = byId(id);
  if (!entry) return;
  entry.last = last;
  updatePairs();
}

let pairsRun = 0;
/** Learns the agencies' keys, then compares every pair not yet compared as it stands. */
export async function updatePairs() {
  batch.comparing++;
  try {
    await pairUp();
  } finally {
    batch.comparing--;
    batch.onchange();
  }
}

async function pairUp() {
  const mine = ++pairsRun;
  const names = [...new Set(done().map((e) => e.report.agency).filter((a) => a && !batch.keys.has(a)))];
  try {
    if (names.length) {
      const { keys } = await getPool().run({ kind: 'agency-keys', names });
      names.forEach((n, i) => batch.keys.set(n, keys[i]));
    }
    if (mine !== pairsRun) return;
    const pairs = pairing();
    for (const id of [...batch.comparisons.keys()]) {
      if (pairs.get(id) !== batch.comparisons.get(id).last) batch.comparisons.delete(id);
    }
    batch.onchange();
    await Promise.all([...pairs].map(async ([id, lastId]) => {
      if (batch.comparisons.get(id)?.last === lastId) return;
      const [e, l] = [byId(id), byId(lastId)];
      batch.comparisons.set(id, { last: lastId, pending: true });
      try {
        const { comparison } = await getPool().run({
          kind: 'compare', last: { text: l.text, source: l.source }, this: { text: e.text, source: e.source },
        });
        if (batch.comparisons.get(id)?.last === lastId) batch.comparisons.set(id, { last: lastId, comparison });
      } catch (error) {
        if (batch.comparisons.get(id)?.last === lastId) batch.comparisons.set(id, { last: lastId, error: String(error?.message ?? error) });
      }
      batch.onchange();
    }));
  } catch (error) {
    batch.comparisonError = String(error?.message ?? error);
  }
}

/**
 * One of the batch's files, made by the batch module from the reports'
 * texts exactly as `xxgk check --summary` makes it: `csv`, `json`, `xlsx`,
 * or `findings-csv`.
 * @returns {Promise<Uint8Array>}
 */
export async function exportBatch(format) {
  const entries = done();
  const index = new Map(entries.map((e, i) => [e.id, i]));
  const pairs = [...pairing()].map(([id, last]) => [index.get(last), index.get(id)]);
  const items = entries.map((e) => ({ text: e.text, source: e.source }));
  const { bytes } = await getPool().run({ kind: 'export', items, pairs, format });
  return bytes;
}
