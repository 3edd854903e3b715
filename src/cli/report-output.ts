import { EXIT, type ScanExitCode } from '../exit-codes.js';
import { gateFindings } from '../report/gate-findings.js';
import type { ScanReport } from '../report/scan-report.js';
import { renderHtml } from '../reporters/html-reporter.js';
import { renderJson } from '../reporters/json-reporter.js';
import { renderPrometheus } from '../reporters/prometheus-reporter.js';
import { renderSarif } from '../reporters/sarif-reporter.js';
import { renderTable } from '../reporters/table-reporter.js';
import type { RuleMeta } from '../rules/rule.js';
import { isAtOrAbove, type FailThreshold } from '../severity.js';
import type { RenderSettings, ReportSettings } from './report-flags.js';

export const OUTPUT_FORMATS = ['table', 'json', 'sarif', 'prometheus', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What every command hands back to cli.ts: the report, rendered, the exit code it earns, and how to deliver it. */
export interface CommandRun {
  report: ScanReport;
  rendered: string;
  exitCode: ScanExitCode;
  settings: ReportSettings;
}

export function renderReport(report: ScanReport, format: OutputFormat, metadata: Map<string, RuleMeta>, render: RenderSettings = { sarifRoot: process.cwd() }): string {
  if (format === 'json') return renderJson(report);
  if (format === 'sarif') return renderSarif(report, metadata, { sarifRoot: render.sarifRoot, ...(render.sarifCategory ? { category: render.sarifCategory } : {}) });
  if (format === 'prometheus') return renderPrometheus(report);
  if (format === 'html') return renderHtml(report, metadata);
  return renderTable(report, metadata, { width: process.stdout.columns });
}

/** Findings at or above the threshold win; then an incomplete run is not a pass (see exit-codes.ts). */
export function exitCodeFor(report: ScanReport, failOn: FailThreshold): ScanExitCode {
  if (report.findings.some((finding) => isAtOrAbove(finding.severity, failOn))) return EXIT.findings;
  return report.complete ? EXIT.ok : EXIT.incomplete;
}

/**
 * Every command ends here: --severity, the ignore file and --baseline decide what is listed
 * (gate-findings.ts), the primary format is rendered, and the exit code is judged on what
 * is listed. The ignore file's expiry dates are read with the run's clock (--at, else now).
 */
export function finishRun(report: ScanReport, settings: ReportSettings, metadata: Map<string, RuleMeta>): CommandRun {
  const gated = gateFindings({ ...report, warnings: [...settings.warnings, ...report.warnings] }, settings.gate, settings.at ?? new Date(report.startedAt));
  return { report: gated, rendered: renderReport(gated, settings.format, metadata, settings.render), exitCode: exitCodeFor(gated, settings.failOn), settings };
}
