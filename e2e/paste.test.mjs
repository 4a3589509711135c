// Pasting rich text: a clipboard with text/html (copied from a government web
// page, Word or WPS) that holds a <table> is read by the checker's own web-page
// reader, and the text box gets that text (tab-separated rows, merged cells
// expanded); without a table, or when it cannot be read, the plain text is
// pasted as usual. Nothing in the pasted markup ever runs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURES, assertDrawnEquals, expectedDrawing, htmlBody, nativeJson, settled, shot, txtFiles, utf16At,
  useBrowser,
  inputValue,
} from './support.mjs';

const harness = useBrowser();
const { app, done } = harness;

/** What Chromium puts on the clipboard when part of a page is copied, with hostile extras. */
function clipboardHtml(body) {
  return '<html><head><meta charset="utf-8"><script>window.__pwned = "script";</script></head><body>\n'
    + '<!--StartFragment--><span><img src="x" onerror="window.__pwned = \'img\'"></span>'
    + `${body}<svg onload="window.__pwned = 'svg'"></svg><!--EndFragment-->\n</body></html>`;
}

/**
 * Dispatches a paste on the text box as the browser does, with a DataTransfer
 * holding `data` ({mime: string}); resolves to whether the page took it over.
 */
async function pasteData(page, data, selection = null) {
  const prevented = await page.evaluate(([items, sel]) => {
    const ta = /** @type {HTMLTextAreaElement} */ (xxgkView().getElementById('input'));
    ta.focus();
    if (sel) ta.setSelectionRange(sel[0], sel[1]);
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(items)) transfer.setData(type, value);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    ta.dispatchEvent(event);
    return event.defaultPrevented;
  }, [data, selection]);
  await settled(page);
  return prevented;
}

/** The text the wasm reader gives for the markup (what the box must then hold). */
function readInPage(page, html) {
  return page.evaluate(async (markup) => {
    const m = await import('/pkg/xxgk.js');
    await m.default();
    return m.readDocument(new TextEncoder().encode(markup), 'clipboard.html').text;
  }, html);
}

/** Tables and findings without messages and spans: what a reader of the same report must keep. */
function essence(report) {
  const { cells, findings } = expectedDrawing(report);
  return { cells, findings: findings.map(({ code, severity, cell, expected, actual }) => ({ code, severity, cell, expected, actual })) };
}

const setText = (page, text) => page.evaluate((t) => {
  const ta = /** @type {HTMLTextAreaElement} */ (xxgkView().getElementById('input'));
  ta.value = t;
  ta.dispatchEvent(new Event('input'));
}, text);

