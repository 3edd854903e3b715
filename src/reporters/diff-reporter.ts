import type { ReportDiff } from '../report/diff-reports.js';
import type { Finding } from '../report/finding.js';
import { findingsTable } from './table-reporter.js';

/** Which two reports were compared, as the diff output names them. */
export interface DiffSides {
  old: { path: string; finishedAt: string };
  new: { path: string; finishedAt: string; complete: boolean };
}

function findingRows(title: string, findings: Finding[], width: number, last: { head: string; cell: (finding: Finding) => string } = { head: 'Finding', cell: (finding) => finding.message }): string[] {
  if (findings.length === 0) return [`${title}: none`];
  return [`${title} (${findings.length})`, findingsTable(findings, width, last)];
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
    ...notCheckedRows(diff, width),
    '',
    `Unchanged: ${diff.unchanged.length}`,
  ];
  return out.join('\n') + '\n';
}

/** Findings that left only because NEW did not look where they were: listed, never as fixed. */
function notCheckedRows(diff: ReportDiff, width: number): string[] {
  const why = new Map(diff.notChecked.map((entry) => [entry.finding, entry.reason]));
  return findingRows(
    'Not checked this time (not in the new report, which did not look there; not resolved)',
    diff.notChecked.map((entry) => entry.finding),
    width,
    { head: 'Why not checked', cell: (finding) => why.get(finding) ?? '' },
  );
}

export function renderDiffJson(diff: ReportDiff, sides: DiffSides): string {
  const body = {
    old: sides.old,
    new: sides.new,
    counts: { added: diff.added.length, resolved: diff.resolved.length, notChecked: diff.notChecked.length, unchanged: diff.unchanged.length },
    added: diff.added,
    resolved: diff.resolved,
    // Each with the reason the new report did not check its place.
    notChecked: diff.notChecked.map((entry) => ({ ...entry.finding, notCheckedBecause: entry.reason })),
    unchanged: diff.unchanged,
  };
  return JSON.stringify(body, null, 2) + '\n';
}
