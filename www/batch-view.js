// Drawing the batch view (batch.js holds its state): the progress bar, the
// summary grid (sortable, filterable, one row per report), the year-over-year
// comparisons with the repeated sentences marked, and the two years' tables
// side by side with the changed cells marked. Its controls are in index.html's
// #batch section.

import { h, clear } from './dom.js';
import { batch, COLUMNS, rowOf, nameOf, byId, addFiles, cancel, remove, clearAll, pairing, setLast, exportBatch, templateDescription } from './batch.js';
import { openFullView } from './batch-open.js';
import { download } from './export.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const view = { sort: { column: -1, dir: 1 }, side: /** @type {number|null} */ (null) };
const SEV_NAMES = { error: '错误', warning: '警告', info: '提示' };

// ---- opening the view, adding files --------------------------------------

/** Shows the batch view (or, with `false`, the single report again). */
export function showBatch(on = true) {
  document.body.classList.toggle('batch-mode', on);
  $('batch').hidden = !on;
  $('batch-open').textContent = on ? '返回单个报告' : batch.entries.length ? `批量检查（${batch.entries.length}）` : '批量检查…';
  if (on) draw();
}
$('batch-open').addEventListener('click', () => showBatch(!document.body.classList.contains('batch-mode')));

for (const id of ['batch-files', 'batch-folder']) {
  const input = /** @type {HTMLInputElement} */ ($(id));
  input.addEventListener('change', () => {
    // A folder's files are filtered by kind; files chosen one by one are all read.
    const folder = id === 'batch-folder';
    addFiles(Array.from(input.files ?? []).map((file) => ({ name: file.webkitRelativePath || file.name, file, folder })));
    input.value = '';
  });
}

// Dropped files and folders go to the batch while it is shown (before the
// single-report view's own handler on the document sees them).
window.addEventListener('dragover', (event) => {
  if (!document.body.classList.contains('batch-mode') || !event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  event.stopPropagation();
  document.body.classList.add('dragging');
}, true);
window.addEventListener('drop', (event) => {
  if (!document.body.classList.contains('batch-mode')) return;
  event.preventDefault();
  event.stopPropagation();
  document.body.classList.remove('dragging');
  const items = Array.from(event.dataTransfer?.items ?? []);
  const entries = items.map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length && entries.some((e) => e.isDirectory)) {
    Promise.all(entries.map((e) => walk(e, ''))).then((lists) => addFiles(lists.flat()));
  } else {
    addFiles(Array.from(event.dataTransfer?.files ?? []).map((file) => ({ name: file.name, file })));
  }
}, true);

/** Every file under a dropped folder, each with its path. */
async function walk(entry, prefix) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    return [{ name: prefix + entry.name, file, folder: true }];
  }
  const reader = entry.createReader();
  const out = [];
  for (;;) {
    const chunk = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!chunk.length) break;
    for (const child of chunk) out.push(...await walk(child, `${prefix}${entry.name}/`));
  }
  return out;
}

$('batch-cancel').addEventListener('click', () => cancel());
$('batch-clear').addEventListener('click', () => {
  view.side = null;
  clearAll();
});
for (const id of ['batch-only-errors', 'batch-rule', 'batch-template']) $(id).addEventListener('change', () => draw());

