// The list of findings, grouped by rule (a long group folded: "DOC-BLANK · 143
// 处", its cells listed inside, the rule's explanation once), root causes first
// with the findings they explain under them (`explains` / `caused_by`), and
// its filters (severity, rule, table), which the tables' marks, the editor's
// marks, printing and every export follow. Choosing a finding marks its cells
// and selects its text; F8 / Shift+F8 go to the next / previous one.

import { h, clear } from './dom.js';
import { cellKey, cellName, template } from './tables.js';
import { selectSpan } from './selection.js';
import { $, $$, SEV, sevLabel, SEVERITIES, editor, hooks, input, state, view, ownKey, currentDoc } from './state.js';

/** A group with more findings than this starts folded. */
const FOLD_AT = 15;
const RANK = { error: 0, warning: 1, info: 2 };
const TABLES = ['active', 'applications', 'review'];

let marksTimer = 0;

export const filters = { severities: new Set(SEVERITIES), code: '', table: '' };

/** Whether a finding passes the filters. */
export function passes(d) {
  if (!filters.severities.has(d.severity)) return false;
  if (filters.code && d.code !== filters.code) return false;
  if (filters.table === 'none') return !d.cell;
  if (filters.table) return d.cell?.table === filters.table;
  return true;
}

/** Whether any filter is narrower than "everything". */
export const filtered = () => filters.severities.size < SEVERITIES.length || filters.code !== '' || filters.table !== '';

/** The index of the root finding that explains `d`, when there is one (and it is not `d`). */
function rootOf(report, d, i) {
  const r = d.caused_by;
  return Number.isInteger(r) && r !== i && r >= 0 && r < report.diagnostics.length ? r : null;
}

