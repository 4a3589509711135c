// The page: reads pasted text or files, has the worker check them, and
// draws the summary, the findings and the three tables.
//
// Shapes (the JSON contract, docs/json.md; every span also has `utf16`):
/** @typedef {{start: number, end: number, line: number, column: number, utf16: {start: number, end: number}}} Span */
/** @typedef {{table: 'active'|'applications'|'review', row: string|null, column: number}} CellRef */
/** @typedef {{code: string, severity: 'error'|'warning'|'info', message: string, spec: string|null,
 *   cell: CellRef|null, expected: number|null, actual: number|null, span: Span|null,
 *   origin: 'report'|'input', related?: Array<{cell: CellRef, span: Span}>}} Diagnostic */
/** @typedef {{schema_version: 1, source: string, template: string, year: number|null, agency: string|null,
 *   date: string|null, period: {start: string, end: string, span: Span}|null, sections: any[],
 *   tables: {active: any, applications: any, review: any}, diagnostics: Diagnostic[]}} Report */
/** @typedef {{id: number, name: string, source: string, text: string, report: Report|null,
 *   error: string|null, ms: number|null, want: number, shown: number}} Doc */

import { h, clear } from './dom.js';
import { drawTables, cellKey, cellName } from './tables.js';
import { tablesCsv, findingsCsv, reportJson, download, baseName } from './export.js';

const SEV = {
  error: { label: '错误', icon: '✖' },
  warning: { label: '警告', icon: '▲' },
  info: { label: '提示', icon: 'ℹ' },
};
const SEVERITIES = /** @type {const} */ (['error', 'warning', 'info']);
const TEMPLATE = {
  2019: '2019 试行格式（国办公开办函〔2019〕60号）',
  2021: '2021 格式（国办公开办函〔2021〕30号）',
  hybrid: '混用（两种格式的表格都有）',
  pre2019: '2019年以前（格式不同，统计表未核对）',
  unknown: '无法判断',
};
const DEBOUNCE_MS = 100;
const LIST_LIMIT = 300;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLTextAreaElement} */ ($('input'));
const status = $('status');

/** @type {{docs: Doc[], current: number, rules: Map<string, any>, nextDoc: number, loading: number, byCell: Map<string, Diagnostic[]>}} */
const state = { docs: [], current: 0, rules: new Map(), nextDoc: 1, loading: 0, byCell: new Map() };

// ---------------------------------------------------------------- worker --

/** Talks to worker.js: one request at a time; checks of one document coalesce. */
class Checker {
  constructor() {
    this.seq = 0;
    /** @type {string|null} why the checker cannot run */
    this.failed = null;
    /** @type {Map<number, {resolve: Function, reject: Function}>} */
    this.pending = new Map();
    /** @type {Array<{msg: any, transfer: any[], resolve: Function, reject: Function, docId?: number}>} */
    this.queue = [];
    this.busy = false;
    this.onready = () => {};
    this.onfail = (_message) => {};
    this.start();
  }