describe('pasting', { timeout: 600_000 }, () => {
  test('a web page\'s or Word\'s tables are pasted as their cells and checked like the CLI', async () => {
    const session = await app();
    const { page } = session;
    // Every fixture with tab-separated tables (the others have no table to paste).
    const fixtures = txtFiles(FIXTURES).map((file) => [path.basename(file), fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')])
      .filter(([, text]) => text.includes('\t'));
    assert.ok(fixtures.length >= 10, 'the fixtures are there');
    for (const [label, text] of fixtures) {
      const html = clipboardHtml(htmlBody(text));
      assert.match(html, /rowspan/);
      await setText(page, '');
      await settled(page);
      assert.equal(await pasteData(page, { 'text/html': html, 'text/plain': text.replace(/\t/g, ' ') }), true, `${label}: taken over`);
      const shown = await inputValue(page);
      assert.equal(shown, (await readInPage(page, html)).replace(/\r\n?/g, '\n'), `${label}: the box holds the reader's text`);
      // What the page draws is what the CLI says of the text in the box …
      const native = JSON.parse(nativeJson({ text: shown }));
      await assertDrawnEquals(page, native, label);
      // … and that is the same report as the fixture's own text gives.
      assert.deepEqual(essence(native), essence(JSON.parse(nativeJson({ text }))), `${label}: same tables and findings as the text`);
      if (label === 't2_group_2021.txt') {
        await page.mouse.move(0, 0);
        await page.keyboard.press('Escape'); // no tooltip left from the clicks on the last fixture's findings
        await shot(page, '90-paste-html-tables');
      }
      // Each finding selects its characters in the box.
      const items = page.locator('#finding-groups li.finding');
      for (let i = 0; i < Math.min(await items.count(), 4); i++) {
        const d = native.diagnostics[Number(await items.nth(i).getAttribute('data-index'))];
        if (!d.span) continue;
        await items.nth(i).locator(':scope > button.go').click();
        const sel = await page.evaluate(() => {
          const ta = /** @type {HTMLTextAreaElement} */ (xxgkView().getElementById('input'));
          return [ta.selectionStart, ta.selectionEnd];
        });
        assert.deepEqual(sel, [utf16At(shown, d.span.start), utf16At(shown, d.span.end)], `${label}: ${d.code} selects its span`);
      }
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in the pasted markup ran');
    assert.equal(await page.evaluate(() => document.querySelectorAll('body img, body svg:not(.icon)').length
      + xxgkView().querySelectorAll('img, svg:not(.icon)').length), 0);
    assert.deepEqual(session.requests.filter((u) => /\/x$/.test(u)), [], 'no pasted image was fetched');
    await done(session);
  });

  test('a paste goes in at the caret, replaces the selection and can be undone', async () => {
    const session = await app();
    const { page } = session;
    const text = fs.readFileSync(path.join(FIXTURES, 't2_group_2021.txt'), 'utf8');
    const lines = text.split('\n');
    const firstRow = lines.findIndex((l) => l.includes('\t'));
    // The narrative is typed; the tables come pasted from a page in place of a marker.
    const head = `${lines.slice(0, firstRow).join('\n')}\n`;
    const tail = '\n落款：示例单位\n';
    const rest = lines.slice(firstRow).join('\n');
    const before = `${head}【表格】${tail}`;
    await setText(page, before);
    await settled(page);
    const html = clipboardHtml(htmlBody(rest));
    const read = (await readInPage(page, html)).replace(/\r\n?/g, '\n');
    const at = before.indexOf('【表格】');
    assert.equal(await pasteData(page, { 'text/html': html, 'text/plain': rest }, [at, at + '【表格】'.length]), true);
    const after = `${head}${read}${tail}`;
    assert.equal(await inputValue(page), after);
    const caret = await page.evaluate(() => xxgkView().getElementById('input').selectionStart);
    assert.equal(caret, head.length + read.length, 'the caret is after the pasted text');
    await assertDrawnEquals(page, JSON.parse(nativeJson({ text: after })), 'pasted in the middle');
    await shot(page, '91-paste-at-caret');
    // Undo takes the paste back, and the text is checked again.
    await page.focus('#input .cm-content');
    await page.keyboard.press('Control+Z');
    await settled(page);
    assert.equal(await inputValue(page), before, 'undo restores the text before the paste');
    await assertDrawnEquals(page, JSON.parse(nativeJson({ text: before })), 'after undo');
    await done(session);
  });

  test('plain text, markup without a table and unreadable markup are pasted as plain text, quietly', async () => {
    const session = await app();
    const { page } = session;
    const text = fs.readFileSync(path.join(FIXTURES, 'clean_2021_tabs.txt'), 'utf8');

    // Only text/plain: the browser's own paste (the page does not step in).
    assert.equal(await pasteData(page, { 'text/plain': text }), false, 'a plain-text paste is left to the browser');
    assert.equal(await inputValue(page), '');
    // A real paste from the system clipboard, as the user does it with Ctrl+V.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.focus('#input .cm-content');
    await page.keyboard.press('Control+V');
    await page.waitForFunction(() => xxgkView().getElementById('input').value.length > 0);
    await settled(page);
    assert.equal(await inputValue(page), text);
    await assertDrawnEquals(page, JSON.parse(nativeJson({ text })), 'plain-text paste');

    // Markup without a table (a paragraph copied from a page): the browser's paste.
    await setText(page, '');
    await settled(page);
    assert.equal(await pasteData(page, { 'text/html': '<p>示例<b>报告</b></p>', 'text/plain': '示例报告' }), false);

    // A table with nothing readable in it: the plain text goes in, no error is shown.
    const empty = clipboardHtml('<table><tr><td>&nbsp;</td><td><img src="x" onerror="window.__pwned = 1"></td></tr></table>');
    assert.equal(await pasteData(page, { 'text/html': empty, 'text/plain': text }), true);
    assert.equal(await inputValue(page), text);
    assert.equal(await page.isHidden('#file-error'), true, 'no error is shown');
    assert.notEqual(await page.getAttribute('#status', 'data-state'), 'error');
    await assertDrawnEquals(page, JSON.parse(nativeJson({ text })), 'unreadable markup, plain text pasted');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in the pasted markup ran');
    await done(session);
  });
});
