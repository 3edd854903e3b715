import { createHash } from 'node:crypto';
import type { Evidence } from '../rules/rule.js';

/**
 * Evidence that changes with the clock or with a rule parameter, not with the thing that is
 * wrong: a certificate 30 days from expiry is the same problem tomorrow at 29. Leaving these
 * out keeps an alert's identity stable from run to run (GitHub, `report diff`, --baseline).
 */
const VOLATILE_EVIDENCE = new Set(['daysLeft', 'checkedAt', 'thresholdDays', 'limitDays', 'minimumVersion']);

/** The parts of a finding that say which problem it is: rule, place, and what was seen there. */
export interface FingerprintInput {
  ruleId: string;
  target?: string;
  path?: string;
  systemPath?: string;
  evidence: Evidence;
}

/**
 * A stable identity for a finding: the same rule, place and evidence give the same value on
 * every run and every machine. The place is the host:port, or the path as the audited system
 * knows it (so `--root /mnt/a` and `--root /mnt/b` agree). The line is left out on purpose:
 * an edit above a setting moves it without changing the problem.
 */
export function findingFingerprint(finding: FingerprintInput): string {
  const place = finding.target ?? finding.systemPath ?? finding.path ?? '';
  const evidence = Object.entries(finding.evidence)
    .filter(([key]) => !VOLATILE_EVIDENCE.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([finding.ruleId, place, evidence]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
