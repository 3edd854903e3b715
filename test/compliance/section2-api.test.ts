/**
 * CIS Docker section 2 decided from the API: endpoints built from raw GET /info answers (read by
 * the scan's own extractInfoFacts, icc by its default-bridge parser), judged by the real endpoint
 * rules with --compliance, then by evaluateCompliance with the shipped spec. What users rely on:
 * a weak daemon FAILs each control the API shows, a hardened one PASSes them except 2.3 (the log
 * level is not in /info), and a daemon that did not say, or an endpoint the scan had no API access
 * to, is NOT CHECKED with the reason, never PASS.
 */
import t from 'tap';
import type { SubjectControlResult } from '../../src/compliance/compliance-report.js';
import { complianceRules } from '../../src/compliance/compliance-rules.js';
import { loadComplianceSpec } from '../../src/compliance/compliance-spec.js';
import { evaluateCompliance } from '../../src/compliance/evaluate-compliance.js';
import { defaultBridgeIcc } from '../../src/network/default-bridge.js';
import { extractInfoFacts } from '../../src/network/docker-info.js';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import type { Finding } from '../../src/report/finding.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { attempts, mtlsEndpoint } from '../support/observation-builder.js';
import { DEFAULT_NOW } from '../support/rule-tester.js';

const NOW = new Date(DEFAULT_NOW);
const metadata = loadRuleMetadata();
const spec = loadComplianceSpec('cis-docker-1.7.0');

/** The section 2 controls the API speaks to through GET /info (and the default bridge). */
const AUTOMATED = ['2.2', '2.3', '2.5', '2.6', '2.9', '2.13', '2.15'];
const MANUAL = ['2.1', '2.17', '2.18'];

const BUILT_IN_REGISTRIES = { InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } } };

const HARDENED_INFO = {
  ServerVersion: '24.0.7',
  Driver: 'overlay2',
  LoggingDriver: 'syslog',
  LiveRestoreEnabled: true,
  ExperimentalBuild: false,
  Debug: false,
  SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=userns', 'name=cgroupns'],
  RegistryConfig: BUILT_IN_REGISTRIES,
  Plugins: { Authorization: ['opa-docker-authz'] },
};

const WEAK_INFO = {
  ...HARDENED_INFO,
  Driver: 'aufs',
  LoggingDriver: 'json-file',
  LiveRestoreEnabled: false,
  ExperimentalBuild: true,
  Debug: true,
  SecurityOptions: ['name=apparmor', 'name=seccomp,profile=unconfined', 'name=cgroupns'],
  RegistryConfig: {
    InsecureRegistryCIDRs: ['::1/128', '10.0.0.0/8', '127.0.0.0/8'],
    IndexConfigs: { ...BUILT_IN_REGISTRIES.IndexConfigs, 'registry.internal:5000': { Name: 'registry.internal:5000', Mirrors: [], Secure: false, Official: false } },
  },
};

/** An old or odd daemon: none of the section 2 fields, no SecurityOptions. */
const SILENT_INFO = { ServerVersion: '1.12.6', Plugins: { Authorization: null } };

