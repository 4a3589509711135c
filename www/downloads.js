// The buttons that save the report (JSON), its tables and its findings (CSV),
// and print the page.

// Every export follows the findings' filters (findings.js).

import { tablesCsv, findingsCsv, reportJson, layoutCsv, download, baseName } from './export.js';
import { passes } from './findings.js';
import { $, currentDoc } from './state.js';
import { downloadAnnotatedHtml, downloadAnnotatedDocx } from './annotate.js';

function exportWith(make, suffix, type) {
  const doc = currentDoc();
  if (!doc.report) return;
  download(`${baseName(doc.source)}${suffix}`, make(doc.report, doc.text, passes), type);
}
$('export-json').addEventListener('click', () => exportWith(reportJson, '.xxgk.json', 'application/json'));
$('export-tables').addEventListener('click', () => exportWith(tablesCsv, '.表格.csv', 'text/csv;charset=utf-8'));
$('export-layout').addEventListener('click', () => exportWith(layoutCsv, '.表格（模板排版）.csv', 'text/csv;charset=utf-8'));
$('export-findings').addEventListener('click', () => exportWith(findingsCsv, '.问题.csv', 'text/csv;charset=utf-8'));
$('print').addEventListener('click', () => window.print());
// The annotated report (annotate.js): a web page that prints as the PDF, and the Word document with comments.
$('export-annotated').addEventListener('click', () => downloadAnnotatedHtml());
$('export-annotated-docx').addEventListener('click', () => downloadAnnotatedDocx());
