// The page around the view (view.js): the list of open documents, the
// buttons that need a report, keeping the texts, the status line.

import { h, clear } from './dom.js';
import { canAnnotateDocx } from './annotate.js';
import { save, updateShare } from './store.js';
import { runCheck, select, drawView, showStatus } from './view.js';
import { $, SEVERITIES, state, view, currentDoc } from './state.js';

export { runCheck, select };

export function drawDocList() {
  const nav = $('docs');
  nav.hidden = state.docs.length < 2;
  if (nav.hidden) return;
  const list = clear($('doc-list'));
  state.docs.forEach((doc, i) => {
    const counts = doc.report ? SEVERITIES.map((s) => doc.report.diagnostics.filter((d) => d.severity === s).length) : null;
    list.append(h('li', { class: i === state.current ? 'current' : null },
      h('button', {
        type: 'button',
        'aria-current': i === state.current ? 'true' : null,
        onclick: () => select(i),
      },
      h('span', { class: 'doc-name' }, doc.name),
      doc.error ? h('span', { class: 'doc-badge bad' }, '无法读取')
        : counts ? h('span', { class: 'doc-badge' }, `${counts[0]} 错 · ${counts[1]} 警 · ${counts[2]} 示`)
          : h('span', { class: 'doc-badge' }, doc.text ? '检查中…' : '—'))));
  });
  list.querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
}

export function render() {
  const doc = currentDoc();
  drawDocList();
  const report = doc.error ? null : doc.report;
  for (const id of ['export-json', 'export-tables', 'export-layout', 'export-findings', 'export-annotated']) {
    /** @type {HTMLButtonElement} */ ($(id)).disabled = !report;
  }
  const docxButton = /** @type {HTMLButtonElement} */ ($('export-annotated-docx'));
  docxButton.hidden = !doc.docx;
  docxButton.disabled = !canAnnotateDocx(doc);
  const drawn = drawView();
  /** @type {any} */ (view.host)?.announce?.(drawn);
  document.body.classList.toggle('has-report', Boolean(report));
  updateShare();
  if (!doc.text || doc.shown === doc.want) save();
  showStatus();
}