const EXPORTS = {
  'batch-export-csv': ['csv', '批量检查汇总.csv', 'text/csv;charset=utf-8'],
  'batch-export-findings': ['findings-csv', '批量检查问题.csv', 'text/csv;charset=utf-8'],
  'batch-export-xlsx': ['xlsx', '批量检查汇总.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  'batch-export-json': ['json', '批量检查汇总.json', 'application/json'],
};
for (const [id, [format, name, type]] of Object.entries(EXPORTS)) {
  $(id).addEventListener('click', async () => {
    const button = /** @type {HTMLButtonElement} */ ($(id));
    button.disabled = true;
    try {
      download(name, await exportBatch(format), type);
      $('batch-note').textContent = '';
    } catch (error) {
      $('batch-note').textContent = `导出失败：${error?.message ?? error}`;
    } finally {
      button.disabled = false;
    }
  });
}

// ---- drawing ----------------------------------------------------------------

let queued = false;
let lastDraw = 0;
/**
 * Redraws at the next frame at most, and while a run goes on at most five
 * times a second (a batch's results arrive many at a time).
 */
batch.onchange = () => {
  // What tests (and styles) read is set at once; the drawing waits.
  $('batch').dataset.running = String(batch.run.active);
  $('batch').dataset.comparing = String(batch.comparing > 0);
  if (queued) return;
  queued = true;
  const wait = batch.run.active ? Math.max(0, lastDraw + 200 - performance.now()) : 0;
  setTimeout(() => requestAnimationFrame(() => {
    queued = false;
    lastDraw = performance.now();
    draw();
  }), wait);
};

function draw() {
  $('batch-open').textContent = document.body.classList.contains('batch-mode') ? '返回单个报告'
    : batch.entries.length ? `批量检查（${batch.entries.length}）` : '批量检查…';
  if ($('batch').hidden) return;
  drawProgress();
  drawFilters();
  drawGrid();
  drawPairs();
  drawSide();
  const any = batch.entries.some((e) => e.status === 'done');
  for (const id of Object.keys(EXPORTS)) /** @type {HTMLButtonElement} */ ($(id)).disabled = !any || batch.run.active;
  const skipped = $('batch-skipped');
  skipped.hidden = !batch.skipped.length;
  skipped.textContent = batch.skipped.length ? `未读取 ${batch.skipped.length} 个不是报告的文件：${batch.skipped.slice(0, 5).join('、')}${batch.skipped.length > 5 ? '……' : ''}` : '';
}

function drawProgress() {
  const { total, done, started, active } = batch.run;
  $('batch-progress-box').hidden = total === 0;
  $('batch-cancel').hidden = !active;
  const bar = /** @type {HTMLProgressElement} */ ($('batch-progress'));
  bar.max = Math.max(total, 1);
  bar.value = done;
  let text = `已检查 ${done} / ${total}`;
  if (active && done > 0) {
    const left = ((performance.now() - started) / done) * (total - done) / 1000;
    text += ` · 预计还需 ${left < 1 ? '不到 1' : Math.round(left)} 秒`;
  } else if (!active && total) text += ' · 完成';
  $('batch-progress-text').textContent = text;
  $('batch').dataset.running = String(active);
}

function drawFilters() {
  const codes = new Set();
  const templates = new Set();
  for (const e of batch.entries) {
    if (!e.report) continue;
    templates.add(e.report.template);
    for (const d of e.report.diagnostics) codes.add(d.code);
    for (const f of batch.comparisons.get(e.id)?.comparison?.findings ?? []) codes.add(f.code);
  }
  fill(/** @type {HTMLSelectElement} */ ($('batch-rule')), '全部规则', [...codes].sort());
  fill(/** @type {HTMLSelectElement} */ ($('batch-template')), '全部格式', [...templates].sort());
}

function fill(select, all, values) {
  const keep = select.value;
  const now = [...select.options].map((o) => o.value).join('|');
  if (now === ['', ...values].join('|')) return;
  select.replaceChildren(h('option', { value: '' }, all), ...values.map((v) => h('option', { value: v }, v)));
  select.value = values.includes(keep) ? keep : '';
}

/** Whether a report passes the filters (only with errors, by rule, by template). */
function passes(entry) {
  const onlyErrors = /** @type {HTMLInputElement} */ ($('batch-only-errors')).checked;
  const rule = /** @type {HTMLSelectElement} */ ($('batch-rule')).value;
  const template = /** @type {HTMLSelectElement} */ ($('batch-template')).value;
  if (!entry.report) return !onlyErrors && !rule && !template;
  const findings = [...entry.report.diagnostics, ...(batch.comparisons.get(entry.id)?.comparison?.findings ?? [])];
  if (onlyErrors && !entry.report.diagnostics.some((d) => d.severity === 'error')) return false;
  if (rule && !findings.some((d) => d.code === rule)) return false;
  if (template && entry.report.template !== template) return false;
  return true;
}

/** The value a column sorts by (the name for column -1); empty values sort last. */
function sortValue(entry, column) {
  if (column < 0) return nameOf(entry);
  return rowOf(entry)?.[column] ?? null;
}

function sorted(entries) {
  const { column, dir } = view.sort;
  if (column === -1 && dir === 1 && !view.sort.touched) return entries;
  return [...entries].sort((a, b) => {
    const [x, y] = [sortValue(a, column), sortValue(b, column)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return c * dir || a.id - b.id;
  });
}

/** Each report's row as last drawn, with what it was drawn from. */
const rowCache = new Map();
let headFor = '';

function drawGrid() {
  const table = $('batch-grid');
  const sortKey = JSON.stringify(view.sort);
  if (headFor !== sortKey || !table.tHead) {
    headFor = sortKey;
    const head = h('tr', null,
      sortHeader('报告', -1),
      h('th', { scope: 'col' }, '上年报告'),
      COLUMNS.map((title, i) => sortHeader(title, i)),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, '移除')));
    table.tHead?.remove();
    table.prepend(h('thead', null, head));
  }
  const pairs = pairing();
  const live = new Set(batch.entries.map((e) => e.id));
  for (const id of rowCache.keys()) if (!live.has(id)) rowCache.delete(id);
  const rows = sorted(batch.entries.filter(passes)).map((entry) => {
    const c = batch.comparisons.get(entry.id);
    const sig = `${entry.status}|${pairs.get(entry.id)}|${c?.comparison?.findings.length ?? ''}`;
    const cached = rowCache.get(entry.id);
    if (cached?.sig === sig) return cached.tr;
    const tr = gridRow(entry, pairs);
    rowCache.set(entry.id, { sig, tr });
    return tr;
  });
  if (!table.tBodies[0]) table.append(h('tbody'));
  const body = table.tBodies[0];
  if (rows.length !== body.rows.length || rows.some((tr, i) => body.rows[i] !== tr)) body.replaceChildren(...rows);
  $('batch-empty').hidden = batch.entries.length > 0;
  $('batch-count').textContent = batch.entries.length ? `显示 ${rows.length} / ${batch.entries.length} 个报告` : '';
}

