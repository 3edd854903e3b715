import { resolve } from 'node:path';
import { EXIT } from '../exit-codes.js';
import { diffFindings } from '../report/diff-reports.js';
import { renderDiffJson, renderDiffTable } from '../reporters/diff-reporter.js';
import { loadRuleMetadata } from '../rules/rule-metadata.js';
import { isAtOrAbove } from '../severity.js';
import { UsageError } from '../usage-error.js';
import { checkWritable } from './atomic-write.js';
import { parseChoice, parseFailThreshold, rejectEmptyValues } from './option-parsers.js';
import { readSavedReport } from './read-saved-report.js';
import { PLAIN_SETTINGS } from './report-flags.js';
import { OUTPUT_FORMATS, renderReport, type CommandRun } from './report-output.js';

export interface ConvertFlags {
  format: string;
  output?: string;
  sarifRoot?: string;
  sarifCategory?: string;
}

/**
 * `dockprobe report convert IN.json -f sarif`: renders a saved report again, as it was. The
 * findings are not judged again, so the exit code is 0 whenever the conversion worked.
 */
export function executeConvert(input: string, flags: ConvertFlags): CommandRun {
  rejectEmptyValues({ '--output': flags.output, '--sarif-root': flags.sarifRoot });
  const format = parseChoice('--format', flags.format, OUTPUT_FORMATS);
  if (flags.output !== undefined) {
    checkWritable('--output', flags.output);
    if (resolve(flags.output) === resolve(input)) throw new UsageError(`--output "${flags.output}" is the report being converted; write the conversion to another file`);
  }
  const report = readSavedReport('report convert', input)!;
  const metadata = loadRuleMetadata();
  const sarifCategory = flags.sarifCategory?.trim();
  const settings = {
    ...PLAIN_SETTINGS,
    format,
    failOn: 'none' as const,
    ...(flags.output !== undefined ? { output: flags.output } : {}),
    render: { sarifRoot: resolve(flags.sarifRoot ?? '.'), ...(sarifCategory ? { sarifCategory } : {}) },
  };
  return { report, rendered: renderReport(report, format, metadata, settings.render), exitCode: EXIT.ok, settings };
}

export const DIFF_FORMATS = ['table', 'json'] as const;

export interface DiffFlags {
  format: string;
  output?: string;
  failOn: string;
}

/**
 * `dockprobe report diff OLD.json NEW.json`: new, resolved and unchanged findings, matched by
 * fingerprint. Exit 1 when a new finding is at or above --fail-on, as a CI or cron gate.
 */
export function executeDiff(oldPath: string, newPath: string, flags: DiffFlags): { rendered: string; exitCode: number; output?: string } {
  rejectEmptyValues({ '--output': flags.output });
  const format = parseChoice('--format', flags.format, DIFF_FORMATS);
  const failOn = parseFailThreshold(flags.failOn);
  if (flags.output !== undefined) checkWritable('--output', flags.output);
  const before = readSavedReport('report diff OLD', oldPath)!;
  const after = readSavedReport('report diff NEW', newPath)!;
  const diff = diffFindings(before.findings, after.findings);
  const sides = {
    old: { path: oldPath, finishedAt: before.finishedAt },
    new: { path: newPath, finishedAt: after.finishedAt, complete: after.complete },
  };
  const rendered = format === 'json' ? renderDiffJson(diff, sides) : renderDiffTable(diff, sides, { width: process.stdout.columns });
  const exitCode = diff.added.some((finding) => isAtOrAbove(finding.severity, failOn)) ? EXIT.findings : EXIT.ok;
  return { rendered, exitCode, ...(flags.output !== undefined ? { output: flags.output } : {}) };
}
