import type { ScanReport } from '../../report/scan-report.js';
import { html, type SafeHtml } from './escape.js';
import type { Place } from './report-places.js';
import type { UncheckedItem } from './unchecked-items.js';

/** Everything the report could not check, then its warnings: said in full, never left for the reader to infer from silence. */
export function couldNotCheckSection(report: ScanReport, places: readonly Place[], unchecked: readonly UncheckedItem[]): SafeHtml {
  const labelOf = (key: string): string => places.find((place) => place.key === key)?.label ?? key;
  const intro = !report.complete
    ? html`<p class="gap-text"><strong>The report itself says it is incomplete</strong>: some probe was not observed or some rule did not run.</p>`
    : unchecked.length > 0
      ? html`<p class="gap-text"><strong>Some checks could not be made.</strong></p>`
      : html`<p>Everything this report set out to check was checked.</p>`;
  const list =
    unchecked.length === 0
      ? ''
      : html`<ul class="gaps">${unchecked.map((item) => html`<li data-place="${item.place}"><strong>${item.subject}</strong> <span class="muted">(${labelOf(item.place)}; ${item.source === 'error' ? 'error' : item.source === 'endpoint' ? 'endpoint not fully checked' : 'file checks not run'})</span>: ${item.reason}</li>`)}</ul>`;
  const warnings =
    report.warnings.length === 0
      ? ''
      : html`<h3 id="warnings">Warnings</h3><ul class="warnings">${report.warnings.map((warning) => html`<li>${warning}</li>`)}</ul>`;
  return html`<section id="could-not-check" aria-labelledby="could-not-check-heading">
<h2 id="could-not-check-heading">Could not check</h2>
${intro}
${list}
${warnings}
</section>`;
}
