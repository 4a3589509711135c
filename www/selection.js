// Selecting a span of the report in the editor and scrolling the editor
// (never the window) to it. In <xxgk-checker>, whose text box sits above the
// findings, the box itself is brought into the window's view first.

import { editor, input, view } from './state.js';

/** Selects a span's characters in the editor and brings them into its view. */
export function selectSpan(span, focus = true) {
  if (!span?.utf16) return;
  if (view.host && !view.page && input.getClientRects().length) {
    const box = input.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) input.scrollIntoView({ block: 'nearest' });
  }
  editor.reveal(span.utf16.start, span.utf16.end, focus);
}
