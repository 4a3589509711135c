// PDFs as a browser prints a report: a fixture as a web page (bordered tables,
// labels wrapping in narrow columns) set in Noto CJK, printed by Chromium
// on A4 with its print header and footer (the date and the title above, the
// file:// address and `4/6` below), its long tables broken across pages. Each is
// dropped on the page, which reads it with pdf.js and the PDF layout module
// (pkg/xxgk_pdf.js, fetched only then), and read by the command line
// (`xxgk check file.pdf`):
//   - every table cell read from the PDF equals the fixture's own cell, or is left
//     unread (blank, unreadable, or among the `unplaced` numbers): never a number
//     in another cell;
//   - the page and the command line read the same tables;
//   - the print header and footer are gone.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ARTIFACTS, FIXTURES, closeApp, dropFiles, launch, nativeJson, openApp, settled, startServer,
  inputValue, noSpans, printableBody, withView,
} from './support.mjs';

const FILES = ['clean_2021_tabs.txt', 'clean_2019_tabs.txt', 'bad_cells_2019.txt', 'blank_cells_2022.txt', 't2_group_2021.txt'];
const OUT = path.join(ARTIFACTS, 'print');

/**
 * A fixture as a web page set in Noto CJK: narrative lines as paragraphs, each run
 * of tab-separated lines one bordered table, cell for cell (a column empty in
 * every row, the text's trace of merged cells, left out), in columns narrow
 * enough that long labels wrap.
 */
