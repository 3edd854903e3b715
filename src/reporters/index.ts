/**
 * Every output format, in one place: its name (what -f, --report FORMAT:FILE, report convert
 * and --notify-format accept) and its renderer (renderer.ts). Adding a format is its own file
 * plus one line here; the option choices, the help and the parsers all read these lists.
 */
import type { ReportDiff } from '../report/diff-reports.js';
import type { ScanReport } from '../report/scan-report.js';
import { renderDiffJson, renderDiffTable, type DiffSides } from './diff-reporter.js';
import { renderJson } from './json-reporter.js';
import type { NotificationInput } from './notification-items.js';
import { buildJsonNotification } from './notification-json.js';
import { buildSlackMessage } from './notification-slack.js';
import { renderHtml } from './html-reporter.js';
import { renderPrometheus } from './prometheus-reporter.js';
import type { Renderer } from './renderer.js';
import { renderSarif } from './sarif-reporter.js';
import { renderTable } from './table-reporter.js';

/** Keeps each registry's names as a type (OutputFormat …) while every entry is checked as a Renderer. */
function registry<Input>() {
  return <Name extends string>(renderers: Record<Name, Renderer<Input>>): Record<Name, Renderer<Input>> => renderers;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Formats of a report (scan, files, config, audit, report convert, report merge); the first is the default. */
export const REPORT_RENDERERS = registry<ScanReport>()({
  table: { contentType: 'text/plain; charset=utf-8', render: (report, context) => renderTable(report, context.metadata, { width: context.width }) },
  json: { contentType: JSON_TYPE, render: (report) => renderJson(report) },
  sarif: { contentType: 'application/sarif+json', render: (report, context) => renderSarif(report, context.metadata, { sarifRoot: context.sarifRoot, ...(context.sarifCategory ? { category: context.sarifCategory } : {}) }) },
  prometheus: { contentType: 'text/plain; version=0.0.4; charset=utf-8', render: (report) => renderPrometheus(report) },
  html: { contentType: 'text/html; charset=utf-8', render: (report, context) => renderHtml(report, context.metadata) },
});

/** What `report diff` renders: the comparison, and which two reports were compared. */
export interface DiffInput {
  diff: ReportDiff;
  sides: DiffSides;
}

/** Formats of `report diff`. */
export const DIFF_RENDERERS = registry<DiffInput>()({
  table: { contentType: 'text/plain; charset=utf-8', render: ({ diff, sides }, context) => renderDiffTable(diff, sides, { width: context.width }) },
  json: { contentType: JSON_TYPE, render: ({ diff, sides }) => renderDiffJson(diff, sides) },
});

/** Webhook bodies (--notify-format); the first is the default. */
export const NOTIFY_RENDERERS = registry<NotificationInput>()({
  json: { contentType: JSON_TYPE, render: (input) => JSON.stringify(buildJsonNotification(input)) },
  slack: { contentType: JSON_TYPE, render: (input) => JSON.stringify(buildSlackMessage(input)) },
});

export type OutputFormat = keyof typeof REPORT_RENDERERS;
export type DiffFormat = keyof typeof DIFF_RENDERERS;
export type NotifyFormat = keyof typeof NOTIFY_RENDERERS;

function namesOf<Name extends string>(renderers: Record<Name, unknown>): readonly Name[] {
  return Object.keys(renderers) as Name[];
}

export const OUTPUT_FORMATS = namesOf(REPORT_RENDERERS);
export const DIFF_FORMATS = namesOf(DIFF_RENDERERS);
export const NOTIFY_FORMATS = namesOf(NOTIFY_RENDERERS);
