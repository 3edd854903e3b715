import type { EndpointChecked } from '../network/endpoint-observation.js';
import type { EndpointReportEntry } from './scan-report.js';

/**
 * `checked` of an endpoint from a saved report. Reports since 1.6.0 carry the collector's own
 * decision; for older ones it is rebuilt from what they did record (state, error, unfinished,
 * and attempts that all failed), never taken as "checked" where they show otherwise.
 */
export function checkedOf(entry: Omit<EndpointReportEntry, 'checked'> & { checked?: EndpointChecked }): EndpointChecked {
  if (entry.checked) return entry.checked;
  if (entry.state === 'closed' || entry.state === 'filtered') return { complete: true };
  if (entry.state === 'error') return { complete: false, reason: entry.error ?? 'unknown error' };
  if (entry.unfinished) return { complete: false, reason: entry.unfinished };
  if (entry.error) return { complete: false, reason: entry.error };
  const tried = entry.attempts.filter((attempt) => attempt.outcome !== 'skipped');
  if (tried.length === 0 || tried.every((attempt) => attempt.outcome === 'error')) {
    return { complete: false, reason: 'no attempt got an answer (report written before 1.6.0)' };
  }
  return { complete: true };
}