  start() {
    this.ready = false;
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`检查程序无法启动：${event.message || '未知错误'}`);
    };
    this.timer = setTimeout(() => {
      if (!this.ready) this.fail('检查程序加载超时，请刷新页面重试。');
    }, 30_000);
  }

  fail(message) {
    clearTimeout(this.timer);
    this.failed = message;
    this.onfail(message);
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
    for (const item of this.queue) item.reject(new Error(message));
    this.queue = [];
    this.busy = false;
  }

  receive(msg) {
    if (msg.kind === 'ready') {
      clearTimeout(this.timer);
      this.failed = null;
      this.ready = true;
      this.onready(msg);
      this.pump();
      return;
    }
    if (msg.kind === 'init-error') {
      this.fail(`检查程序加载失败：${msg.message}`);
      return;
    }
    const waiter = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    this.busy = false;
    if (waiter) {
      if (msg.ok) waiter.resolve(msg);
      else waiter.reject(Object.assign(new Error(msg.message), { fatal: msg.fatal }));
    }
    if (msg.fatal) {
      this.worker.terminate();
      this.start();
    }
    this.pump();
  }

  pump() {
    if (!this.ready || this.busy || !this.queue.length) return;
    const item = /** @type {any} */ (this.queue.shift());
    if (typeof item.msg === 'function') item.msg = item.msg();
    const id = ++this.seq;
    this.pending.set(id, item);
    this.busy = true;
    this.worker.postMessage({ ...item.msg, id }, item.transfer ?? []);
  }

  /** @param {any} msg (or a function giving it, called when it is sent) */
  request(msg, transfer = [], docId = undefined) {
    return new Promise((resolve, reject) => {
      if (docId !== undefined) {
        // A newer check of the same document replaces one still waiting.
        const old = this.queue.findIndex((q) => q.docId === docId);
        if (old >= 0) this.queue.splice(old, 1)[0].resolve(null);
      }
      this.queue.push({ msg, transfer, resolve, reject, docId });
      this.pump();
    });
  }

  /** @param {Doc} doc */
  check(doc) {
    const want = ++this.seq;
    doc.want = want;
    return this.request(() => ({ kind: 'check', text: doc.text, source: doc.source, want }), [], doc.id)
      .then((msg) => (msg ? { ...msg, want } : null));
  }

  /** Reads a file's bytes (text in any encoding, .html, .docx) into text; PDFs go to ./pdf.js. */
  read(bytes, name) {
    return this.request({ kind: 'read', bytes, name }, [bytes]).then((msg) => msg.text);
  }
}

const checker = new Checker();
checker.onready = (msg) => {
  $('version').textContent = msg.version;
  for (const rule of msg.rules) state.rules.set(rule.code, rule);
  drawRuleList(msg.rules);
  setStatus('idle', '检查程序已就绪。');
  for (const doc of state.docs) if (doc.text && !doc.report && !doc.error) runCheck(doc);
  updateBusy();
};
checker.onfail = (message) => {
  setStatus('error', message);
  document.body.dataset.busy = 'false';
};

function setStatus(kind, text) {
  status.dataset.state = kind;
  status.textContent = text;
}

function currentDoc() {
  return state.docs[state.current];
}

/** `data-busy` tells tests (and styles) whether what is shown is up to date. */
function updateBusy() {
  const doc = currentDoc();
  const busy = !checker.ready || state.loading > 0 || (doc && !doc.error && doc.text !== '' && doc.shown !== doc.want);
  document.body.dataset.busy = String(Boolean(busy) && status.dataset.state !== 'error');
}

/** @param {Doc} doc */
function runCheck(doc) {
  if (!doc.text) {
    doc.report = null;
    doc.want = doc.shown = 0;
    if (doc === currentDoc()) render();
    return;
  }
  if (doc === currentDoc()) setStatus(checker.ready ? 'checking' : 'loading', checker.ready ? '正在检查…' : '正在加载检查程序…');
  checker.check(doc).then((result) => {
    if (!result || result.want !== doc.want) return; // stale: a newer check is on its way
    doc.report = result.report;
    doc.ms = result.ms;
    doc.error = null;
    doc.shown = result.want;
    drawDocList();
    if (doc === currentDoc()) render();
  }, (error) => {
    doc.error = `检查时出错：${error.message}`;
    doc.shown = doc.want;
    if (doc === currentDoc()) render();
  });
  updateBusy();
}

// --------------------------------------------------------------- input ---

function newDoc(name, source, text) {
  /** @type {Doc} */
  const doc = { id: state.nextDoc++, name, source, text, report: null, error: null, ms: null, want: 0, shown: 0 };
  state.docs.push(doc);
  return doc;
}

const pasted = newDoc('粘贴的文字', '-', '');

