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

/**
 * Where the view is drawn: the page's document, or the shadow root of an
 * `<xxgk-checker>` (component.js). `busy` is the element whose `data-busy`
 * tells tests (and styles) whether what is shown is up to date; `config`
 * gives the rule configuration the checks use (`{select, ignore, severity}`);
 * `page`: the element is the page's whole view (F8 and Escape work anywhere on
 * the page, not only inside it; the window is never scrolled to the text box).
 * @type {{root: Document|ShadowRoot, busy: HTMLElement, host: HTMLElement|null, config: () => any, page: boolean}}
 */
export const view = { root: document, busy: /** @type {any} */ (null), host: null, config: () => null, page: false };

/** Whether a key pressed belongs to the view (see `page`). */
export const ownKey = (event) => view.page || !view.host || event.composedPath().includes(view.host);

/** An element of the view, or else of the page (a page's own controls, given to an element's slots). */
export const $ = (id) => /** @type {HTMLElement} */ (view.root.getElementById(id) ?? document.getElementById(id));
/** Every element of the view that matches a selector. */
export const $$ = (selector) => view.root.querySelectorAll(selector);
/**
 * What the editor calls back: set by input.js (an edit) and findings.js (a
 * mark clicked, F8 / Shift+F8); `render` and `docList` redraw what is shown
 * (view.js for the component, render.js for the page).
 */
export const hooks = {
  edit: () => {}, mark: (_index) => {}, next: (_dir) => {},
  render: () => {}, docList: () => {},
  /** A finding was chosen (the component's `xxgk-finding` event). */
  finding: (_d, _index) => {},
};

/** The report's text (editor.js); `input` is its host element, with a textarea's `value` and selection. */
export let editor = /** @type {ReturnType<typeof createEditor>} */ (/** @type {any} */ (null));
export let input = /** @type {HTMLElement & {value: string, selectionStart: number, selectionEnd: number}} */ (/** @type {any} */ (null));
let status = /** @type {HTMLElement} */ (/** @type {any} */ (null));

/**
 * What checks the texts: the page's worker (checker.js) or the component's
 * checker in the page's main thread (component.js). The interface of
 * checker.js: `ready`, `failed`, `check(doc)`, `read(bytes, name)`, `onready`, `onfail`.
 * @type {any}
 */
export let checker = null;

/**
 * Makes the view in `root` (which holds the elements the view modules draw
 * into: #input, #status, #summary, #findings, #tables, …), with `theChecker`.
 * @param {Document|ShadowRoot} root
 * @param {any} theChecker
 * @param {HTMLElement} busy
 */
export function mountView(root, theChecker, busy) {
  view.root = root;
  view.busy = busy;
  view.host = root instanceof ShadowRoot ? /** @type {HTMLElement} */ (root.host) : null;
  checker = theChecker;
  status = $('status');
  editor = createEditor($('input'), {
    label: '报告全文',
    placeholder: '粘贴政府信息公开工作年度报告全文……',
    onEdit: () => hooks.edit(),
    onMark: (index) => hooks.mark(index),
    onNext: (dir) => hooks.next(dir),
  });
  input = /** @type {any} */ ($('input'));
}

/** `drawing`: the tables of a result are still being drawn (render.js draws them one per frame).
 * @type {{docs: Doc[], current: number, rules: Map<string, any>, nextDoc: number, loading: number, saving: number,
 *   drawing: number, byCell: Map<string, Diagnostic[]>, currentFinding: number}} */
export const state = {
  docs: [], current: 0, rules: new Map(), nextDoc: 1, loading: 0, saving: 0, drawing: 0, byCell: new Map(), currentFinding: -1,
};

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
  const busy = !checker?.ready || state.loading > 0 || state.saving > 0 || state.drawing > 0
    || (doc && !doc.error && (doc.want === -1 || (doc.text !== '' && doc.shown !== doc.want)));
  if (view.busy) view.busy.dataset.busy = String(Boolean(busy) && status.dataset.state !== 'error');
}

export function newDoc(name, source, text) {
  /** @type {Doc} */
  const doc = { id: state.nextDoc++, name, source, text, report: null, error: null, ms: null, want: 0, shown: 0 };
  state.docs.push(doc);
  return doc;
}

export const pasted = newDoc('粘贴的文字', '-', '');
