// The xxgk package: the checker compiled to WebAssembly (./xxgk.js, made by
// wasm-bindgen, loads ./xxgk_bg.wasm from next to itself) and `ok`.

export {
  default, initSync, check, checkJson, decode, readDocument, rules, template, version,
} from './xxgk.js';

/**
 * Whether a report may be published: no finding of severity `error` left
 * after the rule configuration it was checked with.
 * @param {import('./index.js').Report} report
 * @returns {boolean}
 */
export function ok(report) {
  if (report === null || typeof report !== 'object' || !Array.isArray(report.diagnostics)) {
    throw new TypeError('ok(report) 需要 check() 返回的报告对象');
  }
  return report.diagnostics.every((d) => d.severity !== 'error');
}
