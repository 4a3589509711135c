// Drawing the current document (summary, findings, tables) and the list of
// open documents, and keeping what is shown in step with the checks.

import { h, clear } from './dom.js';
import { drawTables, cellKey } from './tables.js';
import { drawSummary } from './summary.js';
import { drawFindings, applyFilters, markCells } from './findings.js';
import { rovingCells } from './grid.js';
import { canAnnotateDocx } from './annotate.js';
import { save, updateShare } from './store.js';
import { $, SEVERITIES, input, state, checker, currentDoc, setStatus, updateBusy } from './state.js';

/** @param {Doc} doc */
export function runCheck(doc) {
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

/** Shows document `index`. */
export function select(index) {
  state.current = index;
  const doc = currentDoc();
  if (input.value !== doc.text) input.value = doc.text;
  render();
}

export function drawDocList() {
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

/** The drawing of tables under way: a newer render() replaces it. */
let tablesDrawn = 0;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Draws the tables after the summary and the findings, and puts them into the
 * page one per frame, so that building them and laying out each (the first
 * drawing of a page takes the longest) are tasks of their own, none holding up
 * the page for long. The page is busy until the last one is in.
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

export function render() {
  const doc = currentDoc();
  drawDocList();
  const fileError = $('file-error');
  fileError.hidden = !doc.error;
  fileError.textContent = doc.error ?? '';
  const report = doc.error ? null : doc.report;
  $('summary').hidden = Boolean(doc.error);
  $('findings').hidden = !report;
  $('tables').hidden = !report;
  for (const id of ['export-json', 'export-tables', 'export-layout', 'export-findings', 'export-annotated']) {
    /** @type {HTMLButtonElement} */ ($(id)).disabled = !report;
  }
  const docxButton = /** @type {HTMLButtonElement} */ ($('export-annotated-docx'));
  docxButton.hidden = !doc.docx;
  docxButton.disabled = !canAnnotateDocx(doc);
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
  document.body.classList.toggle('has-report', Boolean(report));
  updateShare();
  if (!doc.text || doc.shown === doc.want) save();
  if (checker.failed) setStatus('error', checker.failed);
  else if (doc.error) setStatus('error', doc.error);
  else if (report && doc.shown === doc.want) {
    setStatus('done', `检查完成，用时 ${doc.ms < 10 ? doc.ms.toFixed(1) : Math.round(doc.ms)} 毫秒。`);
  } else if (doc.text) setStatus(checker.ready ? 'checking' : 'loading', checker.ready ? '正在检查…' : '正在加载检查程序…');
  else if (checker.ready) setStatus('idle', '检查程序已就绪。');
  updateBusy();
}
