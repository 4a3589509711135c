// Exports of one checked report: the JSON object, and CSV files (UTF-8 with
// a BOM so that Excel and WPS open them with the right encoding) of the
// tables' cells and of the findings.

import { listCells, cellName, template, layoutFor } from './tables.js';

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

/** CSV of every cell read: one line per cell (its findings: those that `keep` keeps). */
export function tablesCsv(report, text = '', keep = () => true) {
  const codes = new Map();
  for (const d of report.diagnostics) {
    if (!d.cell || !keep(d)) continue;
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

/** CSV of the findings that `keep` keeps, in the report's order (序号: the place in the whole report). */
export function findingsCsv(report, text = '', keep = () => true) {
  const rows = [['序号', '严重程度', '代码', '说明', '应为', '实为', '表格', '行', '列', '文本行', '文本列', '来源', '规范条目']];
  report.diagnostics.forEach((d, i) => {
    if (!keep(d)) return;
    const name = d.cell ? cellName(report, d.cell, text) : { table: '', row: '', column: '' };
    rows.push([
      i + 1, severityName(d.severity) ?? d.severity, d.code, d.message, d.expected, d.actual,
      name.table, name.row, name.column, d.span?.line, d.span?.column, ORIGIN[d.origin] ?? d.origin, d.spec,
    ]);
  });
  return csv(rows);
}

/**
 * The report object as pretty JSON (with the UTF-16 offsets the page uses),
 * with only the findings that `keep` keeps (`caused_by` / `explains` then
 * point into the shorter list, and are dropped where their finding is not kept).
 */
export function reportJson(report, text = '', keep = () => true) {
  void text;
  if (report.diagnostics.every(keep)) return `${JSON.stringify(report, null, 2)}\n`;
  const kept = new Map();
  report.diagnostics.forEach((d, i) => { if (keep(d)) kept.set(i, kept.size); });
  const diagnostics = [...kept.keys()].map((i) => {
    const d = { ...report.diagnostics[i] };
    if ('caused_by' in d) {
      if (kept.has(d.caused_by)) d.caused_by = kept.get(d.caused_by);
      else delete d.caused_by;
    }
    if (Array.isArray(d.explains)) {
      const explains = d.explains.filter((j) => kept.has(j)).map((j) => kept.get(j));
      if (explains.length) d.explains = explains;
      else delete d.explains;
    }
    return d;
  });
  return `${JSON.stringify({ ...report, diagnostics }, null, 2)}\n`;
}

/**
 * CSV of the three tables laid out as the official template prints them: the
 * template's Chinese row and column labels, one CSV row per template row, the
 * cells as read (blank where the report has none).
 */
export function layoutCsv(report, text = '') {
  const T = template();
  const form = T?.formats?.['2021'];
  const rows = [];
  const shown = (cell) => (cell ? (cell.value ?? cell.text) : '');
  const name = (t) => `${T?.tables?.[t]?.name ?? t} ${T?.tables?.[t]?.title ?? ''}`.trim();
  const layout = layoutFor(report, text);
  const active = report.tables?.active;
  rows.push([name('active')]);
  if (active) {
    for (const block of layout.blocks) {
      rows.push([`第二十条第${block.item}项`]);
      rows.push(['信息内容', ...block.head]);
      for (const [key, label] of block.rows) rows.push([label, ...(active[key] ?? []).map(shown)]);
    }
  } else rows.push(['未读到这张表']);
  rows.push([]);
  const apps = report.tables?.applications;
  const columns = form?.applications?.columns ?? [];
  rows.push([name('applications')]);
  if (apps) {
    rows.push(['', '', '', ...columns]);
    for (const row of layout.t2Rows) {
      if (row.optional && !apps[row.key]) continue;
      const labels = [...row.path, '', '', ''].slice(0, 3);
      rows.push([...labels, ...(apps[row.key] ?? []).map(shown)]);
    }
  } else rows.push(['未读到这张表']);
  rows.push([]);
  const review = report.tables?.review;
  const groups = form?.review?.groups ?? [];
  rows.push([name('review')]);
  if (review) {
    rows.push(groups.flatMap((g) => g.columns.map(() => g.label)));
    rows.push(groups.flatMap((g) => g.columns));
    rows.push(review.map(shown));
  } else rows.push(['未读到这张表']);
  return csv(rows);
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