export function expectedText(d) {
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

const ruleTitle = (code) => state.rules.get(code)?.title ?? code;

function explanation(code) {
  const rule = state.rules.get(code);
  if (!rule) return null;
  const details = h('details', { class: 'rule' }, h('summary', null, `规则说明：${rule.title}`));
  details.addEventListener('toggle', () => {
    if (!details.open || details.childElementCount > 1) return;
    for (const para of rule.explanation.split(/\n\s*\n/)) details.append(h('p', null, para.trim()));
    if (rule.spec) details.append(h('p', { class: 'spec' }, `规范条目：${rule.spec}`));
  });
  return details;
}

function findingItem(report, d, index, consequences) {
  const li = h('li', {
    class: `finding sev-${d.severity}${consequences.length ? ' root' : ''}`,
    part: 'finding',
    dataset: {
      index: String(index), code: d.code, severity: d.severity,
      cell: d.cell ? cellKey(d.cell) : '',
      expected: d.expected === null ? '' : String(d.expected),
      actual: d.actual === null ? '' : String(d.actual),
    },
  },
  h('button', { type: 'button', class: 'go', onclick: () => focusFinding(d, index) },
    h('span', { class: 'icon', 'aria-label': sevLabel(d.severity) }, SEV[d.severity].icon),
    h('code', { class: 'code' }, d.code),
    h('span', { class: 'msg' }, d.message),
    d.origin === 'input' ? h('span', { class: 'tag' }, '文字无法读取') : null,
    consequences.length ? h('span', { class: 'tag root-tag' }, `根本原因 · 引起 ${consequences.length} 处`) : null),
  h('div', { class: 'meta' },
    expectedText(d) ? h('span', { class: 'ev' }, expectedText(d)) : null,
    h('span', { class: 'where' }, whereText(d))));
  if (consequences.length) {
    li.append(h('ol', { class: 'consequences', 'aria-label': '由此引起的问题' },
      consequences.map((j) => findingItem(report, report.diagnostics[j], j, []))));
  }
  return li;
}

/** Groups by rule: roots' groups first, then by severity, then by first appearance. */
function groupsOf(report) {
  const diagnostics = report.diagnostics;
  const under = new Map(); // root index → consequence indices
  diagnostics.forEach((d, i) => {
    const r = rootOf(report, d, i);
    if (r !== null && rootOf(report, diagnostics[r], r) === null) under.set(r, [...(under.get(r) ?? []), i]);
  });
  for (const [r, list] of under) {
    for (const j of diagnostics[r].explains ?? []) {
      if (Number.isInteger(j) && j !== r && j >= 0 && j < diagnostics.length && !list.includes(j)
        && rootOf(report, diagnostics[j], j) === null && !under.has(j)) list.push(j);
    }
    list.sort((a, b) => a - b);
  }
  const nested = new Set([...under.values()].flat());
  const groups = new Map();
  diagnostics.forEach((d, i) => {
    if (nested.has(i)) return;
    if (!groups.has(d.code)) groups.set(d.code, { code: d.code, items: [], roots: 0, rank: 3, first: i });
    const g = groups.get(d.code);
    g.items.push(i);
    if (under.has(i)) g.roots++;
    g.rank = Math.min(g.rank, RANK[d.severity] ?? 3);
  });
  for (const g of groups.values()) g.items.sort((a, b) => Number(under.has(b)) - Number(under.has(a)) || a - b);
  const list = [...groups.values()].sort((a, b) => Number(b.roots > 0) - Number(a.roots > 0) || a.rank - b.rank || a.first - b.first);
  return { list, under };
}

export function drawFindings(report) {
  const box = clear($('finding-groups'));
  const filterBox = $('filters');
  filterBox.hidden = !report;
  drawSectionNote(report);
  drawPdfNote(report);
  if (!report) {
    applyFilters();
    return;
  }
  const diagnostics = report.diagnostics;
  if (!diagnostics.length) box.append(h('p', { class: 'none' }, '没有发现问题。'));
  for (const s of SEVERITIES) {
    filterBox.querySelector(`[data-count="${s}"]`).textContent = String(diagnostics.filter((d) => d.severity === s).length);
  }
  const { list, under } = groupsOf(report);
  for (const g of list) {
    const sev = SEVERITIES[g.rank] ?? 'info';
    const total = g.items.length + g.items.reduce((n, i) => n + (under.get(i)?.length ?? 0), 0);
    const folded = total > FOLD_AT;
    const body = h('div', { class: 'group-body', id: `group-${g.code}` },
      explanation(g.code),
      h('ol', { class: 'finding-list' }, g.items.map((i) => findingItem(report, diagnostics[i], i, under.get(i) ?? []))));
    const toggle = h('button', { type: 'button', class: 'group-toggle', 'aria-expanded': String(!folded), 'aria-controls': body.id },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[sev].icon), ' ',
      h('code', { class: 'code' }, g.code), ' · ', h('span', { class: 'group-count' }, `${total} 处`), ' ',
      h('span', { class: 'group-title' }, ruleTitle(g.code)));
    const section = h('section', { class: `group sev-${sev}${folded ? ' folded' : ''}`, dataset: { code: g.code, total: String(total) } },
      h('h3', null, toggle), body);
    toggle.addEventListener('click', () => setFolded(section, !section.classList.contains('folded')));
    box.append(section);
  }
  drawFilterChoices(report);
  applyFilters();
}

function setFolded(section, folded) {
  section.classList.toggle('folded', folded);
  section.querySelector('.group-toggle')?.setAttribute('aria-expanded', String(!folded));
}

function drawFilterChoices(report) {
  const codes = new Map();
  const tables = new Map();
  for (const d of report.diagnostics) {
    codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
    const t = d.cell?.table ?? 'none';
    tables.set(t, (tables.get(t) ?? 0) + 1);
  }
  if (filters.code && !codes.has(filters.code)) filters.code = '';
  if (filters.table && !tables.has(filters.table)) filters.table = '';
  const byCode = /** @type {HTMLSelectElement} */ ($('code-filter'));
  byCode.replaceChildren(h('option', { value: '' }, '全部规则'),
    ...[...codes].sort((a, b) => a[0].localeCompare(b[0]))
      .map(([code, n]) => h('option', { value: code, selected: code === filters.code }, `${ruleTitle(code)}（${code}，${n}）`)));
  const byTable = /** @type {HTMLSelectElement} */ ($('table-filter'));
  const name = (t) => (t === 'none' ? '不涉及表格' : template()?.tables?.[t]?.name ?? t);
  byTable.replaceChildren(h('option', { value: '' }, '全部'),
    ...[...TABLES, 'none'].filter((t) => tables.has(t))
      .map((t) => h('option', { value: t, selected: t === filters.table }, `${name(t)}（${tables.get(t)}）`)));
}

