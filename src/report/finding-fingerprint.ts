import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import type { Evidence } from '../rules/rule.js';
import { isLoopbackTarget } from '../targets/loopback-target.js';

/**
 * Evidence that describes how things stand today rather than which thing is wrong: the clock
 * and rule parameters (a certificate 30 days from expiry is the same problem tomorrow at 29),
 * the engine version (an open API upgraded from 20.10 to 24.0 is still the same open API), a
 * file's exact mode and owner (a key at 0644 then at 0640 is still a readable key), and the
 * TLS version a session happened to get. Leaving these out keeps an alert's identity stable
 * from run to run (GitHub, `report diff`, --baseline, --state).
 */
const VOLATILE_EVIDENCE = new Set([
  'daysLeft', 'checkedAt', 'thresholdDays', 'limitDays', 'minimumVersion',
  'engineVersion', 'tlsProtocol',
  'mode', 'uid', 'gid', 'dockerGroupGid',
]);

/** The parts of a finding that say which problem it is: rule, place, and what was seen there. */
export interface FingerprintInput {
  ruleId: string;
  target?: string;
  path?: string;
  systemPath?: string;
  machine?: string;
  evidence: Evidence;
}

/**
 * A stable identity for a finding: the same rule, place and evidence give the same value on
 * every run. The place of a local finding includes its machine (1.7.0), so the same file on two
 * machines is two findings and the same machine audited twice is one. The place is the host:port; or the path as the audited system
 * knows it under --root (so `--root /mnt/a` and `--root /mnt/b` agree); or a path below the
 * working folder relative to it (so a baseline made in one CI checkout matches in the next);
 * or else the absolute path. The line is left out on purpose: an edit above a setting moves
 * it without changing the problem.
 */
export function findingFingerprint(finding: FingerprintInput, workingDirectory: string = process.cwd()): string {
  const place = finding.target ?? (finding.systemPath && finding.systemPath !== finding.path ? finding.systemPath : placeOfPath(finding.path ?? '', workingDirectory));
  const evidence = Object.entries(finding.evidence)
    .filter(([key]) => !VOLATILE_EVIDENCE.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const machine = machineOfPlace(finding);
  // Without a machine the canonical form is the one of reports before 1.7.0, so those still match.
  const canonical = JSON.stringify(machine === null ? [finding.ruleId, place, evidence] : [finding.ruleId, machine, place, evidence]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/**
 * The machine, where it is part of the place: a file or config finding is on the machine that
 * was audited; an endpoint is its target wherever it was seen from, except a loopback one
 * (127.0.0.1:2375 as `audit` probes it), which is a different daemon on every machine.
 */
function machineOfPlace(finding: FingerprintInput): string | null {
  if (finding.machine === undefined) return null;
  if (finding.target === undefined) return finding.machine;
  return isLoopbackTarget(finding.target) ? finding.machine : null;
}

/** Relative to the working folder when below it; the root folder makes nothing relative. */
function placeOfPath(path: string, workingDirectory: string): string {
  if (!path || workingDirectory === '/') return path;
  const inside = relative(workingDirectory, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
