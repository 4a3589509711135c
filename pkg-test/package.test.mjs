// The npm package `xxgk` as a portal uses it: the tarball made by
// scripts/build-pkg installed into a scratch project, an example bundled with
// esbuild and the same example as plain <script type="module"> without a
// bundler, each served with a strict Content-Security-Policy and run in
// headless Chromium; and the package's TypeScript declarations checked with
// tsc against a typed example and against real reports. The element
// <xxgk-checker> (xxgk/element) likewise: element.test.mjs.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIXTURES, launch, txtFiles } from '../e2e/support.mjs';
import { VERSION, portal } from './portal.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The example app; `from` is how it names the package. */
function app(from) {
  return `import init, { check, ok, version } from '${from}';
const out = {};
try {
  await init();
  const fee = await (await fetch('./fee.txt')).text();
  const t3 = await (await fetch('./t3.txt')).text();
  out.version = version();
  out.fee = check(fee, { source: 'fee.txt' });
  out.feeOff = check(fee, { ignore: ['DOC-FEE'] });
  out.t3Ok = ok(check(t3));
  out.t3Lenient = ok(check(t3, { severity: { review: 'warning' } }));
  try { check(fee, { ignore: ['T9-NOPE'] }); out.unknown = null; } catch (e) { out.unknown = e.message; }
} catch (e) {
  out.error = String(e && e.stack || e);
}
window.xxgkResult = out;
document.body.dataset.done = 'true';
`;
}

const page = (script) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>xxgk</title>
<script type="module" src="${script}"></script></head><body></body></html>
`;

let scratch;
let origin;
let project;
let browser;

before(async () => {
  const files = {};
  for (const [name, fixture] of [['fee.txt', 'doc_period_fee_2022.txt'], ['t3.txt', 'checks_2022_t1_t3.txt']]) {
    files[name] = fs.readFileSync(path.join(FIXTURES, fixture));
  }
  project = await portal({
    prefix: 'xxgk-pkg-', script: app, page, packageEntry: 'xxgk', plainEntry: './node_modules/xxgk/index.js', files,
  });
  ({ dir: scratch, origin } = project);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await project?.close();
});

async function run(pagePath) {
  const context = await browser.newContext();
  const pageObj = await context.newPage();
  const requests = [];
  const errors = [];
  pageObj.on('request', (r) => requests.push(r.url()));
  pageObj.on('pageerror', (e) => errors.push(String(e)));
  pageObj.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  await pageObj.goto(origin + pagePath);
  await pageObj.waitForFunction(() => document.body.dataset.done === 'true', null, { timeout: 30_000 });
  const result = await pageObj.evaluate(() => window.xxgkResult);
  await context.close();
  assert.deepEqual(errors, [], 'no script error, no CSP violation');
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:')), [],
    'nothing is sent anywhere else');
  return { result, requests };
}

function assertResult(result) {
  assert.equal(result.error, undefined, result.error);
  assert.equal(result.version, VERSION);
  assert.equal(result.fee.schema_version, 1);
  assert.equal(result.fee.source, 'fee.txt');
  assert.equal(result.fee.template, '2021');
  const fee = result.fee.diagnostics.find((d) => d.code === 'DOC-FEE');
  assert.ok(fee, 'the 信息处理费 finding');
  assert.equal(fee.severity, 'warning');
  assert.equal(result.fee.config, undefined, 'no config key by default');
  assert.ok(!result.feeOff.diagnostics.some((d) => d.code === 'DOC-FEE'), 'turned off');
  assert.equal(result.feeOff.diagnostics.length, result.fee.diagnostics.length - 1);
  assert.deepEqual(result.feeOff.config, { select: [], ignore: ['DOC-FEE'], severity: {} });
  assert.deepEqual(result.feeOff.tables, result.fee.tables, 'what is read stays the same');
  assert.equal(result.t3Ok, false, 'table 3 errors: not publishable');
  assert.equal(result.t3Lenient, true, 'lowered to warnings: publishable');
  assert.match(result.unknown, /T9-NOPE/);
}

test('bundled with esbuild, under a strict CSP', async () => {
  const { result, requests } = await run('/dist/index.html');
  assertResult(result);
  assert.ok(requests.some((u) => u.endsWith('/dist/xxgk_bg.wasm')), 'the .wasm next to the bundle');
});

test('plain <script type="module">, no bundler, under a strict CSP', async () => {
  const { result, requests } = await run('/plain.html');
  assertResult(result);
  assert.ok(requests.some((u) => u.endsWith('/node_modules/xxgk/xxgk_bg.wasm')), 'the .wasm next to the module');
});

test('the package in Node.js: initSync, ok, and the declarations hold for real reports (tsc)', async () => {
  const pkg = path.join(scratch, 'node_modules', 'xxgk');
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'xxgk');
  assert.equal(manifest.version, VERSION);
  assert.deepEqual(fs.readdirSync(pkg).sort(),
    ['README.md', 'element.d.ts', 'element.js', 'index.d.ts', 'index.js', 'package.json', 'xxgk.js', 'xxgk_bg.wasm']);
  const xxgk = await import(pathToFileURL(path.join(pkg, 'index.js')));
  xxgk.initSync({ module: fs.readFileSync(path.join(pkg, 'xxgk_bg.wasm')) });
  assert.throws(() => xxgk.ok('text'), TypeError);
  assert.throws(() => xxgk.check('', { severity: { 'DOC-FEE': 'fatal' } }), /fatal/);
  assert.throws(() => xxgk.check('', { ignored: ['DOC-FEE'] }), /ignored/, 'an unknown option');
  assert.throws(() => xxgk.check('', { select: 'DOC-FEE' }), /select/, 'a string, not a list');
  assert.throws(() => xxgk.check('', { severity: ['DOC-FEE'] }), /severity/);
  assert.equal(xxgk.check('', { source: 'a.txt' }).source, 'a.txt');
  assert.equal(xxgk.check('', null).source, '-');

  // Every fixture's report, plain and configured, as typed data for tsc.
  const reports = [];
  for (const file of txtFiles(FIXTURES)) {
    const text = fs.readFileSync(file, 'utf8');
    const plain = xxgk.check(text, { source: path.basename(file) });
    reports.push(plain, xxgk.check(text, { select: ['all'], ignore: ['table'], severity: { 'DOC-FEE': 'info' } }));
    assert.equal(xxgk.ok(plain), !plain.diagnostics.some((d) => d.severity === 'error'));
  }
  const typed = path.join(scratch, 'typed');
  fs.mkdirSync(typed);
  fs.writeFileSync(path.join(typed, 'data.ts'), [
    "import type { Report, Rule, TemplateDescription } from 'xxgk';",
    `export const reports: Report[] = ${JSON.stringify(reports)};`,
    `export const rules: Rule[] = ${JSON.stringify(xxgk.rules())};`,
    `export const template: TemplateDescription = ${JSON.stringify(xxgk.template())};`,
    '',
  ].join('\n'));
  fs.copyFileSync(path.join(HERE, 'example.ts'), path.join(typed, 'example.ts'));
  fs.writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false,
    },
    include: ['typed/*.ts'],
  }));
  const tsc = path.join(HERE, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: scratch, stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc --noEmit failed:\n${e.stdout}${e.stderr}`);
  }
});
