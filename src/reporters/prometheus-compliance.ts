import type { ComplianceReport } from '../compliance/compliance-report.js';
import { CONTROL_STATUSES } from '../compliance/control-status.js';

type Labels = ReadonlyArray<readonly [name: string, value: string]>;
/** How the exposition takes a sample (prometheus-reporter.ts). */
export type Gauge = (name: string, help: string, labels: Labels, value: number) => void;

const CONTROL_STATUS_HELP =
  'A compliance control\'s verdict for the fleet (--compliance): one series per status (FAIL, NOT CHECKED, PASS, NOT APPLICABLE, MANUAL), 1 for the current one and 0 for the others, so an alert on status="FAIL" == 1 keeps one series from run to run.';
const CONTROLS_HELP = 'Compliance controls by their fleet verdict (--compliance), every status written, 0 included.';
const SUBJECT_STATUS_HELP =
  'A compliance control\'s verdict on one machine or endpoint (--compliance with --report all): one series per status, 1 for the current one, 0 for the others.';

/**
 * The compliance report as gauges. A control's verdict is not a number, so each verdict is its
 * own series, 0 or 1, and all five are always written: the series for status="FAIL" exists
 * whether the control fails or not, so `== 1` alerts hold their `for:` and resolve when the
 * value drops to 0 instead of the series vanishing. (A `status` label with the value 1 alone
 * would start a new series on every change, the churn the endpoint series avoid too.)
 *
 * Per machine and endpoint only with --report all: controls × subjects × five statuses grows
 * with the fleet (60 controls on 200 machines is 60,000 series per scrape), which is what a
 * fleet's Prometheus should opt into, not get by default. `--report summary` keeps the fleet
 * verdicts, a fixed few hundred series. A summary read back from JSON has no per-subject
 * verdicts, so it writes none either way.
 */
export function complianceGauges(gauge: Gauge, compliance: ComplianceReport): void {
  const spec = ['spec', compliance.spec.id] as const;
  for (const status of CONTROL_STATUSES) gauge('dockprobe_compliance_controls', CONTROLS_HELP, [spec, ['status', status]], compliance.totals[status] ?? 0);
  for (const control of compliance.controls) {
    const labels: Labels = [spec, ['control', control.id]];
    for (const status of CONTROL_STATUSES) gauge('dockprobe_compliance_control_status', CONTROL_STATUS_HELP, [...labels, ['status', status]], control.status === status ? 1 : 0);
  }
  if (compliance.reportType !== 'all') return;
  const subjects = new Map(compliance.subjects.map((subject) => [subject.id, subject]));
  for (const control of compliance.controls) {
    for (const result of control.results ?? []) {
      const subject = subjects.get(result.subject);
      const labels: Labels = [spec, ['control', control.id], ['subject', subject?.label ?? result.subject], ['kind', subject?.kind ?? 'machine']];
      for (const status of CONTROL_STATUSES) gauge('dockprobe_compliance_subject_control_status', SUBJECT_STATUS_HELP, [...labels, ['status', status]], result.status === status ? 1 : 0);
    }
  }
}
