// The annotated report to send back to the office that drafted it: one
// self-contained HTML file (inline CSS, no scripts) with the report's text,
// each finding highlighted at its characters with a numbered marker, the
// three tables as the page draws them, the list of findings (message, rule
// title; markers and list linked both ways) and the rules' explanations.
// Printing it from the browser gives the PDF. It follows the findings'
// filters. And, for a Word document, the document back with each finding as
// a Word comment (the checker's annotateDocx, in the worker).

import { cellName, drawTables, template, cellKey } from './tables.js';
import { passes, filtered, expectedText } from './findings.js';
import { SEV, sevLabel, state, checker, currentDoc, setStatus } from './state.js';
import { download, baseName } from './export.js';
import { CLASS_RULES } from './view-css.js';

/** Text as HTML (the report's text is untrusted: everything is escaped). */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const RANK = { error: 0, warning: 1, info: 2 };

/** The CSS of the annotated file: the page's own (for the tables), then its layout. */
const OWN_CSS = `
body { background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.2rem; }
header.doc h1 { font-size: 1.3rem; margin: 0 0 .4rem; }
.facts-line { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
.print-note { font-size: .85rem; color: var(--muted); border-left: 4px solid var(--line); padding-left: .6rem; }
section.part { margin: 1.4rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .95rem; line-height: 1.8;
  border: 1px solid var(--line); padding: .8rem 1rem; border-radius: 4px; }
mark.hl { color: inherit; padding: 0 1px; border-radius: 2px; }
mark.sev-error { background: var(--error-bg); border-bottom: 2px solid var(--error); }
mark.sev-warning { background: var(--warning-bg); border-bottom: 2px dashed var(--warning); }
mark.sev-info { background: var(--info-bg); border-bottom: 2px dotted var(--info); }
a.marker { font-size: .7rem; vertical-align: super; line-height: 0; font-weight: 600; text-decoration: none;
  padding: 0 .15rem; border-radius: 3px; border: 1px solid; margin: 0 1px; white-space: nowrap; }
a.marker.sev-error { color: var(--error); } a.marker.sev-warning { color: var(--warning); } a.marker.sev-info { color: var(--info); }
ol.annotations { padding-left: 0; list-style: none; display: flex; flex-direction: column; gap: .4rem; }
ol.annotations li { border-left: 4px solid; padding: .3rem .6rem; background: #fafbfc; break-inside: avoid; }
ol.annotations li.sev-error { border-left-color: var(--error); }
ol.annotations li.sev-warning { border-left-color: var(--warning); border-left-style: dashed; }
ol.annotations li.sev-info { border-left-color: var(--info); border-left-style: dotted; }
ol.annotations .num { font-weight: 600; text-decoration: none; }
ol.annotations .msg { margin: .15rem 0; }
ol.annotations .where { font-size: .82rem; color: var(--muted); }
dl.rules dt { font-weight: 600; margin-top: .6rem; }
dl.rules dd { margin: .2rem 0 0 1.2rem; font-size: .88rem; }
dl.rules dd p { margin: .2rem 0; }
.grid td.cell:hover { background: inherit; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; }
  mark.hl, a.marker, td.sev-error, td.sev-warning, td.sev-info { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .text { border: 0; padding: 0; }
}
`;

/** The view's class rules (the tables' classes) and the page's style sheet, as text. */
function pageCss() {
  const out = [CLASS_RULES];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) out.push(rule.cssText);
    } catch { /* a sheet from another origin: none on this page */ }
  }
  return out.join('\n');
}

