import type { Finding } from '../../report/finding.js';
import type { ScanReport } from '../../report/scan-report.js';
import { severityRank, isSeverity, type Severity } from '../../severity.js';
import { html, type SafeHtml } from './escape.js';
import { placeOfFinding, type Place } from './report-places.js';
import { ruleAnchor } from './rule-anchor.js';
import type { UncheckedItem } from './unchecked-items.js';

const rankOf = (severity: string): number => (isSeverity(severity) ? severityRank(severity) : -1);

/** The rules that fired, worst first, then by id: the matrix's columns and the order of "How to fix". */
export function firedRules(findings: readonly Finding[]): { ruleId: string; severity: Severity }[] {
  const worst = new Map<string, Severity>();
  for (const finding of findings) {
    const known = worst.get(finding.ruleId);
    if (known === undefined || rankOf(finding.severity) > rankOf(known)) worst.set(finding.ruleId, finding.severity);
  }
  return [...worst.entries()]
    .map(([ruleId, severity]) => ({ ruleId, severity }))
    .sort((a, b) => rankOf(b.severity) - rankOf(a.severity) || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The fleet at a glance: one row per machine or host, one column per rule that fired, each cell
 * the number of findings and their severity in words (colour only repeats it). The last columns
 * count all findings and what could not be checked there, so an empty row that was not checked
 * does not pass for a clean one.
 */
export function matrixSection(report: ScanReport, places: readonly Place[], unchecked: readonly UncheckedItem[]): SafeHtml {
  const rules = firedRules(report.findings);
  const cells = new Map<string, { count: number; severity: Severity }>();
  for (const finding of report.findings) {
    const key = `${placeOfFinding(finding)}\u0000${finding.ruleId}`;
    const cell = cells.get(key);
    if (!cell) cells.set(key, { count: 1, severity: finding.severity });
    else {
      cell.count++;
      if (rankOf(finding.severity) > rankOf(cell.severity)) cell.severity = finding.severity;
    }
  }
  const rows = places.map((place) => {
    const total = report.findings.filter((finding) => placeOfFinding(finding) === place.key).length;
    const gaps = unchecked.filter((item) => item.place === place.key).length;
    const ruleCells = rules.map(({ ruleId }) => {
      const cell = cells.get(`${place.key}\u0000${ruleId}`);
      if (!cell) return html`<td class="cell-empty"><span aria-hidden="true">·</span><span class="visually-hidden">none</span></td>`;
      return html`<td class="cell sev-${isSeverity(cell.severity) ? cell.severity : 'unknown'}">${cell.count} <span class="cell-sev">${cell.severity.toUpperCase()}</span></td>`;
    });
    const gapCell = gaps > 0 ? html`<td class="cell gap"><a href="#could-not-check">${gaps} not checked</a></td>` : html`<td class="cell-empty">0</td>`;
    return html`<tr data-place="${place.key}"><th scope="row">${total > 0 ? html`<a href="#${place.anchor}">${place.label}</a>` : html`<span class="place-name">${place.label}</span>`}${place.detail ? html` <span class="muted">${place.detail}</span>` : ''} <span class="muted place-kind">${place.kind === 'machine' ? 'machine' : place.kind === 'host' ? 'endpoint host' : ''}</span></th>${ruleCells}<td class="total">${total}</td>${gapCell}</tr>`;
  });
  const body =
    places.length === 0
      ? html`<p>This report names no machine and no endpoint.</p>`
      : html`<div class="table-wrap"><table class="matrix">
<caption>Findings per machine or endpoint host (rows) and rule (columns): count and severity. A dot is no finding.</caption>
<thead><tr><th scope="col" class="corner">Machine / host</th>${rules.map(({ ruleId }) => html`<th scope="col" class="rule-col"><a href="#${ruleAnchor(ruleId)}">${ruleId}</a></th>`)}<th scope="col" class="rule-col">All findings</th><th scope="col" class="rule-col">Could not check</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  return html`<section id="matrix" aria-labelledby="matrix-heading">
<h2 id="matrix-heading">Machines and rules</h2>
${body}
</section>`;
}
