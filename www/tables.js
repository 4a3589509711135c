// Draws the three statistical tables the way the official templates print
// them (merged headers, the 3-column label area of table 2), from
// `report.tables` and `report.template`, and marks every cell that has a
// finding. Row keys and column orders are those of the JSON contract
// (docs/json.md).

import { h } from './dom.js';

/** @typedef {{text: string, value: number|null, unit: string|null, span: any}} Cell */
/** @typedef {{table: string, row: string|null, column: number}} CellRef */

/**
 * The official forms as the library describes them (the wasm export
 * `template()`, handed over by the worker): `{formats: {"2019", "2021"},
 * templates, severities, tables}`. The page keeps no copy of its own.
 */
let T = null;

/** Sets the library's template description; call once before drawing. */
export function setTemplate(description) {
  T = description;
}

/** The library's template description (null before the worker is ready). */
export function template() {
  return T;
}

const tableName = (table) => T?.tables?.[table]?.name ?? table;
const tableTitle = (table) => T?.tables?.[table]?.title ?? '';
const form = (format) => T?.formats?.[format] ?? T?.formats?.['2021'];
const t2Columns = () => form('2021')?.applications.columns ?? [];
const t3Groups = () => form('2021')?.review.groups ?? [];
const t3Columns = () => t3Groups().flatMap((g) => g.columns.map((c) => `${g.label}·${c}`));
const t3Results = () => t3Groups()[0]?.columns ?? [];
/** The level-1 label that 表二's outcome rows share (三、本年度办理结果). */
const resultsLabel = (rows) => rows.find((r) => r.key === 'total')?.path[0];
/** A 表二 row's name for people: its last two levels (a group's subtotal: the group + 小计). */
function t2RowName(row, results) {
  const parts = (row.optional ? row.path.slice(0, -1) : row.path).filter((p) => p !== results);
  return `${parts.slice(-2).join('')}${row.optional ? '小计' : ''}`;
}

/** A 表一 row's label in any format (for rows found outside the report's blocks). */
function t1Label(key) {
  for (const format of ['2021', '2019']) {
    for (const block of form(format)?.active ?? []) {
      const row = block.rows.find((r) => r.key === key);
      if (row) return row.label;
    }
  }
  return key;
}

/** The key of a cell, as used in `data-key` attributes: `table|row|column`. */
export function cellKey(ref) {
  return `${ref.table}|${ref.row ?? ''}|${ref.column}`;
}

const has = (rows, key) => Boolean(rows && Object.prototype.hasOwnProperty.call(rows, key));
const len = (rows, key) => (has(rows, key) && Array.isArray(rows[key]) ? rows[key].length : 0);

/**
 * Which format each table 1 block and table 2 follow, as the library decided
 * (`report.layout`), with the blocks' and rows' labels from the template.
 * `text` is unused (kept for callers).
 */
export function layoutFor(report, text = '') {
  void text;
  const layout = report.layout ?? {};
  const blocks = (layout.active ?? []).map(({ item, format }) => {
    const block = form(format)?.active.find((b) => b.item === item);
    return block
      ? { item, format, head: block.columns, rows: block.rows.map((r) => [r.key, r.label]) }
      : { item, format, head: [], rows: [] };
  });
  const t2Rows = form(layout.applications ?? '2021')?.applications.rows ?? [];
  return { blocks, t2Rows };
}

/**
 * Every drawn cell with its labels, in table order (used by the CSV export).
 * @returns {Array<{ref: CellRef, table: string, rowLabel: string, columnLabel: string, cell: Cell}>}
 */
