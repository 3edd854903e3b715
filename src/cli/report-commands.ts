import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT, type ScanExitCode } from '../exit-codes.js';
import { diffReports } from '../report/diff-reports.js';
import { scopeDifferences } from '../report/report-scope.js';
import { mergeReports } from '../report/merge-reports.js';
import type { ScanReport } from '../report/scan-report.js';
import { DIFF_FORMATS, DIFF_RENDERERS, OUTPUT_FORMATS, type OutputFormat } from '../reporters/index.js';
import { loadRuleMetadata } from '../rule-engine/rule-metadata.js';
import { isAtOrAbove, SEVERITIES } from '../severity.js';
import { UsageError } from '../usage-error.js';
import { checkWritable } from './atomic-write.js';
import { collect, listChoicesOnly, parseChoice, parseFailThreshold, rejectEmptyValues } from './option-parsers.js';
import { readSavedReport } from './read-saved-report.js';
import { PLAIN_SETTINGS } from './report-flags.js';
import { complianceOf } from '../compliance/attach-compliance.js';
import { shippedSpecNames } from '../compliance/compliance-spec.js';
import { parseComplianceFlags, type ComplianceSettings } from './compliance-flags.js';
import { renderReport, type CommandRun } from './report-output.js';

/** A saved report rendered again (convert, merge): the format and where it goes. */
function withRenderOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default(OUTPUT_FORMATS[0]))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('--sarif-root <dir>', 'SARIF paths are written relative to DIR (default: the current folder)')
    .option('--sarif-category <name>', 'SARIF automationDetails.id')
    .option('--compliance <spec>', `answer a benchmark's controls from the saved findings and observations: ${shippedSpecNames().join(', ')}, or a spec file`)
    .option('--report <type>', 'with --compliance: summary (the default) or all (every machine\'s and endpoint\'s verdict, with evidence)', collect, []);
}

/** `report convert`'s argument and options; read back as ConvertFlags. */
export function withConvertOptions(command: Command): Command {
  return withRenderOptions(command.argument('<report.json>', 'a report written by dockprobe -f json'));
}

/** `report merge`'s arguments and options; read back as MergeFlags. */
export function withMergeOptions(command: Command): Command {
  return withRenderOptions(command.argument('<reports...>', 'reports written by dockprobe -f json: the shards of a scan, host audits, or both'));
}

/** `report diff`'s arguments and options; read back as DiffFlags. */
export function withDiffOptions(command: Command): Command {
  return command
    .argument('<old.json>', 'the earlier report')
    .argument('<new.json>', 'the later report')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default(DIFF_FORMATS[0]))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .addOption(listChoicesOnly(new Option('--fail-on <severity>', 'exit 1 when a NEW finding is at or above this (any case)'), [...SEVERITIES, 'none']).default('high'));
}

export interface ConvertFlags {
  format: string;
  output?: string;
  sarifRoot?: string;
  sarifCategory?: string;
  compliance?: string;
  report?: string[];
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
  const compliance = parseSavedComplianceFlags(flags);
  const report = readSavedReport('report convert', input)!;
  return renderSaved(report, format, flags, EXIT.ok, compliance);
}

/** A saved (or merged) report rendered as asked; nothing is judged again, so the exit code is given. */
function renderSaved(saved: ScanReport, format: OutputFormat, flags: ConvertFlags, exitCode: ScanExitCode, compliance: ComplianceSettings | null): CommandRun {
  const sarifCategory = flags.sarifCategory?.trim();
  const metadata = loadRuleMetadata();
  // Judged again from what the report holds: its findings, suppressed ones and its observations.
  const report = compliance === null ? saved : { ...saved, compliance: complianceOf(saved, compliance, metadata, { now: new Date(saved.startedAt) }) };
  const settings = {
    ...PLAIN_SETTINGS,
    format,
    failOn: 'none' as const,
    ...(flags.output !== undefined ? { output: flags.output } : {}),
    render: { sarifRoot: resolve(flags.sarifRoot ?? '.'), ...(sarifCategory ? { sarifCategory } : {}) },
  };
  return { report, rendered: renderReport(report, format, metadata, settings.render), exitCode, settings: { ...settings, compliance } };
}

export type MergeFlags = ConvertFlags;

