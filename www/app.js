// The page: reads pasted text or files, has the worker check them, and
// draws the summary, the findings and the three tables in <xxgk-checker>
// (component.js, the same element as the npm package's). Its parts:
//   state.js      the open documents, the checker, the text box, the status line,
//                 and where the view is drawn (this document, or the shadow root
//                 of an <xxgk-checker>, component.js)
//   checker.js    talking to worker.js, which runs the checker
//   input.js      typing and pasting into the text box
//   files.js      the sample report, opening and dropping files
//   component.js  the element <xxgk-checker>: the view in a shadow root (view-css.js its look)
//   view.js       the current document: summary, findings, tables
//   render.js     the page around it: the list of open documents, buttons, status
//   summary.js    the summary box
//   findings.js   the findings and their filters
//   selection.js  selecting a finding's text in the text box
//   cells.js      the tables' cells: tooltips and clicks
//   rules.js      the list of rules
//   downloads.js  saving and printing
//   editor.js     the text editor (CodeMirror), its marks and hovers
//   grid.js       arrow keys in the tables
//   store.js      keeping the texts in IndexedDB, the link carrying a text
//   batch-view.js the batch view: many reports checked at once (batch.js,
//                 pool.js, batch-worker.js, zip.js, batch-open.js)

import { $, state, checker, hooks, view, setStatus, updateBusy } from './state.js';
import { Checker } from './checker.js';
import { runCheck, render, drawDocList } from './render.js';
import { XxgkChecker, define } from './component.js';
import { CLASS_RULES } from './view-css.js';
import { drawRuleList } from './rules.js';
import { setTemplate } from './tables.js';
import './files.js';
import './downloads.js';
import { restore } from './store.js';
import './batch-view.js';

// The view's class rules (view-css.js) in the page's own document too: the
// batch view draws tables with the same classes outside the element.
{
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CLASS_RULES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

// The view is <xxgk-checker id="checker"> (index.html), checking with the worker;
// the page draws around it (render.js) and keeps `data-busy` on its body.
XxgkChecker.use(() => new Checker());
define();
view.busy = document.body;
view.page = true;
hooks.render = render;
hooks.docList = drawDocList;

checker.onready = (msg) => {
  setTemplate(msg.template);
  $('version').textContent = msg.version;
  for (const rule of msg.rules) state.rules.set(rule.code, rule);
  drawRuleList(msg.rules);
  setStatus('idle', '检查程序已就绪。');
  for (const doc of state.docs) if (doc.text && !doc.report && !doc.error) runCheck(doc);
  updateBusy();
};
checker.onfail = (message) => {
  setStatus('error', message);
  document.body.dataset.busy = 'false';
};

if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('./sw.js').catch(() => { /* the page works without it, online */ });
}

render();
restore();

// The severity icons (✖ ▲ ℹ) and the blank-cell box are in none of the page's
// fonts on some systems: the first time one is drawn the browser searches every
// font on the system for it, which can hold up the page for tens of
// milliseconds. That search is done here, while the checker loads, so that the
// first report's drawing does not wait for it.
requestAnimationFrame(() => setTimeout(() => {
  const probe = document.createElement('span');
  probe.className = 'offscreen';
  probe.setAttribute('aria-hidden', 'true');
  probe.textContent = '✖▲ℹ□•▾▸';
  // The findings' rule codes are in the monospaced font, bold: found here too.
  const code = document.createElement('code');
  code.textContent = 'T2-SUM';
  code.style.fontWeight = '600';
  probe.append(code);
  document.body.append(probe);
  void probe.offsetWidth;
  probe.remove();
}, 0));
