// <xxgk-checker>: the text box, the summary, the findings and the three
// tables in a shadow root, drawn by the same modules as the stand-alone page
// (view.js, summary.js, findings.js, tables.js, cells.js, grid.js, editor.js).
//
//   <xxgk-checker ignore="DOC-FEE" severity="review:warning" compact></xxgk-checker>
//
// Properties: `value` (the text), `config` ({select, ignore, severity}),
// `report` (read only), `summary`, `findings`, `tables`, `editor` (false
// hides that part), `compact`. Attributes: `select`, `ignore`, `severity`
// (lists separated by spaces or commas; severity as `selector:level`),
// `summary`/`findings`/`tables`/`editor`="false", `compact`, `columns` (the
// page's two columns), `value`. Slots: `before-text`, `label`, `tools`,
// `after-text`, `after-results` (the page puts its own controls there).
// Events: `xxgk-result` (detail: the report), `xxgk-finding` (detail:
// {finding, index, report}), both bubbling out of the shadow root.
//
// What checks the text is given with `XxgkChecker.use(checker)` before the
// element is connected: the page (app.js) gives its worker (checker.js) and
// then draws around the element (render.js); the package's element.js and
// embed-element.js give a checker in the main thread (`mainThreadChecker`).
// One <xxgk-checker> per document: the view's modules keep one view.

import { h } from './dom.js';
import { VIEW_CSS } from './view-css.js';
import { setTemplate } from './tables.js';
import { startView, runCheck, drawView, showStatus } from './view.js';
import { mountView, hooks, view, state, input, checker, currentDoc, pasted, updateBusy } from './state.js';

const PARTS = ['summary', 'findings', 'tables', 'editor'];
const LIST = (text) => String(text ?? '').split(/[\s,，]+/).filter(Boolean);

/**
 * A checker in the page's main thread, with the package's functions (a
 * typical report takes about a millisecond). `load` resolves once the
 * WebAssembly module is ready, to `{check, readDocument, rules, template, version}`.
 * @param {() => Promise<any>} load
 */
export function mainThreadChecker(load) {
  const self = {
    ready: false,
    /** @type {string|null} */
    failed: null,
    seq: 0,
    onready: (_msg) => {},
    onfail: (_message) => {},
    loaded: /** @type {Promise<any>} */ (Promise.resolve(null)),
    /** @param {Doc} doc @param {any} config */
    check(doc, config) {
      const want = ++self.seq;
      doc.want = want;
      return self.loaded.then((m) => {
        if (!m) throw new Error(self.failed ?? '检查程序未能加载');
        if (doc.want !== want) return null; // a newer check replaces this one
        const start = performance.now();
        const report = m.check(doc.text, { ...(config ?? {}), source: doc.source });
        return { report, ms: performance.now() - start, want };
      });
    },
    /** @param {ArrayBuffer} bytes @param {string} name */
    read(bytes, name) {
      return self.loaded.then((m) => m.readDocument(new Uint8Array(bytes), name).text);
    },
  };
  self.loaded = Promise.resolve().then(load).then((m) => {
    self.ready = true;
    self.onready({ version: m.version(), rules: m.rules(), template: m.template() });
    return m;
  }, (error) => {
    self.failed = `检查程序加载失败：${error?.message ?? error}`;
    self.onfail(self.failed);
    return null;
  });
  return self;
}

/**
 * The view's boxes, with the ids the view's modules draw into. Slots let a
 * page add its own controls (the stand-alone page: its list of open files,
 * its buttons, its rule list): `before-text`, `label`, `tools`, `after-text`,
 * `after-results`.
 */
