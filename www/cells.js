// The tables' cells: a tooltip with the findings of a cell, and clicking a
// cell (or Enter on it) selects its text.

import { h } from './dom.js';
import { expectedText, passes, focusFinding } from './findings.js';
import { selectSpan } from './selection.js';
import { $, SEV, state, view, ownKey, currentDoc } from './state.js';

/** @type {HTMLElement} */
let tip;

function showTip(td) {
  const findings = (state.byCell?.get(td.dataset.key ?? '') ?? []).filter(passes);
  if (!findings.length) return;
  tip.replaceChildren(...findings.map((d) => h('p', { class: `sev-${d.severity}` },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[d.severity].icon), ' ',
    h('code', null, d.code), ' ', d.message, expectedText(d) ? `（${expectedText(d)}）` : '')));
  tip.hidden = false;
  const box = td.getBoundingClientRect();
  // In the component the tip is fixed to the viewport; in the page it is on the page.
  const fixed = getComputedStyle(tip).position === 'fixed';
  const x = fixed ? 0 : window.scrollX;
  const y = fixed ? 0 : window.scrollY;
  const left = Math.min(x + box.left, x + document.documentElement.clientWidth - tip.offsetWidth - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${y + box.bottom + 6}px`;
  td.setAttribute('aria-describedby', 'tip');
}

function hideTip(td) {
  tip.hidden = true;
  td?.removeAttribute('aria-describedby');
}

/** Wires the tooltip and the cells' clicks (once the view is made, state.js). */
export function initCells() {
  tip = $('tip');
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
    if (event.key === 'Escape' && ownKey(event)) hideTip(null);
  });
}

/** Clicking a cell shows where it is in the text. */
function selectCell(td) {
  const report = currentDoc().report;
  if (!report) return;
  const [table, row, column] = (td.dataset.key ?? '').split('|');
  const rows = report.tables[table];
  const cells = table === 'review' ? rows : rows?.[row];
  const cell = cells?.[Number(column)];
  const keepFocus = view.root.activeElement === td;
  // Its first finding (among those shown) becomes the current one in the list.
  const d = (state.byCell.get(td.dataset.key ?? '') ?? []).find(passes);
  if (d) focusFinding(d, report.diagnostics.indexOf(d), { select: false });
  if (cell) selectSpan(cell.span);
  if (keepFocus) td.focus({ preventScroll: true });
}
