import type { ComplianceReport } from '../compliance/compliance-report.js';
import { CONTROL_STATUSES } from '../compliance/control-status.js';
import { fittedTable, type Column } from './fitted-table.js';

const SUMMARY_COLUMNS: Column[] = [
  { head: 'ID', ideal: 6, min: 6 },
  { head: 'Control', ideal: 50, min: 24, grow: true },
  // Cells are padded by one space each side: a column of N characters needs N + 2.
  { head: 'Level', ideal: 7, min: 7 },
  { head: 'Status', ideal: 16, min: 16 }, // "NOT APPLICABLE"
  { head: 'Fail', ideal: 6, min: 6 },
  { head: 'Not checked', ideal: 13, min: 9 },
  { head: 'Pass', ideal: 6, min: 6 },
];

const ALL_COLUMNS: Column[] = [
  { head: 'ID', ideal: 6, min: 6 },
  { head: 'Machine or endpoint', ideal: 28, min: 16 },
  { head: 'Status', ideal: 16, min: 16 }, // "NOT APPLICABLE"
  { head: 'Evidence, or why', ideal: 50, min: 24, grow: true },
];

/**
 * The compliance report for people: one row per control with its fleet verdict and how many
 * machines and endpoints fail, could not be checked, or pass (--report summary); with --report
 * all, also one row per control and subject with the findings behind it or the reason.
 */
export function complianceSection(compliance: ComplianceReport, width: number): string[] {
  const machines = compliance.subjects.filter((subject) => subject.kind === 'machine').length;
  const endpoints = compliance.subjects.length - machines;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const out = [`Compliance: ${compliance.spec.title}, judged on ${plural(machines, 'machine')} and ${plural(endpoints, 'Docker endpoint')}`];
  const rows = compliance.controls.map((control) => [
    control.id,
    control.title,
    `L${control.level}`,
    control.status,
    String(control.counts.FAIL),
    String(control.counts['NOT CHECKED']),
    String(control.counts.PASS),
  ]);
  out.push(fittedTable(width, SUMMARY_COLUMNS, rows));
  out.push(`Controls: ${CONTROL_STATUSES.map((status) => `${compliance.totals[status]} ${status}`).join(', ')}.`);
  if (compliance.reportType === 'all') {
    const labels = new Map(compliance.subjects.map((subject) => [subject.id, subject.label]));
    const detail = compliance.controls.flatMap((control) => control.results.map((result) => [
      control.id,
      labels.get(result.subject) ?? result.subject,
      result.status,
      result.evidence.length > 0
        ? result.evidence.map((item) => `${item.ruleId} at ${item.place}${item.suppressedBy ? ` (suppressed: ${item.suppressedBy.reason})` : ''}`).join('\n')
        : result.reasons.join('\n') || '-',
    ]));
    if (detail.length > 0) out.push('', 'Per machine and endpoint', fittedTable(width, ALL_COLUMNS, detail));
  }
  return out;
}
