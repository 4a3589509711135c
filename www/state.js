// What the page's modules share: the open documents, the checker, the text box
// and the status line.
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
/** @typedef {{id: number, name: string, source: string, text: string, report: Report|null, docx?: {bytes: ArrayBuffer, text: string},
 *   error: string|null, ms: number|null, want: number, shown: number, failed?: boolean, pdf?: boolean}} Doc */

import { Checker } from './checker.js';
import { createEditor } from './editor.js';
import { template } from './tables.js';

/** The icon of each severity; its name comes from the library (`sevLabel`). */
export const SEV = {
  error: { icon: '✖' },
  warning: { icon: '▲' },
  info: { icon: 'ℹ' },
};

/** A severity's display name (错误, 警告, 提示), from the library's template description. */
export const sevLabel = (s) => template()?.severities?.[s] ?? s;
export const SEVERITIES = /** @type {const} */ (['error', 'warning', 'info']);

export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/**
 * What the editor calls back: set by input.js (an edit) and findings.js (a
 * mark clicked, F8 / Shift+F8), which import this module.
 */
export const hooks = { edit: () => {}, mark: (_index) => {}, next: (_dir) => {} };

/** The report's text (editor.js); `input` is its host element, with a textarea's `value` and selection. */
export const editor = createEditor($('input'), {
  label: '报告全文',
  placeholder: '粘贴政府信息公开工作年度报告全文……',
  onEdit: () => hooks.edit(),
  onMark: (index) => hooks.mark(index),
  onNext: (dir) => hooks.next(dir),
});
export const input = /** @type {HTMLElement & {value: string, selectionStart: number, selectionEnd: number}} */ ($('input'));
const status = $('status');

/** `drawing`: the tables of a result are still being drawn (render.js draws them one per frame).
 * @type {{docs: Doc[], current: number, rules: Map<string, any>, nextDoc: number, loading: number, saving: number,
 *   drawing: number, byCell: Map<string, Diagnostic[]>, currentFinding: number}} */
export const state = {
  docs: [], current: 0, rules: new Map(), nextDoc: 1, loading: 0, saving: 0, drawing: 0, byCell: new Map(), currentFinding: -1,
};

export const checker = new Checker();

export function setStatus(kind, text) {
  status.dataset.state = kind;
  status.textContent = text;
}

export function currentDoc() {
  return state.docs[state.current];
}

/** `data-busy` tells tests (and styles) whether what is shown is up to date. */
export function updateBusy() {
  const doc = currentDoc();
  const busy = !checker.ready || state.loading > 0 || state.saving > 0 || state.drawing > 0
    || (doc && !doc.error && (doc.want === -1 || (doc.text !== '' && doc.shown !== doc.want)));
  document.body.dataset.busy = String(Boolean(busy) && status.dataset.state !== 'error');
}

export function newDoc(name, source, text) {
  /** @type {Doc} */
  const doc = { id: state.nextDoc++, name, source, text, report: null, error: null, ms: null, want: 0, shown: 0 };
  state.docs.push(doc);
  return doc;
}

export const pasted = newDoc('粘贴的文字', '-', '');
