import { checkedOf } from './endpoint-entry-checked.js';
import type { Finding } from './finding.js';
import type { ScanReport } from './scan-report.js';

/**
 * Whether this run could look at the place of an earlier finding. A finding missing from a
 * run that could not look (an endpoint that timed out or errored, a file it could not read)
 * is not fixed, only unseen: calling it "resolved" would page someone with good news now and
 * the same bad news again on the next run.
 */
export function couldNotCheck(finding: Finding, report: ScanReport): boolean {
  if (finding.target) {
    const endpoint = report.endpoints.find((entry) => entry.target === finding.target);
    if (!endpoint) return false; // not scanned any more, or a swept address that stopped answering: gone
    // Filtered: nothing answered, so nothing was looked at. Otherwise the collector's own decision.
    return endpoint.state === 'filtered' || !checkedOf(endpoint).complete;
  }
  const path = finding.path;
  if (!path) return false;
  if (report.files.some((file) => file.path === path && file.readError !== null)) return true;
  return report.errors.some((error) => error.path === path);
}

/** Splits the findings that left the report into the fixed and the unseen. */
export function splitGone(gone: readonly Finding[], report: ScanReport): { resolved: Finding[]; unchecked: Finding[] } {
  const resolved: Finding[] = [];
  const unchecked: Finding[] = [];
  for (const finding of gone) (couldNotCheck(finding, report) ? unchecked : resolved).push(finding);
  return { resolved, unchecked };
}
