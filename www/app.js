// The page: reads pasted text or files, has the worker check them, and
// draws the summary, the findings and the three tables. Its parts:
//   state.js      the open documents, the checker, the text box, the status line,
//                 and where the view is drawn (this document, or the shadow root
//                 of an <xxgk-checker>, component.js)
//   checker.js    talking to worker.js, which runs the checker
//   input.js      typing and pasting into the text box
//   files.js      the sample report, opening and dropping files
//   view.js       the current document: summary, findings, tables (shared with component.js)
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

import { $, state, checker, mountView, setStatus, updateBusy } from './state.js';
import { Checker } from './checker.js';
import { runCheck, render } from './render.js';
import { startView } from './view.js';
import { drawRuleList } from './rules.js';
import { setTemplate } from './tables.js';
import './files.js';
import './downloads.js';
import { restore } from './store.js';

mountView(document, new Checker(), document.body);
startView();

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
