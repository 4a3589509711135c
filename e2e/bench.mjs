// Browser benchmark (not a test; run by scripts/bench-web): the .wasm sizes,
// and the median time of one `check` in the page for every fixture and seed,
// next to the native median of the same file (examples/bench_native.rs).
//
//   node e2e/bench.mjs NATIVE.json [RUNS]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, WWW, benchInputs, launch, startServer } from './support.mjs';

const native = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const runs = Math.max(50, Number(process.argv[3] ?? 50));

const wasm = fs.readFileSync(path.join(WWW, 'pkg', 'xxgk_bg.wasm'));
const glue = fs.readFileSync(path.join(WWW, 'pkg', 'xxgk.js'));
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
console.log(`xxgk_bg.wasm: ${wasm.length} bytes raw, ${gz(wasm)} bytes gzipped (${(gz(wasm) / 1024).toFixed(1)} KB; target ≤ 250 KB)`);
console.log(`xxgk.js glue: ${glue.length} bytes raw, ${gz(glue)} bytes gzipped`);
const pdfWasm = fs.readFileSync(path.join(WWW, 'pkg', 'xxgk_pdf_bg.wasm'));
console.log(`xxgk_pdf_bg.wasm (loaded only for PDFs): ${pdfWasm.length} bytes raw, ${gz(pdfWasm)} bytes gzipped`);

const server = await startServer();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/embed.html`);
  const files = benchInputs();
  // Warm up: let the engine compile the module's hot code at its top tier
  // (V8 starts WebAssembly in its baseline compiler, Liftoff, and moves each
  // function to TurboFan once it is hot) before anything is timed: every
  // input, over and over for at least two seconds, so that the code only
  // some inputs reach is optimised too.
  if (files.length) {
    const texts = files.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    await page.evaluate(async (texts) => {
      const m = await import('/pkg/xxgk.js');
      await m.default();
      const start = performance.now();
      for (let round = 0; round < 20 || performance.now() - start < 2000; round++) {
        for (const t of texts) m.check(t, { source: '-' });
      }
    }, texts);
  }
  const rows = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    // Calls are timed in batches long enough for the browser's coarse clock;
    // the median over `runs` batches is divided by the batch size.
    const ms = await page.evaluate(async ([t, n]) => {
      const m = await import('/pkg/xxgk.js');
      await m.default();
      m.check(t, { source: '-' });
      let batch = 1;
      for (;;) {
        const start = performance.now();
        for (let i = 0; i < batch; i++) m.check(t, { source: '-' });
        if (performance.now() - start >= 5 || batch >= 4096) break;
        batch *= 2;
      }
      const samples = [];
      for (let s = 0; s < n; s++) {
        const start = performance.now();
        for (let i = 0; i < batch; i++) m.check(t, { source: '-' });
        samples.push((performance.now() - start) / batch);
      }
      samples.sort((a, b) => a - b);
      return samples[Math.floor(n / 2)];
    }, [text, runs]);
    const rel = path.relative(ROOT, file);
    const nat = native[rel]?.median_us ?? native[file]?.median_us;
    native[rel] ??= native[file];
    rows.push({ file: rel, bytes: Buffer.byteLength(text), wasm_us: ms * 1000, native_us: nat });
  }
  // A Markdown table, for the README.
  const f1 = (x) => (x == null ? '—' : x.toFixed(1));
  console.log(`\nmedian of ${runs} runs of check() per report; wasm = in the page (headless Chromium), including handing the result to JavaScript; native = the library in Rust`);
  console.log('\n| report | KB | native µs | wasm µs | wasm / native | native MB/s | split into lines µs | check / split |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const n = native[r.file] ?? {};
    const ratio = r.native_us ? (r.wasm_us / r.native_us).toFixed(1) + '×' : '—';
    const mbs = r.native_us ? (r.bytes / r.native_us).toFixed(0) : '—';
    const split = n.split_us;
    const floor = split ? Math.round(r.native_us / split) + '×' : '—';
    console.log(`| ${r.file} | ${(r.bytes / 1024).toFixed(1)} | ${f1(r.native_us)} | ${f1(r.wasm_us)} | ${ratio} | ${mbs} | ${split == null ? '—' : split.toFixed(2)} | ${floor} |`);
  }
  const ratios = rows.filter((r) => r.native_us).map((r) => r.wasm_us / r.native_us).sort((a, b) => a - b);
  if (ratios.length) console.log(`\nmedian wasm/native ratio: ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}`);
} finally {
  await browser.close();
  await server.close();
}
