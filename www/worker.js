// The checker runs here, off the page's main thread, so that typing and
// scrolling never wait for it, even on a 5 MB paste.
//
// Messages in:  {id, kind: 'check', text, source, config?} (config: {select, ignore, severity}) | {id, kind: 'read', bytes: ArrayBuffer, name}
//               {id, kind: 'pdf-layout', pages} (what pdf.js read from a PDF's pages, see pdf.js)
//               {id, kind: 'annotate-docx', bytes: ArrayBuffer, findings} (see annotate.js)
// Messages out: {kind: 'ready', version, rules, template} | {kind: 'init-error', message}
//               {id, ok: true, report, ms} | {id, ok: true, text, docKind} | {id, ok: true, text}
//               {id, ok: true, bytes} | {id, ok: false, message, fatal}

import { initChecker, check, loadRuns, rules, template, version } from './pkg/xxgk.js';
import { replyError } from './worker-reply.js';

// The file reader, the PDF layout and the Word writer are a module of their
// own (pkg/xxgk_pdf.js), loaded with the first file, PDF or annotated Word
// document, so that opening the page (or pasting text) does not fetch them.
let extras = null;
function loadExtras() {
  extras ??= import('./pkg/xxgk_pdf.js').then(async (module) => {
    await module.default();
    return module;
  }).catch((error) => {
    extras = null;
    throw new Error(`无法加载文件读取、PDF 版面与批注组件（${error?.message ?? error}）`);
  });
  return extras;
}

// Runs of digits where a table's cells should be (crawled or copied text
// whose cell boundaries were lost) are split by a module of their own too
// (pkg/xxgk_runs.js), loaded with the first report that has them: until
// then `check` marks such a report `deferred_runs`, and it is checked again
// once the module is loaded, so the page only ever gets the full report.
let runs = null;
function loadRunsModule() {
  runs ??= loadRuns().catch((error) => {
    runs = null;
    throw new Error(`无法加载数字串拆分组件（${error?.message ?? error}）`);
  });
  return runs;
}

const ready = initChecker().then(
  () => {
    self.postMessage({ kind: 'ready', version: version(), rules: rules(), template: template() });
    return true;
  },
  (error) => {
    self.postMessage({ kind: 'init-error', message: String(error?.message ?? error) });
    return false;
  },
);

self.onmessage = async (event) => {
  const msg = event.data;
  if (!(await ready)) return;
  try {
    if (msg.kind === 'check') {
      const start = performance.now();
      const options = { ...(msg.config ?? {}), source: msg.source };
      let report = check(msg.text, options);
      if (report.deferred_runs) {
        await loadRunsModule();
        report = check(msg.text, options);
      }
      self.postMessage({ id: msg.id, ok: true, report, ms: performance.now() - start });
    } else if (msg.kind === 'read') {
      // A text file in any encoding, a saved web page or a Word document, read
      // by the same code as the command-line tool.
      const { readDocument } = await loadExtras();
      const doc = readDocument(new Uint8Array(msg.bytes), msg.name);
      self.postMessage({ id: msg.id, ok: true, text: doc.text, docKind: doc.kind });
    } else if (msg.kind === 'pdf-layout') {
      // A PDF's characters and drawn lines (read by pdf.js in the page) into
      // lines and tables, by the same code as the command-line tool.
      const { pdfPagesToText } = await loadExtras();
      self.postMessage({ id: msg.id, ok: true, text: pdfPagesToText(msg.pages) });
    } else if (msg.kind === 'annotate-docx') {
      // The Word document with each finding as a comment (annotate.js).
      const { annotateDocx } = await loadExtras();
      const bytes = annotateDocx(new Uint8Array(msg.bytes), msg.findings);
      self.postMessage({ id: msg.id, ok: true, bytes }, [bytes.buffer]);
    } else {
      self.postMessage({ id: msg.id, ok: false, message: `未知的请求：${msg.kind}` });
    }
  } catch (error) {
    replyError(msg.id, error);
  }
};
