// The report's text as an editor (CodeMirror 6, vendor/codemirror.js): it
// draws only the lines in view, so a 5 MB paste stays responsive. Every
// finding is marked at its characters (underlined by severity, a gutter mark
// on its line, its message on hover); a finding with an empty span (a blank
// cell) gets a small box where the cell would be.
//
// The editor lives in a shadow root of #input: there CodeMirror's styles go
// into a constructed style sheet (adoptedStyleSheets), which the page's
// Content-Security-Policy (style-src 'self', no inline styles) allows; in the
// document itself it would add <style> elements, which that policy blocks.
//
// The host element (#input) keeps the part of a textarea's interface the
// page uses: `value`, `selectionStart`, `selectionEnd`, `setSelectionRange()`,
// `focus()`. Setting `value` replaces the text without an input event (as a
// textarea does); edits made in the editor call `onEdit`.

import {
  EditorState, StateField, StateEffect, RangeSetBuilder, EditorView, Decoration, WidgetType, gutter,
  GutterMarker, hoverTooltip, keymap, lineNumbers, drawSelection, history, defaultKeymap, historyKeymap,
  search, searchKeymap, highlightActiveLine, placeholder,
} from './vendor/codemirror.js';

const RANK = { error: 0, warning: 1, info: 2 };
/** The longest piece of a paste put in at once (characters). */
const CHUNK = 64 * 1024;
const C = { error: '#b3261e', errorBg: '#fdecea', warning: '#8a5300', warningBg: '#fff3dc', info: '#1a5fb4', infoBg: '#e7effa' };

/** The editor's look (severity never by colour alone: wavy, dashed, dotted; ✖ ▲ ℹ). */
const theme = EditorView.theme({
  '&': { flex: '1', minWidth: '0', height: '100%', font: '14px/1.65 "WenQuanYi Micro Hei Mono", "Consolas", monospace', color: '#1d2128', background: '#fff' },
  '&.cm-focused': { outline: '3px solid #f5b700', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: 'inherit', overflow: 'auto' },
  '.cm-gutters': { background: '#f5f6f8', color: '#4d5560', borderRight: '1px solid #c5cbd3' },
  '.cm-placeholder': { color: '#5b636d' },
  // The selection (a finding's characters) stands out, focused or not.
  '.cm-selectionLayer .cm-selectionBackground': { background: '#ffd54f !important' },
  '.cm-activeLine': { backgroundColor: '#f3f6fa' },
  '.cm-finding': { textDecorationLine: 'underline', textDecorationThickness: '2px', textUnderlineOffset: '3px', cursor: 'pointer' },
  '.cm-finding.sev-error': { textDecorationStyle: 'wavy', textDecorationColor: C.error, background: 'rgba(179, 38, 30, .08)' },
  '.cm-finding.sev-warning': { textDecorationStyle: 'dashed', textDecorationColor: C.warning, background: 'rgba(138, 83, 0, .08)' },
  '.cm-finding.sev-info': { textDecorationStyle: 'dotted', textDecorationColor: C.info },
  '.cm-blank-mark': {
    display: 'inline-block', minWidth: '1.4em', margin: '0 .15em', textAlign: 'center', cursor: 'pointer',
    border: '2px solid', borderRadius: '3px', lineHeight: '1.1', fontSize: '.85em',
  },
  '.cm-blank-mark.sev-error': { color: C.error, background: C.errorBg, borderStyle: 'solid' },
  '.cm-blank-mark.sev-warning': { color: C.warning, background: C.warningBg, borderStyle: 'dashed' },
  '.cm-blank-mark.sev-info': { color: C.info, background: C.infoBg, borderStyle: 'dotted' },
  '.cm-finding-gutter .cm-gutterElement': { padding: '0 3px', minWidth: '1.3em', textAlign: 'center' },
  '.cm-line-mark': { fontSize: '.8em' },
  '.cm-line-mark.sev-error': { color: C.error },
  '.cm-line-mark.sev-warning': { color: C.warning },
  '.cm-line-mark.sev-info': { color: C.info },
  '.cm-tooltip': { border: '0', background: 'transparent' },
  '.cm-finding-tip': { maxWidth: '28rem', padding: '.35rem .6rem', fontSize: '.82rem', background: '#1f252d', color: '#fff', borderRadius: '5px' },
  '.cm-finding-tip p': { margin: '.1rem 0' },
  '.cm-finding-tip .sev-error .icon': { color: '#ff8a80' },
  '.cm-finding-tip .sev-warning .icon': { color: '#ffcc80' },
  '.cm-finding-tip .sev-info .icon': { color: '#90caf9' },
  '.cm-finding-tip code': { fontWeight: '600' },
});
const ICON = { error: '✖', warning: '▲', info: 'ℹ' };

/** @typedef {{from: number, to: number, severity: string, index: number, code: string, message: string}} Mark */

const setMarks = StateEffect.define();

