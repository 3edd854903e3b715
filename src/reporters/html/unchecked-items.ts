import { checkedOf } from '../../report/endpoint-entry-checked.js';
import type { ScanReport } from '../../report/scan-report.js';
import { placeOfEndpoint, placeOfError } from './report-places.js';

/**
 * One thing the report could not check, from any of the places a report says so: its errors
 * (targets, sweeps, rules, inputs, files, config), its endpoints that were not fully checked,
 * and its files whose unknown role kept rules from running. The verdict counts these, so a
 * report with no findings but something unchecked never reads as clean.
 */
export interface UncheckedItem {
  /** The report-places.ts key it belongs to. */
  place: string;
  /** What was not checked: a target, a path, a rule. */
  subject: string;
  /** Why, in the report's words. */
  reason: string;
  source: 'error' | 'endpoint' | 'file';
}

export function uncheckedItems(report: ScanReport): UncheckedItem[] {
  const items: UncheckedItem[] = [];
  const targetsWithError = new Set(report.errors.map((error) => error.target).filter((target) => target !== undefined));
  for (const error of report.errors) {
    const subject = error.target ?? error.path ?? (error.ruleId ? `rule ${error.ruleId}` : `${error.kind} error`);
    items.push({ place: placeOfError(error, report), subject, reason: error.message, source: 'error' });
  }
  for (const entry of report.endpoints) {
    const checked = checkedOf(entry);
    // A target error already says why; the same endpoint twice would count one gap as two.
    if (checked.complete || targetsWithError.has(entry.target)) continue;
    items.push({ place: placeOfEndpoint(entry), subject: entry.target, reason: checked.reason, source: 'endpoint' });
  }
  for (const file of report.files) {
    const waiting = file.checksWithoutRole ?? [];
    if (waiting.length === 0) continue;
    items.push({
      place: file.machine !== undefined ? `machine:${file.machine}` : 'unplaced',
      subject: file.systemPath,
      reason: `its role (server, client or CA) is unknown, so ${waiting.length} check${waiting.length === 1 ? '' : 's'} did not run: ${waiting.join(', ')}`,
      source: 'file',
    });
  }
  return items;
}

/** Whether the report may be read as having looked at everything it set out to. */
export function everythingChecked(report: ScanReport, items: readonly UncheckedItem[]): boolean {
  return report.complete && items.length === 0;
}
