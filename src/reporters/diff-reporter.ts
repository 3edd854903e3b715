import Table from 'cli-table3';
import type { ReportDiff } from '../report/diff-reports.js';
import type { Finding } from '../report/finding.js';
import { findingLocation } from '../report/scan-report.js';
import { hardWrap } from './hard-wrap.js';

const PLAIN_STYLE = { head: [] as string[], border: [] as string[] };

/** Which two reports were compared, as the diff output names them. */
export interface DiffSides {
  old: { path: string; finishedAt: string };
  new: { path: string; finishedAt: string; complete: boolean };
}

function findingRows(title: string, findings: Finding[], width: number): string[] {
  if (findings.length === 0) return [`${title}: none`];
  const table = new Table({
    head: ['Severity', 'Rule', 'Where', 'Finding'],
    style: PLAIN_STYLE,
    wordWrap: true,
    colWidths: [10, 35, 30, Math.max(20, width - 10 - 35 - 30 - 5)],
  });
  for (const finding of findings) table.push([finding.severity.toUpperCase(), finding.ruleId, hardWrap(findingLocation(finding) || '-', 28), finding.message]);
  return [`${title} (${findings.length})`, table.toString()];
}

export function renderDiffTable(diff: ReportDiff, sides: DiffSides, options: { width?: number } = {}): string {
  const width = Math.max(80, options.width ?? 120);
  const out = [
    `Comparing ${sides.old.path} (${sides.old.finishedAt}) with ${sides.new.path} (${sides.new.finishedAt})`,
    '',
    ...findingRows('New', diff.added, width),
    '',
    ...findingRows('Resolved', diff.resolved, width),
    '',
    `Unchanged: ${diff.unchanged.length}`,
  ];
  // A finding on an endpoint that could not be reached this time is gone from the report, not fixed.
  if (!sides.new.complete && diff.resolved.length > 0) out.push('', 'Note: the new report is incomplete; some "resolved" findings may only have gone unchecked (see its errors).');
  return out.join('\n') + '\n';
}

export function renderDiffJson(diff: ReportDiff, sides: DiffSides): string {
  const body = {
    old: sides.old,
    new: sides.new,
    counts: { added: diff.added.length, resolved: diff.resolved.length, unchanged: diff.unchanged.length },
    added: diff.added,
    resolved: diff.resolved,
    unchanged: diff.unchanged,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
