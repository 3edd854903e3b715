import type { ScanReport } from '../report/scan-report.js';
import type { RuleMeta } from '../rules/rule.js';
import { SEVERITIES } from '../severity.js';
import { contentSecurityPolicy } from './html/content-security-policy.js';
import { controlsSection } from './html/controls-section.js';
import { couldNotCheckSection } from './html/could-not-check-section.js';
import { endpointsSection } from './html/endpoints-section.js';
import { html, trusted } from './html/escape.js';
import { expiryTimelineSection } from './html/expiry-timeline.js';
import { firedRules, matrixSection } from './html/finding-matrix.js';
import { findingsSection } from './html/findings-section.js';
import { PAGE_SCRIPT } from './html/page-script.js';
import { PAGE_STYLE } from './html/page-style.js';
import { remediationSection } from './html/remediation-section.js';
import { listPlaces } from './html/report-places.js';
import { uncheckedItems } from './html/unchecked-items.js';
import { verdictSection } from './html/verdict-section.js';

export interface HtmlOptions {
  /** "Today" on the expiry timeline; the report's finishedAt when absent, so one report always renders one page. */
  now?: Date;
}

/**
 * A fleet report a person reads: one self-contained HTML file (inline style and script, a CSP
 * that forbids every request) that works offline and without JavaScript. In order: the verdict
 * (who hands out root, whether anything could not be checked), with --compliance the controls ×
 * machines and endpoints matrix, the machine × rule matrix, every
 * endpoint with who gets in, the certificate expiry timeline, what could not be checked, the
 * findings by machine and endpoint, and how to fix each rule. Everything from the report is
 * escaped (html/escape.ts).
 */
export function renderHtml(saved: ScanReport, metadata: Map<string, RuleMeta>, options: HtmlOptions = {}): string {
  // `report convert` reads reports of every 1.x minor: those before 1.7.0 have no machines, older ones fewer fields.
  const report: ScanReport = { ...saved, machines: saved.machines ?? [], files: saved.files ?? [], warnings: saved.warnings ?? [], errors: saved.errors ?? [], endpoints: saved.endpoints ?? [], suppressed: saved.suppressed ?? [], omitted: saved.omitted ?? { bySeverity: 0, byBaseline: 0 } };
  const now = options.now ?? new Date(report.finishedAt);
  const places = listPlaces(report);
  const unchecked = uncheckedItems(report);
  const rules = firedRules(report.findings);
  const title = `dockprobe report, ${report.finishedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const scope = report.machines.length > 0 ? `${report.machines.length} machine${report.machines.length === 1 ? '' : 's'}, ` : '';

  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PAGE_STYLE, PAGE_SCRIPT)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${trusted(PAGE_STYLE)}</style>
</head>
<body>
<header class="page-head">
<h1>${title}</h1>
<p class="meta">${scope}${report.endpoints.length} endpoint${report.endpoints.length === 1 ? '' : 's'}, ${report.files.length} file${report.files.length === 1 ? '' : 's'} · ${report.tool.name} ${report.tool.version}, report format ${report.schemaVersion} · started ${report.startedAt}, finished ${report.finishedAt}</p>
</header>
<nav class="toc" aria-label="Sections"><ul>
<li><a href="#verdict">Verdict</a></li>${report.compliance ? html`<li><a href="#controls">Controls</a></li>` : ''}<li><a href="#matrix">Machines and rules</a></li><li><a href="#endpoints">Endpoints</a></li><li><a href="#expiry">Certificate expiry</a></li><li><a href="#could-not-check">Could not check</a></li><li><a href="#findings">Findings</a></li><li><a href="#how-to-fix">How to fix</a></li>
</ul></nav>
<main>
${verdictSection(report, places, unchecked)}
${report.compliance ? controlsSection(report.compliance) : ''}
<form class="filters" id="filters" hidden aria-label="Filter findings and endpoints">
<label for="filter-severity">Severity at least<select id="filter-severity"><option value="">any</option>${SEVERITIES.map((severity) => html`<option value="${severity}">${severity}</option>`)}</select></label>
<label for="filter-place">Machine / host<select id="filter-place"><option value="">all</option>${places.map((place) => html`<option value="${place.key}">${place.label}${place.detail ? ` (${place.detail})` : ''}</option>`)}</select></label>
<label for="filter-text">Text<input id="filter-text" type="search" placeholder="rule, path, message"></label>
</form>
${matrixSection(report, places, unchecked)}
${endpointsSection(report, places)}
${expiryTimelineSection(report, places, now)}
${couldNotCheckSection(report, places, unchecked)}
${findingsSection(report, places)}
${remediationSection(rules, metadata)}
</main>
<footer><p>Written by ${report.tool.name} ${report.tool.version}. This page loads nothing from the network; links to references open only when followed.</p></footer>
<script>${trusted(PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
}
