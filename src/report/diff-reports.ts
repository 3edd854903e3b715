import type { Finding } from './finding.js';
import { findingFingerprint } from './finding-fingerprint.js';
import { sortFindings } from './scan-report.js';

/** What changed between two runs, finding by finding. */
export interface ReportDiff {
  /** In the new report only. */
  added: Finding[];
  /** In the old report only: fixed, or no longer reachable to check (see the new report's errors). */
  resolved: Finding[];
  /** In both; taken from the new report, so messages are current. */
  unchanged: Finding[];
}

/** Reports written before 1.3.0 carry no fingerprint; it is computed the same way here. */
export function fingerprintOf(finding: Finding): string {
  return finding.fingerprint ?? findingFingerprint(finding);
}

/** Matches findings by fingerprint: same rule, place and evidence (see finding-fingerprint.ts). */
export function diffFindings(previous: readonly Finding[], current: readonly Finding[]): ReportDiff {
  const before = new Set(previous.map(fingerprintOf));
  const after = new Set(current.map(fingerprintOf));
  return {
    added: sortFindings(current.filter((finding) => !before.has(fingerprintOf(finding)))),
    resolved: sortFindings(previous.filter((finding) => !after.has(fingerprintOf(finding)))),
    unchanged: sortFindings(current.filter((finding) => before.has(fingerprintOf(finding)))),
  };
}
