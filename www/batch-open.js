// Opening one report of the batch in the page's full view of a single report
// (summary, findings, tables, text), from which the header's button comes
// back to the batch. The only place where the batch view touches the single
// report's view.

import { state, newDoc } from './state.js';
import { runCheck, select } from './render.js';

/**
 * Shows a batch report in the full view: its text is checked there again,
 * so that it can be edited and exported like any opened file.
 * @param {{id: number, source: string, text: string}} entry
 * @param {string} name how the report is named (its agency and year)
 */
export async function openFullView(entry, name) {
  let doc = state.docs.find((d) => d.batchId === entry.id && d.text === entry.text);
  if (!doc) {
    doc = newDoc(name, entry.source, entry.text);
    Object.assign(doc, { batchId: entry.id });
    runCheck(doc);
  }
  const { showBatch } = await import('./batch-view.js');
  showBatch(false);
  select(state.docs.indexOf(doc));
}
