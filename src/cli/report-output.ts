import { EXIT, type ScanExitCode } from '../exit-codes.js';
import { complianceOf } from '../compliance/attach-compliance.js';
import { gateFindings } from '../report/gate-findings.js';
import type { ScanReport } from '../report/scan-report.js';
import { REPORT_RENDERERS, type OutputFormat } from '../reporters/index.js';
import type { RuleMeta } from '../rules/rule.js';
import { isAtOrAbove, type FailThreshold } from '../severity.js';
import type { RenderSettings, ReportSettings } from './report-flags.js';

/** What every command hands back to cli.ts: the report, rendered, the exit code it earns, and how to deliver it. */
export interface CommandRun {
  report: ScanReport;
  rendered: string;
  exitCode: ScanExitCode;
  settings: ReportSettings;
}

/** The report in FORMAT, by its renderer in src/reporters/index.ts; tables fit this terminal. */
export function renderReport(report: ScanReport, format: OutputFormat, metadata: Map<string, RuleMeta>, render: RenderSettings = { sarifRoot: process.cwd() }): string {
  return REPORT_RENDERERS[format].render(report, { ...render, metadata, width: process.stdout.columns });
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
  const now = settings.at ?? new Date(report.startedAt);
  const warned = { ...report, warnings: [...settings.warnings, ...report.warnings] };
  const listed = gateFindings(warned, settings.gate, now);
  // Compliance is judged on every finding, with only the ignore file applied (see attach-compliance.ts).
  const gated = settings.compliance === null ? listed : {
    ...listed,
    compliance: complianceOf(gateFindings(warned, { ...settings.gate, severities: null, baseline: null }, now), settings.compliance, metadata, { now, parameters: settings.parameters }),
  };
  return { report: gated, rendered: renderReport(gated, settings.format, metadata, settings.render), exitCode: exitCodeFor(gated, settings.failOn), settings };
}
