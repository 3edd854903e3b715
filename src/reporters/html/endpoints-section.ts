import { checkedOf } from '../../report/endpoint-entry-checked.js';
import type { ScanReport } from '../../report/scan-report.js';
import { html, type SafeHtml } from './escape.js';
import { placeOfEndpoint, type Place } from './report-places.js';
import { describeWayIn, handsOutRoot } from './root-endpoints.js';

/** Every endpoint with who gets in: the exposure sentence, the ways in that worked, and whether it was fully checked. */
export function endpointsSection(report: ScanReport, places: readonly Place[]): SafeHtml {
  const labelOf = (key: string): string => places.find((place) => place.key === key)?.label ?? key;
  const rows = report.endpoints.map((entry) => {
    const checked = checkedOf(entry);
    const root = handsOutRoot(entry);
    const place = placeOfEndpoint(entry);
    const ways = entry.accessGrantedBy.length ? entry.accessGrantedBy.map(describeWayIn).join('; ') : 'none';
    return html`<tr data-place="${place}" class="${root ? 'row-root' : ''}">
<th scope="row"><code>${entry.target}</code>${entry.machine !== undefined ? html`<br><span class="muted">from ${labelOf(place)}</span>` : ''}</th>
<td class="nowrap">${entry.state}${entry.transport ? ` / ${entry.transport === 'tls' ? 'TLS' : 'plain'}` : ''}${entry.docker ? html`<br><span class="muted">Docker ${entry.docker.version}</span>` : ''}</td>
<td>${root ? html`<strong class="root-text">${entry.exposure}</strong>` : entry.exposure}</td>
<td>${ways}</td>
<td>${checked.complete ? 'yes' : html`<strong class="gap-text">NO</strong>: ${checked.reason}`}</td>
</tr>`;
  });
  const body =
    report.endpoints.length === 0
      ? html`<p>No endpoint is listed in this report${report.summary.unlisted > 0 ? ` (${report.summary.unlisted} swept addresses answered nothing and are only counted)` : ''}.</p>`
      : html`<div class="table-wrap"><table class="sortable filterable" id="endpoints-table">
<caption>${report.endpoints.length} endpoint${report.endpoints.length === 1 ? '' : 's'}${report.summary.unlisted > 0 ? `; ${report.summary.unlisted} more swept addresses answered nothing and are only counted` : ''}</caption>
<thead><tr><th scope="col">Endpoint</th><th scope="col">State</th><th scope="col">Who gets in</th><th scope="col">Ways in that reached the API</th><th scope="col">Fully checked</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
  return html`<section id="endpoints" aria-labelledby="endpoints-heading">
<h2 id="endpoints-heading">Endpoints: who gets in</h2>
${body}
</section>`;
}
