// The list of every rule, with its explanation.

import { h, clear } from './dom.js';
import { $, SEV } from './state.js';

export function drawRuleList(rules) {
  const list = clear($('rule-list'));
  for (const rule of rules) {
    list.append(h('dt', { class: `sev-${rule.severity}` },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, SEV[rule.severity]?.icon ?? ''), ' ',
      h('code', null, rule.code), ` ${rule.title}`));
    const dd = h('dd');
    for (const para of rule.explanation.split(/\n\s*\n/)) dd.append(h('p', null, para.trim()));
    list.append(dd);
  }
}
