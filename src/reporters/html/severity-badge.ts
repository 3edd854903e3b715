import { isSeverity, SEVERITIES, type Severity } from '../../severity.js';
import { html, type SafeHtml } from './escape.js';

/**
 * A severity as a reader sees it: the word in capitals on a coloured ground, so it survives
 * black-and-white print and colour blindness; the colour only helps the eye find it.
 */
export function severityBadge(severity: string, text: string = severity.toUpperCase()): SafeHtml {
  const known = isSeverity(severity) ? severity : 'unknown';
  return html`<span class="sev sev-${known}">${text}</span>`;
}

/** "2 critical, 1 high": the non-zero counts, worst first; "none" when all are zero. */
export function severityCounts(counts: Partial<Record<Severity, number>>): string {
  const parts = SEVERITIES.filter((severity) => (counts[severity] ?? 0) > 0).map((severity) => `${counts[severity]} ${severity}`);
  return parts.length ? parts.join(', ') : 'none';
}
