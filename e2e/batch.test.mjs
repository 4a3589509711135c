// End-to-end tests of the batch view in headless Chromium: fictional reports
// of a few agencies over three years (made here from tests/compare/ and
// tests/fixtures/), checked as a folder of 50 files and as a .zip of 50
// files; the grid, its sorting and filters, the progress bar, the page
// answering while the pool works, the year-over-year findings, the two
// years' tables side by side, and the exports (CSV with a byte-order mark,
// the .xlsx workbook read back, the summary equal to the command line's).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { ARTIFACTS, FIXTURES, ROOT, cliPath, dropFiles, nativeJson, shot, txtFiles, useBrowser } from './support.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const harness = useBrowser();
const { app, done } = harness;
const COMPARE = path.join(ROOT, 'tests', 'compare');

/**
 * The batch: two agencies whose years carry over (教育局, and a 交通运输局
 * made from it), two whose 2022 report carries over wrong numbers and whose
 * 2023 report copies 2022's prose (卫生健康委员会 in two counties), then the
 * fixtures, then copies of fixtures under a subfolder: 50 files in all.
 * @returns {Array<{name: string, text: string}>} sorted by name
 */
function reports() {
  const out = [];
  const series = [
    ['edu', '示例县教育局', [['示例甲县教育局', 'a_edu'], ['示例乙县交通运输局', 'b_transport']]],
    ['health', '示例县卫生健康委员会', [['示例甲县卫生健康委员会', 'a_health'], ['示例乙县卫生健康委员会', 'b_health']]],
  ];
  for (const [prefix, agency, renamed] of series) {
    for (const file of fs.readdirSync(COMPARE).filter((f) => f.startsWith(`${prefix}_`)).sort()) {
      const text = fs.readFileSync(path.join(COMPARE, file), 'utf8');
      for (const [name, stem] of renamed) {
        out.push({ name: `series/${stem}_${file.replace(`${prefix}_`, '')}`, text: text.replaceAll(agency, name) });
      }
    }
  }
  const fixtures = txtFiles(FIXTURES);
  for (const file of fixtures) out.push({ name: `fixtures/${path.basename(file)}`, text: fs.readFileSync(file, 'utf8') });
  for (let i = 0; out.length < 50; i++) {
    out.push({ name: `fixtures/copies/copy_${String(i).padStart(2, '0')}.txt`, text: fs.readFileSync(fixtures[i % fixtures.length], 'utf8') });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A .zip of the files, alternately deflated and stored (as archivers write them). */
function zipOf(files) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const parts = [];
  const central = [];
  let offset = 0;
  files.forEach(({ name, text }, i) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const method = i % 2 ? 0 : 8;
    const packed = method ? zlib.deflateRawSync(data) : data;
    const header = (size, sig) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(sig, 0);
      return b;
    };
    const local = header(30, 0x04034b50);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = header(46, 0x02014b50);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, packed);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  });
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

/** The entries of a .zip written by the page (the .xlsx): name → bytes. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'the workbook is a zip archive');
  const out = new Map();
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10);
    const packed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + packed);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
  }
  return out;
}

/** A CSV (quoted fields, doubled quotes, CRLF lines) as rows of fields. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\r\n').filter(Boolean)) {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"' && quoted && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}

/**
 * Waits until every report of the batch is checked and every pair compared;
 * `run`: the files of the last run, which the progress bar counts.
 */
async function finished(page, count, run = count) {
  try {
    await page.waitForFunction(([n, files]) => {
      const rows = document.querySelectorAll('#batch-grid tbody tr');
      const bar = /** @type {HTMLProgressElement} */ (document.getElementById('batch-progress'));
      const box = document.getElementById('batch');
      return rows.length === n && box.dataset.running === 'false' && box.dataset.comparing === 'false'
        && bar.value === files && bar.max === files
        && !document.querySelector('#batch-grid tr[data-status="waiting"]')
        && !document.querySelector('#batch-pairs .pending');
    }, [count, run], { timeout: 120_000, polling: 100 });
  } catch (error) {
    const state = await page.evaluate(() => ({
      rows: document.querySelectorAll('#batch-grid tbody tr').length,
      ...document.getElementById('batch').dataset,
      progress: document.getElementById('batch-progress-text').textContent,
      waiting: document.querySelectorAll('#batch-grid tr[data-status="waiting"]').length,
      pending: document.querySelectorAll('#batch-pairs .pending').length,
    }));
    throw new Error(`${error.message}: ${JSON.stringify(state)}`);
  }
}

/** The grid as rows of cell texts (name first, then the summary's 16 columns). */
function grid(page) {
  return page.$$eval('#batch-grid tbody tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    name: tr.querySelector('th')?.textContent ?? '',
    cells: [...tr.querySelectorAll('td[data-column]')].map((td) => td.textContent),
  })));
}