/**
 * `dockprobe report merge A.json B.json …`: the reports of the shards of one scan (`--shard K/N`,
 * the pods of a Kubernetes Indexed Job) as one report, rendered like `report convert` (see
 * src/report/merge-reports.ts for what is merged how). Each input is schema-checked first.
 * Nothing is judged again, so there is no --fail-on: the exit code is 0, or 4 when the merged
 * report is incomplete: a shard is missing, or some shard could not check everything.
 * The merge's own warnings (a missing or repeated shard, mixed versions) also go to onWarning.
 */
export function executeMerge(
  paths: string[],
  flags: MergeFlags,
  onWarning: (message: string) => void = (message) => process.stderr.write(`dockprobe: warning: ${message}\n`),
): CommandRun {
  rejectEmptyValues({ '--output': flags.output, '--sarif-root': flags.sarifRoot });
  const format = parseChoice('--format', flags.format, OUTPUT_FORMATS);
  if (paths.length === 0) throw new UsageError('report merge: no reports given; name the JSON report of every shard, e.g. dockprobe report merge reports/shard-*.json');
  const seen = new Map<string, string>();
  for (const path of paths) {
    const first = seen.get(resolve(path));
    if (first !== undefined) throw new UsageError(`report merge: "${path}" is named twice (also as "${first}"); name each report once`);
    seen.set(resolve(path), path);
  }
  if (flags.output !== undefined) {
    checkWritable('--output', flags.output);
    const input = seen.get(resolve(flags.output));
    if (input !== undefined) throw new UsageError(`--output "${flags.output}" is "${input}", one of the reports being merged; write the merged report to another file`);
  }
  const compliance = parseSavedComplianceFlags(flags);
  const inputs = paths.map((path) => ({ label: path, report: readSavedReport('report merge', path)! }));
  const merged = mergeReports(inputs);
  for (const shard of merged.missingShards) {
    onWarning(`shard ${shard.index}/${shard.count} is missing: no report of it was given, so its targets were not checked (the merged report says so, and is incomplete)`);
  }
  merged.warnings.forEach(onWarning);
  return renderSaved(merged.report, format, flags, merged.report.complete ? EXIT.ok : EXIT.incomplete, compliance);
}

export interface DiffFlags {
  format: string;
  output?: string;
  failOn: string;
}

/**
 * `dockprobe report diff OLD.json NEW.json`: new, resolved, not checked and unchanged findings,
 * matched by fingerprint. Resolved only where NEW looked again; a finding in a place NEW did
 * not cover is "not checked this time", and a difference of kind or scope is warned about.
 * Exit 1 when a new finding is at or above --fail-on, as a CI or cron gate.
 */
export function executeDiff(
  oldPath: string,
  newPath: string,
  flags: DiffFlags,
  onWarning: (message: string) => void = (message) => process.stderr.write(`dockprobe: warning: ${message}\n`),
): { rendered: string; exitCode: number; output?: string } {
  rejectEmptyValues({ '--output': flags.output });
  const format = parseChoice('--format', flags.format, DIFF_FORMATS);
  const failOn = parseFailThreshold(flags.failOn);
  if (flags.output !== undefined) checkWritable('--output', flags.output);
  const before = readSavedReport('report diff OLD', oldPath)!;
  const after = readSavedReport('report diff NEW', newPath)!;
  for (const difference of scopeDifferences(before.scope, after.scope)) onWarning(`report diff: the reports cover different places: ${difference}; findings there are not checked this time, not resolved`);
  const diff = diffReports(before.findings, after, before);
  const sides = {
    old: { path: oldPath, finishedAt: before.finishedAt },
    new: { path: newPath, finishedAt: after.finishedAt, complete: after.complete },
  };
  const rendered = DIFF_RENDERERS[format].render({ diff, sides }, { metadata: new Map(), sarifRoot: process.cwd(), width: process.stdout.columns });
  const exitCode = diff.added.some((finding) => isAtOrAbove(finding.severity, failOn)) ? EXIT.findings : EXIT.ok;
  return { rendered, exitCode, ...(flags.output !== undefined ? { output: flags.output } : {}) };
}

/** --compliance and --report TYPE of convert and merge; a saved report is rendered once, so --report takes no FORMAT:FILE here. */
function parseSavedComplianceFlags(flags: ConvertFlags): ComplianceSettings | null {
  const { compliance, outputs } = parseComplianceFlags(flags.compliance, flags.report ?? []);
  if (outputs.length > 0) throw new UsageError(`--report "${outputs[0]}": here it takes summary or all (with --compliance); to write another format, run report convert again with -f and -o`);
  return compliance;
}
