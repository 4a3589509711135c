// The summary box: where the report comes from, its template, year, agency,
// date and period, and how many findings of each severity.

import { h, clear } from './dom.js';
import { template } from './tables.js';
import { $, SEV, sevLabel, SEVERITIES } from './state.js';


/** One sentence at the top: can the report be published as it is? */
function verdict(report, counts) {
  const roots = report.diagnostics.filter((d) => d.severity === 'error' && !Number.isInteger(d.caused_by)).length;
  const unread = report.diagnostics.some((d) => d.origin === 'input');
  let kind;
  let text;
  if (counts.error) {
    kind = 'fail';
    text = `不宜发布：有 ${counts.error} 处错误${roots < counts.error ? `（其中 ${roots} 处是根本原因）` : ''}，改正后再发布。`;
  } else if (counts.warning) {
    kind = 'check';
    text = `可以发布，但请先核对 ${counts.warning} 处警告。`;
  } else {
    kind = 'ok';
    text = counts.info ? `可以发布：没有错误和警告（有 ${counts.info} 条提示）。` : '可以发布：没有发现问题。';
  }
  if (unread) text += '部分文字未能读成数字，结论以人工核对为准。';
  return h('p', { class: `verdict verdict-${kind}`, part: 'verdict', dataset: { verdict: kind } }, text);
}

export function drawSummary(report, doc) {
  const box = clear($('summary'));
  box.append(h('h2', { id: 'summary-title' }, '概况'));
  if (!report) {
    box.append(h('p', { class: 'empty' }, doc.text || doc.error ? '' : '粘贴报告或打开文件后，这里显示检查结果。也可以先点“示例报告”看看。'));
    return;
  }
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, report.diagnostics.filter((d) => d.severity === s).length]));
  box.append(verdict(report, counts));
  const item = (label, value, key) => [h('dt', null, label), h('dd', { dataset: { field: key } }, value ?? '—')];
  box.append(
    h('dl', { class: 'facts' },
      item('来源', doc.name, 'source'),
      item('表格格式', template()?.templates?.[report.template] ?? report.template, 'template'),
      item('报告年度', report.year === null ? null : `${report.year} 年`, 'year'),
      item('机关', report.agency, 'agency'),
      item('落款日期', report.date, 'date'),
      item('统计期限', report.period ? `${report.period.start} 至 ${report.period.end}` : null, 'period')),
    h('ul', { class: 'counts' }, SEVERITIES.map((s) => h('li', { class: `count sev-${s}`, dataset: { severity: s } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[s].icon), ` ${sevLabel(s)} `, h('strong', null, counts[s])))),
  );
}
