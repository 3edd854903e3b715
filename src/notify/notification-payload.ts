/**
 * The body dockprobe POSTs to `--notify` after a run: what is new and what went away since
 * the previous report. Built from ruleId, severity, title, message and location only, never
 * from evidence (evidence can hold what a rule saw, and a webhook is a chat channel or a
 * third-party service, not the report file the user chose to keep).
 */
import { fingerprintOf, type ReportDiff } from '../report/diff-reports.js';
import type { Finding } from '../report/finding.js';
import { findingLocation, sortFindings, type ScanReport } from '../report/scan-report.js';
import { SEVERITIES, type Severity } from '../severity.js';
import { TOOL_NAME } from '../version.js';

export const NOTIFY_FORMATS = ['json', 'slack'] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

/** The JSON notification's own shape; bumped by semver like the report's. */
export const NOTIFICATION_SCHEMA_VERSION = '1.1.0';

/** Findings listed per list (added, resolved); the rest are counted in `truncated`. */
export const DEFAULT_MAX_ITEMS = 50;

export interface NotificationInput {
  report: ScanReport;
  diff: ReportDiff;
  format: NotifyFormat;
  /** finishedAt of the report compared against; null on a first run (no previous report). */
  previousAt?: string | null;
  /** The machine the run happened on, for people reading a channel fed by many hosts. */
  hostname?: string;
  /** At most this many findings per list (default 50). */
  maxItems?: number;
}

export interface NotificationPayload {
  contentType: string;
  body: string;
}

export interface NotificationItem {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  /** "host:port", or "path:line" (the path as the audited system knows it under --root). */
  location: string;
  fingerprint: string;
}

export interface JsonNotification {
  tool: string;
  version: string;
  schemaVersion: string;
  reportSchemaVersion: string;
  hostname: string | null;
  reportStartedAt: string;
  reportFinishedAt: string;
  previousAt: string | null;
  complete: boolean;
  summary: {
    findings: number;
    findingsBySeverity: Record<Severity, number>;
    /** Entries under "Could not check": a finding may look resolved because it could not be checked. */
    errors: number;
    probes: number;
    dockerApis: number;
  };
  counts: { added: number; resolved: number; notChecked: number; unchanged: number };
  added: NotificationItem[];
  /** Gone from a place this run looked at again: fixed. */
  resolved: NotificationItem[];
  /** 1.1.0: gone only because this run did not look there (outside its scope, or not fully checked); not fixed. */
  notChecked: (NotificationItem & { reason: string })[];
  /** Findings left out of `added` / `resolved` / `notChecked` to keep the POST small. */
  truncated: { added: number; resolved: number; notChecked: number };
}

export function buildNotification(input: NotificationInput): NotificationPayload {
  if (input.format === 'slack') {
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(buildSlackMessage(input)) };
  }
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(buildJsonNotification(input)) };
}

const MAX_TITLE = 200;
const MAX_MESSAGE = 1000;
const MAX_LOCATION = 300;

export function buildJsonNotification(input: NotificationInput): JsonNotification {
  const { report, diff } = input;
  const maxItems = itemLimit(input.maxItems);
  const added = sortFindings(diff.added);
  const resolved = sortFindings(diff.resolved);
  const notChecked = diff.notChecked;
  return {
    tool: TOOL_NAME,
    version: report.tool.version,
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    reportSchemaVersion: report.schemaVersion,
    hostname: input.hostname ?? null,
    reportStartedAt: report.startedAt,
    reportFinishedAt: report.finishedAt,
    previousAt: input.previousAt ?? null,
    complete: report.complete,
    summary: {
      findings: report.findings.length,
      findingsBySeverity: { ...report.summary.findingsBySeverity },
      errors: report.errors.length,
      probes: report.summary.probes,
      dockerApis: report.summary.dockerApis,
    },
    counts: { added: diff.added.length, resolved: diff.resolved.length, notChecked: notChecked.length, unchanged: diff.unchanged.length },
    added: added.slice(0, maxItems).map(toItem),
    resolved: resolved.slice(0, maxItems).map(toItem),
    notChecked: notChecked.slice(0, maxItems).map((entry) => ({ ...toItem(entry.finding), reason: cut(entry.reason, MAX_MESSAGE) })),
    truncated: {
      added: Math.max(0, added.length - maxItems),
      resolved: Math.max(0, resolved.length - maxItems),
      notChecked: Math.max(0, notChecked.length - maxItems),
    },
  };
}