async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(ARTIFACTS, `batch-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

const FILES = reports();

describe('batch view', () => {
  test('a folder of 50 reports: grid, sorting, filters, year over year, side by side, exports', async () => {
    assert.equal(FILES.length, 50);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-batch-'));
    const root = path.join(dir, 'reports');
    for (const f of FILES) {
      fs.mkdirSync(path.dirname(path.join(root, f.name)), { recursive: true });
      fs.writeFileSync(path.join(root, f.name), f.text);
    }
    const session = await app();
    const { page } = session;
    await page.click('#batch-open');
    await page.waitForSelector('#batch:not([hidden])');
    // The page answers while the pool works: long tasks stay short, and a
    // click during the run is handled at once.
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
      const box = document.getElementById('batch-only-errors');
      box.addEventListener('click', () => {
        window.__click = { running: document.getElementById('batch').dataset.running, at: performance.now() };
      });
    });
    await page.setInputFiles('#batch-folder', root);
    const sent = await page.evaluate(() => performance.now());
    await page.click('#batch-only-errors');
    const click = await page.evaluate(() => window.__click);
    assert.equal(click.running, 'true', 'the click came while the batch was being checked');
    assert.ok(click.at - sent < 1000, `the click was handled within a second (${click.at - sent} ms)`);
    await page.uncheck('#batch-only-errors'); // off again
    await finished(page, 50);
    const longest = await page.evaluate(() => window.__longest);
    assert.ok(longest < 1000, `no long task over a second on the page's thread (longest ${longest} ms)`);
    await shot(page, 'batch-grid');

    // Every file has its row, named by agency and year.
    let rows = await grid(page);
    assert.equal(rows.length, 50);
    const sources = rows.map((r) => r.cells[0]).sort();
    assert.deepEqual(sources, FILES.map((f) => `reports/${f.name}`).sort());
    assert.ok(rows.some((r) => r.name === '示例甲县教育局 2019 年'), rows.map((r) => r.name).join(', '));

    // The summary agrees with the command line's (`--summary csv --compare`), file name aside.
    const cli = spawnSync(cliPath(), ['check', '--summary', 'csv', '--compare', 'reports'], { cwd: dir, maxBuffer: 1 << 28 });
    const cliRows = parseCsv(cli.stdout.toString('utf8').replace(/^\uFEFF/, '')).slice(1);
    const key = (cells) => cells.slice(1).join('|');
    assert.deepEqual(rows.map((r) => key(r.cells)).sort(), cliRows.map((c) => key(c)).sort());

    // Sorting: 本年新收 ascending (empty last), then descending.
    await page.click('#batch-grid button.sort[data-column="7"]');
    rows = await grid(page);
    const values = rows.map((r) => r.cells[7]).filter((v) => v !== '').map(Number);
    assert.deepEqual(values, [...values].sort((a, b) => a - b));
    assert.ok(rows.findIndex((r) => r.cells[7] === '') === -1 || rows.slice(rows.findIndex((r) => r.cells[7] === '')).every((r) => r.cells[7] === ''));
    await page.click('#batch-grid button.sort[data-column="7"]');
    const down = (await grid(page)).map((r) => r.cells[7]).filter((v) => v !== '').map(Number);
    assert.deepEqual(down, [...values].reverse());
    // By name.
    await page.click('#batch-grid button.sort[data-column="-1"]');
    const names = (await grid(page)).map((r) => r.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));

    // Filters: only reports with errors; by rule; by template.
    const all = await grid(page);
    await page.check('#batch-only-errors');
    rows = await grid(page);
    assert.deepEqual(rows.map((r) => r.id).sort(), all.filter((r) => Number(r.cells[4]) > 0).map((r) => r.id).sort());
    assert.ok(rows.length > 0 && rows.length < 50);
    await page.uncheck('#batch-only-errors');
    await page.selectOption('#batch-rule', 'T2-XYR');
    rows = await grid(page);
    const xyr = rows.map((r) => r.cells[0]);
    assert.ok(xyr.includes('reports/series/a_health_2022.txt') && xyr.includes('reports/series/b_health_2022.txt'), xyr.join(', '));
    assert.ok(!xyr.some((s) => /edu|transport|health_202[13]/.test(s)), xyr.join(', '));
    for (const source of xyr) {
      assert.ok(await page.$(`#batch-pairs article.pair[data-this="${source}"] li[data-code="T2-XYR"]`), source);
    }
    await page.selectOption('#batch-rule', '');
    await page.selectOption('#batch-template', '2021');
    rows = await grid(page);
    assert.ok(rows.length > 0 && rows.every((r) => r.cells[3] === '2021'));
    assert.deepEqual(rows.map((r) => r.id).sort(), all.filter((r) => r.cells[3] === '2021').map((r) => r.id).sort());
    await page.selectOption('#batch-template', '');

    // Year over year: the wrong carry-over is reported, the right one is not;
    // the copied prose is marked sentence by sentence.
    const pair = (thisFile) => `#batch-pairs article.pair[data-this="reports/series/${thisFile}"]`;
    assert.ok(await page.$(`${pair('a_health_2022.txt')} li[data-code="T2-XYR"]`), 'T2-XYR for the wrong carry-over');
    for (const consistent of ['a_edu_2020.txt', 'a_edu_2021.txt', 'b_transport_2020.txt']) {
      assert.equal(await page.$$eval(`${pair(consistent)} li[data-code]`, (l) => l.length), 0, consistent);
      assert.ok(await page.$(`${pair(consistent)} .clean`), consistent);
    }
    assert.ok(await page.$(`${pair('a_health_2023.txt')} li[data-code="XYR-COPY"] mark.repeated-sentence`), 'the copied sentences are marked');
    const marked = await page.$$eval(`${pair('a_health_2023.txt')} mark.repeated-sentence`, (m) => m.map((x) => x.textContent));
    const text2023 = FILES.find((f) => f.name === 'series/a_health_2023.txt').text;
    const text2022 = FILES.find((f) => f.name === 'series/a_health_2022.txt').text;
    // The same sentence in both years, years aside.
    const yearless = (t) => t.replace(/\d+/g, '#');
    assert.ok(marked.length > 0, 'sentences marked');
    for (const s of marked) {
      assert.ok(s.length >= 10 && text2023.includes(s) && yearless(text2022).includes(yearless(s)), s);
    }

    // Side by side: exactly the cells whose number (or text) differs are marked.
    await page.click(`${pair('a_health_2022.txt')} button.side-by-side`);
    await page.waitForSelector('#batch-side:not([hidden]) td');
    const shown = await page.$$eval('#batch-side table[data-side="this"] td.changed', (tds) => tds.map((td) => td.dataset.key).sort());
    const shownLast = await page.$$eval('#batch-side table[data-side="last"] td.changed', (tds) => tds.map((td) => td.dataset.key).sort());
    const [last, current] = ['a_health_2021.txt', 'a_health_2022.txt'].map((f) => JSON.parse(nativeJson({ text: FILES.find((x) => x.name === `series/${f}`).text })));
    const sig = (c) => (c ? (typeof c.value === 'number' ? `n${c.value}` : `t${c.text}`) : null);
    const expected = [];
    for (const table of ['active', 'applications', 'review']) {
      const rowsOf = (r) => new Map(Array.isArray(r.tables[table]) ? [['', r.tables[table]]] : Object.entries(r.tables[table] ?? {}));
      const [a, b] = [rowsOf(last), rowsOf(current)];
      for (const k of new Set([...a.keys(), ...b.keys()])) {
        const width = Math.max(...[...a.values(), ...b.values()].map((c) => c.length));
        for (let i = 0; i < width; i++) if (sig(a.get(k)?.[i]) !== sig(b.get(k)?.[i])) expected.push(`${table}|${k}|${i}`);
      }
    }
    assert.ok(expected.length > 0);
    assert.deepEqual(shown, expected.sort());
    assert.deepEqual(shownLast, shown);
    await shot(page, 'batch-side-by-side');

    // axe-core: no serious or critical accessibility problem in the batch view.
    await page.evaluate(AXE);
    const found = await page.evaluate(async () => {
      const result = await /** @type {any} */ (window).axe.run(document.getElementById('batch'), { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(found, [], 'axe on the batch view');

    // Correcting a pairing: 2022 of one county against the other county's 2021.
    const rowB = all.find((r) => r.cells[0] === 'reports/series/b_health_2022.txt');
    const other = all.find((r) => r.cells[0] === 'reports/series/a_health_2021.txt');
    const select = `#batch-grid tr[data-id="${rowB.id}"] select.last-year`;
    await page.focus(select); // lists every report
    await page.selectOption(select, other.id);
    await page.waitForSelector(`${pair('b_health_2022.txt')}[data-last="reports/series/a_health_2021.txt"] .comparison`);
    assert.ok(await page.$(`${pair('b_health_2022.txt')} li[data-code="XYR-PAIR"]`), 'another agency: not a pair');

    // Exports: CSV with a byte-order mark, the findings, JSON and a real workbook.
    const csv = await download(page, '#batch-export-csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const csvRows = parseCsv(csv.bytes.toString('utf8').slice(1));
    assert.equal(csvRows.length, 51);
    assert.equal(csvRows[0][0], '文件');
    const findings = await download(page, '#batch-export-findings');
    assert.deepEqual([...findings.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(findings.bytes.toString('utf8').includes('T2-XYR'));
    const json = JSON.parse((await download(page, '#batch-export-json')).bytes.toString('utf8'));
    assert.equal(json.length, 50);
    assert.ok(json.every((r) => 'agency' in r && 'new' in r && 'compare_findings' in r));
    const xlsx = await download(page, '#batch-export-xlsx');
    assert.match(xlsx.name, /\.xlsx$/);
    const parts = unzip(xlsx.bytes);
    const workbook = parts.get('xl/workbook.xml').toString('utf8');
    assert.deepEqual([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ['汇总', '问题', '表一', '表二', '表三']);
    const sheet1 = parts.get('xl/worksheets/sheet1.xml').toString('utf8');
    assert.equal((sheet1.match(/<row /g) ?? []).length, 51);
    const strings = parts.get('xl/sharedStrings.xml').toString('utf8');
    assert.ok(strings.includes('示例乙县交通运输局') && strings.includes('reports/series/a_edu_2019.txt'));
    const sheet4 = parts.get('xl/worksheets/sheet4.xml').toString('utf8');
    assert.equal((sheet4.match(/<row /g) ?? []).length, 51, '表二: one row per report');

    // A row opens the report's full view, and the header's button comes back.
    await page.click(`#batch-grid tr[data-id="${other.id}"] button.open-report`);
    await page.waitForSelector('#batch', { state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('#doc-list li.current')?.textContent.includes('示例甲县卫生健康委员会'));
    await page.click('#batch-open');
    await page.waitForSelector('#batch:not([hidden])');
    assert.equal((await grid(page)).length, 50);

    // Remove one, then clear all.
    await page.click(`#batch-grid tr[data-id="${other.id}"] button.remove`);
    await page.waitForFunction(() => document.querySelectorAll('#batch-grid tbody tr').length === 49);
    await page.click('#batch-clear');
    await page.waitForFunction(() => document.querySelectorAll('#batch-grid tbody tr').length === 0);
    await done(session);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a .zip of 50 reports is read in the page', async () => {
    const session = await app();
    const { page } = session;
    await page.click('#batch-open');
    const archive = zipOf(FILES);
    await page.setInputFiles('#batch-files', { name: 'reports.zip', mimeType: 'application/zip', buffer: archive });
    await finished(page, 50);
    const rows = await grid(page);
    assert.deepEqual(rows.map((r) => r.cells[0]).sort(), FILES.map((f) => f.name).sort());
    assert.ok(rows.every((r) => r.cells.length === 16), 'every file was read and checked');
    assert.ok(await page.$('#batch-pairs article.pair[data-this="series/a_health_2022.txt"] li[data-code="T2-XYR"]'));
    // Files dropped on the batch view join the batch (not the single-report view).
    const docs = await page.$$eval('#doc-list li', (l) => l.length);
    await dropFiles(page, ['2019', '2020'].map((y) => ({
      name: `dropped_${y}.txt`,
      buffer: Buffer.from(fs.readFileSync(path.join(COMPARE, `edu_${y}.txt`), 'utf8').replaceAll('示例县教育局', '示例丙县教育局')),
    })));
    await finished(page, 52, 2);
    assert.ok(await page.$('#batch-pairs article.pair[data-this="dropped_2020.txt"][data-last="dropped_2019.txt"] .clean'));
    assert.equal(await page.$$eval('#doc-list li', (l) => l.length), docs);
    await done(session);
  });

  test('a run can be cancelled, and the next one starts afresh', async () => {
    const session = await app();
    const { page } = session;
    await page.click('#batch-open');
    await page.setInputFiles('#batch-files', { name: 'reports.zip', mimeType: 'application/zip', buffer: zipOf(FILES) });
    await page.click('#batch-cancel');
    await page.waitForFunction(() => document.getElementById('batch').dataset.running === 'false');
    await page.waitForFunction(() => !document.querySelector('#batch-grid tr[data-status="waiting"]'));
    const statuses = await page.$$eval('#batch-grid tbody tr', (trs) => trs.map((tr) => [tr.dataset.status, tr.textContent]));
    assert.ok(statuses.every(([s, text]) => s === 'done' || (s === 'failed' && text.includes('已取消'))), JSON.stringify(statuses.slice(0, 3)));
    assert.ok(statuses.filter(([s]) => s === 'done').length < 50, 'some reports were not checked');
    await page.click('#batch-clear');
    await page.setInputFiles('#batch-files', ['2021', '2022'].map((y) => ({
      name: `health_${y}.txt`, mimeType: 'text/plain', buffer: fs.readFileSync(path.join(COMPARE, `health_${y}.txt`)),
    })));
    await finished(page, 2);
    assert.ok(await page.$('#batch-pairs article.pair[data-this="health_2022.txt"] li[data-code="T2-XYR"]'));
    await done(session);
  });
});
