
// ---- appended by scripts/build-wasm (scripts/check-glue.d.ts) ----
/**
 * Checks a report and returns the report object of the JSON contract
 * (`schema_version: 1`), every span also carrying `utf16: {start, end}`.
 *
 * `options`: `{ source?: string, select?: string[], ignore?: string[],
 * severity?: { [selector]: "error" | "warning" | "info" } }` — the name
 * shown as the report's source (default `-`) and the rule configuration;
 * a configured report names it in `config`. Throws an `Error` on an
 * unknown rule code, group or severity.
 */
export function check(text: string, options: any): any;
