/**
 * Issue 12, part 3: "resolved" means "looked again and it is gone". A cron job whose target
 * list shrinks, or a config report compared with a scan report, must never announce a finding
 * as fixed because the newer run did not look there; an endpoint looked at again and gone still is.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startFakeDockerApi } from '../helpers/lookalikes.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

interface Item {
  ruleId: string;
  location: string;
}
interface Posted {
  counts: { added: number; resolved: number; notChecked: number };
  added: Item[];
  resolved: Item[];
  notChecked: (Item & { reason: string })[];
}
interface DiffBody {
  counts: { added: number; resolved: number; notChecked: number; unchanged: number };
  resolved: { ruleId: string }[];
  notChecked: { ruleId: string; target?: string; path?: string; notCheckedBecause: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-rechecked-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const dockprobe = (args: string[]): Promise<CliRun> => runCli(args, { cwd: dir, timeoutMs: 60_000 });

const kept = await startFakeDockerApi({ host: '127.0.0.123', port: 0 });
const dropped = await startFakeDockerApi({ host: '127.0.0.124', port: 0 });
const hook = await startWebhookReceiver();
t.teardown(async () => {
  await Promise.all([kept.close(), dropped.close(), hook.close()]);
});
const KEPT = `127.0.0.123:${kept.port}`;
const DROPPED = `127.0.0.124:${dropped.port}`;

const cron = (targets: string[]) => dockprobe(['scan', ...targets, '-f', 'json', '-o', 'last.json', '--state', 'state.json', '--notify', hook.url, '--fail-on', 'none', '--timeout', '2000']);
const posted = (index: number): Posted => JSON.parse(hook.requests[index]!.body) as Posted;
const locations = (items: Item[]) => [...new Set(items.map((item) => item.location))].sort();

t.test('a cron job whose target list shrinks announces nothing as resolved; a host looked at again and gone is', async (t) => {
  const first = await cron([KEPT, DROPPED]);
  t.equal(first.status, 0, first.stderr);
  t.equal(hook.requests.length, 1);
  t.same(locations(posted(0).added), [KEPT, DROPPED], 'run 1: both open APIs are new');
  copyFileSync(join(dir, 'last.json'), join(dir, 'both.json'));

  // The inventory loses a line; the daemon behind it is still wide open.
  const narrowed = await cron([KEPT]);
  t.equal(narrowed.status, 0, narrowed.stderr);
  t.equal(hook.requests.length, 1, 'run 2: nothing new and nothing resolved, so nothing is posted');
  t.match(narrowed.stderr, new RegExp(`warning: --state "state.json": the last run covered other places than this one: targets the newer run did not probe: ${DROPPED.replace(/\./g, '\\.')}; findings there are not checked this time, not resolved`));
  t.match(narrowed.stderr, /0 new, 0 resolved, \d+ unchanged, \d+ not checked this run \(kept for the next\)/);
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { findings: { target?: string }[] };
  t.ok(state.findings.some((finding) => finding.target === DROPPED), "the dropped target's findings are kept in the state for the next run");
  copyFileSync(join(dir, 'last.json'), join(dir, 'narrowed.json'));
  const baselined = await dockprobe(['scan', KEPT, '-f', 'json', '--baseline', 'both.json', '--fail-on', 'none']);
  t.match(baselined.stderr, /warning: --baseline "both\.json" covers other places than this run: targets the newer run did not probe/, '--baseline warns too');

  const diff = await dockprobe(['report', 'diff', 'both.json', 'narrowed.json', '-f', 'json']);
  t.equal(diff.status, 0, diff.stderr);
  t.match(diff.stderr, /warning: report diff: the reports cover different places: targets the newer run did not probe/);
  const body = JSON.parse(diff.stdout) as DiffBody;
  t.same(body.resolved, [], 'report diff: nothing resolved');
  t.ok(body.notChecked.length > 0 && body.notChecked.every((finding) => finding.target === DROPPED && /not in this scan report's scope/.test(finding.notCheckedBecause)), 'report diff: the dropped target is "not checked this time"');
  const table = await dockprobe(['report', 'diff', 'both.json', 'narrowed.json']);
  t.match(table.stdout, /Resolved: none\n\nNot checked this time \(not in the new report, which did not look there; not resolved\) \(\d+\)/);

  // The target is back in the list, and its daemon is gone: looked at again, and it is gone.
  await dropped.close();
  const rechecked = await cron([KEPT, DROPPED]);
  t.equal(rechecked.status, 0, rechecked.stderr);
  t.equal(hook.requests.length, 2, 'run 3: the change is posted');
  const third = posted(1);
  t.same(locations(third.resolved), [DROPPED], 'run 3: the closed port was checked again, so its findings are resolved');
  t.equal(third.counts.added, 0);
  t.same(third.notChecked, []);
});

t.test('a config report diffed with a scan report warns, and calls nothing resolved either way', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/docker/daemon.json', '{ "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"] }\n');
  const config = await dockprobe(['config', '--root', root, '-f', 'json', '-o', 'config.json', '--fail-on', 'none']);
  t.equal(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).scope.kind, 'config', config.stderr);
  const scanned = await dockprobe(['scan', KEPT, '-f', 'json', '-o', 'scan.json', '--fail-on', 'none']);
  t.equal(scanned.status, 0, scanned.stderr);

  for (const [older, newer, lost] of [['config.json', 'scan.json', /the machine root:.* is not among the machines this scan report audited/], ['scan.json', 'config.json', /not in this config report's scope/]] as const) {
    const run = await dockprobe(['report', 'diff', older, newer, '-f', 'json']);
    const [olderKind, newerKind] = [older, newer].map((name) => name.replace('.json', ''));
    t.match(run.stderr, new RegExp(`warning: report diff: the reports cover different places: the older report is a ${olderKind} report, the newer a ${newerKind} report`), `${older} → ${newer}: warned`);
    const body = JSON.parse(run.stdout) as DiffBody;
    t.same(body.resolved, [], `${older} → ${newer}: nothing resolved`);
    t.ok(body.notChecked.length > 0, `${older} → ${newer}: the older findings are listed as not checked`);
    for (const finding of body.notChecked) t.match(finding.notCheckedBecause, lost, `${older} → ${newer}: ${finding.ruleId}`);
  }
});