function sortHeader(title, column) {
  const on = view.sort.column === column && view.sort.touched;
  return h('th', { scope: 'col', 'aria-sort': on ? (view.sort.dir > 0 ? 'ascending' : 'descending') : null },
    h('button', {
      type: 'button',
      class: 'sort',
      dataset: { column: String(column) },
      onclick: () => {
        view.sort = { column, dir: on ? -view.sort.dir : 1, touched: true };
        draw();
      },
    }, title, on ? (view.sort.dir > 0 ? ' ▲' : ' ▼') : ''));
}

function gridRow(entry, pairs) {
  const row = rowOf(entry);
  const tr = h('tr', { dataset: { id: String(entry.id), status: entry.status }, class: row?.[4] ? 'has-errors' : null });
  tr.append(h('th', { scope: 'row' }, entry.report
    ? h('button', { type: 'button', class: 'open-report', title: entry.source, onclick: () => openFullView(entry, nameOf(entry)) }, nameOf(entry))
    : h('span', { title: entry.source }, entry.source)));
  tr.append(h('td', null, entry.report ? lastSelect(entry, pairs) : ''));
  if (!row) {
    tr.append(h('td', { colspan: String(COLUMNS.length), class: entry.error ? 'failed' : 'waiting' },
      entry.error ?? '等待检查…'));
  } else {
    row.forEach((v, i) => {
      const text = v === null || v === undefined ? '' : String(v);
      tr.append(h('td', { class: typeof v === 'number' ? 'num' : null, dataset: { column: String(i) } }, text));
    });
  }
  tr.append(h('td', null, h('button', {
    type: 'button', class: 'remove', title: `移除 ${nameOf(entry)}`, 'aria-label': `移除 ${nameOf(entry)}`,
    onclick: () => {
      if (view.side === entry.id || pairs.get(view.side ?? -1) === entry.id) view.side = null;
      remove(entry.id);
    },
  }, '×')));
  return tr;
}