function page(text, font) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报网页标题</title><style>
    body { font-family: '${font}'; font-size: 10.5pt; line-height: 1.6; }
    p { margin: 0 0 4pt; text-indent: 2em; }
    table { border-collapse: collapse; margin: 6pt 0 12pt; width: 100%; }
    td { border: 0.75pt solid #000; padding: 5pt 3pt; vertical-align: middle; }
  </style></head><body>${printableBody(text)}</body></html>`;
}

// Chromium's own print header and footer: the date and the title, the address and n/m.
const HEADER = '<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;margin:0 10mm"><span class="date"></span><span class="title"></span><span></span></div>';
const FOOTER = '<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;margin:0 10mm"><span class="url"></span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>';


/** Every cell of a report's tables: `table|row|column` → cell. */
function cellsOf(tables) {
  const out = new Map();
  for (const table of ['active', 'applications']) {
    for (const [row, list] of Object.entries(tables[table] ?? {})) list.forEach((c, k) => out.set(`${table}|${row}|${k}`, c));
  }
  (tables.review ?? []).forEach((c, k) => out.set(`review||${k}`, c));
  return out;
}

/**
 * Compares the cells read from a PDF with the fixture's: each is the fixture's
 * value, or unread (no value, or its row or table missing); a number read into a
 * cell where the fixture has another is a misplaced number. Returns the counts.
 */
function compareCells(got, want, label) {
  const mine = cellsOf(got);
  const theirs = cellsOf(want);
  let same = 0;
  let unread = 0;
  const misplaced = [];
  for (const [key, cell] of theirs) {
    const read = mine.get(key);
    if (!read || read.value === null) unread++;
    else if (read.value === cell.value) same++;
    else misplaced.push(`${key}: ${JSON.stringify(read.text)}, want ${JSON.stringify(cell.text)}`);
  }
  for (const [key, cell] of mine) {
    if (!theirs.has(key) && cell.value !== null) misplaced.push(`${key}: ${JSON.stringify(cell.text)}, not in the fixture`);
  }
  assert.deepEqual(misplaced, [], `${label}: numbers in cells where the fixture has others`);
  return { same, unread, total: theirs.size };
}

describe('PDFs printed by Chromium (Noto CJK, print header and footer, tables across pages)', () => {
  let server;
  let browser;
  let printer;

  before(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    server = await startServer();
    browser = await launch();
    printer = await (await browser.newContext()).newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Prints a fixture from a file:// address; returns the PDF's path and the tallest table's height in pages. */
  async function print(name, font) {
    const base = `${name.replace(/\.txt$/, '')}-${font.replace(/\W+/g, '')}`;
    const htmlPath = path.join(OUT, `${base}.html`);
    fs.writeFileSync(htmlPath, page(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), font));
    await printer.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const tallest = await printer.evaluate(() => Math.max(...Array.from(document.querySelectorAll('table'), (t) => t.getBoundingClientRect().height)));
    const pdfPath = path.join(OUT, `${base}.pdf`);
    await printer.pdf({
      path: pdfPath, format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: HEADER, footerTemplate: FOOTER,
      margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
    });
    // A4's height less the margins, in CSS pixels (96 per inch).
    return { pdfPath, base, tallestPages: tallest / ((297 - 40) / 25.4 * 96) };
  }

  test('the PDF layout module is fetched only when a PDF is opened', async () => {
    const { pdfPath } = await print(FILES[0], 'Noto Sans CJK SC');
    // No service worker here: it would fetch every file of the app to keep it offline.
    const context = await withView(await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' }));
    const fetched = [];
    context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const app = await context.newPage();
    await app.goto(server.origin + '/');
    await app.waitForFunction(() => ['idle', 'done'].includes(xxgkView().getElementById('status')?.dataset.state ?? ''), null, { timeout: 30_000 });
    assert.ok(fetched.includes('/pkg/xxgk_bg.wasm'), 'the checker is fetched at once');
    assert.deepEqual(fetched.filter((p) => /xxgk_pdf|pdfjs/.test(p)), [], 'nothing for PDFs before a PDF is opened');
    await dropFiles(app, [{ name: 'report.pdf', type: 'application/pdf', buffer: fs.readFileSync(pdfPath) }]);
    await app.waitForFunction(() => xxgkView().getElementById('input').value.length > 0, null, { timeout: 60_000 });
    assert.ok(fetched.includes('/pkg/xxgk_pdf_bg.wasm'), 'the PDF layout module is fetched for a PDF');
    await context.close();
  });

  for (const font of ['Noto Sans CJK SC', 'Noto Serif CJK SC']) {
    for (const name of FILES) {
      test(`${name} in ${font}: dropped on the page and read by the CLI, every cell the fixture's or unread`, async (t) => {
        const { pdfPath, base, tallestPages } = await print(name, font);
        assert.ok(tallestPages > 1, `${base}: a table should be broken across pages (tallest: ${tallestPages.toFixed(2)} pages)`);
        const pdf = fs.readFileSync(pdfPath);

        // The page: the PDF dropped on it.
        const session = await openApp(browser, server.origin);
        const app = session.page;
        await dropFiles(app, [{ name: `${base}.pdf`, type: 'application/pdf', buffer: pdf }]);
        await app.waitForFunction(() => xxgkView().getElementById('input').value.length > 0, null, { timeout: 60_000 });
        await settled(app);
        const shown = await inputValue(app);
        const pdfNote = { visible: await app.isVisible('#pdf-note'), text: await app.textContent('#pdf-note') ?? '' };
        await closeApp(session, server.origin);
        fs.writeFileSync(path.join(OUT, `${base}.page.txt`), shown);

        // The print header and footer are not in the text.
        assert.doesNotMatch(shown, /file:\/\/|年报网页标题|^\s*\d+\s*\/\s*\d+\s*$/m, 'print header or footer left in');
        assert.doesNotMatch(shown, /^.*\d{1,2}\/\d{1,2}\/\d{2,4},? \d{1,2}:\d{2}.*$/m, 'print date line left in');

        const fromPage = JSON.parse(nativeJson({ text: shown }));
        // Cells not read from the PDF: the page says the Word or web version reads better.
        const unread = fromPage.diagnostics.filter((d) => d.origin === 'input' && d.cell).length;
        assert.equal(pdfNote.visible, unread > 0, `${base}: the PDF note shows exactly when cells were not read`);
        if (unread) assert.match(pdfNote.text, new RegExp(`有 ${unread} 处表格数字`));
        console.log(`${base}: ${unread} table findings about unread input; PDF note ${pdfNote.visible ? 'shown' : 'hidden'}`);
        const fromCli = JSON.parse(nativeJson({ file: pdfPath }));
        const fixture = JSON.parse(nativeJson({ file: path.join(FIXTURES, name) }));

        // Against the fixture's own values: never a misplaced number. Noto CJK's
        // glyphs are shared by ideographs and radicals, and Chromium's PDFs map
        // some back to the radicals (⼆⼯⽉⾏⽆ ⻅⻓⻔ for 二工月行无见长门): the library
        // reads them as the ideographs they stand for.
        const known = (what, tables, label) => compareCells(tables, fixture.tables, label);
        const page = known('page', fromPage.tables, `${base} (page)`);
        const cli = known('CLI', fromCli.tables, `${base} (CLI)`);
        console.log(`${base}: page ${page.same}/${page.total} cells read (${page.unread} unread), CLI ${cli.same}/${cli.total} (${cli.unread} unread)`);
        assert.ok(page.same > 0, `${base}: no cell read in the page`);

        // The page and the command line read the same tables.
        assert.deepEqual(noSpans(fromPage.tables), noSpans(fromCli.tables), `${base}: page and CLI tables differ`);
      });
    }
  }
});
