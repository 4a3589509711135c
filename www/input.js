// The text box: typing checks again after a short pause, and a paste of
// tables from a web page, Word or WPS is read as a table, not as loose text.

import { runCheck, select } from './view.js';
import { editor, hooks, input, state, checker, currentDoc, pasted, updateBusy } from './state.js';

const DEBOUNCE_MS = 100;
/** Longer pastes are put in by pieces (editor.js), so that the page keeps answering. */
const LONG_PASTE = 256 * 1024;

let debounce = 0;
/** The text changed (typed, pasted, or set with an input event): check it again after a pause. */
function edited() {
  let doc = currentDoc();
  if (doc.failed && doc !== pasted) {
    // A file that could not be read keeps its name and its error; what is
    // typed or pasted now is the pasted text's, never labelled with that name.
    const text = input.value;
    select(state.docs.indexOf(pasted));
    input.value = text;
    doc = pasted;
  }
  doc.error = null;
  doc.want = -1; // pending: not yet sent
  // Reading a very long text out of the editor costs a few milliseconds: once per pause.
  if (editor.length < 200_000) doc.text = input.value;
  updateBusy();
  clearTimeout(debounce);
  debounce = setTimeout(async () => {
    if (doc !== currentDoc()) return runCheck(doc);
    const text = await editor.text();
    if (text === null || doc !== currentDoc()) return; // edited again meanwhile
    doc.text = text;
    return runCheck(doc);
  }, DEBOUNCE_MS);
}
/** Wires the text box (once the view is made, state.js). */
export function initInput() {
  hooks.edit = edited;
  // `input.value = …` followed by an input event (the sample, scripts) works as with a textarea.
  // (The editor's own input events come from inside its shadow root: those are
  // already seen as edits.)
  input.addEventListener('input', (event) => {
    if (event.composedPath()[0] === input) edited();
  });

  // A paste from a web page, Word or WPS carries the tables' markup as text/html:
  // its cells and merged group labels (rowspan/colspan) are read by the same code
  // as a dropped .html file, and that text is what the box gets. The markup is
  // only ever bytes for the reader, never put into the page. (Capture phase: the
  // page sees the paste before the editor does.)
  input.addEventListener('paste', (event) => {
    const data = event.clipboardData;
    // The browser reads the clipboard here, inside the paste event, in one piece
    // (5 MB: tens of milliseconds); that time is marked for the page's tests.
    const reading = performance.now();
    const html = data?.types.includes('text/html') ? data.getData('text/html') : '';
    const plain = data?.getData('text/plain') ?? '';
    performance.measure('xxgk:clipboard-read', { start: reading });
    if (!html || !/<table[\s>]/i.test(html) || checker.failed) {
      // A very long plain text goes in by pieces (editor.js); a short one is the editor's own paste.
      if (plain.length <= LONG_PASTE) return;
      event.preventDefault();
      event.stopPropagation();
      state.loading++;
      updateBusy();
      editor.insert(plain.includes('\r') ? plain.replace(/\r\n?/g, '\n') : plain, input.selectionStart, input.selectionEnd).finally(() => {
        state.loading--;
        updateBusy();
      });
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const at = { value: input.value, start: input.selectionStart, end: input.selectionEnd };
    const bytes = new TextEncoder().encode(html).buffer;
    state.loading++;
    updateBusy();
    checker.read(bytes, 'clipboard.html')
      .then((text) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
      .then((text) => (text.trim() ? text : plain), () => plain) // unreadable: paste the plain text, quietly
      .then((text) => {
        const same = input.value === at.value;
        const from = same ? at.start : input.selectionStart;
        const to = same ? at.end : input.selectionEnd;
        editor.focus();
        return editor.insert(text.replace(/\r\n?/g, '\n'), from, to);
      })
      .finally(() => {
        state.loading--;
        updateBusy();
      });
  }, true);
}