let debounce = 0;
input.addEventListener('input', () => {
  const doc = currentDoc();
  doc.text = input.value;
  doc.error = null;
  doc.want = -1; // pending: not yet sent
  updateBusy();
  clearTimeout(debounce);
  debounce = setTimeout(() => runCheck(doc), DEBOUNCE_MS);
});

// A paste from a web page, Word or WPS carries the tables' markup as text/html:
// its cells and merged group labels (rowspan/colspan) are read by the same code
// as a dropped .html file, and that text is what the box gets. The markup is
// only ever bytes for the reader, never put into the page.
input.addEventListener('paste', (event) => {
  const data = event.clipboardData;
  const html = data?.types.includes('text/html') ? data.getData('text/html') : '';
  if (!html || !/<table[\s>]/i.test(html) || checker.failed) return; // the browser's own paste
  event.preventDefault();
  const plain = data?.getData('text/plain') ?? '';
  const at = { value: input.value, start: input.selectionStart, end: input.selectionEnd };
  const bytes = new TextEncoder().encode(html).buffer;
  state.loading++;
  updateBusy();
  checker.read(bytes, 'clipboard.html')
    .then((text) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
    .then((text) => (text.trim() ? text : plain), () => plain) // unreadable: paste the plain text, quietly
    .then((text) => insertText(text.replace(/\r\n?/g, '\n'), input.value === at.value ? at : null))
    .finally(() => {
      state.loading--;
      updateBusy();
    });
});

/**
 * Replaces the selection (or `at`'s, if the text is unchanged since) with `text`
 * as typing would: undoable where the browser allows, and with an input event.
 */
function insertText(text, at) {
  input.focus({ preventScroll: true });
  if (at) input.setSelectionRange(at.start, at.end);
  const before = input.value;
  // execCommand keeps the undo history (deprecated, but there is no other way
  // in a textarea); a very long text goes in directly, which is much faster.
  let done = false;
  if (text.length < 1_000_000) {
    try {
      done = document.execCommand('insertText', false, text) && input.value !== before;
    } catch { /* not supported */ }
  }
  if (!done && text) {
    input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', data: null }));
  }
}

$('sample').addEventListener('click', async () => {
  state.loading++;
  updateBusy();
  try {
    const response = await fetch('sample.txt');
    if (!response.ok) throw new Error(String(response.status));
    select(state.docs.indexOf(pasted));
    input.value = await response.text();
    input.dispatchEvent(new Event('input'));
  } catch (error) {
    setStatus('error', `示例报告无法载入：${error.message}`);
  } finally {
    state.loading--;
    updateBusy();
  }
});

const fileInput = /** @type {HTMLInputElement} */ ($('file'));
fileInput.addEventListener('change', () => {
  openFiles(Array.from(fileInput.files ?? []));
  fileInput.value = '';
});
document.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) document.body.classList.remove('dragging');
});
document.addEventListener('drop', (event) => {
  document.body.classList.remove('dragging');
  const files = Array.from(event.dataTransfer?.files ?? []);
  if (!files.length) return;
  event.preventDefault();
  openFiles(files);
});

/** @param {File[]} files */
async function openFiles(files) {
  const docs = files.map((file) => newDoc(file.name, file.name, ''));
  state.loading++;
  select(state.docs.indexOf(docs[0]));
  await Promise.all(files.map(async (file, i) => {
    const doc = docs[i];
    try {
      const bytes = await file.arrayBuffer();
      // PDF text is rebuilt in the page with pdf.js (loaded only when a PDF arrives);
      // every other kind is read by the checker's readDocument.
      const text = isPdf(bytes, file.name)
        ? await (await import('./pdf.js')).pdfToText(bytes)
        : await checker.read(bytes, file.name);
      // As the textarea will hold it (its value has \n line ends only), so that
      // the offsets of the findings fit what is shown.
      doc.text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      if (!doc.text.trim()) throw new Error('文件中没有可检查的文字');
      if (doc === currentDoc()) input.value = doc.text;
      runCheck(doc);
    } catch (error) {
      doc.error = `无法读取“${file.name}”：${error?.message ?? error}`;
      doc.shown = doc.want;
      drawDocList();
      if (doc === currentDoc()) render();
    }
  }));
  state.loading--;
  updateBusy();
}