function markup() {
  const sev = (s, label) => h('label', { class: `sev-${s}` },
    h('input', { type: 'checkbox', name: 'sev', value: s, checked: true }), ` ${label} `, h('span', { dataset: { count: s } }, '0'));
  return h('div', { class: 'view', part: 'view' },
    h('section', { class: 'left', 'aria-label': '报告文字' },
      h('slot', { name: 'before-text' }),
      h('div', { class: 'drop box', part: 'text' },
        h('slot', { name: 'label' }),
        h('div', { class: 'editor-tools' },
          h('button', { type: 'button', id: 'prev-finding', title: '上一个问题（Shift+F8）', disabled: true }, '↑ 上一个问题'),
          h('button', { type: 'button', id: 'next-finding', title: '下一个问题（F8）', disabled: true }, '↓ 下一个问题'),
          h('slot', { name: 'tools' })),
        h('div', { id: 'input', class: 'editor', part: 'editor' }),
        h('slot', { name: 'after-text' }),
        h('p', { id: 'status', role: 'status', part: 'status', dataset: { state: 'loading' } }, '正在加载检查程序…'))),
    h('main', { class: 'right' },
      h('section', { id: 'file-error', class: 'file-error box', role: 'alert', hidden: true }),
      h('section', { id: 'summary', class: 'box', part: 'summary', 'aria-labelledby': 'summary-title' },
        h('h2', { id: 'summary-title' }, '概况')),
      h('section', { id: 'findings', class: 'box', part: 'findings', 'aria-labelledby': 'findings-title', hidden: true },
        h('h2', { id: 'findings-title' }, '发现的问题'),
        h('div', { class: 'filters', id: 'filters', hidden: true },
          h('fieldset', null, h('legend', null, '按严重程度'), sev('error', '错误'), sev('warning', '警告'), sev('info', '提示')),
          h('label', null, '按规则 ', h('select', { id: 'code-filter' }, h('option', { value: '' }, '全部规则'))),
          h('label', null, '按表格 ', h('select', { id: 'table-filter' }, h('option', { value: '' }, '全部')))),
        h('p', { id: 'filter-note', class: 'filter-note', hidden: true }),
        h('p', { id: 'section-note', class: 'section-note', hidden: true }),
        h('p', { id: 'pdf-note', class: 'section-note', hidden: true }),
        h('div', { id: 'finding-groups' })),
      h('section', { id: 'tables', class: 'box', part: 'tables', 'aria-labelledby': 'tables-title', hidden: true },
        h('h2', { id: 'tables-title' }, '统计表'),
        h('p', { class: 'legend' },
          h('span', { class: 'cell-demo sev-error' }, '错误'), h('span', { class: 'cell-demo sev-warning' }, '警告'),
          h('span', { class: 'cell-demo sev-info' }, '提示'), h('span', { class: 'cell-demo blank' }), ' 空白',
          h('span', { class: 'cell-demo unreadable' }, h('s', null, '约5')), ' 无法读成数字',
          h('span', { class: 'cell-demo inferred' }, '35'), ' 由勾稽关系推断（原文数字连在一起）',
          ' · 鼠标悬停或用 Tab 键选中有标记的单元格可查看问题；点击单元格可在原文中找到它。'),
        h('div', { id: 'table-area' })),
      h('slot', { name: 'after-results' })),
    h('div', { id: 'tip', class: 'tip', role: 'tooltip', hidden: true }));
}

let defaultChecker = /** @type {(() => any)|null} */ (null);
/** @type {XxgkChecker|null} */
let mounted = null;
let sheet = /** @type {CSSStyleSheet|null} */ (null);

export class XxgkChecker extends HTMLElement {
  static observedAttributes = ['select', 'ignore', 'severity', 'value'];

  /**
   * What checks the texts of the element (made once, when it is first connected):
   * a function returning an object with checker.js's interface.
   * @param {() => any} make
   */
  static use(make) {
    defaultChecker = make;
  }

