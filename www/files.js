// Opening reports: the sample report, the file chooser and files dropped on
// the page (PDFs are read by ./pdf.js, every other kind by the checker).

import { runCheck, select, drawDocList, render } from './render.js';
import { $, input, state, checker, currentDoc, newDoc, pasted, setStatus, updateBusy } from './state.js';

$('sample').addEventListener('click', async () => {
  state.loading++;
  updateBusy();
  try {
    const response = await fetch('sample.txt');
    if (!response.ok) throw new Error(String(response.status));
    select(state.docs.indexOf(pasted));
    input.value = await response.text();
    input.dispatchEvent(new Event('input'));
  } catch (error) {
    setStatus('error', `示例报告无法载入：${error.message}`);
  } finally {
    state.loading--;
    updateBusy();
  }
});

const fileInput = /** @type {HTMLInputElement} */ ($('file'));
fileInput.addEventListener('change', () => {
  openFiles(Array.from(fileInput.files ?? []));
  fileInput.value = '';
});
document.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) document.body.classList.remove('dragging');
});
document.addEventListener('drop', (event) => {
  document.body.classList.remove('dragging');
  const files = Array.from(event.dataTransfer?.files ?? []);
  if (!files.length) return;
  event.preventDefault();
  openFiles(files);
});

/** @param {File[]} files */
async function openFiles(files) {
  const docs = files.map((file) => newDoc(file.name, file.name, ''));
  state.loading++;
  select(state.docs.indexOf(docs[0]));
  await Promise.all(files.map(async (file, i) => {
    const doc = docs[i];
    try {
      const bytes = await file.arrayBuffer();
      // A Word document's bytes are kept for its annotated copy (annotate.js).
      const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
      const keep = head[0] === 0x50 && head[1] === 0x4b ? bytes.slice(0) : null;
      // PDF text is rebuilt in the page with pdf.js (loaded only when a PDF arrives);
      // every other kind is read by the checker's readDocument.
      doc.pdf = isPdf(bytes, file.name);
      const text = doc.pdf
        ? await (await import('./pdf.js')).pdfToText(bytes, (pages) => checker.layoutPdf(pages))
        : await checker.read(bytes, file.name);
      // As the textarea will hold it (its value has \n line ends only), so that
      // the offsets of the findings fit what is shown.
      doc.text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      if (!doc.text.trim()) throw new Error('文件中没有可检查的文字');
      if (keep) doc.docx = { bytes: keep, text: doc.text };
      if (doc === currentDoc()) input.value = doc.text;
      runCheck(doc);
    } catch (error) {
      doc.error = `无法读取“${file.name}”：${error?.message ?? error}`;
      doc.failed = true;
      doc.shown = doc.want;
      drawDocList();
      if (doc === currentDoc()) render();
    }
  }));
  state.loading--;
  updateBusy();
}

/** Whether a file is a PDF, by its first bytes or its name. */
function isPdf(bytes, name) {
  const head = new Uint8Array(bytes, 0, Math.min(5, bytes.byteLength));
  return String.fromCharCode(...head).startsWith('%PDF') || /\.pdf$/i.test(name);
}
