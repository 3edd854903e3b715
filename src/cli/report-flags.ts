import { Option, type Command } from 'commander';
import type { ReportScope } from '../report/report-scope.js';
import { resolve } from 'node:path';
import { NOTIFY_FORMATS, OUTPUT_FORMATS, type NotifyFormat, type OutputFormat } from '../reporters/index.js';
import { parseNotifyUrl } from '../notify/notify-url.js';
import { OPEN_GATE, type FindingGate } from '../report/gate-findings.js';
import type { ScanReport } from '../report/scan-report.js';
import type { RuleMeta } from '../rules/rule.js';
import { isAtOrAbove, SEVERITIES, type FailThreshold, type Severity } from '../severity.js';
import { DEFAULT_IGNORE_FILE, readIgnoreFile } from '../suppress/read-ignore-file.js';
import { UsageError } from '../usage-error.js';
import { checkWritable } from './atomic-write.js';
import { collect, listChoicesOnly, parseChoice, parseDate, parseFailThreshold, rejectEmptyValues } from './option-parsers.js';
import { parseRuleParams, type RuleParameterOverrides } from './parse-rule-params.js';
import { readSavedReport } from './read-saved-report.js';
import { parseComplianceFlags, type ComplianceSettings } from './compliance-flags.js';
import { shippedSpecNames } from '../compliance/compliance-spec.js';


/** The options every command shares: how to report, what to list, when to fail, where to tell. */
export interface ReportFlags {
  format: string;
  output?: string;
  failOn: string;
  at?: string;
  param?: string[];
  severity?: string;
  ignorefile?: string;
  baseline?: string;
  report?: string[];
  sarifRoot?: string;
  sarifCategory?: string;
  state?: string;
  notify?: string;
  notifyFormat?: string;
  compliance?: string;
}

/** The options every command that makes a report shares: outputs, gating, suppression, clock, rule parameters, alerting. */
export function withReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'report format').choices([...OUTPUT_FORMATS]).default(OUTPUT_FORMATS[0]))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--report <format:file>', 'also write FORMAT to FILE, e.g. sarif:dockprobe.sarif or prometheus:/var/lib/node_exporter/dockprobe.prom (repeatable); with --compliance, `summary` (the default) or `all` says how much of each control to show', collect, [])
    .option('--compliance <spec>', `answer a benchmark's controls, per machine and endpoint, with evidence: ${shippedSpecNames().join(', ')}, or a spec file`)
    .option('--severity <list>', 'report only these severities, e.g. critical,high (others are counted, not listed)')
    .addOption(listChoicesOnly(new Option('--fail-on <severity>', 'exit 1 when a listed finding is at or above this (any case)'), [...SEVERITIES, 'none']).default('high'))
    .option('--ignorefile <file>', `suppress accepted findings listed in FILE (default: ${DEFAULT_IGNORE_FILE} here, if present)`)
    .option('--baseline <report.json>', 'list (and fail on) only findings not already in this earlier JSON report')
    .option('--state <file>', 'compare with the report kept in FILE by the last run, then keep this one there (for cron)')
    .option('--notify <url>', 'POST new and resolved findings to this webhook (needs --state; or set DOCKPROBE_NOTIFY_URL); exit 5 if it cannot be delivered')
    .addOption(new Option('--notify-format <format>', 'webhook body').choices([...NOTIFY_FORMATS]).default(NOTIFY_FORMATS[0]))
    .option('--sarif-root <dir>', 'SARIF paths are written relative to DIR, the repository root in CI (default: the current folder)')
    .option('--sarif-category <name>', 'SARIF automationDetails.id, so several audits can share one repository in GitHub code scanning')
    .option('--at <date>', 'judge certificate validity (and ignore-file expiry) as of DATE (YYYY-MM-DD), e.g. "will this still pass next month"')
    .option('--param <rule.name=value>', 'set a rule parameter, e.g. tls-cert-expiring.days=14 (repeatable)', collect, []);
}

/** One more rendering of the same report, written to its own file (--report FORMAT:FILE). */
export interface ExtraOutput {
  format: OutputFormat;
  path: string;
}

/** How SARIF paths and categories are written. */
export interface RenderSettings {
  sarifRoot: string;
  sarifCategory?: string;
}

export interface ReportSettings {
  format: OutputFormat;
  output?: string;
  extraOutputs: ExtraOutput[];
  failOn: FailThreshold;
  /** --at, or null for "now". */
  at: Date | null;
  parameters: RuleParameterOverrides;
  gate: FindingGate;
  render: RenderSettings;
  /** --baseline: where it is and what it covered, to warn when this run covers something else. */
  baseline: { path: string; scope: ReportScope | null } | null;
  /** --state: where the last run's report is kept, and what it held (null on the first run). */
  state: { path: string; previous: ScanReport | null } | null;
  notify: { url: string; format: NotifyFormat } | null;
  /** Said in the report: flag combinations that work, but probably not as meant. */
  warnings: string[];
  /** --compliance SPEC and --report summary|all; null without --compliance. */
  compliance: ComplianceSettings | null;
}

/** Defaults for callers that only render (tests, `report convert`). */
export const PLAIN_SETTINGS: Omit<ReportSettings, 'format' | 'failOn'> = {
  extraOutputs: [],
  at: null,
  parameters: {},
  gate: OPEN_GATE,
  render: { sarifRoot: process.cwd() },
  baseline: null,
  state: null,
  notify: null,
  warnings: [],
  compliance: null,
};

