// The element <xxgk-checker> in another page (embed.html): a portal's own
// text box feeds its `value`; choosing a finding in the element selects the
// finding's characters in that text box (`xxgk-finding`). From the npm
// package the same is `import 'xxgk/element'`, which checks with the
// package's WebAssembly module; here the element is the page's own
// component.js, given this site's module (pkg/xxgk.js).

import init, { check, readDocument, rules, template, version } from './pkg/xxgk.js';
import { XxgkChecker, define, mainThreadChecker } from './component.js';

XxgkChecker.use(() => mainThreadChecker(async () => {
  await init();
  return { check, readDocument, rules, template, version };
}));
define();

const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('embed-input'));
const element = /** @type {any} */ (document.getElementById('embed-element'));
document.getElementById('embed-check')?.addEventListener('click', () => {
  element.value = input.value;
});
element.addEventListener('xxgk-finding', (/** @type {CustomEvent} */ event) => {
  const span = event.detail.finding.span;
  if (!span?.utf16) return;
  input.focus();
  input.setSelectionRange(span.utf16.start, span.utf16.end);
});
