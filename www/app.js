// The page: reads pasted text or files, has the worker check them, and
// draws the summary, the findings and the three tables. Its parts:
//   state.js      the open documents, the checker, the text box, the status line
//   checker.js    talking to worker.js, which runs the checker
//   input.js      typing and pasting into the text box
//   files.js      the sample report, opening and dropping files
//   render.js     the current document and the list of open documents
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

import { $, state, checker, setStatus, updateBusy } from './state.js';
import { runCheck, render } from './render.js';
import { drawRuleList } from './rules.js';
import { setTemplate } from './tables.js';
import './input.js';
import './files.js';
import './cells.js';
import './downloads.js';
import { restore } from './store.js';
import './batch-view.js';

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