export function listCells(report, text = '') {
  const out = [];
  const { blocks, t2Rows: rows2 } = layoutFor(report, text);
  const active = report.tables?.active;
  if (active) {
    const seen = new Set();
    for (const block of blocks) {
      for (const [key, label] of block.rows) {
        seen.add(key);
        (active[key] ?? []).forEach((cell, column) => out.push({
          ref: { table: 'active', row: key, column }, table: tableName('active'), rowLabel: label,
          columnLabel: block.head[column] ?? `第${column + 1}列`, cell,
        }));
      }
    }
    for (const [key, cells] of Object.entries(active)) {
      if (seen.has(key)) continue;
      cells.forEach((cell, column) => out.push({
        ref: { table: 'active', row: key, column }, table: tableName('active'),
        rowLabel: t1Label(key), columnLabel: `第${column + 1}列`, cell,
      }));
    }
  }
  const apps = report.tables?.applications;
  if (apps) {
    const results = resultsLabel(rows2);
    const labels = new Map(rows2.map((r) => [r.key, r.path.filter((p) => p !== results).join(' ')]));
    for (const [key, cells] of Object.entries(apps)) {
      cells.forEach((cell, column) => out.push({
        ref: { table: 'applications', row: key, column }, table: tableName('applications'),
        rowLabel: labels.get(key) ?? key, columnLabel: t2Columns()[column] ?? `第${column + 1}列`, cell,
      }));
    }
  }
  const review = report.tables?.review;
  if (review) {
    review.forEach((cell, column) => out.push({
      ref: { table: 'review', row: null, column }, table: tableName('review'), rowLabel: '',
      columnLabel: t3Columns()[column] ?? `第${column + 1}列`, cell,
    }));
  }
  return out;
}

const BLANK_TEXT = /^[\s\-—–－/／\\无]*$/u;
const SEVERITY_ORDER = ['error', 'warning', 'info'];

/**
 * Draws the three tables.
 * @param {any} report
 * @param {Map<string, any[]>} findingsByCell cell key → diagnostics
 * @param {string} text the checked text
 * @returns {DocumentFragment}
 */
export function drawTables(report, findingsByCell, text) {
  const frag = document.createDocumentFragment();
  const layout = layoutFor(report, text);
  const ctx = { findingsByCell, unplaced: report.tables?.unplaced ?? [] };
  frag.append(
    figure('active', report.tables?.active ? drawT1(report.tables.active, layout.blocks, ctx) : null),
    figure('applications', report.tables?.applications ? drawT2(report.tables.applications, layout.t2Rows, ctx) : null),
    figure('review', report.tables?.review || ctx.unplaced.some((u) => u.table === 'review')
      ? drawT3(report.tables?.review ?? null, ctx) : null),
  );
  return frag;
}

function figure(table, content) {
  return h('figure', { class: `table-figure t-${table}`, id: `table-${table}` },
    h('figcaption', null, h('strong', null, tableName(table)), ' ', tableTitle(table)),
    content ?? h('p', { class: 'no-table' }, '未读到这张表。'));
}

/** Findings that make a cell unreadable rather than blank. */
const UNREADABLE_CODES = ['CELL-UNREADABLE', 'CELL-MERGED', 'CELL-SPLIT-AMBIGUOUS', 'CELL-SPLIT-NONE'];

/** One value cell. */
function valueCell(table, row, column, cell, ctx, extra = {}) {
  const ref = { table, row, column };
  const key = cellKey(ref);
  const findings = ctx.findingsByCell.get(key) ?? [];
  const unreadableCode = findings.some((d) => UNREADABLE_CODES.includes(d.code));
  const blank = cell.value === null && BLANK_TEXT.test(cell.text) && !unreadableCode;
  const unreadable = cell.value === null && !blank;
  const classes = ['cell'];
  if (blank) classes.push('blank');
  if (unreadable) classes.push('unreadable');
  // A value separated from digits that ran together, by the relations.
  const inferred = cell.inferred ?? [];
  if (inferred.length) classes.push('inferred');
  // A finding another one explains (`caused_by`: a relation broken by the
  // cell a FIX-CELL names) does not mark its cell as wrong; the cell keeps
  // its tooltip.
  const own = findings.filter((d) => d.caused_by == null);
  let sev = null;
  if (own.length) {
    sev = SEVERITY_ORDER.find((s) => own.some((d) => d.severity === s)) ?? null;
    classes.push(`sev-${sev}`);
  } else if (findings.length) {
    sev = 'explained';
    classes.push('explained');
  }
  const td = h('td', {
    class: classes.join(' '),
    tabindex: findings.length || cell.span ? 0 : null,
    dataset: { key, ...(sev ? { sev } : {}) },
    ...(inferred.length ? { title: `由勾稽关系推断：${inferred.join('、')}` } : {}),
    ...extra,
  }, unreadable ? h('s', null, cell.text) : cell.text);
  return td;
}

