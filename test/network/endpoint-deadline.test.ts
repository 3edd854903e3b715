/**
 * What bounds one endpoint: the per-endpoint deadline (--target-timeout), the scan's interrupt,
 * and a name that does not resolve. Each ends in a state a reader can act on, within its bound.
 */
import t from 'tap';
import { startSlowDrip } from '../helpers/hostile-servers.js';
import { probeEndpoint, type ProbeSettings } from '../../src/network/probe-endpoint.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { runScan } from '../../src/scan/run-scan.js';
import type { Probe } from '../../src/targets/expand-targets.js';

const HOST = '127.0.0.70';
const NO_CREDENTIALS = { caPem: null, caOrigin: null, user: null, warnings: [] };

function settings(overrides: Partial<ProbeSettings> = {}): ProbeSettings {
  return {
    timeoutMs: 5000,
    targetDeadline: { ms: 1000, label: '--target-timeout 1s' },
    credentials: NO_CREDENTIALS,
    untrustedIdentity: lazyUntrustedIdentity(),
    ...overrides,
  };
}

function probe(host: string, port: number): Probe {
  return { host, port, named: true, source: null };
}

// Answers with a status line one byte every 100 ms: each byte resets nothing in dockprobe, but
// a per-read idle timer would never fire.
const drip = await startSlowDrip({ host: HOST, port: 0, where: 'status-line', intervalMs: 100 });
t.teardown(() => drip.close());

t.test('a peer that drips one byte at a time is cut off by --target-timeout, not after minutes', async (t) => {
  const began = Date.now();
  const observation = await probeEndpoint(probe(HOST, drip.port), settings());
  const took = Date.now() - began;
  t.ok(took >= 950 && took < 1800, `ended at the 1 s deadline although each request may take 5 s (took ${took} ms)`);
  t.match(observation, { state: 'open', error: null, unfinished: /^stopped by --target-timeout 1s before the endpoint was fully checked$/ });
  t.match(observation.attempts, [{ name: 'plaintext', outcome: 'error', detail: /^stopped by --target-timeout 1s/ }]);
});

t.test('without the deadline, the same peer is bounded by --timeout per request', async (t) => {
  const observation = await probeEndpoint(probe(HOST, drip.port), settings({ timeoutMs: 400, targetDeadline: { ms: 60_000, label: '--target-timeout 60s' } }));
  t.match(observation.attempts[0], { name: 'plaintext', outcome: 'error', detail: /^TIMEOUT: no complete answer within 400 ms/ });
  t.ok(observation.durationMs < 60_000, 'the deadline did not have to act');
});

t.test('an interrupt ends a conversation in flight at once, and says so', async (t) => {
  const interrupt = new AbortController();
  const began = Date.now();
  setTimeout(() => interrupt.abort('interrupted by SIGINT'), 300);
  const observation = await probeEndpoint(probe(HOST, drip.port), settings({ targetDeadline: { ms: 30_000, label: '--target-timeout 30s' }, stop: interrupt.signal }));
  const took = Date.now() - began;
  t.ok(took < 900, `ended right after the signal (took ${took} ms)`);
  t.match(observation.unfinished, /^interrupted by SIGINT before the endpoint was fully checked/);
});

t.test('an interrupt before the connect: nothing is sent, and the endpoint is an error, not closed', async (t) => {
  const interrupt = new AbortController();
  interrupt.abort('interrupted by SIGTERM');
  const observation = await probeEndpoint(probe(HOST, drip.port), settings({ stop: interrupt.signal }));
  t.match(observation, { state: 'error', error: /^interrupted by SIGTERM before TCP connect finished$/, attempts: [] });
});

t.test('a name that does not resolve: one line naming the name, the resolver code, and what to do', async (t) => {
  const failing = (code: string) => async (): Promise<string> => {
    throw Object.assign(new Error(`getaddrinfo ${code} docker1.example`), { code });
  };
  const missing = await probeEndpoint(probe('docker1.example', 2376), settings({ resolve: failing('ENOTFOUND') }));
  t.match(missing, { state: 'error', address: null, error: 'cannot resolve "docker1.example": ENOTFOUND (no such name; check the spelling, or give the IP address)', unfinished: null });
  const noServer = await probeEndpoint(probe('docker1.example', 2376), settings({ resolve: failing('EAI_AGAIN') }));
  t.match(noServer.error, /^cannot resolve "docker1\.example": EAI_AGAIN \(no answer from a DNS server .*resolv\.conf/);
});

t.test('a resolver that never answers is bounded by the endpoint deadline', async (t) => {
  const began = Date.now();
  const observation = await probeEndpoint(probe('docker1.example', 2376), settings({ resolve: () => new Promise<string>(() => {}) }));
  const took = Date.now() - began;
  t.ok(took < 1800, `took ${took} ms`);
  t.match(observation, { state: 'error', error: 'stopped by --target-timeout 1s while resolving "docker1.example"', unfinished: /^stopped by --target-timeout 1s/ });
});

t.test('runScan: after an interrupt no probe starts, those in flight end, and the report says what was left', async (t) => {
  const interrupt = new AbortController();
  // 40 probes of the drip, 2 at a time: uninterrupted, this would take 40 × 1 s / 2 = 20 s.
  const probes = Array.from({ length: 40 }, () => probe(HOST, drip.port));
  setTimeout(() => interrupt.abort('interrupted by SIGINT'), 1500);
  const began = Date.now();
  const outcome = await runScan({
    probes: probes.values(),
    concurrency: 2,
    stop: interrupt.signal,
    probeSettings: settings({ stop: interrupt.signal }),
    rules: ENDPOINT_RULES,
    metadata: loadRuleMetadata(),
    evaluation: { now: new Date('2026-11-23T00:00:00Z'), parameters: {} },
  });
  const took = Date.now() - began;
  t.ok(took < 2300, `returned promptly after the signal (took ${took} ms)`);
  t.ok(outcome.endpoints.length >= 2 && outcome.endpoints.length <= 6, `kept the ${outcome.endpoints.length} endpoints observed or in flight`);
  t.ok(outcome.endpoints.some((endpoint) => /^interrupted by SIGINT/.test(endpoint.unfinished ?? '')), 'those in flight are marked interrupted');
  const sweep = outcome.errors.filter((error) => error.kind === 'sweep');
  t.match(sweep, [{ message: new RegExp(`^interrupted by SIGINT after ${outcome.summary.probes} probe\\(s\\): the rest of the targets were not probed`) }]);
  t.equal(outcome.errors.filter((error) => error.kind === 'target').length, outcome.endpoints.length, 'every unfinished endpoint is an error entry');
});
