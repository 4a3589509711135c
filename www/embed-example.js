// Embedding the checker in another page (the element <xxgk-checker>: see
// embed-element.js): the whole API is four functions of
// the ES module built by wasm-bindgen (www/pkg/xxgk.js):
//
//   import init, { check, checkJson, decode, rules, version } from './pkg/xxgk.js';
//   await init();                                   // fetches and compiles xxgk_bg.wasm once
//   const report = check(text, { source: 'a.txt' }); // the JSON contract as an object
//   report.diagnostics.forEach((d) => console.log(d.code, d.message, d.span?.utf16));
//
// `check` runs synchronously on the calling thread; for very long texts run it
// in a Web Worker as www/worker.js does. Every span has `utf16: {start, end}`,
// ready for `textarea.setSelectionRange` or `String.prototype.slice`.

import init, { check, template, version } from './pkg/xxgk.js';

const input = /** @type {HTMLTextAreaElement} */ (document.getElementById('embed-input'));
const button = /** @type {HTMLButtonElement} */ (document.getElementById('embed-check'));
const status = document.getElementById('embed-status');
const list = document.getElementById('embed-findings');

await init();
// Display names of the severities (错误, 警告, 提示), from the library.
const severity = template().severities;
status.textContent = `xxgk ${version()} 已就绪`;
button.disabled = false;
input.value = await fetch('sample.txt').then((r) => (r.ok ? r.text() : ''), () => '');

button.addEventListener('click', () => {
  const report = check(input.value, { source: '嵌入示例' });
  status.textContent = `${report.agency ?? '未识别的机关'} ${report.year ?? ''} 年度：${report.diagnostics.length} 个问题`;
  list.replaceChildren(...report.diagnostics.map((d) => {
    const li = document.createElement('li');
    const go = document.createElement('button');
    go.type = 'button';
    go.textContent = `[${severity[d.severity]}] ${d.code} ${d.message}`; // text, never HTML
    go.addEventListener('click', () => {
      if (!d.span) return;
      input.focus();
      input.setSelectionRange(d.span.utf16.start, d.span.utf16.end);
    });
    li.append(go);
    return li;
  }));
});
