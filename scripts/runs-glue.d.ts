
// ---- appended by scripts/build-wasm (scripts/runs-glue.d.ts) ----
/** Loads the solver for runs of digits (./xxgk_runs.js), once; `default` does it too. */
export function loadRuns(): Promise<void>;
/** The contract's JSON text, byte for byte the CLI's (runs of digits: needs `await init()` or `await loadRuns()`). */
export function checkJson(text: string, source?: string | null): string;
