
// ---- appended by scripts/build-wasm (scripts/check-glue.js) ----

/**
 * The report object of `[ops, nums, text, keys, keyLens]` (src/wasm/tape.rs):
 * the object `JSON.parse` makes of the report's JSON text, built without it.
 */
function decodeTape(ops, nums, text, keyText, keyLens) {
  const keys = new Array(keyLens.length);
  let proto = -1;
  for (let i = 0, at = 0; i < keyLens.length; i++) {
    keys[i] = keyText.slice(at, (at += keyLens[i]));
    if (keys[i] === '__proto__') proto = i;
  }
  let p = 0;
  let q = 0;
  let s = 0;
  function value() {
    switch (ops[p++]) {
      case 0: return null;
      case 1: return false;
      case 2: return true;
      case 3:
      case 8: return ops[p++];
      case 4: return nums[q++];
      case 5: {
        const start = s;
        s += ops[p++];
        return text.slice(start, s);
      }
      case 9: {
        const start = s;
        s += ops[p++];
        return Number(text.slice(start, s));
      }
      case 6: {
        const a = [];
        for (let n = ops[p++]; n > 0; n--) a.push(value());
        return a;
      }
      case 7: {
        const o = {};
        for (let n = ops[p++]; n > 0; n--) {
          const k = ops[p++];
          if (k === proto) {
            // As JSON.parse does: an own property, not the prototype.
            Object.defineProperty(o, '__proto__', { value: value(), writable: true, enumerable: true, configurable: true });
          } else {
            o[keys[k]] = value();
          }
        }
        return o;
      }
      default:
        throw new Error(`xxgk: unknown code ${ops[p - 1]} in the report's tape`);
    }
  }
  return value();
}

/**
 * Checks a report and returns the report object of the JSON contract
 * (`schema_version: 1`), every span also carrying `utf16: {start, end}`.
 *
 * `options`: `{ source?: string, select?: string[], ignore?: string[],
 * severity?: { [selector]: "error" | "warning" | "info" } }` — the name
 * shown as the report's source (default `-`) and the rule configuration; a
 * configured report names it in `config`. Throws an `Error` on an unknown
 * rule code, group or severity.
 * @param {string} text
 * @param {any} [options]
 * @returns {any}
 */
export function check(text, options) {
  const r = checkTape(text, options);
  const report = Array.isArray(r) ? decodeTape(r[0], r[1], r[2], r[3], r[4]) : r;
  // The page's module has no solver for runs of digits: such a report is
  // marked `deferred_runs` and checked again by ./xxgk_runs.js once loaded
  // (scripts/runs-glue.js). Other modules never mark a report.
  return report.deferred_runs && recheck !== null ? recheck(text, options) : report;
}

/** The `check` of ./xxgk_runs.js once loaded (scripts/runs-glue.js), else `null`. */
let recheck = null;
