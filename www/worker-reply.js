// What the page's workers (worker.js, batch-worker.js) answer when a request
// fails. A RuntimeError is a trap inside a WebAssembly module (a bug): the
// module's state can no longer be trusted, so `fatal` tells the page to start
// a fresh worker.

/**
 * @param {number} id the request's id
 * @param {any} error what was thrown
 */
export function replyError(id, error) {
  self.postMessage({
    id,
    ok: false,
    message: String(error?.message ?? error),
    fatal: error instanceof WebAssembly.RuntimeError,
  });
}
