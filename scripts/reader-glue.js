
// ---- appended by scripts/build-wasm (scripts/reader-glue.js) ----
// The file reader (`readDocument`: text files, Word documents, web pages) is
// in ./xxgk_pdf.js with the PDF layout, so that this module's .wasm stays
// small; `default` loads both, `initChecker` only this one (the page, which
// calls `loadReader` when it is first given a file).

let reader = null;
let readerLoading = null;

/**
 * Loads the file reader (./xxgk_pdf.js and its .wasm), once.
 * @returns {Promise<void>}
 */
export function loadReader() {
  readerLoading ??= import('./xxgk_pdf.js').then(async (module) => {
    await module.default();
    reader = module;
  }, (error) => {
    readerLoading = null;
    throw error;
  });
  return readerLoading;
}

/**
 * Reads a file the way the CLI does (a text file in any encoding, a Word
 * document or a saved web page): `{text, kind}`, `kind` one of `text`,
 * `html`, `docx`; throws an `Error` with a Chinese message when the file
 * cannot be read. Needs `await init()` (or `await loadReader()`) first.
 * @param {Uint8Array} bytes
 * @param {string} name
 * @returns {any}
 */
export function readDocument(bytes, name) {
  if (reader === null) {
    throw new Error('文件读取组件尚未加载：请先 await init()（或 await loadReader()）');
  }
  return reader.readDocument(bytes, name);
}

/**
 * Loads the checker, the file reader and the solver for runs of digits.
 * @param {any} [module_or_path]
 */
async function initAll(module_or_path) {
  const exports = await __wbg_init(module_or_path);
  await Promise.all([loadReader(), loadRuns()]);
  return exports;
}

export { initSync, __wbg_init as initChecker, initAll as default };
