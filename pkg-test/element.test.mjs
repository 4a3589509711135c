// <xxgk-checker> (the package's `xxgk/element`) on a portal's page: the
// tarball made by scripts/build-pkg installed into a scratch project, a page
// using the element bundled with esbuild and the same page as plain
// <script type="module">, each served with a strict Content-Security-Policy
// from a port of its own (not the checker's page's), in headless Chromium.
// The element's report is the CLI's, its configuration applies, choosing a
// finding selects its characters and scrolls the text to them, its parts and
// custom properties style it, its compact mode and its switches show less;
// and tsc checks a typed use of the element.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FIXTURES, ROOT, cliPath, launch, startServer } from '../e2e/support.mjs';
import { portal } from './portal.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(FIXTURES, 'doc_period_fee_2022.txt');

/** The portal's script; `from` is how it names the element's module. */
function app(from) {
  return `import '${from}';
const out = { results: [], findings: [] };
window.xxgkOut = out;
const el = document.querySelector('xxgk-checker');
el.addEventListener('xxgk-result', (e) => {
  out.results.push(e.detail);
  document.body.dataset.results = String(out.results.length);
});
document.addEventListener('xxgk-finding', (e) => {
  out.findings.push({ index: e.detail.index, code: e.detail.finding.code, same: e.detail.report === el.report });
});
el.value = await (await fetch('./fee.txt')).text();
`;
}

const page = (script) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>portal</title>
<link rel="stylesheet" href="./portal.css">
<script type="module" src="${script}"></script></head>
<body><h1>portal</h1><xxgk-checker></xxgk-checker></body></html>
`;

// What a portal may set: a colour through a custom property, a box through ::part.
const PORTAL_CSS = `xxgk-checker { --xxgk-error: rgb(1, 2, 3); --xxgk-editor-height: 200px; }
xxgk-checker::part(summary) { border-top: 7px solid rgb(4, 5, 6); }
`;

let scratch;
let origin;
let project;
let own;
let browser;

before(async () => {
  project = await portal({
    prefix: 'xxgk-element-', script: app, page, packageEntry: 'xxgk/element', plainEntry: './node_modules/xxgk/element.js',
    files: { 'fee.txt': fs.readFileSync(FIXTURE), 'portal.css': PORTAL_CSS },
  });
  ({ dir: scratch, origin } = project);
  // The checker's own page, running meanwhile on its port: the element needs nothing from it.
  own = await startServer();
  assert.notEqual(origin, own.origin);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await own?.close();
  await project?.close();
});

/** The CLI's report of the fixture as an object (`args`: its rule options). */
function cli(args) {
  const run = spawnSync(cliPath(), ['check', '--format', 'json', '--no-config', ...args, '-'],
    { input: fs.readFileSync(FIXTURE), maxBuffer: 1 << 30, cwd: ROOT });
  assert.ok(run.status === 0 || run.status === 1, `xxgk exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.toString('utf8'));
}

/** Removes the `utf16` offsets (the only difference between the wasm and the CLI objects). */
function withoutUtf16(value) {
  if (Array.isArray(value)) return value.map(withoutUtf16);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'utf16').map(([k, v]) => [k, withoutUtf16(v)]));
  }
  return value;
}

/** In the page: the element's shadow root, and how many reports it has sent. */
const results = (p) => p.evaluate(() => window.xxgkOut?.results.length ?? 0);
async function nextResult(p, n) {
  await p.waitForFunction((k) => Number(document.body.dataset.results ?? 0) >= k, n, { timeout: 30_000 });
  assert.equal(await results(p), n, 'one xxgk-result per check');
  return p.evaluate((k) => window.xxgkOut.results[k - 1], n);
}