/** The allow-list: evidence, source lines and paths other than the location never leave. */
function toItem(finding: Finding): NotificationItem {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: cut(finding.title, MAX_TITLE),
    message: cut(finding.message, MAX_MESSAGE),
    location: cutStart(findingLocation(finding), MAX_LOCATION),
    fingerprint: fingerprintOf(finding),
  };
}

// ---------------------------------------------------------------------------------------------
// Slack incoming webhook: `text` is the notification fallback, `blocks` the message.
// Limits (api.slack.com/reference/block-kit): 50 blocks per message, 3000 characters per
// section text, 150 per header text.

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_TEXT = 3000;
export const SLACK_MAX_HEADER_TEXT = 150;
/** Room kept at the end of each list's last section for the "…and N more" line. */
const SECTION_TAIL_RESERVE = 120;
/** Per list, so a first run on a fleet posts a readable message rather than a wall. */
const SLACK_LIST_BLOCKS = 20;
/** Kept short: with two full lists, the message still fits Slack's 50 blocks. */
const SLACK_NOT_CHECKED_BLOCKS = 4;
const SLACK_NEW_CHARS = 12_000;
const SLACK_RESOLVED_CHARS = 6_000;
const SLACK_MAX_LINE = 1_200;

export type SlackTextObject = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: SlackTextObject[] }
  | { type: 'divider' };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's mrkdwn takes &, < and > as control characters; everything else is text. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildSlackMessage(input: NotificationInput): SlackMessage {
  const { report, diff } = input;
  const maxItems = itemLimit(input.maxItems);
  const added = sortFindings(diff.added);
  const resolved = sortFindings(diff.resolved);
  const where = input.hostname ? ` on ${input.hostname}` : '';

  const headline = `${TOOL_NAME}${where}: ${plural(added.length, 'new finding')}, ${resolved.length} resolved`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(headline, SLACK_MAX_HEADER_TEXT), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(summaryText(input), SLACK_MAX_SECTION_TEXT) } },
  ];

  if (added.length > 0) {
    const lines = added.slice(0, maxItems).map((finding) => findingLine(finding, true));
    blocks.push(...packSections(`*New findings (${added.length})*`, lines, added.length - lines.length, 'new findings', SLACK_LIST_BLOCKS, SLACK_NEW_CHARS));
  }
  if (resolved.length > 0) {
    if (added.length > 0) blocks.push({ type: 'divider' });
    // Resolved means looked at again and gone: what was not looked at is listed apart, below.
    const title = `*Resolved (${resolved.length})*`;
    const lines = resolved.slice(0, maxItems).map((finding) => findingLine(finding, false));
    blocks.push(...packSections(title, lines, resolved.length - lines.length, 'resolved findings', SLACK_LIST_BLOCKS, SLACK_RESOLVED_CHARS));
  }
  const notChecked = diff.notChecked;
  if (notChecked.length > 0) {
    blocks.push({ type: 'divider' });
    const title = `*Not checked this time (${notChecked.length})*: this run did not look there, so these are not resolved`;
    const lines = notChecked.slice(0, maxItems).map((entry) => `${findingLine(entry.finding, false)}\n      ${escapeSlackText(cut(oneLine(entry.reason), 300))}`);
    blocks.push(...packSections(title, lines, notChecked.length - lines.length, 'findings not checked', SLACK_NOT_CHECKED_BLOCKS, SLACK_RESOLVED_CHARS));
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeSlackText(`${TOOL_NAME} ${report.tool.version} · report finished ${report.finishedAt}`) }],
  });

  return { text: escapeSlackText(fallbackText(input, added, resolved.length)), blocks: blocks.slice(0, SLACK_MAX_BLOCKS) };
}

