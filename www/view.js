// The view of one document: its summary, its findings and the three tables,
// drawn into the view's root (the page's document or an `<xxgk-checker>`'s
// shadow root, state.js), and keeping what is shown in step with the checks.

import { clear } from './dom.js';
import { drawTables, cellKey } from './tables.js';
import { drawSummary } from './summary.js';
import { drawFindings, applyFilters, initFindings, markCells } from './findings.js';
import { rovingCells, initGrid } from './grid.js';
import { initCells } from './cells.js';
import { initInput } from './input.js';
import { $, hooks, input, state, view, checker, currentDoc, setStatus, updateBusy } from './state.js';

/** Wires the view's controls (once, after state.js's mountView). */
export function startView() {
  initFindings();
  initCells();
  initGrid();
  initInput();
}

/** @param {Doc} doc */
export function runCheck(doc) {
  if (!doc.text) {
    doc.report = null;
    doc.want = doc.shown = 0;
    if (doc === currentDoc()) hooks.render();
    return;
  }
  if (doc === currentDoc()) setStatus(checker.ready ? 'checking' : 'loading', checker.ready ? '正在检查…' : '正在加载检查程序…');
  checker.check(doc, view.config()).then((result) => {
    if (!result || result.want !== doc.want) return; // stale: a newer check is on its way
    doc.report = result.report;
    doc.ms = result.ms;
    doc.error = null;
    doc.shown = result.want;
    hooks.docList();
    if (doc === currentDoc()) hooks.render();
  }, (error) => {
    doc.error = `检查时出错：${error.message}`;
    doc.shown = doc.want;
    if (doc === currentDoc()) hooks.render();
  });
  updateBusy();
}

/** Shows document `index`. */
export function select(index) {
  state.current = index;
  const doc = currentDoc();
  if (input.value !== doc.text) input.value = doc.text;
  hooks.render();
}

/** The drawing of tables under way: a newer drawView() replaces it. */
let tablesDrawn = 0;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Draws the tables after the summary and the findings, and puts them into the
 * view one per frame, so that building them and laying out each (the first
 * drawing of a page takes the longest) are tasks of their own, none holding up
 * the page for long. The view is busy until the last one is in.
 * @param {HTMLElement} area
 * @param {(() => DocumentFragment)|null} draw
 */
async function drawTablesByFrames(area, draw) {
  const mine = ++tablesDrawn;
  state.drawing++;
  try {
    if (draw) await nextFrame();
    if (mine !== tablesDrawn) return;
    for (const [i, figure] of Array.from(draw?.().children ?? []).entries()) {
      if (i > 0) await nextFrame();
      if (mine !== tablesDrawn) return;
      area.append(figure);
    }
    rovingCells(area);
    markCells();
  } finally {
    state.drawing--;
    updateBusy();
  }
}

/** Draws the current document's summary, findings and tables (what `report` holds, or nothing). */
export function drawView() {
  const doc = currentDoc();
  const fileError = $('file-error');
  fileError.hidden = !doc.error;
  fileError.textContent = doc.error ?? '';
  const report = doc.error ? null : doc.report;
  $('summary').hidden = Boolean(doc.error);
  $('findings').hidden = !report;
  $('tables').hidden = !report;
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
  applyFilters();
  drawTablesByFrames(area, report ? () => drawTables(report, byCell, doc.text) : null);
  view.host?.toggleAttribute('data-report', Boolean(report));
  return report;
}

/** The status line for the current document. */
export function showStatus() {
  const doc = currentDoc();
  const report = doc.error ? null : doc.report;
  if (checker.failed) setStatus('error', checker.failed);
  else if (doc.error) setStatus('error', doc.error);
  else if (report && doc.shown === doc.want) {
    setStatus('done', `检查完成，用时 ${doc.ms < 10 ? doc.ms.toFixed(1) : Math.round(doc.ms)} 毫秒。`);
  } else if (doc.text) setStatus(checker.ready ? 'checking' : 'loading', checker.ready ? '正在检查…' : '正在加载检查程序…');
  else if (checker.ready) setStatus('idle', '检查程序已就绪。');
  updateBusy();
}