/**
 * A PDF whose table cells were not all read (a number under no certain
 * column, unreadable text, a row with another number of cells): those cells
 * were not checked, and the same report as a Word file or a web page keeps
 * its table's cells, so it reads better.
 */
function drawPdfNote(report) {
  const note = $('pdf-note');
  const unread = (currentDoc()?.pdf && report?.diagnostics.filter((d) => d.origin === 'input' && d.cell).length) || 0;
  note.hidden = unread === 0;
  note.textContent = note.hidden ? ''
    : `这份 PDF 中有 ${unread} 处表格数字未能确定地读出（所在的列不确定或无法读成数字），相关的勾稽关系没有核对。同一报告的 Word 文件（.docx）或网页版保留了表格的单元格，用它们检查通常能读得更完整。`;
}

/** Tables pasted alone: the missing sections said once, as a note. */
function drawSectionNote(report) {
  const note = $('section-note');
  const missing = (report?.diagnostics ?? []).filter((d) => d.code === 'DOC-SECTIONS')
    .map((d) => /^缺少第(\d)部分「(.+)」$/.exec(d.message)).filter(Boolean);
  const hasTable = report && TABLES.some((t) => report.tables?.[t]);
  note.hidden = !(hasTable && missing.length >= 2);
  note.textContent = note.hidden ? ''
    : `这段文字只有统计表，缺少报告的 ${missing.length} 个章节（${missing.map((m) => `第${m[1]}部分「${m[2]}」`).join('、')}）。单独检查表格时，可不理会“${ruleTitle('DOC-SECTIONS')}”一组。`;
}

/** Applies the filters to the list, the tables' marks, the editor's marks and the print note. */
export function applyFilters() {
  const report = currentDoc()?.error ? null : currentDoc()?.report;
  for (const li of $$('#finding-groups li.finding')) {
    const el = /** @type {HTMLElement} */ (li);
    const d = report?.diagnostics[Number(el.dataset.index)];
    const own = Boolean(d && passes(d));
    const some = own || Array.from(el.querySelectorAll('li.finding'), (c) => report?.diagnostics[Number(/** @type {HTMLElement} */ (c).dataset.index)])
      .some((c) => c && passes(c));
    el.hidden = !some;
    el.classList.toggle('context', some && !own);
  }
  for (const section of $$('#finding-groups section.group')) {
    const el = /** @type {HTMLElement} */ (section);
    const shown = Array.from(el.querySelectorAll('li.finding'), (li) => report?.diagnostics[Number(/** @type {HTMLElement} */ (li).dataset.index)])
      .filter((d) => d && passes(d)).length;
    el.hidden = shown === 0;
    const count = el.querySelector('.group-count');
    if (count) count.textContent = shown === Number(el.dataset.total) ? `${shown} 处` : `${shown} / ${el.dataset.total} 处`;
  }
  markCells();
  const marks = [];
  for (const [i, d] of (report?.diagnostics ?? []).entries()) {
    if (d.span?.utf16 && passes(d)) {
      marks.push({ from: d.span.utf16.start, to: d.span.utf16.end, severity: d.severity, index: i, code: d.code, message: d.message });
    }
  }
  // The editor's marks in a task of their own: the editor then reads the page's
  // layout, which is better not done in the same task as drawing the tables.
  clearTimeout(marksTimer);
  marksTimer = setTimeout(() => editor.setMarks(marks), 0);
  for (const id of ['prev-finding', 'next-finding']) /** @type {HTMLButtonElement} */ ($(id)).disabled = !marks.length;
  const note = $('filter-note');
  note.hidden = !report || !filtered();
  note.textContent = note.hidden ? '' : `按筛选显示（打印和导出同此）：${[...filters.severities].map(sevLabel).join('、') || '无'}`
    + `${filters.code ? `；规则：${ruleTitle(filters.code)}` : ''}`
    + `${filters.table ? `；表格：${filters.table === 'none' ? '不涉及表格' : template()?.tables?.[filters.table]?.name ?? filters.table}` : ''}。`;
}

