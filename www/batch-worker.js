// One worker of the batch view's pool (pool.js): reads and checks one report
// per request, off the page's main thread. The year-over-year comparison and
// the batch's exports come from a module of their own (pkg/xxgk_batch.js),
// and the Excel workbook from another (pkg/xxgk_xlsx.js), each loaded with
// the first request that needs it.
//
// Messages in:  {id, kind: 'file', bytes: ArrayBuffer, name} | {id, kind: 'check', text, source}
//               {id, kind: 'pdf-layout', pages} | {id, kind: 'agency-keys', names}
//               {id, kind: 'compare', last: {text, source}, this: {text, source}}
//               {id, kind: 'export', items: [{text, source}], pairs: [[last, this]], format}
// Messages out: {kind: 'ready', template} (the library's template description) | {kind: 'init-error', message}
//               {id, ok: true, text, report, ms} | {id, ok: true, keys} | {id, ok: true, comparison}
//               {id, ok: true, bytes} | {id, ok: false, message, fatal}

import { initChecker, loadReader, loadRuns, check, readDocument, template } from './pkg/xxgk.js';
import { replyError } from './worker-reply.js';

/** A module loaded with its first use: `import(url)`, initialised once. */
function lazy(url, what) {
  let loading = null;
  return () => {
    loading ??= import(url).then(async (module) => {
      await module.default();
      return module;
    }).catch((error) => {
      loading = null;
      throw new Error(`无法加载${what}（${error?.message ?? error}）`);
    });
    return loading;
  };
}
const batchModule = lazy('./pkg/xxgk_batch.js', '跨年比较与批量导出组件');
const xlsxModule = lazy('./pkg/xxgk_xlsx.js', 'Excel 工作簿组件');
const pdfModule = lazy('./pkg/xxgk_pdf.js', 'PDF 版面组件');
// The solver for runs of digits (pkg/xxgk_runs.js, see worker.js), loaded
// with the first report that has them.
let runs = null;
function runsModule() {
  runs ??= loadRuns().catch((error) => {
    runs = null;
    throw new Error(`无法加载数字串拆分组件（${error?.message ?? error}）`);
  });
  return runs;
}

// The checker and the file reader (not `init`, which loads pkg/xxgk_runs.js too).
const ready = initChecker().then(() => loadReader()).then(
  () => {
    self.postMessage({ kind: 'ready', template: template() });
    return true;
  },
  (error) => {
    self.postMessage({ kind: 'init-error', message: String(error?.message ?? error) });
    return false;
  },
);

/** Checks a text as the page's single-report view does (line ends as its text box keeps them). */
async function checked(id, text, source) {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!clean.trim()) throw new Error('文件中没有可检查的文字');
  const start = performance.now();
  let report = check(clean, { source });
  if (report.deferred_runs) {
    await runsModule();
    report = check(clean, { source });
  }
  self.postMessage({ id, ok: true, text: clean, report, ms: performance.now() - start });
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (!(await ready)) return;
  try {
    if (msg.kind === 'file') {
      await checked(msg.id, readDocument(new Uint8Array(msg.bytes), msg.name).text, msg.name);
    } else if (msg.kind === 'check') {
      await checked(msg.id, msg.text, msg.source);
    } else if (msg.kind === 'pdf-layout') {
      const { pdfPagesToText } = await pdfModule();
      self.postMessage({ id: msg.id, ok: true, text: pdfPagesToText(msg.pages) });
    } else if (msg.kind === 'agency-keys') {
      const { agencyKey } = await batchModule();
      self.postMessage({ id: msg.id, ok: true, keys: msg.names.map((n) => agencyKey(n)) });
    } else if (msg.kind === 'compare') {
      const { compareTexts } = await batchModule();
      const comparison = compareTexts(msg.last.text, msg.last.source, msg.this.text, msg.this.source);
      self.postMessage({ id: msg.id, ok: true, comparison });
    } else if (msg.kind === 'export') {
      const bytes = msg.format === 'xlsx'
        ? (await xlsxModule()).batchXlsx(msg.items, msg.pairs)
        : (await batchModule()).batchExport(msg.items, msg.pairs, msg.format);
      self.postMessage({ id: msg.id, ok: true, bytes }, [bytes.buffer]);
    } else {
      self.postMessage({ id: msg.id, ok: false, message: `未知的请求：${msg.kind}` });
    }
  } catch (error) {
    replyError(msg.id, error);
  }
};