/** Whether a file is a PDF, by its first bytes or its name. */
function isPdf(bytes, name) {
  const head = new Uint8Array(bytes, 0, Math.min(5, bytes.byteLength));
  return String.fromCharCode(...head).startsWith('%PDF') || /\.pdf$/i.test(name);
}


/** Shows document `index`. */
function select(index) {
  state.current = index;
  const doc = currentDoc();
  if (input.value !== doc.text) input.value = doc.text;
  render();
}

function drawDocList() {
  const nav = $('docs');
  nav.hidden = state.docs.length < 2;
  if (nav.hidden) return;
  const list = clear($('doc-list'));
  state.docs.forEach((doc, i) => {
    const counts = doc.report ? SEVERITIES.map((s) => doc.report.diagnostics.filter((d) => d.severity === s).length) : null;
    list.append(h('li', { class: i === state.current ? 'current' : null },
      h('button', {
        type: 'button',
        'aria-current': i === state.current ? 'true' : null,
        onclick: () => select(i),
      },
      h('span', { class: 'doc-name' }, doc.name),
      doc.error ? h('span', { class: 'doc-badge bad' }, '无法读取')
        : counts ? h('span', { class: 'doc-badge' }, `${counts[0]} 错 · ${counts[1]} 警 · ${counts[2]} 示`)
          : h('span', { class: 'doc-badge' }, doc.text ? '检查中…' : '—'))));
  });
  list.querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
}

// --------------------------------------------------------------- render ---

function render() {
  const doc = currentDoc();
  drawDocList();
  const fileError = $('file-error');
  fileError.hidden = !doc.error;
  fileError.textContent = doc.error ?? '';
  const report = doc.error ? null : doc.report;
  $('summary').hidden = Boolean(doc.error);
  $('findings').hidden = !report;
  $('tables').hidden = !report;
  for (const id of ['export-json', 'export-tables', 'export-findings']) {
    /** @type {HTMLButtonElement} */ ($(id)).disabled = !report;
  }
  drawSummary(report, doc);
  const byCell = new Map();
  for (const d of report?.diagnostics ?? []) {
    if (!d.cell) continue;
    const key = cellKey(d.cell);
    byCell.set(key, [...(byCell.get(key) ?? []), d]);
  }
  state.byCell = byCell;
  drawFindings(report);
  const area = clear($('table-area'));
  if (report) area.append(drawTables(report, byCell, doc.text));
  if (checker.failed) setStatus('error', checker.failed);
  else if (doc.error) setStatus('error', doc.error);
  else if (report && doc.shown === doc.want) {
    setStatus('done', `检查完成，用时 ${doc.ms < 10 ? doc.ms.toFixed(1) : Math.round(doc.ms)} 毫秒。`);
  } else if (doc.text) setStatus(checker.ready ? 'checking' : 'loading', checker.ready ? '正在检查…' : '正在加载检查程序…');
  else if (checker.ready) setStatus('idle', '检查程序已就绪。');
  updateBusy();
}

function drawSummary(report, doc) {
  const box = clear($('summary'));
  box.append(h('h2', { id: 'summary-title' }, '概况'));
  if (!report) {
    box.append(h('p', { class: 'empty' }, doc.text || doc.error ? '' : '粘贴报告或打开文件后，这里显示检查结果。也可以先点“示例报告”看看。'));
    return;
  }
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, report.diagnostics.filter((d) => d.severity === s).length]));
  const item = (label, value, key) => [h('dt', null, label), h('dd', { dataset: { field: key } }, value ?? '—')];
  box.append(
    h('dl', { class: 'facts' },
      item('来源', doc.name, 'source'),
      item('表格格式', TEMPLATE[report.template] ?? report.template, 'template'),
      item('报告年度', report.year === null ? null : `${report.year} 年`, 'year'),
      item('机关', report.agency, 'agency'),
      item('落款日期', report.date, 'date'),
      item('统计期限', report.period ? `${report.period.start} 至 ${report.period.end}` : null, 'period')),
    h('ul', { class: 'counts' }, SEVERITIES.map((s) => h('li', { class: `count sev-${s}`, dataset: { severity: s } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[s].icon), ` ${SEV[s].label} `, h('strong', null, counts[s])))),
  );
}