/**
 * The select naming a report's last-year counterpart (the automatic pairing,
 * or the user's): it holds only the current choice until it is focused, when
 * every other report is listed (fifty lists of fifty would slow the grid).
 */
function lastSelect(entry, pairs) {
  const current = pairs.get(entry.id);
  const option = (e) => h('option', { value: String(e.id) }, nameOf(e));
  const select = h('select', { class: 'last-year', 'aria-label': `${nameOf(entry)} 的上年报告` },
    h('option', { value: '' }, '（无）'),
    current === undefined ? null : option(byId(current)));
  /** @type {HTMLSelectElement} */ (select).value = current === undefined ? '' : String(current);
  const fillAll = () => {
    if (select.dataset.full) return;
    select.dataset.full = 'true';
    const others = batch.entries.filter((e) => e !== entry && e.status === 'done');
    select.replaceChildren(h('option', { value: '' }, '（无）'), ...others.map(option));
    /** @type {HTMLSelectElement} */ (select).value = current === undefined ? '' : String(current);
  };
  select.addEventListener('focus', fillAll);
  select.addEventListener('pointerdown', fillAll);
  select.addEventListener('change', () => {
    const v = /** @type {HTMLSelectElement} */ (select).value;
    setLast(entry.id, v === '' ? null : Number(v));
  });
  return select;
}

// ---- year over year ---------------------------------------------------------

function drawPairs() {
  const area = clear($('batch-pairs-list'));
  const pairs = [...pairing()].map(([id, last]) => ({ entry: byId(id), last: byId(last) }))
    .sort((a, b) => nameOf(a.entry).localeCompare(nameOf(b.entry), 'zh-CN'));
  $('batch-pairs').hidden = pairs.length === 0;
  for (const { entry, last } of pairs) {
    const c = batch.comparisons.get(entry.id);
    const block = h('article', { class: 'pair', dataset: { last: last.source, this: entry.source } },
      h('h4', null, `${nameOf(last)} → ${nameOf(entry)}`,
        h('button', { type: 'button', class: 'side-by-side', onclick: () => { view.side = entry.id; draw(); $('batch-side').scrollIntoView({ block: 'start' }); } }, '并排查看两年的表格')));
    if (!c || c.pending) block.append(h('p', { class: 'pending' }, '正在比较…'));
    else if (c.error) block.append(h('p', { class: 'failed' }, `无法比较：${c.error}`));
    else block.append(comparisonBody(c.comparison, entry, last));
    area.append(block);
  }
  if (batch.comparisonError) area.append(h('p', { class: 'failed' }, batch.comparisonError));
}

function comparisonBody(comparison, entry, last) {
  const out = h('div', { class: 'comparison', dataset: { done: 'true' } });
  if (!comparison.findings.length) out.append(h('p', { class: 'clean' }, '未发现跨年问题。'));
  const list = h('ul', { class: 'xyr-findings' });
  for (const f of comparison.findings) {
    const li = h('li', { class: `sev-${f.severity}`, dataset: { code: f.code } },
      h('span', { class: 'sev' }, SEV_NAMES[f.severity] ?? f.severity), ' ', h('code', null, f.code), ' ', f.message);
    if (f.repeated?.length) {
      li.append(h('ol', { class: 'repeated' }, f.repeated.map((r) => h('li', null,
        h('mark', { class: 'repeated-sentence', title: `与上年第 ${r.last.line} 行相同` }, slice(entry.text, r.this)),
        h('span', { class: 'where' }, `（本年第 ${r.this.line} 行 = 上年第 ${r.last.line} 行）`)))));
    }
    list.append(li);
  }
  if (comparison.findings.length) out.append(list);
  if (comparison.copied) {
    const { sentences, repeated, share } = comparison.copied;
    out.append(h('p', { class: 'copied' }, `正文与上年（${nameOf(last)}）相同的句子：${sentences} 句中 ${repeated} 句（${Math.round(share * 100)}%）`));
  }
  return out;
}

/** The text of a span (UTF-16 offsets, as the page's strings count). */
function slice(text, span) {
  const u = span.utf16 ?? span;
  return text.slice(u.start, u.end);
}

