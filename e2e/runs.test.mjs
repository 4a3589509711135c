// The page's checker has no solver for runs of digits (cells whose
// boundaries were lost in crawled or copied text): such a report is checked
// by a second module (pkg/xxgk_runs.js), fetched only then. A flattened
// report pasted into the page is drawn exactly as the native CLI reports
// it, inferred cells included; a report laid out in columns never fetches
// the second module; and the page never announces a report the first
// module left unsplit.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURES, assertDrawnEquals, launch, nativeJson, paste, shot, startServer, withView,
} from './support.mjs';

const RUNS = /\/pkg\/xxgk_runs(_bg\.wasm|\.js)$/;

describe('runs of digits', { timeout: 300_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a flattened report loads the second module and is drawn as the CLI reports it', async () => {
    // No service worker: every request the page and its worker make is seen
    // here (the service worker fetches every module to keep the page offline).
    const context = await withView(await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block', viewport: { width: 1440, height: 1000 } }));
    const fetched = [];
    context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const errors = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => ['idle', 'done'].includes(xxgkView().getElementById('status')?.dataset.state ?? ''),
      null, { timeout: 30_000 });
    await page.evaluate(() => {
      /** @type {any} */ (window).announced = [];
      document.getElementById('checker')?.addEventListener('xxgk-result', (e) => /** @type {any} */ (window).announced.push(/** @type {CustomEvent} */ (e).detail));
    });

    // A report laid out in columns: the checker alone.
    const plain = fs.readFileSync(path.join(FIXTURES, 'flattened', 'base_2022.txt'), 'utf8');
    await paste(page, plain);
    await assertDrawnEquals(page, JSON.parse(nativeJson({ text: plain })), 'base_2022.txt');
    assert.deepEqual(fetched.filter((p) => RUNS.test(p)), [], 'a report in columns does not fetch xxgk_runs');

    for (const name of ['glued_2022.txt', 'all_tables_2022.txt']) {
      const text = fs.readFileSync(path.join(FIXTURES, 'flattened', name), 'utf8');
      await paste(page, text);
      const report = JSON.parse(nativeJson({ text }));
      await assertDrawnEquals(page, report, name);
      // The inferred cells, marked as the CLI marks them.
      const marked = await page.evaluate(() => Array.from(xxgkView().querySelectorAll('#table-area td.inferred[data-key]'),
        (td) => /** @type {HTMLElement} */ (td).dataset.key).sort());
      const inferred = [];
      for (const [row, cells] of Object.entries(report.tables.applications ?? {})) {
        cells.forEach((c, column) => { if (c.inferred?.length) inferred.push(`applications|${row}|${column}`); });
      }
      (report.tables.review ?? []).forEach((c, column) => { if (c.inferred?.length) inferred.push(`review||${column}`); });
      assert.ok(inferred.length > 0, `${name}: the CLI infers cells`);
      assert.deepEqual(marked, inferred.sort(), `${name}: the inferred cells`);
      await shot(page, `runs-${name}`);
    }
    assert.deepEqual(fetched.filter((p) => RUNS.test(p)).sort(), ['/pkg/xxgk_runs.js', '/pkg/xxgk_runs_bg.wasm'],
      'xxgk_runs fetched once, with the first flattened report');

    // Every report the page announced is a full one, never one left unsplit.
    const announced = await page.evaluate(() => /** @type {any} */ (window).announced);
    assert.ok(announced.length >= 3, `${announced.length} reports announced`);
    for (const report of announced) assert.equal(report.deferred_runs, undefined, 'no announced report is deferred');
    await context.close();
    assert.deepEqual(errors, [], 'no script error or console error');
  });

  test('the module\'s check and checkJson give the CLI\'s report once init() has loaded the solver', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(server.origin + '/sample.txt');
    const text = fs.readFileSync(path.join(FIXTURES, 'flattened', 'rows_2022.txt'), 'utf8');
    const native = nativeJson({ text });
    const result = await page.evaluate(async (t) => {
      const m = await import('/pkg/xxgk.js');
      await m.initChecker();
      const alone = m.check(t, { source: '-' }).deferred_runs;
      await m.loadRuns();
      return { alone, json: m.checkJson(t, '-'), report: m.check(t, { source: '-' }) };
    }, text);
    assert.equal(result.alone, true, 'the checker alone marks the report deferred');
    assert.equal(result.json, native, 'checkJson() gives the CLI\'s JSON byte for byte');
    assert.equal(result.report.deferred_runs, undefined);
    assert.equal(JSON.stringify(result.report.tables.applications.total.map((c) => c.value)),
      JSON.stringify(JSON.parse(native).tables.applications.total.map((c) => c.value)));
    await context.close();
  });
});
