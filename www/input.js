// The text box: typing checks again after a short pause, and a paste of
// tables from a web page, Word or WPS is read as a table, not as loose text.

import { runCheck } from './render.js';
import { input, state, checker, currentDoc, updateBusy } from './state.js';

const DEBOUNCE_MS = 100;

let debounce = 0;
input.addEventListener('input', () => {
  const doc = currentDoc();
  doc.text = input.value;
  doc.error = null;
  doc.want = -1; // pending: not yet sent
  updateBusy();
  clearTimeout(debounce);
  debounce = setTimeout(() => runCheck(doc), DEBOUNCE_MS);
});

// A paste from a web page, Word or WPS carries the tables' markup as text/html:
// its cells and merged group labels (rowspan/colspan) are read by the same code
// as a dropped .html file, and that text is what the box gets. The markup is
// only ever bytes for the reader, never put into the page.
input.addEventListener('paste', (event) => {
  const data = event.clipboardData;
  const html = data?.types.includes('text/html') ? data.getData('text/html') : '';
  if (!html || !/<table[\s>]/i.test(html) || checker.failed) return; // the browser's own paste
  event.preventDefault();
  const plain = data?.getData('text/plain') ?? '';
  const at = { value: input.value, start: input.selectionStart, end: input.selectionEnd };
  const bytes = new TextEncoder().encode(html).buffer;
  state.loading++;
  updateBusy();
  checker.read(bytes, 'clipboard.html')
    .then((text) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
    .then((text) => (text.trim() ? text : plain), () => plain) // unreadable: paste the plain text, quietly
    .then((text) => insertText(text.replace(/\r\n?/g, '\n'), input.value === at.value ? at : null))
    .finally(() => {
      state.loading--;
      updateBusy();
    });
});

/**
 * Replaces the selection (or `at`'s, if the text is unchanged since) with `text`
 * as typing would: undoable where the browser allows, and with an input event.
 */
function insertText(text, at) {
  input.focus({ preventScroll: true });
  if (at) input.setSelectionRange(at.start, at.end);
  const before = input.value;
  // execCommand keeps the undo history (deprecated, but there is no other way
  // in a textarea); a very long text goes in directly, which is much faster.
  let done = false;
  if (text.length < 1_000_000) {
    try {
      done = document.execCommand('insertText', false, text) && input.value !== before;
    } catch { /* not supported */ }
  }
  if (!done && text) {
    input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', data: null }));
  }
}
