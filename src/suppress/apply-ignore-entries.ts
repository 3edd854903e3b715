import type { Finding, SuppressedFinding } from '../report/finding.js';
import type { IgnoreEntry } from './ignore-entry.js';
import { compilePlacePattern, placeNames } from './place-pattern.js';

/** The entry's last day is included: `expires: 2026-12-31` hides through New Year's Eve, UTC. */
export function hasExpired(entry: IgnoreEntry, now: Date): boolean {
  return entry.expires !== null && now.toISOString().slice(0, 10) > entry.expires;
}

/**
 * Splits findings into those still reported and those an entry hides. An expired entry hides
 * nothing, and says so once, so the team that wrote it sees it has lapsed.
 */
export function applyIgnoreEntries(findings: readonly Finding[], entries: readonly IgnoreEntry[], now: Date): { kept: Finding[]; suppressed: SuppressedFinding[]; warnings: string[] } {
  const live = entries.filter((entry) => !hasExpired(entry, now)).map((entry) => ({ entry, pattern: entry.pattern === null ? null : compilePlacePattern(entry.pattern) }));
  const warnings = entries
    .filter((entry) => hasExpired(entry, now))
    .map((entry) => `${entry.origin}: the entry for ${entry.ruleId}${entry.pattern ? ` ${entry.pattern}` : ''} expired on ${entry.expires}; its findings are reported again (fix them, or renew the entry with a new date and reason)`);
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const match = live.find(({ entry, pattern }) => entry.ruleId === finding.ruleId && (pattern === null || placeNames(finding, entry.baseDir).some((name) => pattern.test(name))));
    if (!match) kept.push(finding);
    else suppressed.push({ ...finding, suppressedBy: { entry: match.entry.origin, reason: match.entry.reason, expires: match.entry.expires } });
  }
  return { kept, suppressed, warnings };
}