/** The tables' marks show only the findings that pass the filters. */
export function markCells() {
  for (const td of $$('#table-area td[data-key]')) {
    const el = /** @type {HTMLElement} */ (td);
    const found = (state.byCell.get(el.dataset.key ?? '') ?? []).filter(passes);
    // A finding another one explains (`caused_by`: a relation broken by the
    // cell a FIX-CELL names) does not mark its cell as wrong (tables.js).
    const own = found.filter((d) => d.caused_by == null);
    const worst = SEVERITIES.find((s) => own.some((d) => d.severity === s)) ?? null;
    for (const s of SEVERITIES) el.classList.toggle(`sev-${s}`, s === worst);
    el.classList.toggle('explained', !worst && found.length > 0);
    if (worst) el.dataset.sev = worst;
    else if (found.length) el.dataset.sev = 'explained';
    else delete el.dataset.sev;
  }
}

/** Marks a finding current: its item (its group unfolded, the list scrolled), its cells, its text. */
export function focusFinding(d, index, { select = true } = {}) {
  for (const el of $$('.current-finding, .cell.current, .cell.related')) {
    el.classList.remove('current-finding', 'current', 'related');
  }
  const li = /** @type {HTMLElement|null} */ (view.root.querySelector(`#finding-groups li.finding[data-index="${index}"]`));
  if (li) {
    li.classList.add('current-finding');
    const section = li.closest('section.group');
    if (section?.classList.contains('folded')) setFolded(section, false);
    scrollWithin($('finding-groups'), li);
  }
  for (const r of d.related ?? []) view.root.querySelector(`td[data-key="${CSS.escape(cellKey(r.cell))}"]`)?.classList.add('related');
  const td = d.cell ? /** @type {HTMLElement|null} */ (view.root.querySelector(`td[data-key="${CSS.escape(cellKey(d.cell))}"]`)) : null;
  if (td) {
    td.classList.add('current');
    const scroller = td.closest('.scroll');
    if (scroller instanceof HTMLElement) scrollWithin(scroller, td);
  }
  state.currentFinding = index;
  if (select) selectSpan(d.span);
  hooks.finding(d, index);
}

/** Scrolls a scrolling box (not the window) so that `el` is inside it. */
function scrollWithin(box, el) {
  const outer = box.getBoundingClientRect();
  const inner = el.getBoundingClientRect();
  if (box.scrollHeight > box.clientHeight && (inner.top < outer.top || inner.bottom > outer.bottom)) {
    box.scrollTop += inner.top - outer.top - box.clientHeight / 3;
  }
  if (box.scrollWidth > box.clientWidth && (inner.left < outer.left || inner.right > outer.right)) {
    box.scrollLeft += inner.left - outer.left - box.clientWidth / 3;
  }
}

// A mark clicked in the editor: its finding and its cell (the caret stays where it was put).
hooks.mark = (index) => {
  const d = currentDoc().report?.diagnostics[index];
  if (d) focusFinding(d, index, { select: false });
};

/** The next (dir 1) or previous (-1) finding in the text, from the caret, among those shown. */
function step(dir) {
  const report = currentDoc().report;
  if (!report || currentDoc().error) return;
  const list = report.diagnostics.map((d, i) => [d, i]).filter(([d]) => d.span?.utf16 && passes(d))
    .sort((a, b) => a[0].span.utf16.start - b[0].span.utf16.start || a[1] - b[1]);
  if (!list.length) return;
  let at = list.findIndex(([, i]) => i === state.currentFinding);
  const caret = input.selectionStart;
  if (at < 0 || list[at][0].span.utf16.start !== caret) {
    // From the caret: the first finding after it (or the last before it).
    at = dir > 0 ? list.findIndex(([d]) => d.span.utf16.start > caret) - 1 : list.findIndex(([d]) => d.span.utf16.start >= caret);
    if (dir > 0 && at === -2) at = list.length - 1;
    if (dir < 0 && at === -1) at = list.length;
  }
  const next = list[(at + dir + list.length) % list.length];
  focusFinding(next[0], next[1]);
}

/** Wires the filters, the buttons and F8 / Shift+F8 (once the view is made, state.js). */
export function initFindings() {
  hooks.next = step;
  for (const box of $$('input[name="sev"]')) {
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
  $('table-filter').addEventListener('change', (event) => {
    filters.table = /** @type {HTMLSelectElement} */ (event.target).value;
    applyFilters();
  });
  $('next-finding').addEventListener('click', () => step(1));
  $('prev-finding').addEventListener('click', () => step(-1));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'F8' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || !ownKey(event)) return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  });
}