const bridge = (icc: 'true' | 'false') => ({ Name: 'bridge', Driver: 'bridge', Options: { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': icc } });

/** An endpoint reached with the user's certificate, its facts read from the raw answers as the scan reads them. */
function endpoint(host: string, info: Record<string, unknown>, bridgeBody: Record<string, unknown> | null): EndpointObservation {
  const facts = extractInfoFacts(JSON.stringify(info));
  if (!facts) throw new Error('the test /info does not parse');
  const answer = bridgeBody
    ? { ok: true as const, response: { status: 200, headers: {}, body: JSON.stringify(bridgeBody), truncated: false } }
    : { ok: true as const, response: { status: 404, headers: {}, body: '{"message":"network bridge not found"}', truncated: false } };
  facts.defaultBridgeIcc = defaultBridgeIcc(answer).icc;
  return mtlsEndpoint({ target: `${host}:2376`, host, address: host, info: facts });
}

/** Mutual TLS, and no client certificate given: every way in refused, nothing read. Fully checked. */
function withoutAccess(host: string): EndpointObservation {
  return mtlsEndpoint({
    target: `${host}:2376`, host, address: host, dockerApi: 'unconfirmed', docker: null, info: null,
    attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'refused' }),
  });
}

const WEAK = endpoint('10.0.0.1', WEAK_INFO, bridge('true'));
const HARDENED = endpoint('10.0.0.2', HARDENED_INFO, bridge('false'));
const SILENT = endpoint('10.0.0.3', SILENT_INFO, null);
const BLIND = withoutAccess('10.0.0.4');
const NO_BRIDGE = endpoint('10.0.0.5', HARDENED_INFO, null);

function judged() {
  const endpoints = [WEAK, HARDENED, SILENT, BLIND, NO_BRIDGE];
  const findings: Finding[] = [];
  for (const observation of endpoints) {
    const run = evaluateEndpoint(observation, ENDPOINT_RULES, metadata, { now: NOW, benchmark: true });
    if (run.errors.length > 0) throw new Error(`rules failed: ${JSON.stringify(run.errors)}`);
    findings.push(...run.findings);
  }
  const report = buildScanReport({
    startedAt: NOW, finishedAt: NOW, endpoints, findings, errors: [], summary: emptySummary(), benchmarkRules: true,
    scope: { kind: 'scan', targets: endpoints.map((entry) => entry.host), ports: [2376], excluded: [], configRoot: null, paths: null },
  });
  const rules = complianceRules(metadata);
  return evaluateCompliance(report, spec, rules, { reportType: 'all', contextOf: () => ({ now: NOW, params: { localDrivers: 'json-file,local,none,journald' } }) });
}

const compliance = judged();
function result(control: string, observation: EndpointObservation): SubjectControlResult {
  const entry = compliance.controls.find((candidate) => candidate.id === control);
  if (!entry) throw new Error(`the spec has no control ${control}`);
  return entry.results.find((candidate) => candidate.subject === observation.target)!;
}
const ruleIds = (entry: SubjectControlResult) => [...new Set(entry.evidence.map((evidence) => evidence.ruleId))];

t.test('a weak daemon fails every automated control /info shows, each with its API rule as evidence', async (t) => {
  const expected: Record<string, string> = {
    '2.2': 'api-icc-enabled', '2.3': 'api-debug-logging', '2.5': 'api-insecure-registry', '2.6': 'api-aufs-storage',
    '2.9': 'api-userns-off', '2.13': 'api-local-logging', '2.15': 'api-live-restore-off',
  };
  for (const [control, ruleId] of Object.entries(expected)) {
    const entry = result(control, WEAK);
    t.equal(entry.status, 'FAIL', `${control} fails`);
    t.same(ruleIds(entry), [ruleId], `${control}: the evidence is ${ruleId}`);
    t.ok(entry.evidence.every((evidence) => evidence.place === WEAK.target), `${control}: the evidence points at the endpoint`);
  }
  t.equal(result('2.5', WEAK).evidence.length, 2, '2.5: one piece of evidence per insecure registry (a CIDR and a name)');
});

t.test('manual controls stay MANUAL, carrying what the API showed', async (t) => {
  const expected: Record<string, string> = { '2.1': 'api-rootful', '2.17': 'api-seccomp-unconfined', '2.18': 'api-experimental' };
  for (const [control, ruleId] of Object.entries(expected)) {
    const entry = result(control, WEAK);
    t.equal(entry.status, 'MANUAL', `${control} is for a person to judge`);
    t.same(ruleIds(entry), [ruleId], `${control}: with ${ruleId}'s evidence`);
  }
  t.same(ruleIds(result('2.17', HARDENED)), [], '2.17: the built-in seccomp profile gives no evidence');
  t.same(ruleIds(result('2.18', HARDENED)), [], '2.18: experimental off gives no evidence');
  t.same(ruleIds(result('2.1', HARDENED)), ['api-rootful'], '2.1: a userns-remapped daemon is still rootful');
});

t.test('a hardened daemon passes what the API can decide; 2.3 is not checked, since /info has no log level', async (t) => {
  for (const control of AUTOMATED.filter((id) => id !== '2.3')) {
    const entry = result(control, HARDENED);
    t.equal(entry.status, 'PASS', `${control} passes: ${entry.reasons.join('; ')}`);
    t.same(entry.evidence, [], `${control}: no finding`);
  }
  const logging = result('2.3', HARDENED);
  t.equal(logging.status, 'NOT CHECKED', '2.3: Debug false does not pass it');
  t.match(logging.reasons.join(' '), /shows only whether debug is on; the log level is in the configuration/);
});

t.test('no default bridge: 2.2 is not checked, and says why', async (t) => {
  const entry = result('2.2', NO_BRIDGE);
  t.equal(entry.status, 'NOT CHECKED');
  t.match(entry.reasons.join(' '), /no default bridge network/);
  t.equal(result('2.15', NO_BRIDGE).status, 'PASS', 'the rest of /info still decides');
});

t.test('a daemon that did not send the fields: every /info control NOT CHECKED, never PASS', async (t) => {
  for (const control of AUTOMATED) {
    const entry = result(control, SILENT);
    t.equal(entry.status, 'NOT CHECKED', `${control}: ${entry.reasons.join('; ')}`);
    t.match(entry.reasons.join(' '), /did not send|listed no SecurityOptions|no default bridge/, `${control}: says what was missing`);
  }
  t.match(result('2.9', SILENT).reasons.join(' '), /listed no SecurityOptions/);
  t.match(result('2.15', SILENT).reasons.join(' '), /LiveRestoreEnabled/);
});

t.test('an endpoint without API access: every /info control NOT CHECKED, never PASS, naming the client certificate flags', async (t) => {
  for (const control of AUTOMATED) {
    const entry = result(control, BLIND);
    t.equal(entry.status, 'NOT CHECKED', `${control} is not checked`);
    t.match(entry.reasons.join(' '), /no API access on 10\.0\.0\.4:2376.*--tlscert FILE --tlskey FILE, or --cert-path DIR/, `${control}: says how to get access`);
  }
  for (const control of MANUAL) {
    const entry = result(control, BLIND);
    t.equal(entry.status, 'MANUAL', `${control} stays manual`);
    t.same(entry.evidence, [], `${control}: no evidence was seen, none is claimed`);
  }
  // 2.7 is about who gets in, which a refusal answers; every other control needs what the API says.
  for (const control of compliance.controls.filter((entry) => entry.id !== '2.7')) {
    const entry = control.results.find((candidate) => candidate.subject === BLIND.target);
    t.not(entry?.status, 'PASS', `${control.id} never passes on an endpoint whose API was not read`);
  }
});
