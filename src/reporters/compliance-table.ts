import type { ComplianceReport } from '../compliance/compliance-report.js';
import { CONTROL_STATUSES } from '../compliance/control-status.js';
import { fittedTable, type Column } from './fitted-table.js';

const SUMMARY_COLUMNS: Column[] = [
  { head: 'ID', ideal: 6, min: 6 },
  { head: 'Control', ideal: 50, min: 24, grow: true },
  { head: 'Level', ideal: 5, min: 5 },
  { head: 'Status', ideal: 14, min: 14 }, // "NOT APPLICABLE"
  { head: 'Fail', ideal: 5, min: 5 },
  { head: 'Not checked', ideal: 11, min: 8 },
  { head: 'Pass', ideal: 5, min: 5 },
];

const ALL_COLUMNS: Column[] = [
  { head: 'ID', ideal: 6, min: 6 },
  { head: 'Machine or endpoint', ideal: 28, min: 16 },
  { head: 'Status', ideal: 14, min: 14 },
  { head: 'Evidence, or why', ideal: 50, min: 24, grow: true },
];

/**
 * The compliance report for people: one row per control with its fleet verdict and how many
 * machines and endpoints fail, could not be checked, or pass (--report summary); with --report
 * all, also one row per control and subject with the findings behind it or the reason.
 */
export function complianceSection(compliance: ComplianceReport, width: number): string[] {
  const out = [`Compliance: ${compliance.spec.title} (${compliance.subjects.length} machine(s) and endpoint(s))`];
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
