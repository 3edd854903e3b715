/**
 * The Slack message dockprobe POSTs to `--notify` (--notify-format slack): an incoming
 * webhook's `text` (the notification fallback) and `blocks` (the message).
 * Limits (api.slack.com/reference/block-kit): 50 blocks per message, 3000 characters per
 * section text, 150 per header text.
 */
import type { Finding } from '../report/finding.js';
import { findingLocation, sortFindings } from '../report/scan-report.js';
import { SEVERITIES, type Severity } from '../severity.js';
import { TOOL_NAME } from '../version.js';
import { cut, cutStart, itemLimit, type NotificationInput } from './notification-items.js';

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


function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}


/** Cuts escaped mrkdwn without leaving half an entity ("&am") behind. */
function cutEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}
