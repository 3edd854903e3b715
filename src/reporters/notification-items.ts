/**
 * What a notification is built from, and the pieces of a finding that may leave in one. Built
 * from ruleId, severity, title, message and location only, never from evidence (evidence can
 * hold what a rule saw, and a webhook is a chat channel or a third-party service, not the
 * report file the user chose to keep).
 */
import { fingerprintOf, type ReportDiff } from '../report/diff-reports.js';
import type { Finding } from '../report/finding.js';
import { findingLocation, type ScanReport } from '../report/scan-report.js';
import type { Severity } from '../severity.js';

/** Findings listed per list (added, resolved); the rest are counted in `truncated`. */
export const DEFAULT_MAX_ITEMS = 50;

export interface NotificationInput {
  report: ScanReport;
  diff: ReportDiff;
  /** finishedAt of the report compared against; null on a first run (no previous report). */
  previousAt?: string | null;
  /** The machine the run happened on, for people reading a channel fed by many hosts. */
  hostname?: string;
  /** At most this many findings per list (default 50). */
  maxItems?: number;
}

export interface NotificationItem {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  /** "host:port", or "path:line" (the path as the audited system knows it under --root). */
  location: string;
  fingerprint: string;
}

const MAX_TITLE = 200;
export const MAX_MESSAGE = 1000;
const MAX_LOCATION = 300;

/** The allow-list: evidence, source lines and paths other than the location never leave. */
export function toItem(finding: Finding): NotificationItem {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: cut(finding.title, MAX_TITLE),
    message: cut(finding.message, MAX_MESSAGE),
    location: cutStart(findingLocation(finding), MAX_LOCATION),
    fingerprint: fingerprintOf(finding),
  };
}

export function itemLimit(maxItems: number | undefined): number {
  return maxItems !== undefined && Number.isInteger(maxItems) && maxItems >= 0 ? maxItems : DEFAULT_MAX_ITEMS;
}

/** Keeps the start: titles and messages say the most first. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Keeps the end: for a path, the file name and line matter most. */
export function cutStart(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