// ---- the two years' tables side by side -----------------------------------

const TABLES = [['active', '表一 主动公开'], ['applications', '表二 依申请公开'], ['review', '表三 行政复议、行政诉讼']];

/** What decides whether a cell changed: its number, else its text; `null` for no cell. */
const cellSig = (c) => (c ? (typeof c.value === 'number' ? `n${c.value}` : `t${c.text ?? ''}`) : null);

/** A table as rows: [[row key, cells]] (表三 is one row). */
function rowsOf(report, table) {
  const t = report?.tables?.[table];
  if (!t) return [];
  return Array.isArray(t) ? [['', t]] : Object.entries(t);
}

/**
 * The labels of a table's rows and columns in a report's format, from the
 * library's template description (the row keys when it is not at hand).
 */
function labelsFor(table, format) {
  const forms = templateDescription()?.formats ?? {};
  const order = [forms[format], forms['2021'], forms['2019']].filter(Boolean);
  const rows = new Map();
  let columns = [];
  for (const form of order.reverse()) {
    if (table === 'active') {
      for (const block of form.active ?? []) for (const r of block.rows ?? []) rows.set(r.key, r.label);
    } else if (table === 'applications') {
      for (const r of form.applications?.rows ?? []) {
        const path = r.path ?? [];
        rows.set(r.key, (path.length > 1 ? path.slice(1) : path).join(' · ') || r.key);
      }
      columns = form.applications?.columns ?? columns;
    } else {
      columns = (form.review?.groups ?? []).flatMap((g) => g.columns.map((c) => `${g.label}·${c}`));
    }
  }
  return { rows, columns };
}

function drawSide() {
  const box = $('batch-side');
  const entry = view.side === null ? null : byId(view.side);
  const lastId = entry ? pairing().get(entry.id) : undefined;
  const last = lastId === undefined ? null : byId(lastId);
  box.hidden = !entry || !last;
  const area = clear($('batch-side-area'));
  if (!entry || !last) return;
  $('batch-side-title').textContent = `${nameOf(last)} 与 ${nameOf(entry)} 的表格（有变化的单元格已标出）`;
  let changed = 0;
  for (const [table, title] of TABLES) {
    const [a, b] = [rowsOf(last.report, table), rowsOf(entry.report, table)];
    if (!a.length && !b.length) continue;
    const keys = [...new Set([...b.map(([k]) => k), ...a.map(([k]) => k)])];
    const mapA = new Map(a);
    const mapB = new Map(b);
    const width = Math.max(0, ...[...mapA.values(), ...mapB.values()].map((cells) => cells.length));
    const side = (map, which) => {
      const labels = labelsFor(table, (which === 'last' ? last : entry).report.template);
      return h('table', { class: 'side-table', dataset: { side: which } },
      h('caption', null, `${title} · ${which === 'last' ? nameOf(last) : nameOf(entry)}`),
      labels.columns.length === width ? h('thead', null, h('tr', null, h('td'),
        labels.columns.map((c) => h('th', { scope: 'col' }, c)))) : null,
      h('tbody', null, keys.map((key) => h('tr', null,
        h('th', { scope: 'row', title: key || null }, labels.rows.get(key) ?? (key || '—')),
        Array.from({ length: width }, (_, i) => {
          const [x, y] = [mapA.get(key)?.[i], mapB.get(key)?.[i]];
          const cell = map.get(key)?.[i];
          const diff = cellSig(x) !== cellSig(y);
          if (diff && which === 'this') changed++;
          return h('td', { class: diff ? 'changed' : null, dataset: { key: `${table}|${key}|${i}` } }, cell ? cell.text : '');
        })))));
    };
    area.append(h('section', { class: 'side-pair' }, h('h4', null, title), h('div', { class: 'side-tables' }, side(mapA, 'last'), side(mapB, 'this'))));
  }
  $('batch-side-note').textContent = `共 ${changed} 个单元格与上年不同。`;
}

$('batch-side-close').addEventListener('click', () => {
  view.side = null;
  draw();
});
