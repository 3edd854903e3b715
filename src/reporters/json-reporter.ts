import type { ScanReport } from '../report/scan-report.js';

/** The report as JSON (schema/report.schema.json); a compliance summary leaves out each subject's verdicts. */
export function renderJson(report: ScanReport): string {
  const compliance = report.compliance;
  const written = compliance?.reportType === 'summary'
    ? { ...report, compliance: { ...compliance, controls: compliance.controls.map(({ results: _results, ...control }) => control) } }
    : report;
  return JSON.stringify(written, null, 2) + '\n';
}
