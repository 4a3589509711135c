// A portal's use of <xxgk-checker>, type-checked by element.test.mjs with
// `tsc --noEmit --strict` against the package's index.d.ts and element.d.ts.

import 'xxgk/element';
import { XxgkChecker } from 'xxgk/element';
import type { Report, RuleConfig, XxgkCheckerElement, XxgkFindingDetail } from 'xxgk';

export function mount(parent: HTMLElement, text: string, onPublishable: (ok: boolean) => void): XxgkCheckerElement {
  const el = document.createElement('xxgk-checker');
  const rules: RuleConfig = { ignore: ['DOC-FEE'], severity: { review: 'warning' } };
  el.config = rules;
  el.compact = true;
  el.tables = false;
  el.value = text;
  el.addEventListener('xxgk-result', (event) => {
    const report: Report = event.detail;
    onPublishable(report.diagnostics.every((d) => d.severity !== 'error'));
  });
  el.addEventListener('xxgk-finding', (event) => {
    const detail: XxgkFindingDetail = event.detail;
    console.log(detail.index, detail.finding.code, detail.report.source);
  });
  parent.append(el);
  return el;
}

export function current(): Report | null {
  const el = document.querySelector('xxgk-checker');
  return el ? el.report : null;
}

export const made: XxgkCheckerElement = new XxgkChecker();

// The declarations reject what the element does not have.
// @ts-expect-error: value is text
made.value = 3;
// @ts-expect-error: report is read only
made.report = null;
