// The annotated report: the self-contained web page (each finding marked in
// the text with a numbered marker linked to its entry in the list, the text
// intact, nothing in it run, the page's filters followed) and, for a Word
// document, the document back with a comment per finding.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ARTIFACTS, WWW, cliPath, docx, nativeJson, paste, settled, shot, useBrowser, inputValue } from './support.mjs';

const SAMPLE = fs.readFileSync(path.join(WWW, 'sample.txt'), 'utf8');
const HOSTILE = '\n其他说明：<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> & "引号" \'单引号\'\n';

const { app, done } = useBrowser();

async function save(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(ARTIFACTS, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), file, bytes: fs.readFileSync(file) };
}

/** What the annotated page shows: markers, list entries, the text without markers, links. */
async function readAnnotated(context, html) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setContent(html);
  const got = await page.evaluate(() => {
    const text = /** @type {HTMLElement} */ (document.getElementById('text').cloneNode(true));
    for (const m of text.querySelectorAll('a.marker')) m.remove();
    const markers = Array.from(document.querySelectorAll('#text a.marker'));
    const items = Array.from(document.querySelectorAll('#annotations > li'));
    return {
      text: text.textContent,
      markers: markers.length,
      items: items.length,
      codes: items.map((li) => li.querySelector('code')?.textContent),
      markersLinked: markers.every((m) => {
        const li = document.getElementById(m.getAttribute('href').slice(1));
        return li && li.querySelector('a.num')?.getAttribute('href') === `#${m.id}`;
      }),
      rulesLinked: items.every((li) => {
        const link = li.querySelector('a[href^="#rule-"]');
        return link && document.getElementById(link.getAttribute('href').slice(1));
      }),
      marked: document.querySelectorAll('#text mark.hl').length,
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      pwned: /** @type {any} */ (window).__pwned ?? null,
      tables: document.querySelectorAll('#tables-part table').length,
      markedCells: document.querySelectorAll('#tables-part td.sev-error, #tables-part td.sev-warning, #tables-part td.sev-info').length,
    };
  });
  await shot(page, 'annotated-html');
  await page.close();
  assert.deepEqual(errors, []);
  return got;
}

describe('the annotated report', { timeout: 300_000 }, () => {
  test('the web page marks every finding at its place, escapes the text and follows the filters', async () => {
    const session = await app();
    const { page, context } = session;
    const text = SAMPLE + HOSTILE;
    await paste(page, text);
    const report = JSON.parse(nativeJson({ text }));
    assert.ok(report.diagnostics.length > 3);
    const withSpan = report.diagnostics.filter((d) => d.span).length;

    const saved = await save(page, '#export-annotated');
    assert.equal(saved.name, '粘贴的报告.批注版.html');
    const html = saved.bytes.toString('utf8');
    assert.ok(!html.includes('<script>window'), 'the report\'s markup is escaped');
    const got = await readAnnotated(context, html);
    assert.equal(got.items, report.diagnostics.length, 'one list entry per finding');
    assert.deepEqual(got.codes, report.diagnostics.map((d) => d.code));
    assert.equal(got.markers, withSpan, 'one marker per finding with a place');
    assert.ok(got.marked > 0);
    assert.equal(got.text, text, 'the text is intact');
    assert.ok(got.markersLinked, 'markers and list entries link both ways');
    assert.ok(got.rulesLinked, 'every entry links to its rule');
    assert.equal(got.scripts, 0);
    assert.equal(got.images, 0);
    assert.equal(got.pwned, null);
    assert.equal(got.tables, await page.evaluate(() => xxgkView().querySelectorAll('#table-area table').length));
    assert.equal(got.markedCells, await page.evaluate(() => xxgkView().querySelectorAll('#table-area td.sev-error, #table-area td.sev-warning, #table-area td.sev-info').length),
      'the tables as the page draws them');

    // Only errors: the annotated page lists and marks only those.
    await page.uncheck('input[name="sev"][value="warning"]');
    await page.uncheck('input[name="sev"][value="info"]');
    const errorsOnly = report.diagnostics.filter((d) => d.severity === 'error');
    const filtered = await readAnnotated(context, (await save(page, '#export-annotated')).bytes.toString('utf8'));
    assert.equal(filtered.items, errorsOnly.length);
    assert.equal(filtered.markers, errorsOnly.filter((d) => d.span).length);
    assert.equal(filtered.text, text);
    assert.ok(filtered.items < got.items);
    assert.ok(await page.isHidden('#export-annotated-docx'), 'no Word download for pasted text');
    await done(session);
  });

  test('a Word document comes back with a comment per finding', async () => {
    const session = await app();
    const { page } = session;
    await page.setInputFiles('#file', [
      { name: '示例.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx(SAMPLE) },
    ]);
    await settled(page);
    await page.waitForFunction(() => !/** @type {HTMLButtonElement} */ (document.getElementById('export-annotated-docx')).disabled);
    const text = await inputValue(page);
    const report = JSON.parse(nativeJson({ text }));
    const saved = await save(page, '#export-annotated-docx');
    assert.equal(saved.name, '示例.批注版.docx');

    // The CLI reads the annotated document as the same text, with the same findings.
    const again = JSON.parse(nativeJson({ file: saved.file }));
    assert.deepEqual(again.diagnostics, report.diagnostics);
    const unzip = spawnSync('unzip', ['-p', saved.file, 'word/comments.xml']);
    if (unzip.status === 0) {
      const comments = unzip.stdout.toString('utf8');
      assert.equal((comments.match(/<w:comment /g) ?? []).length, report.diagnostics.length);
      for (const d of report.diagnostics) {
        const escaped = d.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        assert.ok(comments.includes(escaped), `comment for ${d.code}`);
      }
    }
    // The CLI writes the same comments (`--annotate`).
    const out = path.join(ARTIFACTS, '示例.cli.批注版.docx');
    const cli = spawnSync(cliPath(), ['check', '-q', saved.file, '--annotate', out]);
    assert.ok(cli.status === 0 || cli.status === 1, String(cli.stderr));
    assert.ok(fs.statSync(out).size > 0);

    // Once the text is edited the comments' places no longer fit: no Word download.
    await paste(page, `${text}\n补充一句。`);
    assert.ok(await page.isDisabled('#export-annotated-docx'));
    await done(session);
  });
});
