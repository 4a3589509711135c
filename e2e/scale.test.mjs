// The page at scale: a report with about 150 blank cells (grouped by rule and
// folded, filters that the tables, the editor, printing and exports follow),
// root causes with their consequences under them, a 5 MB paste (its long tasks
// measured), the texts kept over a reload, the link that carries a text, the
// keyboard (one tab stop per table, arrow keys), a phone's screen, and
// axe-core finding no serious or critical accessibility problem.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  ARTIFACTS, ROOT, WWW, assertDrawnEquals, inputValue, nativeJson, paste, settled, shot, useBrowser, withView,
} from './support.mjs';

const SAMPLE = fs.readFileSync(path.join(WWW, 'sample.txt'), 'utf8');
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const harness = useBrowser();
const { app, done } = harness;

/** The sample with its table cells left blank, all but every 20th ('' inside a row, '-' at its end). */
function blankSample() {
  let k = 0;
  return SAMPLE.split('\n').map((line) => {
    if (!line.includes('\t')) return line;
    const cells = line.split('\t');
    return cells.map((c, i) => {
      if (!/^\s*\d+\s*$/.test(c)) return c;
      k++;
      if (k % 20 === 0) return c;
      return i === cells.length - 1 ? '-' : '';
    }).join('\t');
  }).join('\n');
}

