import { isLoopbackTarget } from '../targets/loopback-target.js';
import type { Finding } from './finding.js';
import { findingFingerprint } from './finding-fingerprint.js';
import type { ScanReport } from './scan-report.js';

/**
 * A report written before 1.7.0 names no machine, so its local findings were fingerprinted by
 * path alone and would never match the same findings of a newer audit: an upgrade would turn
 * every one into "resolved" plus "new". When the newer report describes exactly one machine, an
 * earlier finding that names none is taken to be on that machine (what --state, --baseline and
 * `report diff` of one host's runs mean) and fingerprinted again with it. With several machines
 * (a merged fleet) it cannot be placed, and keeps its old fingerprint: it is then reported as
 * not checked, never as resolved (unchecked-findings.ts).
 */
export function placeOnNewerMachine<T extends Finding>(earlier: readonly T[], newer: Pick<ScanReport, 'machines'>, earlierReport: Partial<Pick<ScanReport, 'machines'>>): T[] {
  // Only a report that records no machines at all is from before 1.7.0: a 1.7.0 scan's findings
  // name no machine on purpose, and are never placed on one.
  if (earlierReport.machines !== undefined) return [...earlier];
  const only = newer.machines?.length === 1 ? newer.machines[0]! : null;
  if (only === null) return [...earlier];
  return earlier.map((finding) => {
    if (finding.machine !== undefined) return finding;
    if (finding.target !== undefined && !isLoopbackTarget(finding.target)) return finding;
    const placed = { ...finding, machine: only.key };
    return { ...placed, fingerprint: findingFingerprint(placed) };
  });
}