/** A row's numbers whose columns are not certain: one cell, in the order found. */
function unplacedRow(ctx, table, key, colspan) {
  const u = ctx.unplaced?.find((x) => x.table === table && x.row === key);
  if (!u) return null;
  const found = u.cells.map((c) => c.text).filter((t) => t !== '').join(' ');
  return h('td', { colspan, class: 'unplaced' }, `未能确定列：${found}`);
}

function missingRow(colspan, expected) {
  return h('td', { class: 'missing', colspan }, expected ? `未读到此行（应有 ${expected} 个数字）` : '未读到此行');
}

function oddMark(found, expected) {
  return h('span', { class: 'odd-mark', title: `本行读到 ${found} 个单元格，模板为 ${expected} 个` },
    `（读到 ${found} 格，应为 ${expected} 格）`);
}

function drawT1(active, blocks, ctx) {
  const body = [];
  const drawn = new Set();
  for (const block of blocks) {
    const n = block.head.length;
    body.push(h('tr', { class: 'caption-row' }, h('th', { colspan: 4, scope: 'colgroup' }, `第二十条第${block.item}项`)));
    body.push(h('tr', { class: 'head-row' },
      h('th', { scope: 'col' }, '信息内容'),
      n === 1
        ? h('th', { scope: 'col', colspan: 3 }, block.head[0])
        : [block.head.map((t) => h('th', { scope: 'col' }, t)), n < 3 ? h('th', { class: 'void' }) : null]));
    for (const [key, label] of block.rows) {
      drawn.add(key);
      body.push(t1Row(active, key, label, n, ctx));
    }
  }
  const extra = Object.keys(active).filter((k) => !drawn.has(k));
  if (extra.length) {
    body.push(h('tr', { class: 'caption-row' }, h('th', { colspan: 4 }, '模板格式之外读到的行')));
    for (const key of extra) body.push(t1Row(active, key, t1Label(key), active[key].length, ctx));
  }
  return h('div', { class: 'scroll' }, h('table', { class: 'grid t1' },
    h('colgroup', null, h('col', { class: 'label-col' }), h('col'), h('col'), h('col')),
    h('tbody', null, body)));
}

function t1Row(active, key, label, expected, ctx) {
  const cells = active[key];
  const th = h('th', { scope: 'row' }, label);
  if (!Array.isArray(cells)) {
    const u = unplacedRow(ctx, 'active', key, expected);
    if (u) return h('tr', { class: 'row-odd', dataset: { row: key } }, th, u);
    return h('tr', { class: 'row-missing', dataset: { row: key } }, th, missingRow(3, expected));
  }
  const odd = cells.length !== expected;
  if (odd) th.append(oddMark(cells.length, expected));
  const tds = cells.map((cell, i) => valueCell('active', key, i, cell,
    ctx, !odd && expected === 1 ? { colspan: 3 } : {}));
  const filled = !odd && expected === 1 ? 3 : cells.length;
  for (let i = filled; i < 3; i++) tds.push(h('td', { class: 'void' }));
  return h('tr', { class: odd ? 'row-odd' : null, dataset: { row: key } }, th, tds);
}