// -------------------------------------------------------------- findings ---

const filters = { severities: new Set(SEVERITIES), code: '' };

function expectedText(d) {
  const show = (v) => (v === null || v === undefined ? '空白' : String(v));
  if (d.expected === null && d.actual === null) return null;
  if (d.expected === null) return `实为 ${show(d.actual)}`;
  return `应为 ${show(d.expected)}，实为 ${show(d.actual)}`;
}

function whereText(d) {
  const parts = [];
  const report = currentDoc().report;
  if (d.cell && report) {
    const name = cellName(report, d.cell, currentDoc().text);
    parts.push([name.table, name.row, name.column].filter(Boolean).join(' · '));
  }
  if (d.span) parts.push(`原文第 ${d.span.line} 行第 ${d.span.column} 字`);
  return parts.join('，');
}

function explanation(code) {
  const rule = state.rules.get(code);
  if (!rule) return null;
  const details = h('details', { class: 'rule' }, h('summary', null, `规则说明：${rule.title}`));
  details.addEventListener('toggle', () => {
    if (!details.open || details.childElementCount > 1) return;
    for (const para of rule.explanation.split(/\n\s*\n/)) details.append(h('p', null, para.trim()));
    if (rule.spec) details.append(h('p', { class: 'spec' }, `规范条目：${rule.spec}`));
  }, { once: false });
  return details;
}

function findingItem(d, index) {
  return h('li', {
    class: `finding sev-${d.severity}`,
    dataset: {
      index: String(index), code: d.code, severity: d.severity,
      cell: d.cell ? cellKey(d.cell) : '',
      expected: d.expected === null ? '' : String(d.expected),
      actual: d.actual === null ? '' : String(d.actual),
    },
  },
  h('button', { type: 'button', class: 'go', onclick: () => focusFinding(d, index) },
    h('span', { class: 'icon', 'aria-label': SEV[d.severity].label }, SEV[d.severity].icon),
    h('code', { class: 'code' }, d.code),
    h('span', { class: 'msg' }, d.message),
    d.origin === 'input' ? h('span', { class: 'tag' }, '文字无法读取') : null),
  h('div', { class: 'meta' },
    expectedText(d) ? h('span', { class: 'ev' }, expectedText(d)) : null,
    h('span', { class: 'where' }, whereText(d))),
  explanation(d.code));
}

function drawFindings(report) {
  const groups = clear($('finding-groups'));
  const filterBox = $('filters');
  filterBox.hidden = !report;
  if (!report) return;
  const diagnostics = report.diagnostics;
  if (!diagnostics.length) {
    groups.append(h('p', { class: 'none' }, '没有发现问题。'));
  }
  for (const s of SEVERITIES) {
    const items = diagnostics.map((d, i) => [d, i]).filter(([d]) => d.severity === s);
    filterBox.querySelector(`[data-count="${s}"]`).textContent = String(items.length);
    if (!items.length) continue;
    const list = h('ol', { class: 'finding-list' });
    const show = (from, to) => {
      for (const [d, i] of items.slice(from, to)) list.append(findingItem(d, i));
    };
    show(0, LIST_LIMIT);
    const section = h('section', { class: `group sev-${s}`, dataset: { severity: s } },
      h('h3', null, h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[s].icon), ` ${SEV[s].label}（${items.length}）`), list);
    if (items.length > LIST_LIMIT) {
      const more = h('button', { type: 'button', class: 'more' }, `显示其余 ${items.length - LIST_LIMIT} 条`);
      more.addEventListener('click', () => {
        show(LIST_LIMIT, items.length);
        more.remove();
        applyFilters();
      });
      section.append(more);
    }
    groups.append(section);
  }
  const select = /** @type {HTMLSelectElement} */ ($('code-filter'));
  const codes = new Map();
  for (const d of diagnostics) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  if (filters.code && !codes.has(filters.code)) filters.code = '';
  select.replaceChildren(h('option', { value: '' }, '全部规则'),
    ...[...codes].sort().map(([code, n]) => h('option', { value: code, selected: code === filters.code }, `${code}（${n}）`)));
  applyFilters();
}