async function exercise(pagePath, wasm) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const p = await context.newPage();
  const requests = [];
  const errors = [];
  p.on('request', (r) => requests.push(r.url()));
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  await p.goto(origin + pagePath);

  // The report is the CLI's, and the view draws it.
  const first = await nextResult(p, 1);
  assert.deepEqual(withoutUtf16(first), cli([]), 'xxgk-result: the CLI\'s report, plus utf16 offsets');
  assert.ok(first.diagnostics.some((d) => d.code === 'DOC-FEE' && d.severity === 'warning'));
  const drawn = await p.evaluate(() => {
    const root = document.querySelector('xxgk-checker').shadowRoot;
    return {
      findings: root.querySelectorAll('#finding-groups li.finding').length,
      cells: root.querySelectorAll('#table-area td[data-key]').length,
      status: root.getElementById('status').dataset.state,
      busy: document.querySelector('xxgk-checker').dataset.busy,
    };
  });
  assert.equal(drawn.findings, first.diagnostics.length, 'every finding listed');
  assert.ok(drawn.cells > 50, 'the tables drawn');
  assert.equal(drawn.status, 'done');
  assert.equal(drawn.busy, 'false');

  // The configuration: an attribute turns a rule off; the property changes a severity.
  await p.evaluate(() => document.querySelector('xxgk-checker').setAttribute('ignore', 'DOC-FEE'));
  const off = await nextResult(p, 2);
  assert.deepEqual(withoutUtf16(off), cli(['--ignore', 'DOC-FEE']), 'ignore="DOC-FEE": the CLI\'s --ignore DOC-FEE');
  assert.ok(!off.diagnostics.some((d) => d.code === 'DOC-FEE'));
  await p.evaluate(() => { document.querySelector('xxgk-checker').config = { severity: { 'DOC-FEE': 'error' } }; });
  const raised = await nextResult(p, 3);
  assert.deepEqual(withoutUtf16(raised), cli(['--severity', 'DOC-FEE=error']), 'config.severity: the CLI\'s --severity');
  assert.equal(raised.diagnostics.find((d) => d.code === 'DOC-FEE')?.severity, 'error');
  assert.equal(await p.evaluate(() => document.querySelector('xxgk-checker').shadowRoot
    .querySelector('li.finding[data-code="DOC-FEE"]')?.dataset.severity), 'error', 'drawn with its new severity');

  // Choosing a finding far down the text: its characters selected, the text scrolled to them.
  const shown = await p.evaluate(() => Array.from(document.querySelector('xxgk-checker').shadowRoot
    .querySelectorAll('section.group:not(.folded) li.finding'), (li) => Number(li.dataset.index)));
  const [index] = shown.filter((i) => raised.diagnostics[i].span?.utf16 && raised.diagnostics[i].span.end > raised.diagnostics[i].span.start)
    .sort((a, b) => raised.diagnostics[b].span.line - raised.diagnostics[a].span.line);
  assert.ok(index !== undefined, 'a finding with a span');
  const finding = raised.diagnostics[index];
  assert.ok(finding.span.line > 20, `a finding below the first screen (line ${finding.span.line})`);
  const scroller = () => p.evaluate(() => document.querySelector('xxgk-checker').shadowRoot
    .getElementById('input').shadowRoot.querySelector('.cm-scroller').scrollTop);
  assert.equal(await scroller(), 0, 'the text starts at its top');
  await p.locator(`xxgk-checker li.finding[data-index="${index}"] > button.go`).click();
  await p.waitForFunction((i) => window.xxgkOut.findings.some((f) => f.index === i), index, { timeout: 10_000 });
  assert.deepEqual(await p.evaluate(() => window.xxgkOut.findings.at(-1)), { index, code: finding.code, same: true },
    'xxgk-finding: the finding chosen');
  const selection = await p.evaluate(() => {
    const input = document.querySelector('xxgk-checker').shadowRoot.getElementById('input');
    return [input.selectionStart, input.selectionEnd];
  });
  assert.deepEqual(selection, [finding.span.utf16.start, finding.span.utf16.end], 'the finding\'s characters are selected');
  await p.waitForFunction(() => {
    const editor = document.querySelector('xxgk-checker').shadowRoot.getElementById('input').shadowRoot;
    const box = editor.querySelector('.cm-scroller');
    const sel = editor.querySelector('.cm-selectionBackground');
    if (!sel || box.scrollTop <= 0) return false;
    const a = box.getBoundingClientRect();
    const b = sel.getBoundingClientRect();
    return b.top >= a.top && b.bottom <= a.bottom;
  }, null, { timeout: 10_000 });
  assert.ok(await scroller() > 0, 'the text scrolled to the finding');

  // Styling: a custom property and a part, as computed.
  const styles = await p.evaluate(() => {
    const root = document.querySelector('xxgk-checker').shadowRoot;
    const summary = getComputedStyle(root.getElementById('summary'));
    return {
      border: [summary.borderTopWidth, summary.borderTopColor],
      error: getComputedStyle(root.querySelector('#summary li.count.sev-error')).color,
      height: getComputedStyle(root.getElementById('input')).height,
    };
  });
  assert.deepEqual(styles.border, ['7px', 'rgb(4, 5, 6)'], '::part(summary)');
  assert.equal(styles.error, 'rgb(1, 2, 3)', '--xxgk-error');
  assert.equal(styles.height, '200px', '--xxgk-editor-height');

  // Compact mode and the switches for what is shown.
  const look = () => p.evaluate(() => {
    const el = document.querySelector('xxgk-checker');
    const root = el.shadowRoot;
    const display = (sel) => getComputedStyle(root.querySelector(sel)).display;
    return {
      font: parseFloat(getComputedStyle(el).fontSize), facts: display('.facts'), legend: display('.legend'),
      tables: display('#tables'), summary: display('#summary'), findings: display('#findings'),
    };
  });
  const before = await look();
  assert.notEqual(before.facts, 'none');
  await p.evaluate(() => { document.querySelector('xxgk-checker').compact = true; });
  const compact = await look();
  assert.ok(compact.font < before.font, 'compact: smaller type');
  assert.equal(compact.facts, 'none', 'compact: no facts list');
  assert.equal(compact.legend, 'none', 'compact: no legend');
  assert.notEqual(compact.tables, 'none');
  await p.evaluate(() => {
    const el = document.querySelector('xxgk-checker');
    el.tables = false;
    el.setAttribute('summary', 'false');
  });
  const fewer = await look();
  assert.deepEqual([fewer.tables, fewer.summary], ['none', 'none'], 'tables = false, summary="false"');
  assert.notEqual(fewer.findings, 'none');
  assert.equal(await p.evaluate(() => document.querySelector('xxgk-checker').summary), false);
  assert.equal(await results(p), 3, 'showing less checks nothing again');

  await context.close();
  assert.deepEqual(errors, [], 'no script error, no CSP violation');
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:')), [],
    'nothing is fetched from anywhere else (nor from the checker\'s page)');
  assert.ok(requests.some((u) => u === `${origin}${wasm}`), `the .wasm from ${wasm}`);
}

test('<xxgk-checker> bundled with esbuild, on a portal\'s page under a strict CSP', async () => {
  await exercise('/dist/index.html', '/dist/xxgk_bg.wasm');
});

test('<xxgk-checker> as plain <script type="module">, no bundler, under a strict CSP', async () => {
  await exercise('/plain.html', '/node_modules/xxgk/xxgk_bg.wasm');
});

test('<xxgk-checker> typed: HTMLElementTagNameMap and the events (tsc)', () => {
  const typed = path.join(scratch, 'typed-element');
  fs.mkdirSync(typed, { recursive: true });
  fs.copyFileSync(path.join(HERE, 'element-example.ts'), path.join(typed, 'element-example.ts'));
  fs.writeFileSync(path.join(scratch, 'tsconfig.element.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false,
    },
    include: ['typed-element/*.ts'],
  }));
  const tsc = path.join(HERE, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.element.json'], { cwd: scratch, stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc --noEmit failed:\n${e.stdout}${e.stderr}`);
  }
});