/** The text with each finding's characters highlighted and a numbered marker where it starts. */
function markedText(text, items) {
  const spans = items
    .filter((it) => it.d.span?.utf16)
    .map((it) => ({ ...it, s: Math.max(0, Math.min(text.length, it.d.span.utf16.start)), e: Math.max(0, Math.min(text.length, it.d.span.utf16.end)) }));
  const points = new Set([0, text.length]);
  for (const x of spans) { points.add(x.s); points.add(x.e); }
  const sorted = Array.from(points).sort((a, b) => a - b);
  const starts = new Map();
  const ends = new Map();
  for (const x of spans) {
    starts.set(x.s, [...(starts.get(x.s) ?? []), x]);
    if (x.e > x.s) ends.set(x.e, [...(ends.get(x.e) ?? []), x]);
  }
  const active = { error: 0, warning: 0, info: 0 };
  const open = new Set();
  let html = '';
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k];
    for (const x of ends.get(p) ?? []) { active[x.d.severity]--; open.delete(x.n); }
    for (const x of starts.get(p) ?? []) {
      html += `<a class="marker sev-${esc(x.d.severity)}" id="m-${x.n}" href="#f-${x.n}" title="${esc(`${x.d.code} ${x.d.message}`)}">${x.n}</a>`;
      if (x.e > x.s) { active[x.d.severity]++; open.add(x.n); }
    }
    const next = sorted[k + 1];
    if (next === undefined) break;
    const piece = esc(text.slice(p, next));
    const sev = ['error', 'warning', 'info'].find((s) => active[s] > 0);
    html += sev ? `<mark class="hl sev-${sev}" data-f="${Array.from(open).join(' ')}">${piece}</mark>` : piece;
  }
  return html;
}

/** Where a finding is, in words: its cell, and its line and column in the text. */
function whereText(report, d, text) {
  const parts = [];
  if (d.cell) {
    const name = cellName(report, d.cell, text);
    parts.push([name.table, name.row, name.column].filter(Boolean).join(' · '));
  }
  if (d.span) parts.push(`原文第 ${d.span.line} 行第 ${d.span.column} 字`);
  else parts.push('涉及全文');
  return parts.join('，');
}

/**
 * The annotated report as one HTML document.
 * @param {any} report the report object (docs/json.md)
 * @param {string} text the text it was checked from
 * @param {{keep?: (d: any) => boolean, rules?: Map<string, any>, tablesHtml?: string, css?: string,
 *   note?: string, generated?: string}} options
 */
export function annotatedHtml(report, text, options = {}) {
  const keep = options.keep ?? (() => true);
  const rules = options.rules ?? new Map();
  const items = [];
  for (const d of report.diagnostics) if (keep(d)) items.push({ d, n: items.length + 1 });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const { d } of items) counts[d.severity]++;
  const title = `${report.source && report.source !== '-' ? report.source : '报告'} · 批注版`;
  const facts = [
    report.agency && `机关：${report.agency}`,
    report.year !== null && report.year !== undefined && `报告年度：${report.year} 年`,
    `表格格式：${template()?.templates?.[report.template] ?? report.template}`,
  ].filter(Boolean);

  const list = items.map(({ d, n }) => {
    const rule = rules.get(d.code);
    const expected = expectedText(d);
    const back = d.span ? ` <a class="back" href="#m-${n}">↑ 原文位置</a>` : '';
    return `<li id="f-${n}" class="sev-${esc(d.severity)}">`
      + `<a class="num" href="${d.span ? `#m-${n}` : `#f-${n}`}">[${n}]</a> `
      + `<span class="icon">${esc(SEV[d.severity]?.icon ?? '')}</span> ${esc(sevLabel(d.severity))} `
      + `<code>${esc(d.code)}</code> <a href="#rule-${esc(d.code)}">${esc(rule?.title ?? d.code)}</a>`
      + `<div class="msg">${esc(d.message)}</div>`
      + `<div class="where">${esc([expected, whereText(report, d, text)].filter(Boolean).join('；'))}${back}</div></li>`;
  }).join('\n');

  const codes = [...new Set(items.map(({ d }) => d.code))];
  const ruleList = codes.map((code) => {
    const rule = rules.get(code);
    const first = items.find(({ d }) => d.code === code)?.n;
    const paras = (rule?.explanation ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
      .map((p) => `<p>${esc(p)}</p>`).join('');
    return `<dt id="rule-${esc(code)}"><code>${esc(code)}</code> ${esc(rule?.title ?? '')}</dt>`
      + `<dd>${paras}${first ? `<p><a href="#f-${first}">见问题 [${first}]</a></p>` : ''}</dd>`;
  }).join('\n');

  const filterNote = options.note ? `<p class="facts-line">${esc(options.note)}</p>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
${(options.css ?? '').replace(/<\/style/gi, '<\\/style')}
${OWN_CSS}
</style>
</head>
<body>
<header class="doc">
<h1>${esc(title)}</h1>
<p class="facts-line">${esc(facts.join('　'))}</p>
<p class="facts-line" id="counts">${items.length} 个问题：${counts.error} 个${esc(sevLabel('error'))}，${counts.warning} 个${esc(sevLabel('warning'))}，${counts.info} 条${esc(sevLabel('info'))}</p>
${filterNote}
<p class="print-note">本文件由 xxgk 政府信息公开工作年度报告检查工具生成${options.generated ? `（${esc(options.generated)}）` : ''}：原文中标出了每个问题的位置（上标数字），问题清单在原文之后，点数字可在两处之间跳转。用浏览器的“打印”可另存为 PDF。</p>
</header>
<section class="part" id="text-part"><h2>报告原文</h2>
<div class="text" id="text">${markedText(text, items)}</div>
</section>
<section class="part" id="tables-part"><h2>统计表（检查器读到的）</h2>
${options.tablesHtml ?? ''}
</section>
<section class="part" id="findings-part"><h2>问题清单</h2>
<ol class="annotations" id="annotations">
${list}
</ol>
</section>
<section class="part" id="rules-part"><h2>规则说明</h2>
<dl class="rules">
${ruleList}
</dl>
</section>
</body>
</html>
`;
}

