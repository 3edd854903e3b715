import type { Finding } from './finding.js';
import { findingFingerprint } from './finding-fingerprint.js';
import { sortFindings, type ScanReport } from './scan-report.js';
import { placeOnNewerMachine } from './legacy-machine.js';
import { splitGone, type UncheckedFinding } from './unchecked-findings.js';

/** What changed between two runs, finding by finding. */
export interface ReportDiff {
  /** In the new report only. */
  added: Finding[];
  /** In the old report only, and the new report looked at that place again: fixed. */
  resolved: Finding[];
  /**
   * In the old report only, but the new report did not look there (outside its scope, or not
   * fully checked): not checked this time, never announced as fixed (unchecked-findings.ts).
   */
  notChecked: UncheckedFinding[];
  /** In both; taken from the new report, so messages are current. */
  unchanged: Finding[];
}

/** Reports written before 1.3.0 carry no fingerprint; it is computed the same way here. */
export function fingerprintOf(finding: Finding): string {
  return finding.fingerprint ?? findingFingerprint(finding);
}

/**
 * Matches findings by fingerprint (same rule, place and evidence: see finding-fingerprint.ts);
 * a finding that left is resolved only where the newer report checked its place.
 */
export function diffReports(earlier: readonly Finding[], newer: ScanReport, earlierReport: Partial<Pick<ScanReport, 'machines'>> = { machines: [] }): ReportDiff {
  const previous = placeOnNewerMachine(earlier, newer, earlierReport);
  const current = newer.findings;
  const before = new Set(previous.map(fingerprintOf));
  const after = new Set(current.map(fingerprintOf));
  const gone = previous.filter((finding) => !after.has(fingerprintOf(finding)));
  const { resolved, unchecked } = splitGone(gone, newer);
  const unsorted = new Map(unchecked.map((entry) => [entry.finding, entry]));
  return {
    added: sortFindings(current.filter((finding) => !before.has(fingerprintOf(finding)))),
    resolved: sortFindings(resolved),
    notChecked: sortFindings(unchecked.map((entry) => entry.finding)).map((finding) => unsorted.get(finding)!),
    unchanged: sortFindings(current.filter((finding) => before.has(fingerprintOf(finding)))),
  };
}