class BlankWidget extends WidgetType {
  constructor(mark) {
    super();
    this.mark = mark;
  }
  eq(other) { return other.mark.index === this.mark.index && other.mark.severity === this.mark.severity; }
  toDOM() {
    const span = document.createElement('span');
    span.className = `cm-blank-mark sev-${this.mark.severity}`;
    span.dataset.index = String(this.mark.index);
    span.setAttribute('aria-label', `${this.mark.code}：${this.mark.message}`);
    span.textContent = '□';
    return span;
  }
  ignoreEvent() { return false; }
}

class LineMark extends GutterMarker {
  constructor(severity, title) {
    super();
    this.severity = severity;
    this.title = title;
  }
  eq(other) { return other.severity === this.severity && other.title === this.title; }
  toDOM() {
    const span = document.createElement('span');
    span.className = `cm-line-mark sev-${this.severity}`;
    span.textContent = ICON[this.severity] ?? '•';
    span.title = this.title;
    return span;
  }
}

/** The marks, their decorations and their gutter marks, kept in step with edits. */
const marksField = StateField.define({
  create: () => ({ marks: /** @type {Mark[]} */ ([]), deco: Decoration.none, lines: RangeSetEmpty() }),
  update(value, tr) {
    let next = value;
    if (tr.docChanged) next = { marks: value.marks, deco: value.deco.map(tr.changes), lines: value.lines.map(tr.changes) };
    for (const effect of tr.effects) if (effect.is(setMarks)) next = build(effect.value, tr.state);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, (v) => v.deco),
});

function RangeSetEmpty() {
  return new RangeSetBuilder().finish();
}

/** @param {Mark[]} marks */
function build(marks, state) {
  const length = state.doc.length;
  const ranges = [];
  const perLine = new Map();
  for (const m of marks) {
    const from = Math.max(0, Math.min(m.from, length));
    const to = Math.max(from, Math.min(m.to, length));
    const attributes = { 'data-index': String(m.index) };
    if (to > from) {
      ranges.push(Decoration.mark({ class: `cm-finding sev-${m.severity}`, attributes }).range(from, to));
    } else {
      ranges.push(Decoration.widget({ widget: new BlankWidget(m), side: 1 }).range(from));
    }
    const line = state.doc.lineAt(from).from;
    const seen = perLine.get(line) ?? [];
    seen.push(m);
    perLine.set(line, seen);
  }
  const lines = new RangeSetBuilder();
  for (const line of [...perLine.keys()].sort((a, b) => a - b)) {
    const list = perLine.get(line);
    const worst = list.reduce((w, m) => (RANK[m.severity] < RANK[w] ? m.severity : w), 'info');
    lines.add(line, line, new LineMark(worst, list.map((m) => `${m.code} ${m.message}`).join('\n')));
  }
  return { marks, deco: Decoration.set(ranges, true), lines: lines.finish() };
}

/** The marks at a position (hover, click). */
function marksAt(state, pos) {
  const { marks } = state.field(marksField);
  return marks.filter((m) => (m.from === m.to ? m.from === pos : m.from <= pos && pos <= m.to));
}

const findingGutter = gutter({
  class: 'cm-finding-gutter',
  markers: (view) => view.state.field(marksField).lines,
});

const hover = hoverTooltip((view, pos) => {
  const found = marksAt(view.state, pos);
  if (!found.length) return null;
  return {
    pos: Math.min(...found.map((m) => m.from)),
    end: Math.max(...found.map((m) => m.to)),
    above: false,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-finding-tip';
      for (const m of found) {
        const p = document.createElement('p');
        p.className = `sev-${m.severity}`;
        const icon = document.createElement('span');
        icon.className = 'icon';
        icon.setAttribute('aria-hidden', 'true');
        icon.textContent = ICON[m.severity] ?? '';
        const code = document.createElement('code');
        code.textContent = m.code;
        p.append(icon, ' ', code, ' ', m.message);
        dom.append(p);
      }
      return { dom };
    },
  };
}, { hoverTime: 200 });

/**
 * Makes the editor inside `host`.
 * @param {HTMLElement} host
 * @param {{label: string, placeholder: string, onEdit: () => void, onMark: (index: number) => void,
 *   onNext: (dir: 1|-1) => void, onDropFiles?: (e: DragEvent) => boolean}} options
 */
