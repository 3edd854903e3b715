import t from 'tap';
import { buildNotification } from '../../src/notify/notification-payload.js';
import { DEFAULT_MAX_ITEMS } from '../../src/reporters/notification-items.js';
import type { JsonNotification } from '../../src/reporters/notification-json.js';
import {
  escapeSlackText,
  SLACK_MAX_BLOCKS,
  SLACK_MAX_HEADER_TEXT,
  SLACK_MAX_SECTION_TEXT,
  type SlackBlock,
  type SlackMessage,
} from '../../src/reporters/notification-slack.js';
import { diffReports, type ReportDiff } from '../../src/report/diff-reports.js';
import type { Finding, ScanError } from '../../src/report/finding.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import type { Severity } from '../../src/severity.js';
import { TOOL_VERSION } from '../../src/version.js';

const EVIDENCE_SECRET = 'hunter2-EVIDENCE-SECRET';

function finding(ruleId: string, severity: Severity, place: Partial<Finding>, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity,
    title: `Title of ${ruleId}`,
    message: `Message about ${ruleId}`,
    evidence: { password: EVIDENCE_SECRET, token: `${EVIDENCE_SECRET}-2`, list: [EVIDENCE_SECRET] },
    ...place,
    ...extra,
  };
}

function reportWith(findings: Finding[], errors: ScanError[] = []): ScanReport {
  return buildScanReport({
    startedAt: new Date('2026-03-01T02:00:00Z'),
    finishedAt: new Date('2026-03-01T02:00:05Z'),
    endpoints: [],
    findings,
    errors,
    summary: emptySummary(),
    // Every place these findings name was looked at again: the addresses were swept, the files audited.
    scope: { kind: 'audit', targets: ['10.0.0.0/8'], ports: [2375, 2376], excluded: [], configRoot: null, paths: ['/'] },
  });
}

/** The previous run had `before`; this run has `after`. */
function run(before: Finding[], after: Finding[], errors: ScanError[] = []): { report: ScanReport; diff: ReportDiff } {
  const previous = reportWith(before);
  const report = reportWith(after, errors);
  return { report, diff: diffReports(previous.findings, report) };
}

const api = finding('api-unauthenticated', 'critical', { target: '10.0.0.5:2375' });
const expiring = finding('cert-expiring', 'medium', { path: '/mnt/img/etc/docker/server.pem', systemPath: '/etc/docker/server.pem', line: 3 });
const csr = finding('file-leftover-csr', 'info', { path: '/etc/docker/server.csr' });
const oldWeak = finding('tls-weak-key', 'medium', { target: '10.0.0.6:2376' });
const gone = finding('tls-cert-expired', 'high', { target: '10.0.0.7:2376' });

function slackTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block: SlackBlock) => {
    if (block.type === 'section' || block.type === 'header') return [block.text.text];
    if (block.type === 'context') return block.elements.map((element) => element.text);
    return [];
  });
}

t.test('json: counts, summary and the findings that changed, worst first', async (t) => {
  const { report, diff } = run([oldWeak, gone, csr], [csr, expiring, api]);
  const payload = buildNotification({ report, diff, format: 'json', previousAt: '2026-02-28T02:00:05.000Z', hostname: 'web-1' });
  t.equal(payload.contentType, 'application/json; charset=utf-8');
  const body = JSON.parse(payload.body) as JsonNotification;
  t.match(body, {
    tool: 'dockprobe',
    version: TOOL_VERSION,
    schemaVersion: '1.1.0',
    reportSchemaVersion: report.schemaVersion,
    hostname: 'web-1',
    reportFinishedAt: '2026-03-01T02:00:05.000Z',
    previousAt: '2026-02-28T02:00:05.000Z',
    complete: true,
    summary: { findings: 3, errors: 0, findingsBySeverity: { critical: 1, high: 0, medium: 1, low: 0, info: 1 } },
    counts: { added: 2, resolved: 2, notChecked: 0, unchanged: 1 },
    truncated: { added: 0, resolved: 0, notChecked: 0 },
  });
  t.same(
    body.added.map((item) => [item.ruleId, item.severity, item.location]),
    [
      ['api-unauthenticated', 'critical', '10.0.0.5:2375'],
      ['cert-expiring', 'medium', '/etc/docker/server.pem:3'],
    ],
    'worst first; under --root the location is the path the audited system knows',
  );
  t.same(body.resolved.map((item) => item.ruleId), ['tls-cert-expired', 'tls-weak-key']);
  t.same(Object.keys(body.added[0]!).sort(), ['fingerprint', 'location', 'message', 'ruleId', 'severity', 'title']);
  t.equal(body.added[0]!.fingerprint, report.findings.find((f) => f.ruleId === 'api-unauthenticated')!.fingerprint);
  t.equal(body.added[0]!.title, 'Title of api-unauthenticated');
  t.equal(body.added[0]!.message, 'Message about api-unauthenticated');
});

