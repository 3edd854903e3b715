/**
 * Issue 12, part 2: a verdict only from what was seen. A port that answers plain HTTP exactly
 * as dockerd does on its TLS port, then never answers a ClientHello, has told us it speaks TLS
 * and nothing about who gets in. It must never read "refuses unauthenticated requests" with
 * exit 0: it is not fully checked, listed under "Could not check", and the exit code is 4.
 */
import t from 'tap';
import { GO_PLAIN_TO_TLS_ANSWER, startTlsHintThenSilence } from '../helpers/hostile-servers.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { runCli } from '../helpers/run-cli.js';
import { probeEndpoint } from '../../src/network/probe-endpoint.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import { describeExposure } from '../../src/report/exposure.js';
import { endpointFor } from '../support/scan-in-process.js';

const HOST = '127.0.0.122';
const TIMEOUT_MS = 300;

const stub = await startTlsHintThenSilence({ host: HOST, port: 0 });
t.teardown(() => stub.close());

t.test('the stub says what dockerd says to plain HTTP, byte for byte', async (t) => {
  const { connect } = await import('node:net');
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(stub.port, HOST, () => socket.write(`GET /_ping HTTP/1.1\r\nHost: ${stub.target}\r\nx-dockprobe-test-direct: 1\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(2000, () => socket.destroy(new Error('no answer')));
  });
  t.equal(answer, GO_PLAIN_TO_TLS_ANSWER);
});

t.test('the observation: the port speaks TLS, the handshake got no answer, so it is not fully checked', async (t) => {
  const observation = await probeEndpoint(
    { host: HOST, port: stub.port, named: true, source: null },
    {
      timeoutMs: TIMEOUT_MS,
      targetDeadline: { ms: 20_000, label: '--target-timeout 20s' },
      credentials: { caPem: null, caOrigin: null, user: null, warnings: [] },
      untrustedIdentity: lazyUntrustedIdentity(),
    },
  );
  t.match(observation, { state: 'open', transport: 'tls', dockerApi: 'unconfirmed', error: null });
  t.match(observation.attempts.find((a) => a.name === 'plaintext'), { outcome: 'skipped', detail: /speaks TLS/ }, 'a 400 asking for HTTPS is not a refusal');
  t.match(observation.attempts.find((a) => a.name === 'tls-no-client-cert'), { outcome: 'error', detail: /TIMEOUT/ });
  t.notOk(observation.attempts.some((a) => a.outcome === 'refused'), 'nothing refused us: nothing answered');
  t.match(observation.checked, { complete: false, reason: /TLS was seen, but no attempt got an answer \(tls-no-client-cert: TIMEOUT/ });
  t.equal(observation.unfinished, observation.checked.complete ? null : observation.checked.reason, 'unfinished is the same decision');
  const exposure = describeExposure(observation);
  t.match(exposure, /^unknown: /);
  t.notMatch(exposure, /refuses|protected|requires/);
});

t.test('the CLI: not "refuses", listed under could-not-check, exit 4', async (t) => {
  const json = await runCli(['scan', stub.target, '--timeout', String(TIMEOUT_MS), '-f', 'json'], { timeoutMs: 60_000 });
  t.equal(json.status, 4, `exit 4 (stderr: ${json.stderr.trim() || 'empty'})`);
  const report = assertValidReport(t, json.stdout);
  t.equal(report.complete, false);
  t.same(report.findings, []);
  const endpoint = endpointFor(report, stub.target);
  t.match(endpoint, { checked: { complete: false }, unfinished: /no attempt got an answer/, exposure: /^unknown: / });
  t.match(report.errors, [{ kind: 'target', target: stub.target, message: new RegExp(`^${stub.target.replace(/\./g, '\\.')}: TLS was seen, but no attempt got an answer`) }]);

  const table = await runCli(['scan', stub.target, '--timeout', String(TIMEOUT_MS)], { timeoutMs: 60_000 });
  t.equal(table.status, 4);
  t.notMatch(table.stdout, /refuses unauthenticated requests/);
  t.match(table.stdout, /Could not check \(these are not passes\):\n {2}- 127\.0\.0\.122:\d+: TLS was seen, but no attempt got an answer/);
  t.match(table.stdout, /1 not fully checked/, 'the summary says so too');
});
