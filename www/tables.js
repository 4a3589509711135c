// Draws the three statistical tables the way the official templates print
// them (merged headers, the 3-column label area of table 2), from
// `report.tables` and `report.template`, and marks every cell that has a
// finding. Row keys and column orders are those of the JSON contract
// (docs/json.md).

import { h } from './dom.js';

/** @typedef {{text: string, value: number|null, unit: string|null, span: any}} Cell */
/** @typedef {{table: string, row: string|null, column: number}} CellRef */

export const TABLE_NAMES = { active: '表一', applications: '表二', review: '表三' };
export const TABLE_TITLES = {
  active: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  review: '四、政府信息公开行政复议、行政诉讼情况',
};

const HEAD_DOCS = ['本年新制作数量', '本年新公开数量', '对外公开总数量'];
const HEAD_ITEMS = ['上一年项目数量', '本年增/减', '处理决定数量'];
const DECISIONS = ['本年处理决定数量'];

/** Table 1 blocks of each format: caption, value-column headers, rows. */
const T1 = {
  2019: [
    { item: '（一）', head: HEAD_DOCS, rows: [['regulations', '规章'], ['normative_documents', '规范性文件']] },
    { item: '（五）', head: HEAD_ITEMS, rows: [['licensing', '行政许可'], ['other_services', '其他对外管理服务事项']] },
    { item: '（六）', head: HEAD_ITEMS, rows: [['penalty', '行政处罚'], ['enforcement', '行政强制']] },
    { item: '（八）', head: ['上一年项目数量', '本年增/减'], rows: [['fees', '行政事业性收费']] },
    { item: '（九）', head: ['采购项目数量', '采购总金额'], rows: [['procurement', '政府集中采购']] },
  ],
  2021: [
    { item: '（一）', head: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: [['regulations', '规章'], ['normative_documents', '行政规范性文件']] },
    { item: '（五）', head: DECISIONS, rows: [['licensing', '行政许可']] },
    { item: '（六）', head: DECISIONS, rows: [['penalty', '行政处罚'], ['enforcement', '行政强制']] },
    { item: '（八）', head: ['本年收费金额（单位：万元）'], rows: [['fees', '行政事业性收费']] },
  ],
};

const T1_LABELS = {
  regulations: '规章', normative_documents: '（行政）规范性文件', licensing: '行政许可',
  other_services: '其他对外管理服务事项', penalty: '行政处罚', enforcement: '行政强制',
  fees: '行政事业性收费', procurement: '政府集中采购',
};

export const T2_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

const RESULTS = '三、本年度办理结果';
const DENIED = '（三）不予公开';
const UNABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER = '（六）其他处理';
const SUBTOTAL = '小计（模板无此行）';

