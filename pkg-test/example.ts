// A portal's use of the package, type-checked by package.test.mjs with
// `tsc --noEmit --strict` against the package's index.d.ts.

import init, { check, ok, rules, template, version, decode, readDocument, checkJson } from 'xxgk';
import type { CheckOptions, Diagnostic, Report, Rule, RuleConfig, Severity, Span } from 'xxgk';

/** A province that does not ask for the 信息处理费 sentence, and reads table 3 leniently. */
export const provinceRules: RuleConfig = {
  ignore: ['DOC-FEE'],
  severity: { review: 'warning', 'T1-REGS': 'info' },
};

export async function gate(text: string, name: string): Promise<{ publish: boolean; errors: string[] }> {
  await init();
  const options: CheckOptions = { source: name, ...provinceRules };
  const report: Report = check(text, options);
  const errors = report.diagnostics
    .filter((d: Diagnostic) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message}${d.span ? ` @${d.span.line}:${d.span.column}` : ''}`);
  return { publish: ok(report), errors };
}

export function highlight(text: string, span: Span | null): string {
  if (!span?.utf16) return '';
  return text.slice(span.utf16.start, span.utf16.end);
}

export function describe(report: Report): string {
  const cells = report.tables.applications?.total ?? [];
  const total = cells[6]?.value ?? null;
  const configured = report.config ? report.config.ignore.join(',') : 'default';
  const layout = report.layout.applications ?? 'none';
  return `${report.source} ${report.template} ${report.year ?? '?'} ${total} ${configured} ${layout}`;
}

export function catalogue(): string[] {
  const all: Rule[] = rules();
  const severity: Severity = all[0]?.severity ?? 'info';
  const forms = template();
  return [version(), severity, forms.formats['2021'].name, forms.severities.error, checkJson('', null).slice(0, 1)];
}

export function read(bytes: Uint8Array, name: string): string {
  const doc = readDocument(bytes, name);
  return doc.kind === 'docx' ? doc.text : decode(bytes);
}

// The declarations reject what the contract does not have.
// @ts-expect-error: not a severity
export const wrongSeverity: RuleConfig = { severity: { 'DOC-FEE': 'fatal' } };
// @ts-expect-error: ok() takes a report
ok('text');
