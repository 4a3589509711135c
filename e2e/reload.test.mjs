// Nothing lost on reload: what the page knows of each opened file besides its
// text comes back with it from this browser's storage (store.js) — its name,
// that it came from a PDF (the note that the Word or web version reads
// better), and a Word document's bytes (its annotated copy).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, WWW, docx, dropFiles, inputValue, printableBody, settled, useBrowser } from './support.mjs';

const harness = useBrowser();
const { app, done } = harness;
const SAMPLE = fs.readFileSync(path.join(WWW, 'sample.txt'), 'utf8');

/** A fixture printed to PDF by Chromium: paragraphs and bordered tables. */
async function printed(name) {
  const context = await harness.browser.newContext();
  const printer = await context.newPage();
  await printer.setContent(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    body { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 8pt; line-height: 1.5; }
    p { margin: 0 0 6pt; }
    table { border-collapse: collapse; margin: 6pt 0 12pt; }
    td { border: 0.75pt solid #000; padding: 2pt 5pt; white-space: nowrap; vertical-align: top; }
  </style></head><body>${printableBody(fs.readFileSync(path.join(FIXTURES, name), 'utf8'))}</body></html>`, { waitUntil: 'load' });
  const pdf = await printer.pdf({ width: '480mm', height: '170mm', margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' } });
  await context.close();
  return pdf;
}

/** Reloads the page and waits for the restored documents to be checked and drawn. */
async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => xxgkView().getElementById('status')?.dataset.state === 'done', null, { timeout: 60_000 });
  await settled(page);
}

const noteOf = async (page) => ({ visible: await page.isVisible('#pdf-note'), text: (await page.textContent('#pdf-note')) ?? '' });

describe('nothing lost on reload', { timeout: 300_000 }, () => {
  test('a PDF keeps its name and its note, a Word document its annotated copy', async () => {
    const session = await app();
    const { page } = session;
    const pdf = await printed('bad_cells_2019.txt');
    await dropFiles(page, [
      { name: '示例.pdf', type: 'application/pdf', buffer: pdf },
      { name: '示例.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx(SAMPLE) },
    ]);
    await page.waitForFunction(() => /** @type {any} */ (xxgkView().getElementById('input')).value.length > 0, null, { timeout: 60_000 });
    await settled(page);
    // The PDF is shown first: some of its table cells were not read.
    const before = { text: await inputValue(page), note: await noteOf(page), source: await page.textContent('#summary dd[data-field="source"]') };
    assert.equal(before.source, '示例.pdf');
    assert.equal(before.note.visible, true, 'the PDF note is shown');
    assert.match(before.note.text, /这份 PDF 中有 \d+ 处表格数字/);

    await reload(page);
    assert.equal(await inputValue(page), before.text, 'the text is restored');
    assert.equal(await page.textContent('#summary dd[data-field="source"]'), '示例.pdf', 'and its name');
    assert.deepEqual(await noteOf(page), before.note, 'and the PDF note');

    // The Word document: its annotated copy can still be made.
    await page.click('#doc-list li:nth-child(3) button');
    await settled(page);
    assert.equal(await page.textContent('#summary dd[data-field="source"]'), '示例.docx');
    assert.equal(await page.isVisible('#pdf-note'), false, 'no PDF note for a Word document');
    await page.waitForFunction(() => !/** @type {HTMLButtonElement} */ (document.getElementById('export-annotated-docx')).disabled);

    await reload(page);
    await page.click('#doc-list li:nth-child(3) button');
    await settled(page);
    assert.equal(await page.textContent('#summary dd[data-field="source"]'), '示例.docx');
    assert.equal(await page.isDisabled('#export-annotated-docx'), false, 'the annotated Word copy after a reload');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-annotated-docx')]);
    assert.equal(download.suggestedFilename(), '示例.批注版.docx');
    await done(session);
  });
});
