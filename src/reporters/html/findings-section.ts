import type { Finding } from '../../report/finding.js';
import { findingLocation, type ScanReport } from '../../report/scan-report.js';
import type { Evidence } from '../../rules/rule.js';
import { isSeverity, severityRank } from '../../severity.js';
import { html, type SafeHtml } from './escape.js';
import { placeOfFinding, type Place } from './report-places.js';
import { ruleAnchor } from './rule-anchor.js';
import { severityBadge } from './severity-badge.js';

function evidenceList(evidence: Evidence): SafeHtml | '' {
  const entries = Object.entries(evidence ?? {});
  if (entries.length === 0) return '';
  const value = (item: Evidence[string]): string => (item === null ? 'none' : Array.isArray(item) ? item.join(', ') : String(item));
  return html`<dl class="evidence">${entries.map(([key, item]) => html`<div><dt>${key}</dt><dd>${value(item)}</dd></div>`)}</dl>`;
}

function findingRow(finding: Finding, place: Place): SafeHtml {
  const rank = isSeverity(finding.severity) ? severityRank(finding.severity) : -1;
  return html`<tr data-place="${place.key}" data-severity="${finding.severity}">
<td data-sort="${rank}">${severityBadge(finding.severity)}</td>
<td><a href="#${ruleAnchor(finding.ruleId)}" class="rule-link">${finding.ruleId}</a><br><span class="muted">${finding.title}</span></td>
<td><code>${findingLocation(finding) || '-'}</code></td>
<td>${finding.message}${evidenceList(finding.evidence)}<a href="#${ruleAnchor(finding.ruleId)}" class="fix-link">How to fix</a></td>
</tr>`;
}

/** The findings, one table per machine or endpoint host, each linking to its rule's fix. */
export function findingsSection(report: ScanReport, places: readonly Place[]): SafeHtml {
  const groups = places
    .map((place) => ({ place, findings: report.findings.filter((finding) => placeOfFinding(finding) === place.key) }))
    .filter((group) => group.findings.length > 0);
  const body =
    groups.length === 0
      ? html`<p>No findings are listed in this report.</p>`
      : groups.map(
          ({ place, findings }) => html`<section class="finding-group" id="${place.anchor}" data-place="${place.key}" aria-labelledby="${place.anchor}-heading">
<h3 id="${place.anchor}-heading">${place.label}${place.detail ? html` <span class="muted">${place.detail}</span>` : ''} <span class="muted">(${place.kind === 'machine' ? 'machine' : place.kind === 'host' ? 'endpoint host' : 'not placed'}; ${findings.length} finding${findings.length === 1 ? '' : 's'})</span></h3>
<div class="table-wrap"><table class="sortable filterable findings">
<thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Where</th><th scope="col">Finding</th></tr></thead>
<tbody>${findings.map((finding) => findingRow(finding, place))}</tbody>
</table></div>
</section>`,
        );
  return html`<section id="findings" aria-labelledby="findings-heading">
<h2 id="findings-heading">Findings by machine and endpoint</h2>
<p class="filter-status" id="filter-status" aria-live="polite"></p>
${body}
</section>`;
}
