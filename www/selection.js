// Selecting a span of the report in the text box and scrolling it into view.

import { input } from './state.js';

/** Selects a span's characters in the textarea and brings them into view. */
export function selectSpan(span) {
  if (!span?.utf16) return;
  const { start, end } = span.utf16;
  input.focus({ preventScroll: true });
  input.setSelectionRange(start, end);
  // Bring the selection into view: a textarea scrolls to its caret on focus.
  const style = getComputedStyle(input);
  const lineHeight = parseFloat(style.lineHeight) || 20;
  input.blur();
  input.focus({ preventScroll: true });
  const top = caretTop(start, lineHeight);
  if (top !== null && (top < input.scrollTop || top > input.scrollTop + input.clientHeight - lineHeight)) {
    input.scrollTop = Math.max(0, top - input.clientHeight / 3);
  }
}

/** Vertical offset of a character in the textarea, measured with a hidden copy of it. */
function caretTop(offset, lineHeight) {
  // A copy of a very long text would take seconds to lay out: estimate from the line instead.
  if (offset > 200_000) {
    const line = input.value.slice(0, offset).split('\n').length;
    return (line - 1) * lineHeight;
  }
  const style = getComputedStyle(input);
  const mirror = document.createElement('div');
  for (const prop of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'tabSize',
    'paddingTop', 'paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth', 'boxSizing', 'wordBreak', 'overflowWrap']) {
    mirror.style[prop] = style[prop];
  }
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.width = `${input.clientWidth}px`;
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.textContent = input.value.slice(0, offset);
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(marker);
  document.body.append(mirror);
  const top = marker.offsetTop - (parseFloat(style.paddingTop) || 0);
  mirror.remove();
  return Number.isFinite(top) ? top : lineHeight;
}
