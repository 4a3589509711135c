// The look of <xxgk-checker> (component.js), as text for a constructed style
// sheet (adoptedStyleSheets): that needs no 'unsafe-inline' in a page's
// Content-Security-Policy, and no file of its own next to a bundle. The rules
// are the page's (style.css) for the view's classes, with the colours taken
// from custom properties (--xxgk-error, --xxgk-accent, …).

/**
 * The rules for the classes of what the view draws (summary, findings, tables,
 * tooltips): in the element's shadow root, and in the page's own document for
 * what the page draws with the same classes outside the element (the batch
 * view's side-by-side tables) and for the annotated HTML download (annotate.js).
 */
export const CLASS_RULES = `.file-error { color: var(--error); background: var(--error-bg); border-color: var(--error) !important; font-weight: 600; }
.empty, .none { color: var(--muted); margin: 0; }
.verdict { margin: 0 0 .6rem; padding: .4rem .7rem; border-left: 5px solid; font-weight: 600; border-radius: 0 4px 4px 0; }
.verdict-fail { color: var(--error); background: var(--error-bg); border-left-style: solid; }
.verdict-check { color: var(--warning); background: var(--warning-bg); border-left-style: dashed; }
.verdict-ok { color: #1e6b34; background: #e6f4ea; border-left-style: double; }
.filter-note, .section-note { font-size: .85rem; margin: 0 0 .5rem; padding: .3rem .6rem; border-radius: 4px; }
.filter-note { color: var(--muted); background: #f1f3f6; }
.section-note { color: var(--ink); background: var(--info-bg); border-left: 4px dotted var(--info); }

.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .6rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.counts { list-style: none; display: flex; gap: .6rem; padding: 0; margin: 0; flex-wrap: wrap; }
.count { padding: .2rem .7rem; border-radius: 4px; border: 2px solid; }
.count.sev-error { color: var(--error); background: var(--error-bg); border-style: solid; }
.count.sev-warning { color: var(--warning); background: var(--warning-bg); border-style: dashed; }
.count.sev-info { color: var(--info); background: var(--info-bg); border-style: dotted; }

.filters { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.2rem; margin-bottom: .4rem; font-size: .875rem; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: .8rem; align-items: center; }
.filters legend { float: left; margin-right: .6rem; color: var(--muted); }
.filters select { font: inherit; padding: .15rem .3rem; }

#finding-groups { max-height: var(--xxgk-findings-max-height, 46vh); overflow: auto; padding-right: .3rem; }
.group h3 { position: sticky; top: 0; background: #fff; z-index: 1; padding: .15rem 0; margin: .4rem 0 .2rem; }
.group-toggle { width: 100%; text-align: left; border: 0; background: none; padding: .15rem .2rem; font-weight: 600; color: inherit; }
.group-toggle::before { content: "▾"; display: inline-block; width: 1em; color: var(--muted); font-weight: normal; }
.group.folded .group-toggle::before { content: "▸"; }
.group.folded > .group-body { display: none; }
.group-title { font-weight: normal; color: var(--ink); }
.group-body > details.rule { padding-left: 1.2rem; margin-bottom: .3rem; }
.consequences { list-style: none; margin: .3rem 0 0 1.2rem; padding: 0; display: flex; flex-direction: column; gap: .25rem; }
.consequences::before { content: "由此引起："; font-size: .78rem; color: var(--muted); }
.finding.context > .go, .finding.context > .meta { opacity: .55; }
.root-tag { border-color: var(--error); color: var(--error); }
.group.sev-error h3 { color: var(--error); }
.group.sev-warning h3 { color: var(--warning); }
.group.sev-info h3 { color: var(--info); }
.finding-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .35rem; }
.finding { border-left: 4px solid; padding: .3rem .6rem; background: #fafbfc; border-radius: 0 4px 4px 0; }
.finding.sev-error { border-left-color: var(--error); border-left-style: solid; }
.finding.sev-warning { border-left-color: var(--warning); border-left-style: dashed; }
.finding.sev-info { border-left-color: var(--info); border-left-style: dotted; }
.finding.current-finding { background: #fff8d6; }
.finding .go {
  display: flex; gap: .5rem; align-items: baseline; width: 100%; text-align: left;
  border: 0; background: none; padding: .1rem 0; color: var(--ink); font-size: .9rem;
}
.finding .go:hover .msg { text-decoration: underline; }
.finding .code { font-size: .8rem; font-weight: 600; white-space: nowrap; }
/* The symbols (✖ ▲ ℹ ▾ ▸) are never bold: some are in none of the Chinese fonts
   the view names, and a bold one makes the browser load each bold font of the
   list in turn (a Noto Sans CJK bold face is 20 MB): 40–300 ms on the first drawing. */
.icon { font-style: normal; font-weight: normal; }
.sev-error .icon, .sev-error > .code { color: var(--error); }
.sev-warning .icon, .sev-warning > .code { color: var(--warning); }
.sev-info .icon, .sev-info > .code { color: var(--info); }
.tag { font-size: .75rem; border: 1px solid var(--muted); color: var(--muted); border-radius: 3px; padding: 0 .3rem; white-space: nowrap; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .8rem; color: var(--muted); padding-left: 1.4rem; }
.ev { color: var(--ink); font-weight: 600; }
details.rule { font-size: .82rem; padding-left: 1.4rem; }
details.rule summary { cursor: pointer; color: var(--brand); }
details.rule p { margin: .3rem 0; color: #333a42; }
.more { margin-top: .4rem; }

.legend { font-size: .8rem; color: var(--muted); margin: 0 0 .6rem; display: flex; flex-wrap: wrap; gap: .3rem .6rem; align-items: center; }
.cell-demo { display: inline-block; min-width: 2.6rem; padding: 0 .5rem; text-align: center; border: 1px solid var(--grid); position: relative; }
.table-figure { margin: 0 0 1.2rem; }
.table-figure figcaption { font-size: .92rem; margin-bottom: .35rem; }
.scroll { overflow-x: auto; max-width: 100%; }
.no-table { color: var(--muted); border: 1px dashed var(--line); padding: .5rem; margin: 0; }

.grid { border-collapse: collapse; background: #fff; font-size: .82rem; }
.grid th, .grid td { border: 1px solid var(--grid); padding: .22rem .4rem; }
.grid th { background: var(--head); font-weight: normal; text-align: center; }
.grid th[scope="row"], .grid th.level-1, .grid th.level-2, .grid th.level-3 { text-align: left; }
/* The first column stays in view when a wide table scrolls sideways. */
.t1 tbody tr > th:first-child, .t2 tbody th.level-1 { position: sticky; left: 0; z-index: 1; }
.grid .caption-row th { background: #dde3ea; font-weight: 600; text-align: left; }
.t1 { min-width: 34rem; }
.t2 { min-width: 46rem; }
.t3 { min-width: 48rem; }
.t1 .label-col { width: 12rem; }
.t2 .l1 { width: 7.5rem; }
.t2 .l2 { width: 9.5rem; }
.t2 .l3 { width: 13rem; }
.t2 .num { width: 3.6rem; }
.t2 .corner { font-size: .75rem; color: var(--muted); text-align: left; }
.t3 th, .t3 td { min-width: 3.1rem; }

.grid td.cell {
  position: relative; text-align: center; min-width: 2.8rem; font-variant-numeric: tabular-nums;
  cursor: pointer; white-space: nowrap;
}
.grid td.cell:hover { background: #f1f5fa; }
td.inferred, .cell-demo.inferred { text-decoration: underline dotted; text-underline-offset: 3px; }
td.unreadable s, .cell-demo.unreadable s { color: var(--error); text-decoration-thickness: 2px; }
td.void, .grid th.void {
  background: #f3f4f6 linear-gradient(to top right, transparent calc(50% - .6px), #c2c7ce, transparent calc(50% + .6px));
}
td.missing { color: var(--muted); font-style: italic; text-align: center; background: #f6f6f6; border-style: dashed; }
tr.row-odd > th, tr.row-missing > th { color: var(--error); }
.odd-mark { display: block; font-size: .72rem; color: var(--error); }

td.sev-error, .cell-demo.sev-error { background: var(--error-bg); outline: 2px solid var(--error); outline-offset: -3px; }
td.sev-warning, .cell-demo.sev-warning { background: var(--warning-bg); outline: 2px dashed var(--warning); outline-offset: -3px; }
td.sev-info, .cell-demo.sev-info { background: var(--info-bg); outline: 2px dotted var(--info); outline-offset: -3px; }
/* A cell whose finding another explains (the FIX-CELL names another cell). */
td.explained { outline: 1px dotted var(--muted); outline-offset: -3px; }
td.sev-error::after, td.sev-warning::after, td.sev-info::after,
.cell-demo.sev-error::after, .cell-demo.sev-warning::after, .cell-demo.sev-info::after {
  position: absolute; top: 0; right: 2px; font-size: .62rem; font-weight: normal; line-height: 1.2;
}
td.sev-error::after, .cell-demo.sev-error::after { content: "✖"; color: var(--error); }
td.sev-warning::after, .cell-demo.sev-warning::after { content: "▲"; color: var(--warning); }
td.sev-info::after, .cell-demo.sev-info::after { content: "ℹ"; color: var(--info); }
td.related { background: var(--related); box-shadow: inset 0 0 0 2px #c9a800; }
td.current { box-shadow: inset 0 0 0 3px var(--ink); animation: flash 1.2s ease-out 1; }
@keyframes flash { from { background: #ffe066; } }

.tip {
  position: absolute; z-index: 20; max-width: 30rem; pointer-events: none;
  background: #1f252d; color: #fff; border-radius: 5px; padding: .45rem .7rem; font-size: .82rem;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25);
}
.tip p { margin: .15rem 0; }
.tip .sev-error .icon { color: #ff8a80; }
.tip .sev-warning .icon { color: #ffcc80; }
.tip .sev-info .icon { color: #90caf9; }
@media print {
  .filters, .legend, .tip, details.rule, .more, .group-toggle::before { display: none !important; }
  .group.folded > .group-body { display: block; }
  #finding-groups { max-height: none; overflow: visible; }
  .group h3 { position: static; }
  .finding { break-inside: avoid; background: none; }
  .scroll { overflow: visible; }
  .table-figure { break-inside: avoid; }
  .grid { font-size: 8pt; }
  td.sev-error, td.sev-warning, td.sev-info, .count, td.void, .grid th {
    print-color-adjust: exact; -webkit-print-color-adjust: exact;
  }
}
`;

