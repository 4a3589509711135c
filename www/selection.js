// Selecting a span of the report in the editor and scrolling the editor
// (never the window) to it.

import { editor } from './state.js';

/** Selects a span's characters in the editor and brings them into its view. */
export function selectSpan(span, focus = true) {
  if (!span?.utf16) return;
  editor.reveal(span.utf16.start, span.utf16.end, focus);
}
