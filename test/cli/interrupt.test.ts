/**
 * Ctrl-C and `kill` in the middle of a scan: the first signal ends the scan and still writes
 * the report of what was gathered, marked incomplete, exit 130 (SIGINT) or 143 (SIGTERM). A
 * second signal exits at once. The real CLI, real signals, look-alike servers on loopback.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startFakeDockerApi, startTarpit, type LookalikeServer } from '../helpers/lookalikes.js';
import { reportProblems } from '../helpers/report-validation.js';
import { CLI, EMPTY_HOME } from '../helpers/run-cli.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import type { ScanReport } from '../../src/report/scan-report.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-interrupt-'));
const servers: LookalikeServer[] = [];
t.teardown(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

// An open Docker API answers at once; the tarpit holds its probe for the whole --timeout.
const api = await startFakeDockerApi({ host: '127.0.0.71', port: 0 });
const tarpit = await startTarpit({ host: '127.0.0.72', port: 0 });
servers.push(api, tarpit);
// The alert endpoint, not a scan target: it reads the POST and never answers.
const hangingWebhook = await startWebhookReceiver({ script: [{ status: 200, hang: true }] });
t.teardown(() => hangingWebhook.close());
const targets = [`127.0.0.71:${api.port}`, `127.0.0.72:${tarpit.port}`];

interface Interrupted {
  status: number | null;
  stderr: string;
  /** ms from the last signal to the exit. */
  exitAfterMs: number;
}

/** Starts the CLI, sends `signals` at the given ms after start, and waits for it to exit. */
function runAndSignal(args: string[], signals: Array<{ atMs: number; signal: NodeJS.Signals }>): Promise<Interrupted> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: EMPTY_HOME, timeout: 60_000 });
    let stderr = '';
    let lastSignalAt = 0;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    const timers = signals.map(({ atMs, signal }) =>
      setTimeout(() => {
        lastSignalAt = Date.now();
        child.kill(signal);
      }, atMs),
    );
    child.on('close', (status) => {
      timers.forEach(clearTimeout);
      resolve({ status, stderr, exitAfterMs: Date.now() - lastSignalAt });
    });
  });
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  t.test(`${signal}: the report of what was gathered is written, marked incomplete, exit ${code}`, async (t) => {
    const output = join(dir, `${signal}.json`);
    const sarif = join(dir, `${signal}.sarif`);
    const run = await runAndSignal(['scan', ...targets, '--timeout', '30000', '-f', 'json', '-o', output, '--report', `sarif:${sarif}`], [{ atMs: 2500, signal }]);
    t.equal(run.status, code, run.stderr);
    t.ok(run.exitAfterMs < 3000, `exited ${run.exitAfterMs} ms after the signal, not after the 30 s timeout`);
    t.match(run.stderr, new RegExp(`${signal}: stopping the scan and writing what was gathered`));
    t.ok(existsSync(sarif), 'every requested output is written');
    const text = readFileSync(output, 'utf8');
    t.same(reportProblems(text), [], 'the partial report matches the schema');
    const report = JSON.parse(text) as ScanReport;
    t.equal(report.complete, false);
    const open = report.endpoints.find((endpoint) => endpoint.target === targets[0]);
    t.match(open, { dockerApi: 'confirmed', accessGrantedBy: ['plaintext'], unfinished: null }, 'what finished before the signal is all there');
    t.ok(report.findings.some((finding) => finding.target === targets[0] && finding.severity === 'critical'), 'with its findings');
    const held = report.endpoints.find((endpoint) => endpoint.target === targets[1]);
    t.match(held, { state: 'open', unfinished: new RegExp(`^interrupted by ${signal} before the endpoint was fully checked`) });
    t.match(report.errors, [{ kind: 'target', target: targets[1], message: new RegExp(`interrupted by ${signal}`) }]);
  });
}

t.test('a second signal exits at once, without waiting for the report to be delivered', async (t) => {
  // The first signal ends the scan; delivery then hangs on a webhook that never answers.
  const state = join(dir, 'state.json');
  const run = await runAndSignal(
    ['scan', targets[0]!, '-f', 'json', '-o', join(dir, 'second.json'), '--state', state, '--notify', hangingWebhook.url],
    [
      { atMs: 2000, signal: 'SIGINT' },
      { atMs: 3000, signal: 'SIGINT' },
    ],
  );
  t.equal(run.status, 130, run.stderr);
  t.ok(run.exitAfterMs < 1000, `exited ${run.exitAfterMs} ms after the second signal`);
  t.match(run.stderr, /SIGINT again: exiting now; whatever was not yet written or sent is dropped/);
  t.notOk(existsSync(state), 'the state is not moved forward by a run that was abandoned');
  t.equal(hangingWebhook.requests.length, 1, 'delivery was under way when the second signal came');
});

t.test('no signal: the same scan ends normally, complete, with its usual exit code', async (t) => {
  const output = join(dir, 'normal.json');
  const run = await runAndSignal(['scan', targets[0]!, '-f', 'json', '-o', output], []);
  t.equal(run.status, 1, 'findings at or above high');
  t.equal((JSON.parse(readFileSync(output, 'utf8')) as ScanReport).complete, true);
});