function applyFilters() {
  for (const li of document.querySelectorAll('#finding-groups li.finding')) {
    const el = /** @type {HTMLElement} */ (li);
    el.hidden = !filters.severities.has(el.dataset.severity ?? '') || (filters.code !== '' && el.dataset.code !== filters.code);
  }
  for (const section of document.querySelectorAll('#finding-groups section.group')) {
    const el = /** @type {HTMLElement} */ (section);
    el.hidden = !el.querySelector('li.finding:not([hidden])') && !el.querySelector('button.more');
  }
}

for (const box of document.querySelectorAll('input[name="sev"]')) {
  box.addEventListener('change', () => {
    const el = /** @type {HTMLInputElement} */ (box);
    if (el.checked) filters.severities.add(el.value);
    else filters.severities.delete(el.value);
    applyFilters();
  });
}
$('code-filter').addEventListener('change', (event) => {
  filters.code = /** @type {HTMLSelectElement} */ (event.target).value;
  applyFilters();
});

/** Selects a span's characters in the textarea and brings them into view. */
function selectSpan(span) {
  if (!span?.utf16) return;
  const { start, end } = span.utf16;
  input.focus({ preventScroll: true });
  input.setSelectionRange(start, end);
  // Bring the selection into view: a textarea scrolls to its caret on focus.
  const style = getComputedStyle(input);
  const lineHeight = parseFloat(style.lineHeight) || 20;
  input.blur();
  input.focus({ preventScroll: true });
  const top = caretTop(start, lineHeight);
  if (top !== null && (top < input.scrollTop || top > input.scrollTop + input.clientHeight - lineHeight)) {
    input.scrollTop = Math.max(0, top - input.clientHeight / 3);
  }
}

/** Vertical offset of a character in the textarea, measured with a hidden copy of it. */
function caretTop(offset, lineHeight) {
  // A copy of a very long text would take seconds to lay out: estimate from the line instead.
  if (offset > 200_000) {
    const line = input.value.slice(0, offset).split('\n').length;
    return (line - 1) * lineHeight;
  }
  const style = getComputedStyle(input);
  const mirror = document.createElement('div');
  for (const prop of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'tabSize',
    'paddingTop', 'paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth', 'boxSizing', 'wordBreak', 'overflowWrap']) {
    mirror.style[prop] = style[prop];
  }
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.width = `${input.clientWidth}px`;
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.textContent = input.value.slice(0, offset);
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(marker);
  document.body.append(mirror);
  const top = marker.offsetTop - (parseFloat(style.paddingTop) || 0);
  mirror.remove();
  return Number.isFinite(top) ? top : lineHeight;
}