export function createEditor(host, options) {
  const extensions = [
    lineNumbers(),
    findingGutter,
    history(),
    drawSelection(),
    highlightActiveLine(),
    search({ top: true }),
    placeholder(options.placeholder),
    EditorView.lineWrapping,
    marksField,
    hover,
    keymap.of([
      { key: 'F8', run: () => { options.onNext(1); return true; }, shift: () => { options.onNext(-1); return true; } },
      ...defaultKeymap, ...historyKeymap, ...searchKeymap,
    ]),
    theme,
    EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onEdit();
    }),
    EditorView.domEventHandlers({
      click(event) {
        const target = /** @type {Element} */ (event.target);
        const el = target.closest?.('[data-index]');
        if (el instanceof HTMLElement) options.onMark(Number(el.dataset.index));
        return false;
      },
      // Files dropped on the text are opened by the page, not inserted.
      drop: (event) => Boolean(event.dataTransfer?.files?.length),
      dragover: (event) => Boolean(event.dataTransfer?.types?.includes('Files')),
    }),
  ];
  const fresh = (doc) => EditorState.create({ doc, extensions });
  const root = host.attachShadow({ mode: 'open' });
  const view = new EditorView({ state: fresh(''), parent: root, root });
  let marks = /** @type {Mark[]} */ ([]);

  const api = {
    view,
    get value() { return view.state.doc.toString(); },
    set value(text) {
      if (text === view.state.doc.toString()) return;
      // A new text (another document, a file, the sample): a fresh history too.
      view.setState(fresh(text));
      if (marks.length) api.setMarks(marks);
    },
    get length() { return view.state.doc.length; },
    get selectionStart() { return view.state.selection.main.from; },
    get selectionEnd() { return view.state.selection.main.to; },
    setSelectionRange(start, end) {
      view.dispatch({ selection: { anchor: clamp(start), head: clamp(end) } });
    },
    /**
     * Replaces a range as a paste does: undoable (as one step), the caret
     * after it, checked again. A long text goes in by pieces of about
     * CHUNK characters, one per task, so that the page never stops answering
     * (splitting 5 MB into lines at once takes longer than a frame).
     */
    async insert(text, from, to) {
      let at = clamp(from);
      let end = clamp(to);
      const start = at;
      let rest = text;
      let first = true;
      // Not in the paste event's own task, which has already read the clipboard.
      if (rest.length > CHUNK) await new Promise((resolve) => setTimeout(resolve, 0));
      while (first || rest) {
        let cut = rest.length;
        // Of a long text, the first piece is what is drawn at once: a small one.
        const size = first && text.length > CHUNK ? CHUNK / 8 : CHUNK;
        if (cut > size) {
          const nl = rest.lastIndexOf('\n', size);
          cut = nl > size / 2 ? nl + 1 : size;
          // Never between the two halves of a surrogate pair.
          if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut++;
        }
        const piece = rest.slice(0, cut);
        rest = rest.slice(cut);
        view.dispatch({
          changes: { from: at, to: end, insert: piece },
          // The caret stays where the paste began until the last piece: moving
          // it to each piece's end would draw a new part of the text every time.
          selection: { anchor: rest ? start : at + piece.length },
          // Later pieces join the first one's undo step.
          userEvent: first ? 'input.paste' : 'input.type.paste',
          // A long paste leaves the view where it was (the caret is at its end).
          scrollIntoView: first && !rest,
        });
        at += piece.length;
        end = at;
        first = false;
        if (rest) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
    focus() { view.focus(); },
    /** The text, read out by pieces over several tasks when it is long. */
    async text() {
      const doc = view.state.doc;
      if (doc.length <= CHUNK * 4) return doc.toString();
      const parts = [];
      for (let at = 0; at < doc.length; at += CHUNK * 4) {
        parts.push(doc.sliceString(at, Math.min(doc.length, at + CHUNK * 4)));
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (view.state.doc !== doc) return null; // edited meanwhile: a newer reading will follow
      }
      return parts.join('');
    },
    /** @param {Mark[]} list */
    setMarks(list) {
      marks = list;
      view.dispatch({ effects: setMarks.of(list) });
    },
    /** Selects a range and scrolls the editor (never the window) to it. */
    reveal(start, end, focus = true) {
      const a = clamp(start);
      const b = clamp(end);
      view.dispatch({ selection: { anchor: a, head: b } });
      if (focus) view.focus();
      const scroller = view.scrollDOM;
      const block = view.lineBlockAt(a);
      const top = block.top;
      if (top < scroller.scrollTop || top + block.height > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
      }
      // The heights of lines not yet drawn were estimates: once drawn, look again.
      requestAnimationFrame(() => {
        const again = view.lineBlockAt(a);
        if (again.top < scroller.scrollTop || again.top + again.height > scroller.scrollTop + scroller.clientHeight) {
          scroller.scrollTop = Math.max(0, again.top - scroller.clientHeight / 3);
        }
      });
    },
  };
  const clamp = (n) => Math.max(0, Math.min(Number(n) || 0, view.state.doc.length));
  for (const name of ['value', 'selectionStart', 'selectionEnd', 'length']) {
    Object.defineProperty(host, name, { get: () => api[name], set: name === 'value' ? (v) => { api.value = v; } : undefined, configurable: true });
  }
  Object.assign(host, {
    setSelectionRange: api.setSelectionRange,
    focus: api.focus,
  });
  return api;
}
