// www/pdf.js (pdfToText, pdf.js served from www/vendor/pdfjs/) on PDFs printed by
// Chromium during the test: a fixture rendered as HTML (paragraphs, bordered tables,
// a running header and page numbers, two pages or more) must give the checker the
// same tables and findings as the fixture's text. Also the error paths: an
// image-only PDF, a truncated one, an encrypted one.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, FIXTURES, WWW, assertDrawnEquals, closeApp, dropFiles, launch, nativeJson, openApp, settled, shot, startServer,
  inputValue,
  noSpans, printableBody, withView,
} from './support.mjs';

const FILES = [
  'clean_2021_tabs.txt', 'clean_2019_tabs.txt', 'bad_cells_2019.txt', 'blank_cells_2022.txt',
  'doc_period_fee_2022.txt', 't2_group_2021.txt', 't2_relations_2019.txt', 'f2019_in_2022.txt', 'clean_2021_fullwidth.txt',
];

/** Narrative lines as paragraphs, runs of tab-separated lines as one bordered table. */
function reportHtml(text) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    body { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 8pt; line-height: 1.5; }
    p { margin: 0 0 6pt; text-indent: 2em; }
    table { border-collapse: collapse; margin: 6pt 0 12pt; }
    td { border: 0.75pt solid #000; padding: 2pt 5pt; white-space: nowrap; vertical-align: top; }
  </style></head><body>${printableBody(text)}</body></html>`;
}

const HEADER = '<div style="font-size:8px;width:100%;text-align:center;font-family:\'WenQuanYi Micro Hei\'">示例政府信息公开工作年度报告</div>';
const FOOTER = '<div style="font-size:8px;width:100%;text-align:center">- <span class="pageNumber"></span> -</div>';

const findings = (report) => report.diagnostics.map((d) => ({ code: d.code, cell: d.cell, expected: d.expected, actual: d.actual }));

/** The smallest encrypted PDF: a standard security handler whose empty user password does not match. */
function encryptedPdf() {
  const hex = (n) => Array.from({ length: n }, (_, i) => ((i * 37 + 11) & 0xff).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16)}> <${hex(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('PDF files (www/pdf.js)', () => {
  let server;
  let browser;
  let printer; // a page to print HTML to PDF
  let page; // the app's origin, where pdf.js and the wasm module run

  before(async () => {
    assert.ok(fs.existsSync(path.join(WWW, 'vendor', 'pdfjs', 'pdf.min.mjs')), 'www/vendor/pdfjs/ is missing: run scripts/build-wasm');
    server = await startServer();
    browser = await launch();
    printer = await (await browser.newContext()).newPage();
    const context = await withView(await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' }));
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e));
    await page.goto(server.origin + '/sample.txt');
    await page.evaluate(async () => {
      const wasm = await import('/pkg/xxgk.js');
      await wasm.default();
      const pdf = await import('/pdf.js');
      globalThis.run = async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        try {
          return { text: await pdf.pdfToText(bytes.buffer) };
        } catch (error) {
          return { error: String(error?.message ?? error) };
        }
      };
      globalThis.checkJson = (text) => wasm.checkJson(text, 'x');
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function print(html, options = {}) {
    await printer.setContent(html, { waitUntil: 'load' });
    return printer.pdf({
      width: '480mm', height: '170mm', printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' }, ...options,
    });
  }
  const pdfToText = (buffer) => page.evaluate((b64) => globalThis.run(b64), Buffer.from(buffer).toString('base64'));

  for (const name of FILES) {
    test(`${name} printed to PDF: same tables and findings as the text`, async () => {
      const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const pdf = await print(reportHtml(text), { displayHeaderFooter: true, headerTemplate: HEADER, footerTemplate: FOOTER });
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, name.replace(/\.txt$/, '.pdf')), pdf);
      const result = await pdfToText(pdf);
      assert.equal(result.error, undefined, result.error);
      fs.writeFileSync(path.join(ARTIFACTS, name.replace(/\.txt$/, '.pdf.txt')), result.text);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.ok(pages >= 2, `${name}: ${pages} page(s), want 2 or more`);
      assert.doesNotMatch(result.text, /示例政府信息公开工作年度报告|^- \d+ -$/m, 'running header / page number left in');
      const [fromPdf, fromText] = await page.evaluate(([a, b]) => [globalThis.checkJson(a), globalThis.checkJson(b)], [result.text, text]);
      const want = JSON.parse(fromText);
      const got = JSON.parse(fromPdf);
      assert.deepEqual(noSpans(got.tables), noSpans(want.tables), `${name}: tables differ`);
      assert.deepEqual(findings(got), findings(want), `${name}: findings differ`);
      for (const key of ['template', 'year', 'agency', 'date', 'period']) assert.deepEqual(noSpans(got[key]), noSpans(want[key]), key);
    });
  }

  test('an image-only PDF (a scan) is refused: no text layer', async () => {
    const pdf = await print('<!doctype html><body style="margin:0"><canvas id="c" width="600" height="400"></canvas><script>const g=document.getElementById("c").getContext("2d");g.fillStyle="#eee";g.fillRect(0,0,600,400);g.fillStyle="#000";g.font="40px sans-serif";g.fillText("扫描的年度报告 2022",40,200);</script></body>');
    const result = await pdfToText(pdf);
    assert.match(result.error ?? '', /扫描件没有文字层|没有文字层/);
    assert.match(result.error, /原始 Word 文件或复制文字/);
  });

  test('a truncated PDF is refused as damaged', async () => {
    const pdf = await print(reportHtml(fs.readFileSync(path.join(FIXTURES, FILES[0]), 'utf8')));
    const result = await pdfToText(pdf.subarray(0, Math.floor(pdf.length / 2)));
    assert.match(result.error ?? '', /已损坏或不完整/);
    const garbage = await pdfToText(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41), Buffer.from('\n%%EOF\n')]));
    assert.match(garbage.error ?? '', /已损坏或不完整/);
  });

  test('a PDF dropped into the page is drawn like its text', async () => {
    const name = FILES[0];
    const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
    const pdf = await print(reportHtml(text), { displayHeaderFooter: true, headerTemplate: HEADER, footerTemplate: FOOTER });
    const session = await openApp(browser, server.origin);
    const app = session.page;
    await dropFiles(app, [{ name: name.replace(/\.txt$/, '.pdf'), type: 'application/pdf', buffer: pdf }]);
    await app.waitForFunction(() => xxgkView().getElementById('input').value.length > 0, null, { timeout: 30_000 });
    await settled(app);
    const shown = await inputValue(app);
    // The page draws exactly what the CLI reports for the text it shows …
    await assertDrawnEquals(app, JSON.parse(nativeJson({ text: shown })), `${name} as PDF`);
    // … which has the tables and findings of the original text.
    const fromPdf = JSON.parse(nativeJson({ text: shown }));
    const fromText = JSON.parse(nativeJson({ text }));
    assert.deepEqual(noSpans(fromPdf.tables), noSpans(fromText.tables), 'tables');
    assert.deepEqual(findings(fromPdf), findings(fromText), 'findings');
    await shot(app, '40-pdf-dropped');
    await closeApp(session, server.origin);
  });

  test('a password-protected PDF is refused', async () => {
    const result = await pdfToText(encryptedPdf());
    assert.match(result.error ?? '', /密码保护/);
    assert.match(result.error, /请先去除密码保护或复制文字粘贴/);
  });
});