function focusFinding(d, index) {
  for (const el of document.querySelectorAll('.current-finding, .cell.current, .cell.related')) {
    el.classList.remove('current-finding', 'current', 'related');
  }
  document.querySelector(`li.finding[data-index="${index}"]`)?.classList.add('current-finding');
  for (const r of d.related ?? []) document.querySelector(`td[data-key="${CSS.escape(cellKey(r.cell))}"]`)?.classList.add('related');
  const td = d.cell ? document.querySelector(`td[data-key="${CSS.escape(cellKey(d.cell))}"]`) : null;
  if (td) {
    td.classList.add('current');
    td.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  selectSpan(d.span);
}

// ------------------------------------------------------- cells: tooltips ---

const tip = $('tip');

function showTip(td) {
  const findings = state.byCell?.get(td.dataset.key ?? '') ?? [];
  if (!findings.length) return;
  tip.replaceChildren(...findings.map((d) => h('p', { class: `sev-${d.severity}` },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[d.severity].icon), ' ',
    h('code', null, d.code), ' ', d.message, expectedText(d) ? `（${expectedText(d)}）` : '')));
  tip.hidden = false;
  const box = td.getBoundingClientRect();
  const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  td.setAttribute('aria-describedby', 'tip');
}

function hideTip(td) {
  tip.hidden = true;
  td?.removeAttribute('aria-describedby');
}

const tableArea = $('table-area');
tableArea.addEventListener('mouseover', (event) => {
  const td = /** @type {HTMLElement|null} */ (/** @type {Element} */ (event.target).closest('td[data-sev]'));
  if (td) showTip(td);
});
tableArea.addEventListener('mouseout', (event) => {
  const td = /** @type {Element} */ (event.target).closest('td[data-sev]');
  if (td && !td.contains(/** @type {Node|null} */ (event.relatedTarget))) hideTip(td);
});
tableArea.addEventListener('focusin', (event) => {
  const td = /** @type {HTMLElement|null} */ (/** @type {Element} */ (event.target).closest('td[data-sev]'));
  if (td) showTip(td);
});
tableArea.addEventListener('focusout', (event) => hideTip(/** @type {Element} */ (event.target).closest('td')));
tableArea.addEventListener('click', (event) => {
  const td = /** @type {HTMLElement|null} */ (/** @type {Element} */ (event.target).closest('td[data-key]'));
  if (td) selectCell(td);
});
tableArea.addEventListener('keydown', (event) => {
  const td = /** @type {HTMLElement|null} */ (/** @type {Element} */ (event.target).closest('td[data-key]'));
  if (td && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    selectCell(td);
  }
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') hideTip(null);
});

/** Clicking a cell shows where it is in the text. */
function selectCell(td) {
  const report = currentDoc().report;
  if (!report) return;
  const [table, row, column] = (td.dataset.key ?? '').split('|');
  const rows = report.tables[table];
  const cells = table === 'review' ? rows : rows?.[row];
  const cell = cells?.[Number(column)];
  const keepFocus = document.activeElement === td;
  if (cell) selectSpan(cell.span);
  if (keepFocus) td.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- rules ---

function drawRuleList(rules) {
  const list = clear($('rule-list'));
  for (const rule of rules) {
    list.append(h('dt', { class: `sev-${rule.severity}` },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[rule.severity]?.icon ?? ''), ' ',
      h('code', null, rule.code), ` ${rule.title}`));
    const dd = h('dd');
    for (const para of rule.explanation.split(/\n\s*\n/)) dd.append(h('p', null, para.trim()));
    list.append(dd);
  }
}

// --------------------------------------------------------------- export ---

function exportWith(make, suffix, type) {
  const doc = currentDoc();
  if (!doc.report) return;
  download(`${baseName(doc.source)}${suffix}`, make(doc.report, doc.text), type);
}
$('export-json').addEventListener('click', () => exportWith(reportJson, '.xxgk.json', 'application/json'));
$('export-tables').addEventListener('click', () => exportWith(tablesCsv, '.表格.csv', 'text/csv;charset=utf-8'));
$('export-findings').addEventListener('click', () => exportWith(findingsCsv, '.问题.csv', 'text/csv;charset=utf-8'));
$('print').addEventListener('click', () => window.print());

// ------------------------------------------------------------ offline -----

if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('./sw.js').catch(() => { /* the page works without it, online */ });
}

render();