t.test('json: a first run on a fleet is bounded, and what is cut is counted', async (t) => {
  const many = Array.from({ length: 130 }, (_, i) => finding('tls-weak-key', i < 10 ? 'critical' : 'low', { target: `10.1.${Math.floor(i / 250)}.${i % 250}:2376` }));
  const { report, diff } = run([], many);
  const body = JSON.parse(buildNotification({ report, diff, format: 'json', previousAt: null }).body) as JsonNotification;
  t.equal(body.added.length, DEFAULT_MAX_ITEMS);
  t.same(body.truncated, { added: 130 - DEFAULT_MAX_ITEMS, resolved: 0, notChecked: 0 });
  t.same(body.counts, { added: 130, resolved: 0, notChecked: 0, unchanged: 0 });
  t.ok(body.added.slice(0, 10).every((item) => item.severity === 'critical'), 'the critical ones are kept');
  t.equal(body.previousAt, null);

  const small = JSON.parse(buildNotification({ report, diff, format: 'json', maxItems: 5 }).body) as JsonNotification;
  t.equal(small.added.length, 5);
  t.equal(small.truncated.added, 125);
  t.ok(Buffer.byteLength(buildNotification({ report, diff, format: 'json' }).body) < 64 * 1024, 'well under a megabyte');
});

t.test('json: an overlong message is cut, not posted whole', async (t) => {
  const long = finding('cert-unparseable', 'medium', { path: '/etc/docker/x.pem' }, { message: 'x'.repeat(50_000) });
  const { report, diff } = run([], [long]);
  const body = JSON.parse(buildNotification({ report, diff, format: 'json' }).body) as JsonNotification;
  t.ok(body.added[0]!.message.length <= 1000);
  t.ok(body.added[0]!.message.endsWith('…'));
});

t.test('nothing from evidence leaves, in either format', async (t) => {
  const { report, diff } = run([oldWeak, gone], [api, expiring, csr]);
  for (const format of ['json', 'slack'] as const) {
    const payload = buildNotification({ report, diff, format, hostname: 'web-1' });
    t.notOk(payload.body.includes('hunter2'), `${format}: evidence values stay out`);
    t.notOk(payload.body.includes('"evidence"'), `${format}: no evidence key`);
    t.notOk(payload.body.includes('/mnt/img'), `${format}: the --root mount path is not the location`);
  }
});

t.test('slack: fallback text, header, summary, new before resolved', async (t) => {
  const { report, diff } = run([oldWeak, gone, csr], [csr, expiring, api]);
  const payload = buildNotification({ report, diff, format: 'slack', previousAt: '2026-02-28T02:00:05.000Z', hostname: 'web-1' });
  t.equal(payload.contentType, 'application/json; charset=utf-8');
  const message = JSON.parse(payload.body) as SlackMessage;
  t.equal(message.text, 'dockprobe on web-1: 2 new findings (1 critical, 1 medium), 2 resolved');
  t.same(message.blocks[0], { type: 'header', text: { type: 'plain_text', text: 'dockprobe on web-1: 2 new findings, 2 resolved', emoji: false } });
  t.equal(message.blocks[1]!.type, 'section');
  const summary = slackTexts(message)[1]!;
  t.match(summary, /3 findings \(1 critical, 1 medium, 1 info\)/);
  t.match(summary, /1 unchanged/);
  t.match(summary, /previous run 2026-02-28T02:00:05\.000Z/);
  t.notMatch(summary, /Incomplete/);

  const all = slackTexts(message).join('\n');
  const newAt = all.indexOf('*New findings (2)*');
  const resolvedAt = all.indexOf('*Resolved (2)*');
  t.ok(newAt > 0 && resolvedAt > newAt, 'new findings, then resolved ones');
  t.ok(all.indexOf('api-unauthenticated') < all.indexOf('cert-expiring'), 'critical before medium');
  t.ok(all.indexOf('tls-cert-expired') < all.indexOf('tls-weak-key'), 'resolved high before resolved medium');
  t.ok(all.indexOf('file-leftover-csr') === -1, 'unchanged findings are counted, not listed');
  t.match(all, /`10\.0\.0\.5:2375`/);
  t.match(all, /`\/etc\/docker\/server\.pem:3`/);
  t.match(all, /Message about api-unauthenticated/, 'new findings carry their message');
  t.ok(message.blocks.some((block) => block.type === 'divider'));
  t.equal(message.blocks.at(-1)!.type, 'context');
});

