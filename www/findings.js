// The list of findings, grouped by severity, with its filters; choosing a
// finding marks its cells and selects its text.

import { h, clear } from './dom.js';
import { cellKey, cellName } from './tables.js';
import { selectSpan } from './selection.js';
import { $, SEV, sevLabel, SEVERITIES, state, currentDoc } from './state.js';

const LIST_LIMIT = 300;

const filters = { severities: new Set(SEVERITIES), code: '' };

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
    h('span', { class: 'icon', 'aria-label': sevLabel(d.severity) }, SEV[d.severity].icon),
    h('code', { class: 'code' }, d.code),
    h('span', { class: 'msg' }, d.message),
    d.origin === 'input' ? h('span', { class: 'tag' }, '文字无法读取') : null),
  h('div', { class: 'meta' },
    expectedText(d) ? h('span', { class: 'ev' }, expectedText(d)) : null,
    h('span', { class: 'where' }, whereText(d))),
  explanation(d.code));
}

export function drawFindings(report) {
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
      h('h3', null, h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[s].icon), ` ${sevLabel(s)}（${items.length}）`), list);
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