/** The tables as the page draws them, with the marks of the findings that pass the filters. */
function tablesHtml(report, text) {
  const byCell = new Map();
  for (const d of report.diagnostics) {
    if (!d.cell || !passes(d)) continue;
    const key = cellKey(d.cell);
    byCell.set(key, [...(byCell.get(key) ?? []), d]);
  }
  const box = document.createElement('div');
  box.append(drawTables(report, byCell, text));
  for (const el of box.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  return box.innerHTML;
}

/** Saves the annotated HTML of the current report. */
export function downloadAnnotatedHtml() {
  const doc = currentDoc();
  if (!doc?.report) return;
  const all = doc.report.diagnostics.length;
  const shown = doc.report.diagnostics.filter(passes).length;
  const html = annotatedHtml(doc.report, doc.text, {
    keep: passes,
    rules: state.rules,
    tablesHtml: tablesHtml(doc.report, doc.text),
    css: pageCss(),
    note: filtered() ? `只列出符合页面筛选条件的 ${shown} 个问题（共 ${all} 个）。` : '',
    generated: new Date().toLocaleString('zh-CN'),
  });
  download(`${baseName(doc.source)}.批注版.html`, html, 'text/html;charset=utf-8');
}

/** Whether the current document is a Word file whose text is still as read (the comments' places fit). */
export function canAnnotateDocx(doc = currentDoc()) {
  return Boolean(doc?.report && doc.docx && doc.docx.text === doc.text);
}

/** Saves the Word document with each finding (that passes the filters) as a comment. */
export async function downloadAnnotatedDocx() {
  const doc = currentDoc();
  if (!canAnnotateDocx(doc)) return;
  const findings = doc.report.diagnostics.filter(passes)
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, span: d.span && { start: d.span.start, end: d.span.end } }));
  try {
    const bytes = await checker.request({ kind: 'annotate-docx', bytes: doc.docx.bytes.slice(0), findings })
      .then((msg) => msg.bytes);
    const name = `${baseName(doc.source)}.批注版.docx`;
    download(name, bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  } catch (error) {
    setStatus('error', `批注版 Word 无法生成：${error?.message ?? error}`);
  }
}