t.test('slack: a finding the run could not check is listed as not checked, never resolved; a first run says so', async (t) => {
  const { report, diff } = run([gone], [], [{ kind: 'target', target: '10.0.0.7:2376', message: '10.0.0.7:2376: timeout' }]);
  t.same(diff.resolved, []);
  t.match(diff.notChecked, [{ finding: { ruleId: 'tls-cert-expired' }, reason: /could not be checked: 10\.0\.0\.7:2376: timeout/ }]);
  const message = JSON.parse(buildNotification({ report, diff, format: 'slack', previousAt: null }).body) as SlackMessage;
  const all = slackTexts(message).join('\n');
  t.match(all, /\*Incomplete:\* 1 check could not run/);
  t.match(all, /first run, no previous report/);
  t.notMatch(all, /\*Resolved/);
  t.match(all, /\*Not checked this time \(1\)\*: this run did not look there, so these are not resolved\n• \*high\* · Title of tls-cert-expired/);
  t.match(message.text, /0 new findings, 0 resolved/);
  const json = JSON.parse(buildNotification({ report, diff, format: 'json' }).body) as JsonNotification;
  t.match(json, { counts: { resolved: 0, notChecked: 1 }, resolved: [], notChecked: [{ ruleId: 'tls-cert-expired', location: '10.0.0.7:2376', reason: /timeout/ }] });
});

t.test('slack: &, < and > are escaped everywhere mrkdwn is read', async (t) => {
  const nasty = finding(
    'cert-host-not-covered',
    'high',
    { path: '/etc/docker/<b>&`x`.pem' },
    { title: 'Ping <!channel> & <https://evil.example|click>', message: 'a > b & c < d <@U123>' },
  );
  const { report, diff } = run([], [nasty]);
  const message = JSON.parse(buildNotification({ report, diff, format: 'slack', hostname: 'h<1>&' }).body) as SlackMessage;
  const mrkdwn = [message.text, ...message.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []))];
  for (const text of mrkdwn) {
    t.notMatch(text, /[<>]/, `no raw < or > in: ${text.slice(0, 60)}`);
    t.notMatch(text, /&(?!amp;|lt;|gt;)/, 'every & is an entity');
  }
  const all = mrkdwn.join('\n');
  t.match(all, 'Ping &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
  t.match(all, 'a &gt; b &amp; c &lt; d &lt;@U123&gt;');
  t.match(all, "`/etc/docker/&lt;b&gt;&amp;'x'.pem`", 'a backtick cannot end the code span early');
  t.match(message.text, 'dockprobe on h&lt;1&gt;&amp;');
  t.equal(escapeSlackText('<&>'), '&lt;&amp;&gt;');
});

t.test("slack: a fleet's first run stays within Slack's limits and says how many more", async (t) => {
  const many = Array.from({ length: 400 }, (_, i) =>
    finding('cert-expiring', (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5], { path: `/srv/hosts/host-${i}/${'deep/'.repeat(40)}cert.pem`, line: i + 1 }, { message: `m&<${'y'.repeat(2000)}` }),
  );
  const resolvedMany = Array.from({ length: 300 }, (_, i) => finding('tls-weak-key', 'medium', { target: `10.2.${Math.floor(i / 250)}.${i % 250}:2376` }));
  const { report, diff } = run(resolvedMany, many);
  const message = JSON.parse(buildNotification({ report, diff, format: 'slack' }).body) as SlackMessage;
  t.ok(message.blocks.length <= SLACK_MAX_BLOCKS, `${message.blocks.length} blocks`);
  for (const block of message.blocks) {
    if (block.type === 'section') t.ok(block.text.text.length <= SLACK_MAX_SECTION_TEXT, `section of ${block.text.text.length} characters`);
    if (block.type === 'header') t.ok(block.text.text.length <= SLACK_MAX_HEADER_TEXT);
  }
  const all = slackTexts(message).join('\n');
  const moreNew = /…and (\d+) more new findings/.exec(all);
  const moreResolved = /…and (\d+) more resolved findings/.exec(all);
  t.ok(moreNew && moreResolved, 'both lists say what they left out');
  const shownNew = (all.slice(all.indexOf('*New findings'), all.indexOf('*Resolved')).match(/^• /gm) ?? []).length;
  const shownResolved = (all.slice(all.indexOf('*Resolved')).match(/^• /gm) ?? []).length;
  t.ok(shownNew > 0 && shownResolved > 0);
  t.equal(shownNew + Number(moreNew![1]), 400, 'shown + "more" = all new findings');
  t.equal(shownResolved + Number(moreResolved![1]), 300, 'shown + "more" = all resolved findings');
  t.ok(Buffer.byteLength(JSON.stringify(message)) < 40_000, 'the POST stays small');
  t.ok(all.indexOf('*critical*') < all.indexOf('*info*') || all.indexOf('*info*') === -1, 'the worst are the ones shown');
});

t.test('slack: nothing changed still makes a well-formed message', async (t) => {
  const { report, diff } = run([api], [api]);
  const message = JSON.parse(buildNotification({ report, diff, format: 'slack' }).body) as SlackMessage;
  t.equal(message.text, 'dockprobe: 0 new findings, 0 resolved');
  t.same(message.blocks.map((block) => block.type), ['header', 'section', 'context']);
});
