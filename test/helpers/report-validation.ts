/**
 * Checks a JSON report the way a script that reads it would, against the published
 * schema/report.schema.json (docs/report-format.md):
 *
 * 1. validateReport: the schema accepts it (types, enums, required fields, since-version rules);
 * 2. undescribedFields: every field in it is described by the schema. The schema itself lets
 *    unknown fields through (a 1.x consumer must ignore fields a newer 1.x adds), so this is the
 *    check that catches a field added to the code and not to the schema.
 *
 * Give it the rendered `-f json` text where you have it: that is what scripts see (undefined
 * dropped, Dates as strings). A report object is put through JSON first for the same reason.
 */
import type { Test } from 'tap';
import { undescribedFields, validateReport } from '../../src/report/report-schema.js';
import type { ScanReport } from '../../src/report/scan-report.js';

export const SCHEMA_HINT = 'update schema/report.schema.json and docs/report-format.md (and REPORT_SCHEMA_VERSION, a minor bump, for a new field)';

/** The JSON value a script would read: text parsed, an object put through JSON.stringify/parse. */
export function asJson(reportOrJsonText: unknown): unknown {
  if (typeof reportOrJsonText === 'string') return JSON.parse(reportOrJsonText) as unknown;
  return JSON.parse(JSON.stringify(reportOrJsonText)) as unknown;
}

/** Schema problems and undescribed fields, as lines; empty when the report is as documented. */
export function reportProblems(reportOrJsonText: unknown): string[] {
  const value = asJson(reportOrJsonText);
  const result = validateReport(value);
  const problems = result.valid ? [] : [...result.problems];
  for (const pointer of undescribedFields(value)) problems.push(`${pointer}: not described by schema/report.schema.json; ${SCHEMA_HINT}`);
  return problems;
}

/** Asserts the report is valid and fully described, listing every problem on failure; returns it parsed. */
export function assertValidReport(t: Test, reportOrJsonText: unknown, label = 'JSON report'): ScanReport {
  const problems = reportProblems(reportOrJsonText);
  t.same(problems, [], `${label}: valid against schema/report.schema.json, every field described`);
  return asJson(reportOrJsonText) as ScanReport;
}

/**
 * For tests that run the CLI: when its stdout is a JSON report, it must match the schema.
 * Throws (so the awaiting test fails) rather than asserting, because CLI helpers have no `t`.
 */
export function throwIfInvalidReportOutput(stdout: string): void {
  if (!stdout.trimStart().startsWith('{') || !stdout.includes('"schemaVersion"')) return;
  const problems = reportProblems(stdout);
  if (problems.length > 0) throw new Error(`the CLI's JSON report does not match schema/report.schema.json:\n${problems.join('\n')}`);
}