export const VIEW_CSS = `/* <xxgk-checker>: the view's look (the same classes as the page's style.css).
   Colours and sizes come from custom properties a portal can set on the
   element (--xxgk-…); parts (::part) name the boxes it can restyle. */
:host {
  --ink: var(--xxgk-ink, #1d2128);
  --muted: var(--xxgk-muted, #5b636d);
  --line: var(--xxgk-line, #c5cbd3);
  --grid: var(--xxgk-grid, #7d8691);
  --head: var(--xxgk-head, #eef1f5);
  --brand: var(--xxgk-accent, #17324d);
  --error: var(--xxgk-error, #b3261e);
  --error-bg: var(--xxgk-error-bg, #fdecea);
  --warning: var(--xxgk-warning, #8a5300);
  --warning-bg: var(--xxgk-warning-bg, #fff3dc);
  --info: var(--xxgk-info, #1a5fb4);
  --info-bg: var(--xxgk-info-bg, #e7effa);
  --related: var(--xxgk-related, #fff4b8);
  display: block;
  font-family: var(--xxgk-font, "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif);
  color: var(--ink);
  line-height: 1.5;
  background: var(--xxgk-background, transparent);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
h3 { font-size: .95rem; margin: .6rem 0 .3rem; }
code { font-family: "WenQuanYi Micro Hei Mono", "Consolas", monospace; }
button, .button {
  font: inherit; font-size: .875rem; line-height: 1.4; padding: .28rem .7rem;
  border: 1px solid #9fb3c8; border-radius: 4px; background: #fff; color: var(--brand); cursor: pointer;
}
button:hover, .button:hover { background: #e9f0f7; }
button:disabled { opacity: .55; cursor: default; background: #fff; }
button:focus-visible, td:focus-visible, summary:focus-visible, select:focus-visible,
input:focus-visible, a:focus-visible {
  outline: 3px solid #f5b700; outline-offset: 1px;
}
.editor {
  flex: 1; min-height: 12rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; overflow: hidden;
  display: flex;
  /* The editor's layout is never redone because something else on the page changed. */
  contain: strict;
}
.editor-tools { display: flex; flex-wrap: wrap; gap: .3rem; }
.editor-tools button { font-size: .8rem; padding: .15rem .5rem; }
#status { margin: 0; font-size: .85rem; color: var(--muted); height: 1.5em; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
#status[data-state="loading"]::before, #status[data-state="checking"]::before {
  content: ""; display: inline-block; width: .8em; height: .8em; margin-right: .4em; vertical-align: -.05em;
  border: 2px solid var(--line); border-top-color: var(--brand); border-radius: 50%; animation: spin .8s linear infinite;
}
#status[data-state="error"] { color: var(--error); font-weight: 600; }
@keyframes spin { to { transform: rotate(1turn); } }
${CLASS_RULES}/* The element's own layout and switches (after the page's rules, which they adjust). */
.view, .left, .right { display: flex; flex-direction: column; gap: var(--xxgk-gap, .8rem); min-width: 0; }
.box { background: var(--xxgk-box-background, #fff); border: 1px solid var(--line); border-radius: var(--xxgk-radius, 6px); padding: .8rem 1rem; }
.drop { display: flex; flex-direction: column; gap: .4rem; }
.editor { flex: none; min-height: 0; height: var(--xxgk-editor-height, 22rem); }
.tip { position: fixed; }
:host([editor="false"]) .drop, :host([summary="false"]) #summary, :host([findings="false"]) #findings,
:host([tables="false"]) #tables { display: none !important; }
:host([compact]) { font-size: .875em; }
:host([compact]) .view { gap: .4rem; }
:host([compact]) .box { padding: .4rem .6rem; }
:host([compact]) .legend, :host([compact]) .facts, :host([compact]) details.rule, :host([compact]) .meta .where,
:host([compact]) h2, :host([compact]) .editor-tools { display: none !important; }
:host([compact]) .editor { height: var(--xxgk-editor-height, 12rem); }
:host([compact]) #finding-groups { max-height: var(--xxgk-findings-max-height, 14rem); }

/* Two columns (the attribute "columns"; the stand-alone page): the text on the
   left, kept in view, the results on the right; one column on narrow screens,
   the results first once there are some. */
:host([columns]) .view { display: grid; grid-template-columns: minmax(320px, 38%) minmax(0, 1fr); gap: 1rem; align-items: start; }
:host([columns]) .left { position: sticky; top: .5rem; height: calc(100vh - 1rem); gap: .6rem; min-height: 24rem; }
:host([columns]) .right { gap: 1rem; }
:host([columns]) .drop { flex: 1; min-height: 0; }
:host([columns]) .editor { flex: 1; height: auto; min-height: 12rem; }
:host-context(body.dragging) .drop { outline: 3px dashed var(--brand); outline-offset: -3px; background: #eef4fa; }
@media (max-width: 900px) {
  :host([columns]) .view { grid-template-columns: minmax(0, 1fr); }
  :host([columns]) .left { position: static; height: auto; min-height: 0; }
  :host([columns]) .editor { height: 40vh; flex: none; }
  :host([columns]) #finding-groups { max-height: none; }
  :host([columns][data-report]) .left { order: 2; }
  :host([columns][data-report]) .right { order: 1; }
}
/* Print: the class rules' print block (above), and the element's own layout. */
@media print {
  .left { display: none !important; }
  .view, :host([columns]) .view { display: block; }
  .right > section { border: 0; padding: 0; margin-top: 4mm; }
  #finding-groups { max-height: none; overflow: visible; }
}
`;