  constructor() {
    super();
    /** @type {any} */
    this._config = null;
    /** @type {string|null} */
    this._value = null;
    /** @type {any} */
    this._sent = null;
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(VIEW_CSS);
    }
    root.adoptedStyleSheets = [sheet];
    if (mounted || !defaultChecker) {
      root.append(h('p', { class: 'box', part: 'status' },
        mounted ? '一个页面只能有一个 <xxgk-checker>。' : '没有检查程序：请从 xxgk/element 引入此元素。'));
      return;
    }
    mounted = this;
    root.append(markup());
    mountView(root, defaultChecker(), this);
    view.config = () => this.config;
    hooks.render = () => this._render();
    hooks.docList = () => {};
    hooks.finding = (d, index) => this.dispatchEvent(new CustomEvent('xxgk-finding', {
      detail: { finding: d, index, report: currentDoc().report }, bubbles: true, composed: true,
    }));
    startView();
    checker.onready = (msg) => {
      setTemplate(msg.template);
      for (const rule of msg.rules) state.rules.set(rule.code, rule);
      if (pasted.text) runCheck(pasted);
      showStatus();
    };
    checker.onfail = () => showStatus();
    const text = this._value ?? this.getAttribute('value') ?? '';
    this._value = null;
    if (text) this.value = text;
    else this._render();
  }

  _render() {
    if (mounted !== this) return;
    const report = drawView();
    showStatus();
    this.announce(report);
  }

  /**
   * Fires `xxgk-result` for a report drawn once its check is up to date (once
   * per report); the page, which draws through its own render.js, calls it too.
   * @param {any} report
   */
  announce(report) {
    const doc = currentDoc();
    if (report && doc.shown === doc.want && report !== this._sent) {
      this._sent = report;
      this.dispatchEvent(new CustomEvent('xxgk-result', { detail: report, bubbles: true, composed: true }));
    }
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'value') {
      if (value !== null) this.value = value;
      return;
    }
    if (this._config === null) this._recheck();
  }

  /** The text being checked. */
  get value() {
    if (mounted === this) return input.value;
    return this._value ?? '';
  }

  set value(text) {
    const t = String(text ?? '').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    if (mounted !== this) {
      this._value = t;
      return;
    }
    pasted.text = t;
    pasted.error = null;
    if (input.value !== t) input.value = t;
    runCheck(pasted);
    updateBusy();
  }

  /** The current report (null before the first check). */
  get report() {
    return mounted === this ? currentDoc().report : null;
  }

  /**
   * The rule configuration: `{select, ignore, severity}`; when never set,
   * the `select`, `ignore` and `severity` attributes.
   */
  get config() {
    if (this._config) return this._config;
    /** @type {{select?: string[], ignore?: string[], severity?: Record<string, string>}} */
    const config = {};
    if (this.hasAttribute('select')) config.select = LIST(this.getAttribute('select'));
    if (this.hasAttribute('ignore')) config.ignore = LIST(this.getAttribute('ignore'));
    if (this.hasAttribute('severity')) {
      config.severity = Object.fromEntries(LIST(this.getAttribute('severity'))
        .map((item) => item.split(/[:=]/)).filter((pair) => pair.length === 2));
    }
    return config;
  }

  set config(value) {
    this._config = value && typeof value === 'object' ? { ...value } : null;
    this._recheck();
  }

  _recheck() {
    if (mounted === this && pasted.text) runCheck(pasted);
  }

  /** Whether the compact layout is on (the `compact` attribute). */
  get compact() { return this.hasAttribute('compact'); }
  set compact(on) { this.toggleAttribute('compact', Boolean(on)); }
}

// `summary`, `findings`, `tables`, `editor`: whether that part is shown (attribute "false" hides it).
for (const part of PARTS) {
  Object.defineProperty(XxgkChecker.prototype, part, {
    get() { return this.getAttribute(part) !== 'false'; },
    set(on) {
      if (on) this.removeAttribute(part);
      else this.setAttribute(part, 'false');
    },
  });
}

/** Defines <xxgk-checker> (once). */
export function define() {
  if (!customElements.get('xxgk-checker')) customElements.define('xxgk-checker', XxgkChecker);
}
