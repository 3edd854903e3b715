/**
 * The page's only style sheet, inline (the CSP allows exactly this text by its hash). Colours
 * meet WCAG AA contrast against their ground; every colour repeats something said in words.
 * Print: no sticky parts, rows and tables not split where avoidable, links show their target.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --root: #8b0000; --gap: #7a4a00; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; margin: 0; }
main, header.page-head, nav.toc { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header.page-head { padding-top: 16px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
a { color: #0645ad; }
.muted { color: var(--muted); font-weight: normal; }
.meta { color: var(--muted); margin: 0; }
nav.toc ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.verdict { border: 3px solid var(--ink); border-radius: 6px; padding: 4px 18px 10px; margin-top: 16px; }
.verdict h2 { border: 0; margin-top: 10px; }
.line-root { color: var(--root); }
.verdict.verdict-root { border-color: var(--root); background: #fff1f1; }
.verdict.verdict-incomplete { border-color: var(--gap); background: #fff8e6; }
.verdict.verdict-findings { border-color: #9a3412; background: #fff7f0; }
.verdict.verdict-quiet { border-color: #555; background: #f4f4f4; }
.verdict.verdict-clear { border-color: #14532d; background: #effaf2; }
.verdict-line { margin: 6px 0; font-size: 1.05rem; }
.line-incomplete { color: var(--gap); border-left: 6px solid var(--gap); padding-left: 10px; }
.root-list li { margin: 3px 0; }
.root-text { color: var(--root); }
.gap-text { color: var(--gap); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
caption { text-align: left; color: var(--muted); padding: 2px 0 6px; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef0f3; }
table.findings thead th, #endpoints-table thead th { position: sticky; top: 0; z-index: 1; }
tr.row-root th, tr.row-root td { background: #fff1f1; }
table.matrix { width: auto; }
table.matrix th.rule-col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; vertical-align: bottom; text-align: left; padding: 8px 4px; font-weight: 600; font-size: 0.9em; }
table.matrix td { text-align: center; white-space: nowrap; min-width: 3.2em; }
table.matrix th[scope="row"] { white-space: nowrap; }
#endpoints-table th[scope="row"] code, table.findings td code { white-space: nowrap; }
.place-kind { font-size: 0.8em; display: block; }
.cell-empty { color: #767676; }
.cell-sev { font-size: 0.75em; font-weight: 700; letter-spacing: 0.02em; }
.total { font-weight: 700; }
.sev { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 0.8em; font-weight: 700; letter-spacing: 0.03em; }
.sev-critical { background: #7f1d1d; color: #fff; }
.sev-high { background: #9a3412; color: #fff; }
.sev-medium { background: #fde68a; color: #3b2300; }
.sev-low { background: #dbeafe; color: #1e3a8a; }
.sev-info, .sev-unknown { background: #e5e7eb; color: #111827; }
.cell.gap { background: #fff1c2; }
table.controls { width: auto; }
table.controls th[scope="row"] { min-width: 18em; }
table.controls th.subject-col { white-space: nowrap; font-size: 0.9em; }
table.controls td.status { white-space: nowrap; font-size: 0.85em; }
table.controls details ul { white-space: normal; min-width: 18em; max-width: 32em; margin: 4px 0; padding-left: 16px; font-size: 0.95em; }
table.controls summary { cursor: pointer; }
.control-id { font-weight: 700; }
.status-word { font-weight: 700; letter-spacing: 0.02em; }
.status-fail { background: #fff1f1; color: #8b0000; }
.status-not-checked { background: #fff1c2; color: #5c3700; }
.status-pass { background: #effaf2; color: #14532d; }
.status-not-applicable { background: #f4f4f4; color: #444; }
.status-manual { background: #eef0f3; color: #1e3a8a; }
.cell.gap a { color: #5c3700; font-weight: 700; }
dl.evidence { margin: 4px 0; font-size: 0.85em; color: #333; display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; }
dl.evidence div { display: contents; }
dl.evidence dt { font-weight: 600; }
dl.evidence dd { margin: 0; overflow-wrap: anywhere; }
.fix-link { font-size: 0.85em; display: inline-block; margin-top: 2px; }
.timeline-wrap { overflow-x: auto; }
svg.timeline { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg .tick { stroke: #ddd; }
svg .tick-label { fill: #555; }
.nowrap { white-space: nowrap; }
svg .row-line { stroke: #eee; }
svg .cert-label { fill: #1a1a1a; }
svg .mark-ok { fill: #1d4ed8; }
svg .mark-soon { fill: #b45309; }
svg .mark-expired { stroke: #8b0000; stroke-width: 3; fill: none; }
svg .cert-note { fill: #444; }
svg .cert-note-soon { fill: #7a4a00; font-weight: 700; }
svg .cert-note-expired { fill: #8b0000; font-weight: 700; }
svg .today { stroke: #111; stroke-width: 2; stroke-dasharray: 4 3; }
svg .today-label { fill: #111; font-weight: 700; }
ul.gaps li, ul.warnings li { margin: 4px 0; }
article.rule { border-top: 1px solid var(--line); padding-top: 4px; }
article.rule:target { background: #fffbdd; }
.filters { background: #f4f6f8; border: 1px solid var(--line); padding: 8px 12px; margin: 16px 0 0; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
.filters label { font-weight: 600; }
.filters input, .filters select { font: inherit; margin-left: 4px; }
th button.sort { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: left; }
footer { color: var(--muted); max-width: 1280px; margin: 32px auto 24px; padding: 0 24px; }
@media print {
  body { font-size: 10.5pt; }
  main, header.page-head, nav.toc { max-width: none; padding: 0; }
  nav.toc, .filters { display: none !important; }
  table.findings thead th, #endpoints-table thead th { position: static; }
  thead { display: table-header-group; }
  tr, .verdict, article.rule, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .table-wrap, .timeline-wrap { overflow: visible; }
  /* The matrix must fit the page width: smaller type, cells and row names may wrap. */
  table.matrix { font-size: 7.5pt; }
  table.matrix th, table.matrix td { padding: 3px 2px; min-width: 0; }
  table.matrix td, table.matrix th[scope="row"] { white-space: normal; }
  table.matrix .cell-sev { display: block; font-size: 0.9em; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
  a.rule-link::after { content: " (see How to fix)"; font-size: 0.85em; }
  a.fix-link { display: none; }
}
`;