function fallbackText(input: NotificationInput, added: readonly Finding[], resolved: number): string {
  const where = input.hostname ? ` on ${input.hostname}` : '';
  const bySeverity = severityCounts(added);
  const detail = bySeverity ? ` (${bySeverity})` : '';
  const incomplete = input.report.complete ? '' : '; some checks could not run';
  return `${TOOL_NAME}${where}: ${plural(added.length, 'new finding')}${detail}, ${resolved} resolved${incomplete}`;
}

function summaryText(input: NotificationInput): string {
  const { report, diff } = input;
  const now = report.findings.length === 0 ? 'no findings' : `${plural(report.findings.length, 'finding')} (${severityCounts(report.findings)})`;
  const lines = [`*Now:* ${escapeSlackText(now)} · ${diff.unchanged.length} unchanged since the previous run`];
  const previous =
    input.previousAt === null ? 'first run, no previous report' : input.previousAt ? `previous run ${input.previousAt}` : '';
  lines.push(`*Report:* finished ${escapeSlackText(report.finishedAt)}${previous ? ` · ${escapeSlackText(previous)}` : ''}`);
  if (!report.complete) {
    lines.push(`*Incomplete:* ${plural(report.errors.length, 'check')} could not run; a finding can look resolved only because it could not be checked`);
  }
  return lines.join('\n');
}

function findingLine(finding: Finding, withMessage: boolean): string {
  const head =
    `• *${finding.severity}* · ${escapeSlackText(cut(finding.title, 150))} · ` +
    `${code(cutStart(findingLocation(finding), 150))} · ${code(finding.ruleId)}`;
  const line = withMessage && finding.message ? `${head}\n      ${escapeSlackText(cut(oneLine(finding.message), 300))}` : head;
  return cutEscaped(line, SLACK_MAX_LINE);
}

/** Inline code; a backtick inside would end it early. */
function code(text: string): string {
  return `\`${escapeSlackText(text.replace(/`/g, "'").replace(/[\r\n]+/g, ' '))}\``;
}

/**
 * Lines into as few section blocks as fit (each ≤ 3000 characters), within a block and a
 * character budget; whatever does not fit, plus `omitted`, is said in "…and N more".
 */
function packSections(title: string, lines: string[], omitted: number, noun: string, maxBlocks: number, maxChars: number): SlackBlock[] {
  const limit = SLACK_MAX_SECTION_TEXT - SECTION_TAIL_RESERVE;
  const texts: string[] = [];
  let current = title;
  let used = title.length;
  let shown = 0;
  for (const line of lines) {
    if (used + line.length + 1 > maxChars) break;
    if (current.length + 1 + line.length <= limit) {
      current += `\n${line}`;
    } else {
      if (texts.length + 1 >= maxBlocks) break;
      texts.push(current);
      current = line;
    }
    used += line.length + 1;
    shown++;
  }
  const more = lines.length - shown + omitted;
  if (more > 0) current += `\n_…and ${more} more ${noun}; see the report_`;
  texts.push(current);
  return texts.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function severityCounts(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return SEVERITIES.filter((severity) => counts.has(severity))
    .map((severity) => `${counts.get(severity)} ${severity}`)
    .join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function itemLimit(maxItems: number | undefined): number {
  return maxItems !== undefined && Number.isInteger(maxItems) && maxItems >= 0 ? maxItems : DEFAULT_MAX_ITEMS;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Keeps the start: titles and messages say the most first. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Keeps the end: for a path, the file name and line matter most. */
function cutStart(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

/** Cuts escaped mrkdwn without leaving half an entity ("&am") behind. */
function cutEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}