/** Table 2 rows: key and label path (level 1, 2, 3); `optional` rows are drawn only when found. */
function t2Rows(f2021) {
  const group = (key, label, items) => [
    { key, path: [RESULTS, label, SUBTOTAL], optional: true },
    ...items.map((text, i) => ({ key: `${key}.${i + 1}`, path: [RESULTS, label, text] })),
  ];
  return [
    { key: 'new', path: ['一、本年新收政府信息公开申请数量'] },
    { key: 'carried_over', path: ['二、上年结转政府信息公开申请数量'] },
    { key: 'granted', path: [RESULTS, '（一）予以公开'] },
    { key: 'partial', path: [RESULTS, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'] },
    ...group('denied', DENIED, ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”',
      '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']),
    ...group('unable', UNABLE, ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']),
    ...group('not_processed', NOT_PROCESSED, ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物',
      '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息']),
    ...(f2021
      ? group('other', OTHER, ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他'])
      : [{ key: 'other', path: [RESULTS, OTHER] }]),
    { key: 'total', path: [RESULTS, '（七）总计'] },
    { key: 'carried_forward', path: ['四、结转下年度继续办理'] },
  ];
}

const T3_GROUPS = ['行政复议', '未经复议直接起诉', '复议后起诉'];
const T3_RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
export const T3_COLUMNS = T3_GROUPS.flatMap((g) => T3_RESULTS.map((r) => `${g}·${r}`));

/** The key of a cell, as used in `data-key` attributes: `table|row|column`. */
export function cellKey(ref) {
  return `${ref.table}|${ref.row ?? ''}|${ref.column}`;
}

const has = (rows, key) => Boolean(rows && Object.prototype.hasOwnProperty.call(rows, key));
const len = (rows, key) => (has(rows, key) && Array.isArray(rows[key]) ? rows[key].length : 0);

/**
 * Which format each table 1 block and table 2 follow. For a report of one
 * format that format; for a hybrid (or undetermined) report each block is
 * decided from the keys and cell counts present (block （一）, the same size
 * in both, from its header words in `text`).
 */
export function layoutFor(report, text = '') {
  const template = report.template;
  const active = report.tables?.active ?? null;
  const apps = report.tables?.applications ?? null;
  let blocks;
  if (template === '2019' || template === '2021') {
    blocks = T1[template].map((b) => ({ ...b, format: template }));
  } else {
    const pick = (i, is2019) => ({ ...T1[is2019 ? 2019 : 2021][i], format: is2019 ? '2019' : '2021' });
    const b5 = has(active, 'other_services') || len(active, 'licensing') >= 3;
    const b6 = Math.max(len(active, 'penalty'), len(active, 'enforcement')) >= 3;
    const b8 = len(active, 'fees') >= 2;
    // Block (一) has three cells in both formats: its own header, just above
    // its first row in the text, tells them apart.
    const first = active?.regulations?.[0]?.span?.utf16 ?? active?.normative_documents?.[0]?.span?.utf16;
    const before = first && text ? text.slice(Math.max(0, first.start - 400), first.start) : '';
    const at = (word) => before.lastIndexOf(word);
    const header2019 = Math.max(at('本年新制作'), at('本年新公开'), at('对外公开总'));
    const header2021 = Math.max(at('本年制发'), at('本年废止'), at('现行有效'));
    const b1 = header2019 !== header2021 ? header2019 > header2021 : [b5, b6, b8].filter(Boolean).length >= 2;
    blocks = [pick(0, b1), pick(1, b5), pick(2, b6), pick(3, b8)];
    if (has(active, 'procurement')) blocks.push({ ...T1[2019][4], format: '2019' });
  }
  const otherItems = ['other.1', 'other.2', 'other.3'].some((k) => has(apps, k));
  const t2021 = template === '2021' || (template !== '2019' && (otherItems || !has(apps, 'other')));
  return { blocks, t2Rows: t2Rows(t2021) };
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
          ref: { table: 'active', row: key, column }, table: TABLE_NAMES.active, rowLabel: label,
          columnLabel: block.head[column] ?? `第${column + 1}列`, cell,
        }));
      }
    }
    for (const [key, cells] of Object.entries(active)) {
      if (seen.has(key)) continue;
      cells.forEach((cell, column) => out.push({
        ref: { table: 'active', row: key, column }, table: TABLE_NAMES.active,
        rowLabel: T1_LABELS[key] ?? key, columnLabel: `第${column + 1}列`, cell,
      }));
    }
  }
  const apps = report.tables?.applications;
  if (apps) {
    const labels = new Map(rows2.map((r) => [r.key, r.path.filter((p) => p !== RESULTS).join(' ')]));
    for (const [key, cells] of Object.entries(apps)) {
      cells.forEach((cell, column) => out.push({
        ref: { table: 'applications', row: key, column }, table: TABLE_NAMES.applications,
        rowLabel: labels.get(key) ?? key, columnLabel: T2_COLUMNS[column] ?? `第${column + 1}列`, cell,
      }));
    }
  }
  const review = report.tables?.review;
  if (review) {
    review.forEach((cell, column) => out.push({
      ref: { table: 'review', row: null, column }, table: TABLE_NAMES.review, rowLabel: '',
      columnLabel: T3_COLUMNS[column] ?? `第${column + 1}列`, cell,
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
  const ctx = { findingsByCell };
  frag.append(
    figure('active', report.tables?.active ? drawT1(report.tables.active, layout.blocks, ctx) : null),
    figure('applications', report.tables?.applications ? drawT2(report.tables.applications, layout.t2Rows, ctx) : null),
    figure('review', report.tables?.review ? drawT3(report.tables.review, ctx) : null),
  );
  return frag;
}

function figure(table, content) {
  return h('figure', { class: `table-figure t-${table}`, id: `table-${table}` },
    h('figcaption', null, h('strong', null, TABLE_NAMES[table]), ' ', TABLE_TITLES[table]),
    content ?? h('p', { class: 'no-table' }, '未读到这张表。'));
}

/** One value cell. */
function valueCell(table, row, column, cell, ctx, extra = {}) {
  const ref = { table, row, column };
  const key = cellKey(ref);
  const findings = ctx.findingsByCell.get(key) ?? [];
  const unreadableCode = findings.some((d) => d.code === 'CELL-UNREADABLE' || d.code === 'CELL-MERGED');
  const blank = cell.value === null && BLANK_TEXT.test(cell.text) && !unreadableCode;
  const unreadable = cell.value === null && !blank;
  const classes = ['cell'];
  if (blank) classes.push('blank');
  if (unreadable) classes.push('unreadable');
  let sev = null;
  if (findings.length) {
    sev = SEVERITY_ORDER.find((s) => findings.some((d) => d.severity === s)) ?? null;
    classes.push(`sev-${sev}`);
  }
  const td = h('td', {
    class: classes.join(' '),
    tabindex: findings.length || cell.span ? 0 : null,
    dataset: { key, ...(sev ? { sev } : {}) },
    ...extra,
  }, unreadable ? h('s', null, cell.text) : cell.text);
  return td;
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
    for (const key of extra) body.push(t1Row(active, key, T1_LABELS[key] ?? key, active[key].length, ctx));
  }
  return h('div', { class: 'scroll' }, h('table', { class: 'grid t1' },
    h('colgroup', null, h('col', { class: 'label-col' }), h('col'), h('col'), h('col')),
    h('tbody', null, body)));
}

function t1Row(active, key, label, expected, ctx) {
  const cells = active[key];
  const th = h('th', { scope: 'row' }, label);
  if (!Array.isArray(cells)) return h('tr', { class: 'row-missing', dataset: { row: key } }, th, missingRow(3, expected));
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
    h('tr', null, T2_COLUMNS.slice(1, 6).map((t) => h('th', { scope: 'col' }, t))),
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
      return h('tr', { class: 'row-missing', dataset: { row: row.key } }, labels, missingRow(7, 7));
    }
    if (cells.length !== 7) labels[labels.length - 1]?.append(oddMark(cells.length, 7));
    const tds = cells.map((cell, c) => valueCell('applications', row.key, c, cell, ctx));
    for (let c = cells.length; c < 7; c++) tds.push(h('td', { class: 'void' }));
    return h('tr', { class: cells.length !== 7 ? 'row-odd' : null, dataset: { row: row.key } }, labels, tds);
  });
  return h('div', { class: 'scroll' }, h('table', { class: 'grid t2' },
    h('colgroup', null, h('col', { class: 'l1' }), h('col', { class: 'l2' }), h('col', { class: 'l3' }),
      T2_COLUMNS.map(() => h('col', { class: 'num' }))),
    h('thead', null, head), h('tbody', null, body)));
}

