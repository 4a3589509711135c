// The summary box: where the report comes from, its template, year, agency,
// date and period, and how many findings of each severity.

import { h, clear } from './dom.js';
import { $, SEV, SEVERITIES } from './state.js';

const TEMPLATE = {
  2019: '2019 试行格式（国办公开办函〔2019〕60号）',
  2021: '2021 格式（国办公开办函〔2021〕30号）',
  hybrid: '混用（两种格式的表格都有）',
  pre2019: '2019年以前（格式不同，统计表未核对）',
  unknown: '无法判断',
};

export function drawSummary(report, doc) {
  const box = clear($('summary'));
  box.append(h('h2', { id: 'summary-title' }, '概况'));
  if (!report) {
    box.append(h('p', { class: 'empty' }, doc.text || doc.error ? '' : '粘贴报告或打开文件后，这里显示检查结果。也可以先点“示例报告”看看。'));
    return;
  }
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, report.diagnostics.filter((d) => d.severity === s).length]));
  const item = (label, value, key) => [h('dt', null, label), h('dd', { dataset: { field: key } }, value ?? '—')];
  box.append(
    h('dl', { class: 'facts' },
      item('来源', doc.name, 'source'),
      item('表格格式', TEMPLATE[report.template] ?? report.template, 'template'),
      item('报告年度', report.year === null ? null : `${report.year} 年`, 'year'),
      item('机关', report.agency, 'agency'),
      item('落款日期', report.date, 'date'),
      item('统计期限', report.period ? `${report.period.start} 至 ${report.period.end}` : null, 'period')),
    h('ul', { class: 'counts' }, SEVERITIES.map((s) => h('li', { class: `count sev-${s}`, dataset: { severity: s } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[s].icon), ` ${SEV[s].label} `, h('strong', null, counts[s])))),
  );
}
