import type { ScanReport } from '../../report/scan-report.js';
import { countBySeverity } from '../../report/scan-report.js';
import { html, type SafeHtml } from './escape.js';
import type { Place } from './report-places.js';
import { placeOfEndpoint } from './report-places.js';
import { describeWayIn, handsOutRoot } from './root-endpoints.js';
import { severityCounts } from './severity-badge.js';
import { everythingChecked, type UncheckedItem } from './unchecked-items.js';

/**
 * What a fleet owner reads first: which endpoints hand out root, whether anything could not be
 * checked, and how many findings there are. Green only when nothing was found, nothing was
 * hidden and everything was checked: zero findings from an incomplete run is "unknown", never
 * "clean".
 */
export function verdictSection(report: ScanReport, places: readonly Place[], unchecked: readonly UncheckedItem[]): SafeHtml {
  const rooted = report.endpoints.filter(handsOutRoot);
  const complete = everythingChecked(report, unchecked);
  const hidden = report.suppressed.length + report.omitted.bySeverity + report.omitted.byBaseline;
  const findings = report.findings.length;
  const tone = rooted.length > 0 ? 'root' : !complete ? 'incomplete' : findings > 0 ? 'findings' : hidden > 0 || report.warnings.length > 0 ? 'quiet' : 'clear';
  const labelOf = (key: string): string => places.find((place) => place.key === key)?.label ?? key;

  const rootBlock =
    rooted.length > 0
      ? html`<p class="verdict-line line-root"><strong>${rooted.length} endpoint${rooted.length === 1 ? ' hands' : 's hand'} out root on ${rooted.length === 1 ? 'its host' : 'their hosts'}:</strong></p>
<ul class="root-list">${rooted.map((entry) => {
          const place = placeOfEndpoint(entry);
          const seenFrom = entry.machine !== undefined ? html` <span class="muted">(seen from ${labelOf(place)})</span>` : '';
          const ways = entry.accessGrantedBy.map(describeWayIn).join('; ');
          return html`<li><code>${entry.target}</code>${seenFrom}: ${entry.exposure}${ways ? html` <span class="muted">(got in by: ${ways})</span>` : ''}</li>`;
        })}</ul>`
      : html`<p class="verdict-line">${report.endpoints.length === 0 ? 'No endpoint was scanned, so none was seen handing out root.' : complete ? `No endpoint of the ${report.endpoints.length} listed was seen handing out root.` : `No endpoint of the ${report.endpoints.length} listed was seen handing out root, but not everything could be checked (below).`}</p>`;

  const incompleteBlock = complete
    ? ''
    : html`<p class="verdict-line line-incomplete"><strong>INCOMPLETE: this report could not check everything</strong> (${unchecked.length} item${unchecked.length === 1 ? '' : 's'}${report.complete ? '' : '; the report itself says it is incomplete'}). What is not listed here is not known to be safe. <a href="#could-not-check">See what could not be checked</a>.</p>`;

  const counts = countBySeverity(report.findings);
  const findingsLine = html`<p class="verdict-line">${findings === 0 ? (complete ? 'No findings.' : 'No findings in what could be checked.') : `${findings} finding${findings === 1 ? '' : 's'}: ${severityCounts(counts)}.`} <a href="#findings">Findings by machine and endpoint</a>.</p>`;
  const hiddenLine =
    hidden > 0
      ? html`<p class="verdict-line">Not listed: ${report.suppressed.length} suppressed by the ignore file, ${report.omitted.bySeverity} left out by --severity, ${report.omitted.byBaseline} by --baseline.</p>`
      : '';
  const warningsLine = report.warnings.length > 0 ? html`<p class="verdict-line">${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} to read (<a href="#could-not-check">below</a>).</p>` : '';
  const heading = { root: 'Root is handed out', incomplete: 'Incomplete: not everything could be checked', findings: 'Findings to fix', quiet: 'No findings listed; read the notes', clear: 'All checked, nothing found' }[tone];

  return html`<section id="verdict" class="verdict verdict-${tone}" aria-labelledby="verdict-heading">
<h2 id="verdict-heading">Verdict: ${heading}</h2>
${rootBlock}
${incompleteBlock}
${findingsLine}
${hiddenLine}
${warningsLine}
</section>`;
}
