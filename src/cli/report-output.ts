import { EXIT, type ScanExitCode } from '../exit-codes.js';
import type { ScanReport } from '../report/scan-report.js';
import { renderJson } from '../reporters/json-reporter.js';
import { renderSarif } from '../reporters/sarif-reporter.js';
import { renderTable } from '../reporters/table-reporter.js';
import type { RuleMeta } from '../rules/rule.js';
import { isAtOrAbove, type FailThreshold } from '../severity.js';

export const OUTPUT_FORMATS = ['table', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What every command hands back to cli.ts: the report, rendered, and the exit code it earns. */
export interface CommandRun {
  report: ScanReport;
  rendered: string;
  exitCode: ScanExitCode;
}

export function renderReport(report: ScanReport, format: OutputFormat, metadata: Map<string, RuleMeta>): string {
  if (format === 'json') return renderJson(report);
  if (format === 'sarif') return renderSarif(report, metadata);
  return renderTable(report, metadata, { width: process.stdout.columns });
}

/** Findings at or above the threshold win; then an incomplete run is not a pass (see exit-codes.ts). */
export function exitCodeFor(report: ScanReport, failOn: FailThreshold): ScanExitCode {
  if (report.findings.some((finding) => isAtOrAbove(finding.severity, failOn))) return EXIT.findings;
  return report.complete ? EXIT.ok : EXIT.incomplete;
}

export function finishRun(report: ScanReport, format: OutputFormat, failOn: FailThreshold, metadata: Map<string, RuleMeta>): CommandRun {
  return { report, rendered: renderReport(report, format, metadata), exitCode: exitCodeFor(report, failOn) };
}
