// Keyboard use of the tables (the grid pattern): one tab stop per table, the
// arrow keys (and Home / End) move between its cells, Enter selects a cell's
// text (cells.js).

import { $ } from './state.js';

/** Gives each table one tab stop: its first focusable cell (or the one last focused). */
export function rovingCells(area) {
  for (const table of area.querySelectorAll('table')) {
    const cells = Array.from(table.querySelectorAll('td[tabindex]'));
    cells.forEach((td, i) => td.setAttribute('tabindex', i === 0 ? '0' : '-1'));
  }
}

function centre(el) {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, r };
}

/** The cell next to `td` in a direction: the nearest one whose centre lies that way. */
function neighbour(td, key) {
  const table = td.closest('table');
  if (!table) return null;
  const cells = /** @type {HTMLElement[]} */ (Array.from(table.querySelectorAll('td[tabindex]')));
  if (key === 'Home') return cells[0];
  if (key === 'End') return cells[cells.length - 1];
  const from = centre(td);
  let best = null;
  let bestScore = Infinity;
  for (const other of cells) {
    if (other === td) continue;
    const c = centre(other);
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    let along;
    let across;
    if (key === 'ArrowRight') [along, across] = [dx, dy];
    else if (key === 'ArrowLeft') [along, across] = [-dx, dy];
    else if (key === 'ArrowDown') [along, across] = [dy, dx];
    else [along, across] = [-dy, dx];
    if (along <= 1) continue;
    const score = along + Math.abs(across) * 4;
    if (score < bestScore) [best, bestScore] = [other, score];
  }
  return best;
}

/** Wires the arrow keys (once the view is made, state.js). */
export function initGrid() {
  $('table-area').addEventListener('keydown', (event) => {
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    const td = /** @type {Element} */ (event.target).closest?.('td[tabindex]');
    if (!(td instanceof HTMLElement)) return;
    const next = neighbour(td, event.key);
    if (!next) return;
    event.preventDefault();
    td.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });
}
