
// ---- appended by scripts/build-wasm (scripts/reader-glue.d.ts) ----
/** Loads the file reader (./xxgk_pdf.js), once; `default` does it too. */
export function loadReader(): Promise<void>;
/** A file's text as the CLI reads it; needs `await init()` or `await loadReader()` first. */
export function readDocument(bytes: Uint8Array, name: string): { text: string; kind: 'text' | 'html' | 'docx' };
/** Loads the checker alone (no `readDocument` until `loadReader()`, runs of digits deferred until `loadRuns()`). */
export function initChecker(module_or_path?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;