/** Saves a download and returns its text. */
async function save(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(ARTIFACTS, `scale-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return fs.readFileSync(file, 'utf8');
}

const visible = (page, selector) => page.locator(selector).filter({ visible: true }).count();

/**
 * The thread time (ms) of the page's main-thread tasks from the Ctrl+V on, in
 * a trace (Chrome's trace event format), the longest first.
 */
function busiestTasks(trace) {
  const events = trace.traceEvents ?? trace;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const count = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain') count.set(key, (count.get(key) ?? 0) + 1);
  }
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main);
  const keydown = mine.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')?.ts ?? 0;
  return mine.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= keydown && e.tdur)
    .map((e) => Math.round(e.tdur / 1000)).sort((a, b) => b - a);
}

/**
 * Pastes `text` (5 MB) with Ctrl+V into a fresh page, waits for the result,
 * scrolls through the text, and gives the long tasks (ms) of each phase.
 * The paste event's task counts without the browser's clipboard read.
 */
async function measurePaste(text, expected) {
  const session = await app();
  const { page, context } = session;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#input .cm-content');
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.longTasks = [];
    new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])))
      .observe({ type: 'longtask' });
  });
  const now = () => page.evaluate(() => performance.now());
  // A trace of the page's tasks: how long each ran on the processor (the thread
  // time), which other processes on the machine do not lengthen.
  await harness.browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const started = Date.now();
  const t0 = await now();
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => /** @type {any} */ (xxgkView().getElementById('input')).length === n, text.length, { timeout: 60_000 });
  const t1 = await now();
  await settled(page, 120_000);
  const t2 = await now();
  const elapsed = Date.now() - started;
  // Scroll through the text: only what is in view is drawn.
  await page.evaluate(async () => {
    const scroller = xxgkView().getElementById('input').shadowRoot.querySelector('.cm-scroller');
    for (const f of [0.25, 0.5, 0.75, 1]) {
      scroller.scrollTop = scroller.scrollHeight * f;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    }
  });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  const cpu = busiestTasks(JSON.parse((await harness.browser.stopTracing()).toString('utf8')));
  const { long, reads } = await page.evaluate(() => ({
    long: /** @type {any} */ (window).longTasks,
    reads: performance.getEntriesByName('xxgk:clipboard-read').map((e) => [e.startTime, e.duration]),
  }));
  assert.equal(reads.length, 1, 'one clipboard read');
  const [readAt, readMs] = reads[0];
  // The task that holds the clipboard read: what the page did in it besides the read.
  const own = long.map(([at, ms]) => (at <= readAt && readAt + readMs <= at + ms ? [at, ms - readMs] : [at, ms]));
  const phase = (from, to) => own.filter(([at]) => at >= from && at < to).map(([, ms]) => Math.round(ms));
  const lines = await page.locator('#input .cm-line').count();
  assert.equal(await inputValue(page), text);
  assert.ok(lines < 2000, `only the lines in view are drawn (${lines})`);
  await assertDrawnEquals(page, expected, '5 MB paste');
  await done(session);
  return {
    elapsed, lines, cpu, read: Math.round(readMs), pasting: phase(t0, t1), checking: phase(t1, t2), scrolling: phase(t2, Infinity),
  };
}

describe('the page at scale', { timeout: 600_000 }, () => {
  test('about 150 blank cells: grouped and folded; filters govern the tables, the editor, printing and exports', async () => {
    const session = await app();
    const { page } = session;
    const text = blankSample();
    await paste(page, text);
    const report = JSON.parse(nativeJson({ text }));
    await assertDrawnEquals(page, report, 'blank cells');
    const blanks = report.diagnostics.filter((d) => d.code === 'DOC-BLANK');
    assert.ok(blanks.length >= 120, `about 150 blank cells: ${blanks.length}`);

    // One folded group: its count, the rule's explanation once, its cells inside.
    const group = page.locator('#finding-groups section.group[data-code="DOC-BLANK"]');
    assert.equal(await group.count(), 1);
    assert.match(await group.getAttribute('class') ?? '', /\bfolded\b/);
    assert.match(await group.locator('.group-toggle').textContent() ?? '', new RegExp(`DOC-BLANK · ${blanks.length} 处`));
    assert.equal(await group.locator('details.rule').count(), 1, 'the explanation once per group');
    assert.equal(await group.locator('li.finding').count(), blanks.length);
    assert.equal(await visible(page, '#finding-groups section.group[data-code="DOC-BLANK"] li.finding'), 0, 'folded');
    assert.match(await page.textContent('#summary .verdict') ?? '', /^(不宜发布|可以发布)/);
    await shot(page, 'a1-blank-cells-folded', { fullPage: false });

    // Unfolded, a finding scrolls the editor (not the window) to its place: a blank
    // (empty) cell gets a box there, and its line a mark in the gutter.
    await group.locator('.group-toggle').click();
    const firstBlank = group.locator('li.finding').first();
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await firstBlank.locator(':scope > button.go').click();
    assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the window did not move');
    await page.waitForSelector('#input .cm-blank-mark.sev-warning');
    assert.ok(await page.locator('#input .cm-line-mark.sev-warning').count() > 0, 'gutter marks');
    await page.locator('#input .cm-blank-mark').first().hover();
    await page.waitForSelector('#input .cm-finding-tip');
    assert.match(await page.locator('#input .cm-finding-tip').first().textContent() ?? '', /DOC-BLANK/, 'the message on hover');
    await group.locator('.group-toggle').click(); // folded again
    // Clicking a box goes to its finding (the group unfolds) and its cell.
    const box = page.locator('#input .cm-blank-mark').nth(1);
    const index = Number(await box.getAttribute('data-index'));
    const scrollY = await page.evaluate(() => window.scrollY);
    await box.click();
    await page.waitForSelector(`#finding-groups li.finding.current-finding[data-index="${index}"]`);
    assert.equal(await visible(page, `#finding-groups li.finding[data-index="${index}"]`), 1, 'its group unfolded');
    const d = report.diagnostics[index];
    if (d.cell) assert.equal(await page.getAttribute('td.current', 'data-key'), `${d.cell.table}|${d.cell.row ?? ''}|${d.cell.column}`);
    assert.equal(await page.evaluate(() => window.scrollY), scrollY, 'the window did not move');

    // F8 / Shift+F8: the next and previous findings in the text.
    await page.focus('#input .cm-content');
    await page.evaluate(() => /** @type {any} */ (xxgkView().getElementById('input')).setSelectionRange(0, 0));
    const order = report.diagnostics.map((x, i) => [x, i]).filter(([x]) => x.span)
      .sort((a, b) => a[0].span.start - b[0].span.start || a[1] - b[1]).map(([, i]) => i);
    const current = () => page.evaluate(() => Number(xxgkView().querySelector('li.finding.current-finding')?.getAttribute('data-index')));
    await page.keyboard.press('F8');
    assert.equal(await current(), order[0]);
    await page.keyboard.press('F8');
    assert.equal(await current(), order[1]);
    await page.keyboard.press('Shift+F8');
    assert.equal(await current(), order[0]);
    await page.click('#next-finding');
    assert.equal(await current(), order[1]);

    // Filter out the warnings: the group, the tables' marks and the editor's marks go.
    await page.uncheck('input[name="sev"][value="warning"]');
    assert.equal(await page.isHidden('#finding-groups section.group[data-code="DOC-BLANK"]'), true);
    assert.equal(await page.locator('#table-area td[data-sev="warning"]').count(), 0, 'no warning marks in the tables');
    assert.equal(await page.locator('#input .sev-warning').count(), 0, 'no warning marks in the editor');
    assert.equal(await page.isVisible('#filter-note'), true);
    const notWarnings = report.diagnostics.filter((x) => x.severity !== 'warning').length;
    const csv = await save(page, '#export-findings');
    assert.equal(csv.trimEnd().split('\r\n').length, notWarnings + 1, 'the findings CSV follows the filters');
    const json = JSON.parse(await save(page, '#export-json'));
    assert.equal(json.diagnostics.length, notWarnings, 'the JSON follows the filters');

    // Printing follows the filters: hidden findings are not printed, folded groups are.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await visible(page, '#finding-groups li.finding'), notWarnings);
    await page.emulateMedia({ media: 'screen' });
    await page.check('input[name="sev"][value="warning"]');
    await page.click('#finding-groups section.group[data-code="DOC-BLANK"] .group-toggle'); // fold it again
    await page.selectOption('#code-filter', 'DOC-BLANK');
    assert.match(await page.textContent('#code-filter option:checked') ?? '', /^单元格为空/, 'rules are offered by their titles');
    assert.equal(await visible(page, '#finding-groups li.finding'), 0, 'folded on screen');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await visible(page, '#finding-groups li.finding'), blanks.length, 'printed unfolded, only the filtered rule');
    assert.equal(await page.isVisible('#filter-note'), true, 'the print says which filter applies');
    await shot(page, 'a2-print-filtered');
    await page.emulateMedia({ media: 'screen' });
    await page.selectOption('#code-filter', '');
    await done(session);
  });

  test('root causes come first, with the findings they explain under them', async () => {
    const session = await app();
    const { page } = session;
    await page.click('#sample');
    await settled(page);
    // A report as the library gives it once it links causes (caused_by / explains).
    const shown = await page.evaluate(async () => {
      const { currentDoc } = await import('/state.js');
      const { render } = await import('/render.js');
      const report = structuredClone(currentDoc().report);
      const last = report.diagnostics.length - 1;
      report.diagnostics[last].explains = [0, 1];
      report.diagnostics[0].caused_by = last;
      report.diagnostics[1].caused_by = last;
      currentDoc().report = report;
      render();
      const root = xxgkView().querySelector(`#finding-groups li.finding[data-index="${last}"]`);
      return {
        last,
        firstGroup: xxgkView().querySelector('#finding-groups section.group')?.getAttribute('data-code'),
        code: report.diagnostics[last].code,
        under: Array.from(root?.querySelectorAll('.consequences li.finding') ?? [], (li) => Number(li.getAttribute('data-index'))),
        items: xxgkView().querySelectorAll('#finding-groups li.finding').length,
        total: report.diagnostics.length,
        verdict: xxgkView().querySelector('#summary .verdict')?.textContent,
      };
    });
    assert.equal(shown.firstGroup, shown.code, 'the root\'s group comes first');
    assert.deepEqual(shown.under, [0, 1], 'its consequences are listed under it');
    assert.equal(shown.items, shown.total, 'every finding is listed once');
    await shot(page, 'a3-root-causes', { fullPage: false });
    await done(session);
  });

  test('a 5 MB paste: the main thread keeps answering (long tasks measured)', async () => {
    const unit = `${SAMPLE}\n`;
    const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(unit)));
    // The goal: no task over 50 ms. What the page does is split into tasks
    // (the paste in pieces, the caret left where the paste began until the last
    // piece, the tables one per frame, the storing in parts, the symbols never
    // bold so that no 20 MB bold font is loaded to find them). One task is the
    // browser's own and cannot be split: reading the clipboard inside the paste
    // event (the page marks it as 'xxgk:clipboard-read'); the paste event's task
    // is checked without that time. The thread time of the longest tasks (from a
    // trace) is printed too: what other processes cannot lengthen.
    // Other processes can deschedule the browser inside a task and lengthen it:
    // a measurement with a task over the bound is tried again, up to three
    // attempts, every attempt's figures printed; the last must have none. The
    // bound is the goal, 50 ms (XXGK_LONG_TASK_MS sets another, e.g. on a
    // machine shared with heavy jobs, where tasks of 100–350 ms were seen
    // under load averages of 14–17).
    const limit = Number(process.env.XXGK_LONG_TASK_MS || 50);
    const expected = JSON.parse(nativeJson({ text }));
    const attempts = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const figures = await measurePaste(text, expected);
      const over = [...figures.pasting, ...figures.checking, ...figures.scrolling].filter((ms) => ms > limit);
      const load = os.loadavg();
      console.log(`# 5 MB paste, attempt ${attempt} (load average ${load.map((l) => l.toFixed(1)).join(' ')}): `
        + `result shown ${figures.elapsed} ms after Ctrl+V; long tasks (ms) while pasting: ${figures.pasting.join(', ') || 'none'} `
        + `(the clipboard read in the paste event: ${figures.read} ms, not counted); `
        + `while checking, drawing and storing: ${figures.checking.join(', ') || 'none'}; `
        + `while scrolling: ${figures.scrolling.join(', ') || 'none'}; lines drawn: ${figures.lines}; `
        + `the longest tasks' thread time (ms): ${figures.cpu.slice(0, 5).join(', ')}`);
      attempts.push(over);
      if (!over.length) break;
    }
    assert.deepEqual(attempts.at(-1), [], `no long task over ${limit} ms (attempts: ${JSON.stringify(attempts)})`);
  });

  test('nothing lost: a reload restores the text, the link carries it, 清除 erases it', async () => {
    const session = await app();
    const { page } = session;
    const text = SAMPLE.replace('示例县教育局', '示例县“链接”测试局');
    await paste(page, text);
    // Checked and stored (the page is busy until both are done), then reloaded.
    await settled(page);
    await page.reload();
    await page.waitForFunction(() => xxgkView().getElementById('status')?.dataset.state === 'done', null, { timeout: 30_000 });
    assert.equal(await inputValue(page), text, 'the reload restored the text');
    assert.ok(await page.locator('#finding-groups li.finding').count() > 0, 'and checked it');

    // The link: the text compressed in the fragment, opened in a fresh browser context.
    await page.click('#share-link');
    // The text is compressed asynchronously (CompressionStream).
    await page.waitForFunction(() => /** @type {HTMLInputElement} */ (document.getElementById('share-url'))?.value !== '');
    const url = await page.inputValue('#share-url');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#t=[A-Za-z0-9_-]+$/);
    assert.ok(url.length < Buffer.byteLength(text), 'compressed');
    const other = await withView(await harness.browser.newContext());
    const second = await other.newPage();
    await second.goto(url);
    await second.waitForFunction(() => xxgkView().getElementById('status')?.dataset.state === 'done', null, { timeout: 30_000 });
    assert.equal(await inputValue(second), text, 'the link round-trips');
    assert.equal(new URL(second.url()).hash, '', 'the fragment is dropped once read');
    await other.close();

    // 清除 erases the text here and in storage.
    await page.click('#clear-all');
    assert.equal(await inputValue(page), '');
    await settled(page);
    await page.reload();
    await page.waitForFunction(() => xxgkView().getElementById('status')?.dataset.state === 'idle', null, { timeout: 30_000 });
    assert.equal(await inputValue(page), '', 'nothing restored after 清除');

    // A file that cannot be read, then a paste: the paste is not given the file's name.
    await page.setInputFiles('#file', [{ name: '坏文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') }]);
    await page.waitForSelector('#file-error:not([hidden])');
    await paste(page, SAMPLE);
    assert.equal(await page.textContent('#summary dd[data-field="source"]'), '粘贴的文字');

    // Tables pasted alone: the missing sections said once, as a note.
    const tables = SAMPLE.split('\n').filter((l) => l.includes('\t') || /^（/.test(l) || /第二十条/.test(l)).join('\n');
    await paste(page, tables);
    assert.equal(await page.isVisible('#section-note'), true);
    assert.match(await page.textContent('#section-note') ?? '', /缺少报告的 \d 个章节/);

    // The tables as the template lays them out.
    await paste(page, SAMPLE);
    const layout = await save(page, '#export-layout');
    const rows = layout.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.ok(rows.some((r) => r.startsWith('信息内容,')), 'table 1 with its column labels');
    assert.ok(rows.some((r) => /^"?三、本年度办理结果"?,.*（七）总计|^[^,]*,?（七）总计/.test(r) || r.includes('（七）总计')), 'table 2 with its row labels');
    assert.ok(rows.some((r) => r.startsWith('行政复议,')), 'table 3 with its groups');
    await done(session);
  });

  test('keyboard, phone and accessibility', async () => {
    const session = await app({ viewport: { width: 390, height: 844 } });
    const { page } = session;
    await page.click('#sample');
    await settled(page);
    const order = await page.evaluate(() => ({
      results: xxgkView().querySelector('.right').getBoundingClientRect().top,
      text: xxgkView().querySelector('.left').getBoundingClientRect().top,
    }));
    assert.ok(order.results < order.text, 'on a phone the results come first');
    fs.mkdirSync(path.join(ROOT, 'target'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'target', 'xxgk-phone.png'), fullPage: true });

    // One tab stop per table; the arrow keys move inside it.
    const stops = await page.evaluate(() => Array.from(xxgkView().querySelectorAll('#table-area table'),
      (t) => t.querySelectorAll('td[tabindex="0"]').length));
    assert.ok(stops.length === 3 && stops.every((n) => n === 1), `one tab stop per table: ${stops}`);
    const first = page.locator('#table-area table.t2 td[tabindex="0"]');
    await first.focus();
    const before = await page.evaluate(() => xxgkView().activeElement?.getAttribute('data-key'));
    await page.keyboard.press('ArrowRight');
    const right = await page.evaluate(() => xxgkView().activeElement?.getAttribute('data-key'));
    assert.notEqual(right, before);
    await page.keyboard.press('ArrowDown');
    const down = await page.evaluate(() => xxgkView().activeElement?.getAttribute('data-key'));
    assert.notEqual(down, right);
    assert.equal(await page.evaluate(() => xxgkView().activeElement?.getAttribute('tabindex')), '0', 'the focused cell is the tab stop');
    const outline = await page.evaluate(() => getComputedStyle(xxgkView().activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');

    // axe-core: no serious or critical violation, on a phone and on a wide screen.
    for (const size of [{ width: 390, height: 844 }, { width: 1440, height: 1000 }]) {
      await page.setViewportSize(size);
      await page.evaluate(AXE);
      const found = await page.evaluate(async () => {
        const result = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      assert.deepEqual(found, [], `axe at ${size.width}px`);
    }
    await done(session);
  });
});
