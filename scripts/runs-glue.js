
// ---- appended by scripts/build-wasm (scripts/runs-glue.js) ----
// The joint split of runs of digits (cells whose boundaries were lost in a
// crawled or copied text) is in ./xxgk_runs.js, a module with the same API,
// so that this module's .wasm stays small. A report this module could not
// split is marked `deferred_runs`; once `loadRuns` has loaded it, `check`
// and `checkJson` give such a text to ./xxgk_runs.js, so their results are
// the command-line tool's. `default` loads it; `initChecker` does not (the
// page loads it when a report comes back marked).

let runsLoading = null;
let runsJson = null;

/**
 * Loads the module with the solver for runs of digits (./xxgk_runs.js and
 * its .wasm), once.
 * @returns {Promise<void>}
 */
export function loadRuns() {
  runsLoading ??= import('./xxgk_runs.js').then(async (module) => {
    await module.default();
    recheck = module.check;
    runsJson = module.checkJson;
  }, (error) => {
    runsLoading = null;
    throw error;
  });
  return runsLoading;
}

/**
 * Checks a report and returns the contract's JSON text, byte for byte what
 * `xxgk check --format json` prints for the same text (no UTF-16 offsets);
 * a text with runs of digits is read by ./xxgk_runs.js (needs `await
 * init()` or `await loadRuns()` first, else its JSON is marked
 * `"deferred_runs": true`).
 * @param {string} text
 * @param {string | null} [source]
 * @returns {string}
 */
export function checkJson(text, source) {
  const json = checkJsonOwn(text, source);
  // `"deferred_runs":true` is a key and its value: in a JSON string every
  // quote is escaped, so no text of the report can contain it.
  return runsJson !== null && json.includes('"deferred_runs":true') ? runsJson(text, source) : json;
}
