/**
 * The renderer index (src/reporters/index.ts) is the one list of formats: every name in it is
 * accepted wherever a format is chosen, and every renderer renders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { parseExtraOutput } from '../../src/cli/report-flags.js';
import { buildNotification } from '../../src/notify/notification-payload.js';
import { diffReports } from '../../src/report/diff-reports.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { DIFF_FORMATS, DIFF_RENDERERS, NOTIFY_FORMATS, OUTPUT_FORMATS, REPORT_RENDERERS } from '../../src/reporters/index.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-renderer-index-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const report = buildScanReport({
  startedAt: new Date('2026-03-01T00:00:00Z'),
  finishedAt: new Date('2026-03-01T00:00:01Z'),
  endpoints: [],
  findings: [],
  errors: [],
  summary: emptySummary(),
  scope: { kind: 'config', targets: null, ports: null, excluded: [], configRoot: '/', paths: null },
});
const context = { metadata: loadRuleMetadata(), sarifRoot: dir, width: 80 };

t.test('the format lists are the registries, defaults first', async (t) => {
  t.same(OUTPUT_FORMATS, Object.keys(REPORT_RENDERERS));
  t.equal(OUTPUT_FORMATS[0], 'table');
  t.same(DIFF_FORMATS, ['table', 'json']);
  t.same(NOTIFY_FORMATS, ['json', 'slack']);
});

t.test('every renderer renders, with its content type', async (t) => {
  for (const format of OUTPUT_FORMATS) {
    const renderer = REPORT_RENDERERS[format];
    t.ok(renderer.render(report, context).length > 0, `${format} renders a report`);
    t.match(renderer.contentType, /^[a-z]+\/[a-z0-9.+-]+/, `${format} has a content type`);
  }
  const diff = { diff: diffReports([], report), sides: { old: { path: 'a.json', finishedAt: report.finishedAt }, new: { path: 'b.json', finishedAt: report.finishedAt, complete: true } } };
  for (const format of DIFF_FORMATS) t.ok(DIFF_RENDERERS[format].render(diff, context).length > 0, `diff ${format} renders`);
  for (const format of NOTIFY_FORMATS) t.doesNotThrow(() => JSON.parse(buildNotification({ report, diff: diff.diff, format }).body), `notification ${format} is JSON`);
});

t.test('every report format is taken by --report FORMAT:FILE, -f and report convert', async (t) => {
  for (const format of OUTPUT_FORMATS) t.equal(parseExtraOutput(`${format}:${join(dir, `out.${format}`)}`).format, format);
  const help = (await runCli(['scan', '--help'])).stdout.replace(/\s+/g, ' ');
  t.match(help, `(choices: ${OUTPUT_FORMATS.map((format) => `"${format}"`).join(', ')}, default: "table")`, '-f lists them all');
  const convert = (await runCli(['report', 'convert', '--help'])).stdout.replace(/\s+/g, ' ');
  t.match(convert, `(choices: ${OUTPUT_FORMATS.map((format) => `"${format}"`).join(', ')}`);
});
