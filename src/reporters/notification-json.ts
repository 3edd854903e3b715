/**
 * The JSON body dockprobe POSTs to `--notify` (--notify-format json): what is new and what
 * went away since the previous report, for machines.
 */
import { sortFindings } from '../report/scan-report.js';
import type { Severity } from '../severity.js';
import { TOOL_NAME } from '../version.js';
import { cut, itemLimit, MAX_MESSAGE, toItem, type NotificationInput, type NotificationItem } from './notification-items.js';

/** The JSON notification's own shape; bumped by semver like the report's. */
export const NOTIFICATION_SCHEMA_VERSION = '1.1.0';

export interface JsonNotification {
  tool: string;
  version: string;
  schemaVersion: string;
  reportSchemaVersion: string;
  hostname: string | null;
  reportStartedAt: string;
  reportFinishedAt: string;
  previousAt: string | null;
  complete: boolean;
  summary: {
    findings: number;
    findingsBySeverity: Record<Severity, number>;
    /** Entries under "Could not check": a finding may look resolved because it could not be checked. */
    errors: number;
    probes: number;
    dockerApis: number;
  };
  counts: { added: number; resolved: number; notChecked: number; unchanged: number };
  added: NotificationItem[];
  /** Gone from a place this run looked at again: fixed. */
  resolved: NotificationItem[];
  /** 1.1.0: gone only because this run did not look there (outside its scope, or not fully checked); not fixed. */
  notChecked: (NotificationItem & { reason: string })[];
  /** Findings left out of `added` / `resolved` / `notChecked` to keep the POST small. */
  truncated: { added: number; resolved: number; notChecked: number };
}

export function buildJsonNotification(input: NotificationInput): JsonNotification {
  const { report, diff } = input;
  const maxItems = itemLimit(input.maxItems);
  const added = sortFindings(diff.added);
  const resolved = sortFindings(diff.resolved);
  const notChecked = diff.notChecked;
  return {
    tool: TOOL_NAME,
    version: report.tool.version,
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    reportSchemaVersion: report.schemaVersion,
    hostname: input.hostname ?? null,
    reportStartedAt: report.startedAt,
    reportFinishedAt: report.finishedAt,
    previousAt: input.previousAt ?? null,
    complete: report.complete,
    summary: {
      findings: report.findings.length,
      findingsBySeverity: { ...report.summary.findingsBySeverity },
      errors: report.errors.length,
      probes: report.summary.probes,
      dockerApis: report.summary.dockerApis,
    },
    counts: { added: diff.added.length, resolved: diff.resolved.length, notChecked: notChecked.length, unchanged: diff.unchanged.length },
    added: added.slice(0, maxItems).map(toItem),
    resolved: resolved.slice(0, maxItems).map(toItem),
    notChecked: notChecked.slice(0, maxItems).map((entry) => ({ ...toItem(entry.finding), reason: cut(entry.reason, MAX_MESSAGE) })),
    truncated: {
      added: Math.max(0, added.length - maxItems),
      resolved: Math.max(0, resolved.length - maxItems),
      notChecked: Math.max(0, notChecked.length - maxItems),
    },
  };
}