function drawT3(review, ctx) {
  const head = [
    h('tr', null, h('th', { colspan: 5, scope: 'colgroup' }, '行政复议'), h('th', { colspan: 10, scope: 'colgroup' }, '行政诉讼')),
    h('tr', null, T3_RESULTS.map((t) => h('th', { rowspan: 2, scope: 'col' }, t)),
      h('th', { colspan: 5, scope: 'colgroup' }, '未经复议直接起诉'), h('th', { colspan: 5, scope: 'colgroup' }, '复议后起诉')),
    h('tr', null, [...T3_RESULTS, ...T3_RESULTS].map((t) => h('th', { scope: 'col' }, t))),
  ];
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
  const table = TABLE_NAMES[ref.table] ?? ref.table;
  const nth = `第${ref.column + 1}列`;
  if (ref.table === 'review') return { table, row: '', column: T3_COLUMNS[ref.column] ?? nth };
  const layout = layoutFor(report, text);
  if (ref.table === 'applications') {
    const row = layout.t2Rows.find((r) => r.key === ref.row);
    const label = row ? row.path.filter((p) => p !== RESULTS && p !== SUBTOTAL).slice(-2).join('') : ref.row ?? '';
    return { table, row: row?.path.includes(SUBTOTAL) ? `${label}小计` : label, column: T2_COLUMNS[ref.column] ?? nth };
  }
  for (const block of layout.blocks) {
    const found = block.rows.find(([key]) => key === ref.row);
    if (found) return { table, row: found[1], column: block.head[ref.column] ?? nth };
  }
  return { table, row: T1_LABELS[ref.row ?? ''] ?? ref.row ?? '', column: nth };
}