function drawT2(apps, layoutRows, ctx) {
  const rows = layoutRows.filter((r) => !r.optional || has(apps, r.key));
  const known = new Set(rows.map((r) => r.key));
  for (const key of Object.keys(apps)) {
    if (!known.has(key)) rows.push({ key, path: [`（模板无此行）${key}`] });
  }
  const head = [
    h('tr', null,
      h('th', { colspan: 3, rowspan: 3, class: 'corner' }, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'),
      h('th', { colspan: 7, scope: 'colgroup' }, '申请人情况')),
    h('tr', null,
      h('th', { rowspan: 2, scope: 'col' }, '自然人'),
      h('th', { colspan: 5, scope: 'colgroup' }, '法人或其他组织'),
      h('th', { rowspan: 2, scope: 'col' }, '总计')),
    h('tr', null, t2Columns().slice(1, 6).map((t) => h('th', { scope: 'col' }, t))),
  ];
  const body = rows.map((row, i) => {
    const labels = [];
    for (let level = 0; level < row.path.length; level++) {
      const prefix = row.path.slice(0, level + 1).join('\u0000');
      const prev = rows[i - 1];
      if (prev && prev.path.slice(0, level + 1).join('\u0000') === prefix) continue;
      let span = 1;
      while (rows[i + span] && rows[i + span].path.slice(0, level + 1).join('\u0000') === prefix) span++;
      const last = level === row.path.length - 1;
      labels.push(h('th', {
        scope: last ? 'row' : 'rowgroup',
        rowspan: span > 1 ? span : null,
        colspan: last && 3 - level > 1 ? 3 - level : null,
        class: `level-${level + 1}`,
      }, row.path[level]));
    }
    const cells = apps[row.key];
    if (!Array.isArray(cells)) {
      const u = unplacedRow(ctx, 'applications', row.key, 7);
      if (u) return h('tr', { class: 'row-odd', dataset: { row: row.key } }, labels, u);
      return h('tr', { class: 'row-missing', dataset: { row: row.key } }, labels, missingRow(7, 7));
    }
    if (cells.length !== 7) labels[labels.length - 1]?.append(oddMark(cells.length, 7));
    const tds = cells.map((cell, c) => valueCell('applications', row.key, c, cell, ctx));
    // The rest of the row's numbers read apart, their columns not certain.
    const rest = cells.length < 7 ? unplacedRow(ctx, 'applications', row.key, 7 - cells.length) : null;
    if (rest) tds.push(rest);
    else for (let c = cells.length; c < 7; c++) tds.push(h('td', { class: 'void' }));
    return h('tr', { class: cells.length !== 7 ? 'row-odd' : null, dataset: { row: row.key } }, labels, tds);
  });
  return h('div', { class: 'scroll' }, h('table', { class: 'grid t2' },
    h('colgroup', null, h('col', { class: 'l1' }), h('col', { class: 'l2' }), h('col', { class: 'l3' }),
      t2Columns().map(() => h('col', { class: 'num' }))),
    h('thead', null, head), h('tbody', null, body)));
}

function drawT3(review, ctx) {
  const head = [
    h('tr', null, h('th', { colspan: 5, scope: 'colgroup' }, t3Groups()[0]?.label), h('th', { colspan: 10, scope: 'colgroup' }, '行政诉讼')),
    h('tr', null, t3Results().map((t) => h('th', { rowspan: 2, scope: 'col' }, t)),
      t3Groups().slice(1).map((g) => h('th', { colspan: 5, scope: 'colgroup' }, g.label))),
    h('tr', null, [...t3Results(), ...t3Results()].map((t) => h('th', { scope: 'col' }, t))),
  ];
  if (!review) {
    // The numbers were read but their columns are not certain.
    const table = h('table', { class: 'grid t3' }, h('thead', null, head),
      h('tbody', null, h('tr', { class: 'row-odd', dataset: { row: '' } }, unplacedRow(ctx, 'review', null, 15))));
    return h('div', { class: 'scroll' }, table);
  }
  const tds = review.map((cell, c) => valueCell('review', null, c, cell, ctx));
  for (let c = review.length; c < 15; c++) tds.push(h('td', { class: 'void' }));
  const odd = review.length !== 15;
  const table = h('table', { class: 'grid t3' }, h('thead', null, head),
    h('tbody', null, h('tr', { class: odd ? 'row-odd' : null, dataset: { row: '' } }, tds)));
  return h('div', { class: 'scroll' }, odd ? oddMark(review.length, 15) : null, table);
}

/**
 * Names of a cell for people: `{table: '表二', row: '（七）总计', column: '自然人'}`.
 * @param {any} report
 * @param {CellRef} ref
 * @param {string} [text] the checked text
 */
export function cellName(report, ref, text = '') {
  const table = tableName(ref.table);
  const nth = `第${ref.column + 1}列`;
  if (ref.table === 'review') return { table, row: '', column: t3Columns()[ref.column] ?? nth };
  const layout = layoutFor(report, text);
  if (ref.table === 'applications') {
    const found = layout.t2Rows.find((r) => r.key === ref.row);
    return { table, row: found ? t2RowName(found, resultsLabel(layout.t2Rows)) : ref.row ?? '', column: t2Columns()[ref.column] ?? nth };
  }
  for (const block of layout.blocks) {
    const found = block.rows.find(([key]) => key === ref.row);
    if (found) return { table, row: found[1], column: block.head[ref.column] ?? nth };
  }
  return { table, row: ref.row ? t1Label(ref.row) : '', column: nth };
}
