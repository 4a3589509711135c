// Turns a saved web page (.html/.htm) into the plain text the checker reads:
// every <table> becomes tab-separated rows (a cell covered by a rowspan or
// colspan becomes an empty cell, so the columns stay where the template has
// them) and every other block becomes its own line.
//
// The page is parsed with DOMParser into an inert document: its scripts never
// run and its images, styles and frames are never fetched.

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH',
  'CANVAS', 'AUDIO', 'VIDEO', 'SELECT', 'BUTTON',
]);
/** Upper bounds against absurd spans in hostile files. */
const MAX_COLSPAN = 64;
const MAX_ROWSPAN = 256;

/**
 * @param {string} html
 * @returns {string}
 */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines = [];
  let line = '';
  const flush = () => {
    const text = line.trim();
    if (text) lines.push(text);
    else if (lines.length && lines[lines.length - 1] !== '') lines.push('');
    line = '';
  };
  const walk = (node, pre) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        line += pre ? child.data : child.data.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
        if (pre && line.includes('\n')) {
          const parts = line.split(/\r\n?|\n/);
          line = parts.pop() ?? '';
          for (const part of parts) {
            line = part;
            flush();
          }
        }
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = /** @type {Element} */ (child);
      const tag = el.tagName.toUpperCase();
      if (SKIP.has(tag) || el.hidden) continue;
      if (tag === 'BR') {
        flush();
        continue;
      }
      if (tag === 'TABLE' && !el.querySelector('table')) {
        flush();
        for (const row of tableRows(/** @type {HTMLTableElement} */ (el))) lines.push(row);
        lines.push('');
        continue;
      }
      const block = BLOCKS.has(tag);
      if (block) flush();
      walk(el, pre || tag === 'PRE');
      if (block) flush();
    }
  };
  walk(doc.body ?? doc.documentElement, false);
  flush();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** The text of one cell, on one line. */
function cellText(cell) {
  let text = '';
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName.toUpperCase();
        if (SKIP.has(tag)) continue;
        if (tag === 'BR' || BLOCKS.has(tag)) text += ' ';
        walk(child);
        if (BLOCKS.has(tag)) text += ' ';
      }
    }
  };
  walk(cell);
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** A table's rows as tab-separated lines, honouring rowspan and colspan. */
function tableRows(table) {
  const rows = Array.from(table.rows);
  /** @type {Array<Array<string|undefined>>} */
  const grid = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of Array.from(row.cells)) {
      while (grid[r][c] !== undefined) c++;
      const colspan = Math.min(Math.max(cell.colSpan || 1, 1), MAX_COLSPAN);
      const rowspan = cell.rowSpan === 0 ? rows.length - r : Math.min(Math.max(cell.rowSpan || 1, 1), MAX_ROWSPAN);
      const text = cellText(cell);
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? text : '';
      }
      c += colspan;
    }
  });
  return grid
    .map((cells) => Array.from(cells, (t) => t ?? ''))
    .filter((cells) => cells.some((t) => t !== ''))
    .map((cells) => cells.join('\t'));
}
