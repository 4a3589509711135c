// Exports of one checked report: the JSON object, and CSV files (UTF-8 with
// a BOM so that Excel and WPS open them with the right encoding) of the
// tables' cells and of the findings.

import { listCells, cellName, template } from './tables.js';

/** A severity's display name, from the library's template description. */
const severityName = (s) => template()?.severities?.[s] ?? s;
const ORIGIN = { report: '报告', input: '输入文字' };

/** One CSV field. Text that a spreadsheet would run as a formula is quoted with a leading '. */
function field(value) {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(rows) {
  return `\uFEFF${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** CSV of every cell read: one line per cell. */
export function tablesCsv(report, text = '') {
  const codes = new Map();
  for (const d of report.diagnostics) {
    if (!d.cell) continue;
    const key = `${d.cell.table}|${d.cell.row ?? ''}|${d.cell.column}`;
    codes.set(key, [...(codes.get(key) ?? []), d.code]);
  }
  const rows = [['表格', '行', '行名称', '列', '列名称', '原文', '数值', '单位', '文本行', '文本列', '问题']];
  for (const { ref, table, rowLabel, columnLabel, cell } of listCells(report, text)) {
    const key = `${ref.table}|${ref.row ?? ''}|${ref.column}`;
    rows.push([table, ref.row ?? '', rowLabel, ref.column + 1, columnLabel, cell.text, cell.value, cell.unit,
      cell.span?.line, cell.span?.column, (codes.get(key) ?? []).join(' ')]);
  }
  return csv(rows);
}

/** CSV of the findings, in the report's order. */
export function findingsCsv(report, text = '') {
  const rows = [['序号', '严重程度', '代码', '说明', '应为', '实为', '表格', '行', '列', '文本行', '文本列', '来源', '规范条目']];
  report.diagnostics.forEach((d, i) => {
    const name = d.cell ? cellName(report, d.cell, text) : { table: '', row: '', column: '' };
    rows.push([
      i + 1, severityName(d.severity) ?? d.severity, d.code, d.message, d.expected, d.actual,
      name.table, name.row, name.column, d.span?.line, d.span?.column, ORIGIN[d.origin] ?? d.origin, d.spec,
    ]);
  });
  return csv(rows);
}

/** The report object as pretty JSON (with the UTF-16 offsets the page uses). */
export function reportJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Offers text as a file download. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name for exports of a report from `source`. */
export function baseName(source) {
  const name = source && source !== '-' ? source.replace(/\.[^.]*$/, '') : '粘贴的报告';
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 80) || '报告';
}