/** "critical,high": the severities to report. */
export function parseSeverityList(text: string): Set<Severity> {
  const wanted = new Set<Severity>();
  for (const item of text.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    wanted.add(parseChoice('--severity', item, SEVERITIES));
  }
  if (wanted.size === 0) throw new UsageError(`--severity "${text}": name at least one of ${SEVERITIES.join(', ')}, e.g. critical,high`);
  return wanted;
}

/** "sarif:results.sarif": format, then the file (which may itself hold colons). */
export function parseExtraOutput(text: string): ExtraOutput {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw new UsageError(`--report "${text}": write FORMAT:FILE, e.g. --report sarif:dockprobe.sarif (formats: ${OUTPUT_FORMATS.join(', ')})`);
  }
  const format = parseChoice(`--report "${text}": format`, text.slice(0, colon), OUTPUT_FORMATS);
  const path = text.slice(colon + 1);
  checkWritable(`--report ${format}`, path);
  return { format, path };
}

/** Two outputs in one file would leave only the last written, and a state file must be dockprobe's own. */
function rejectSharedPaths(outputs: readonly (readonly [string, string])[]): void {
  const seen = new Map<string, string>();
  for (const [flag, path] of outputs) {
    const key = resolve(path);
    const earlier = seen.get(key);
    if (earlier) throw new UsageError(`${flag} "${path}" is the same file as ${earlier}; give each output its own file`);
    seen.set(key, flag);
  }
}

/** Where the webhook URL may come from instead of --notify: the environment is not on the command line, where other local users can read it. */
export const NOTIFY_URL_VARIABLE = 'DOCKPROBE_NOTIFY_URL';

/**
 * Checked before any work, so a typo costs nothing: formats, dates, files to read (ignore file,
 * baseline, state) and files to write. A URL for --notify is checked here too.
 */
export function parseReportFlags(flags: ReportFlags, metadata: Map<string, RuleMeta>, env: NodeJS.ProcessEnv = process.env): ReportSettings {
  rejectEmptyValues({ '--output': flags.output, '--ignorefile': flags.ignorefile, '--baseline': flags.baseline, '--state': flags.state, '--sarif-root': flags.sarifRoot });
  const format = parseChoice('--format', flags.format, OUTPUT_FORMATS);
  const failOn = parseFailThreshold(flags.failOn);
  const at = flags.at ? parseDate('--at', flags.at) : null;
  const parameters = parseRuleParams(flags.param ?? [], metadata);
  const severities = flags.severity === undefined ? null : parseSeverityList(flags.severity);
  const { compliance, outputs } = parseComplianceFlags(flags.compliance, flags.report ?? []);
  const extraOutputs = outputs.map(parseExtraOutput);
  if (flags.output !== undefined) checkWritable('--output', flags.output);
  if (flags.state !== undefined) checkWritable('--state', flags.state, { streams: false });
  // Before anything is read: a baseline or state that is also an output would be overwritten by this run.
  rejectSharedPaths([
    ...(flags.output !== undefined ? [['--output', flags.output] as const] : []),
    ...extraOutputs.map((extra) => [`--report ${extra.format}`, extra.path] as const),
    ...(flags.state !== undefined ? [['--state', flags.state] as const] : []),
    ...(flags.baseline !== undefined ? [['--baseline', flags.baseline] as const] : []),
  ]);
  const ignore = readIgnoreFile(flags.ignorefile, metadata);
  const baselineReport = flags.baseline === undefined ? null : readSavedReport('--baseline', flags.baseline);
  const baseline = baselineReport;
  const state = flags.state === undefined ? null : { path: flags.state, previous: readSavedReport('--state', flags.state, { missingIsEmpty: true }) };
  const notifyFormat = parseChoice('--notify-format', flags.notifyFormat ?? 'json', NOTIFY_FORMATS);
  const notifyUrl = flags.notify ?? (env[NOTIFY_URL_VARIABLE] || undefined);
  const notifyFlag = flags.notify !== undefined ? '--notify' : NOTIFY_URL_VARIABLE;
  // Without a previous report every finding is "new" on every run: an alert storm, not an alert.
  if (notifyUrl !== undefined && state === null) {
    throw new UsageError(`${notifyFlag} needs --state FILE, where each run keeps its report for the next to compare with (e.g. --state /var/lib/dockprobe/state.json)`);
  }
  const notify = notifyUrl === undefined ? null : { url: parseNotifyUrl(notifyUrl, notifyFlag).href, format: notifyFormat };
  const sarifCategory = flags.sarifCategory?.trim() || undefined;
  const warnings: string[] = [];
  const hidden = severities === null ? [] : SEVERITIES.filter((severity) => !severities.has(severity) && isAtOrAbove(severity, failOn));
  if (hidden.length > 0) warnings.push(`--severity leaves out ${hidden.join(', ')}, so findings of ${hidden.length > 1 ? 'those severities' : 'that severity'} cannot fail this run (--fail-on ${failOn}); they are counted in omitted`);
  return {
    format,
    ...(flags.output !== undefined ? { output: flags.output } : {}),
    extraOutputs,
    failOn,
    at,
    parameters,
    gate: { severities, ignore, baseline },
    render: { sarifRoot: resolve(flags.sarifRoot ?? '.'), ...(sarifCategory ? { sarifCategory } : {}) },
    baseline: baselineReport === null ? null : { path: flags.baseline!, scope: baselineReport.scope },
    state,
    notify,
    warnings,
    compliance,
  };
}
