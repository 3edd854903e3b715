import t from 'tap';
import type { ConfigObservation } from '../../src/config/config-observation.js';
import type { ComplianceSpec } from '../../src/compliance/compliance-spec.js';
import { evaluateCompliance, type ComplianceRule } from '../../src/compliance/evaluate-compliance.js';
import type { MachineIdentity } from '../../src/machine/machine.js';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import type { Finding } from '../../src/report/finding.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { config, DAEMON_JSON } from '../support/config-observation-builder.js';
import { mtlsEndpoint, plainEndpoint } from '../support/observation-builder.js';

/**
 * The verdict logic on hand-built reports and a small spec, with rules stood in by their ids:
 * what fails a control, what passes it, and every way it ends NOT CHECKED instead of a pass.
 */
const WEB: MachineIdentity = { key: 'web-01/1', label: 'web-01', hostname: 'web-01', machineId: null, source: 'system' };
const NOW = new Date('2026-06-01T00:00:00Z');

const SPEC: ComplianceSpec = {
  id: 'test-bench-1.0',
  title: 'Test benchmark',
  version: '1.0',
  source: 'written for this test',
  controls: [
    { id: '2.15', title: 'live restore', section: '2', level: 1, assessment: 'automated', rules: ['daemon-live', 'api-live'] },
    { id: '2.4', title: 'iptables', section: '2', level: 1, assessment: 'automated', rules: ['daemon-iptables'] },
    { id: '2.11', title: 'base device size', section: '2', level: 2, assessment: 'manual', rules: [] },
    { id: '2.17', title: 'seccomp', section: '2', level: 2, assessment: 'manual', rules: ['daemon-seccomp'] },
    { id: '3.5', title: '/etc/docker owner', section: '3', level: 1, assessment: 'automated', rules: ['daemon-file-owner'], object: 'etc-docker' },
    { id: '3.23', title: 'containerd socket owner', section: '3', level: 1, assessment: 'automated', rules: ['daemon-file-owner'], object: 'containerd-sock' },
  ],
};

/** Rules that never fire on their own: the findings of each test are placed by hand. */
const configRule = (id: string): ComplianceRule => ({ id, kind: 'config', rule: { id, checkConfig: () => [] } });
const RULES = new Map<string, ComplianceRule>([
  ['daemon-live', configRule('daemon-live')],
  ['api-live', { id: 'api-live', kind: 'endpoint', rule: { id: 'api-live', checkEndpoint: () => [], decides: (endpoint) => (endpoint.info ? { kind: 'decided' } : { kind: 'not-checked', why: 'no API access' }) } }],
  ['daemon-iptables', configRule('daemon-iptables')],
  ['daemon-seccomp', configRule('daemon-seccomp')],
  ['daemon-file-owner', configRule('daemon-file-owner')],
]);

function finding(ruleId: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: 'medium', title: ruleId, message: `${ruleId} fired`, evidence: {}, path: DAEMON_JSON, systemPath: DAEMON_JSON, line: 4, ...extra };
}

/** Section 3 facts (report format 1.8.0) for a config: /etc/docker found, no containerd socket. */
function withObjects(observation: ConfigObservation, unknown: { object: string; why: string }[] = []): ConfigObservation {
  return {
    ...observation,
    daemon: {
      ...observation.daemon,
      protectedFiles: [{ object: 'etc-docker', path: '/etc/docker', systemPath: '/etc/docker', stat: { type: 'directory', mode: 0o755, uid: 0, gid: 0, size: 4096 }, problem: null }],
      protectedObjectsAbsent: ['containerd-sock'],
      protectedObjectsUnknown: unknown,
    } as ConfigObservation['daemon'],
  };
}

function audit(input: { config?: ConfigObservation | null; findings?: Finding[]; endpoints?: EndpointObservation[] } = {}): ScanReport {
  return buildScanReport({
    startedAt: NOW,
    finishedAt: NOW,
    endpoints: input.endpoints ?? [],
    findings: input.findings ?? [],
    errors: [],
    summary: emptySummary(),
    config: input.config === undefined ? withObjects(config()) : input.config,
    scope: { kind: 'audit', targets: ['127.0.0.1'], ports: [2375, 2376], excluded: [], configRoot: '/', paths: [] },
    machine: WEB,
  });
}

const judge = (report: ScanReport, reportType: 'summary' | 'all' = 'all') =>
  evaluateCompliance(report, SPEC, RULES, { reportType, contextOf: () => ({ now: NOW, params: {} }) });
const control = (report: ScanReport, id: string) => judge(report).controls.find((entry) => entry.id === id)!;
const onMachine = (report: ScanReport, id: string) => control(report, id).results.find((result) => result.subject === WEB.key)!;

t.test('a finding of one of its rules fails the control on that machine, with the finding as evidence', async (t) => {
  const report = audit({ findings: [finding('daemon-live')] });
  const result = onMachine(report, '2.15');
  t.equal(result.status, 'FAIL');
  t.match(result.evidence, [{ ruleId: 'daemon-live', place: `${DAEMON_JSON}:4`, message: 'daemon-live fired' }]);
  t.equal(control(report, '2.15').status, 'FAIL', 'and the fleet');
  t.equal(onMachine(report, '2.4').status, 'PASS', 'another control is not touched by it');
});

t.test('a machine whose every rule could decide and found nothing passes', async (t) => {
  const result = onMachine(audit(), '2.4');
  t.equal(result.status, 'PASS');
  t.same(result.evidence, []);
  t.match(result.reasons, [/as systemd \(docker\.service\) starts it/]);
});

t.test('never a pass where the configuration was not seen', async (t) => {
  const cases: [string, ConfigObservation | null, RegExp][] = [
    ['not read at all', null, /was not read/],
    ['start-up unknown', withObjects(config({ daemon: { startup: { kind: 'unknown', why: 'an init script we do not read' } } })), /could not be read.*init script/],
    ['daemon.json does not parse', withObjects(config({ daemon: { daemonJsonError: { message: 'trailing comma', line: 7, column: 2 } } })), /does not parse \(line 7\)/],
  ];
  for (const [name, observation, why] of cases) {
    const result = onMachine(audit({ config: observation }), '2.4');
    t.equal(result.status, 'NOT CHECKED', name);
    t.match(result.reasons.join(' '), why, `${name}: says why`);
    t.equal(control(audit({ config: observation }), '2.4').status, 'NOT CHECKED', `${name}: the fleet verdict is not a pass either`);
  }
});

t.test('a machine without dockerd is not applicable, and so is a file it does not have', async (t) => {
  t.equal(onMachine(audit({ config: withObjects(config({ daemon: { present: false } })) }), '2.4').status, 'NOT APPLICABLE');
  const result = onMachine(audit(), '3.23');
  t.equal(result.status, 'NOT APPLICABLE');
  t.match(result.reasons, [/no containerd-sock/]);
});

t.test('a section 3 control counts only findings about its own object', async (t) => {
  const report = audit({ findings: [finding('daemon-file-owner', { evidence: { object: 'daemon.json' } })] });
  t.equal(onMachine(report, '3.5').status, 'PASS', 'daemon.json owned by someone else does not fail the /etc/docker control');
  const failing = audit({ findings: [finding('daemon-file-owner', { evidence: { object: 'etc-docker' }, path: '/etc/docker', systemPath: '/etc/docker', line: undefined })] });
  t.equal(onMachine(failing, '3.5').status, 'FAIL');
  t.equal(onMachine(failing, '3.5').evidence[0]!.place, '/etc/docker');
});

t.test('a section 3 object found but not examined (no lstat facts, or a symbolic link) is NOT CHECKED, not a pass', async (t) => {
  const withEtcDocker = (stat: unknown, problem: string | null) => {
    const observation = withObjects(config());
    (observation.daemon.protectedFiles as unknown[]) = [{ object: 'etc-docker', path: '/etc/docker', systemPath: '/etc/docker', stat, problem }];
    return observation;
  };
  const unseen = audit({ config: withEtcDocker(null, 'permission denied (EACCES)') });
  t.equal(onMachine(unseen, '3.5').status, 'NOT CHECKED');
  t.match(onMachine(unseen, '3.5').reasons, [/\/etc\/docker could not be examined: permission denied/]);
  const link = audit({ config: withEtcDocker({ type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 10 }, null) });
  t.equal(onMachine(link, '3.5').status, 'NOT CHECKED');
  t.match(onMachine(link, '3.5').reasons, [/symbolic link/]);
});

t.test('a section 3 object that could not be looked at is NOT CHECKED; one from before 1.8.0 too', async (t) => {
  const unreadable = audit({ config: withObjects(config(), [{ object: 'etc-docker', why: 'EACCES reading /etc' }]) });
  t.equal(onMachine(unreadable, '3.5').status, 'NOT CHECKED');
  t.match(onMachine(unreadable, '3.5').reasons, [/EACCES/]);
  const current = config();
  const { protectedFiles: _files, protectedObjectsAbsent: _absent, protectedObjectsUnknown: _unknown, ...before18 } = current.daemon;
  const old = audit({ config: { ...current, daemon: before18 as ConfigObservation['daemon'] } });
  t.equal(onMachine(old, '3.5').status, 'NOT CHECKED');
  t.match(onMachine(old, '3.5').reasons, [/before report format 1\.8\.0/]);
});

t.test('manual controls are MANUAL, with what dockprobe saw as evidence; one without rules too', async (t) => {
  const report = audit({ findings: [finding('daemon-seccomp')] });
  t.equal(onMachine(report, '2.17').status, 'MANUAL');
  t.equal(onMachine(report, '2.17').evidence.length, 1);
  t.equal(control(report, '2.17').status, 'MANUAL');
  t.equal(control(report, '2.11').status, 'MANUAL');
});

t.test('a suppressed finding still fails its control, and says who accepted it', async (t) => {
  const report: ScanReport = { ...audit(), suppressed: [{ ...finding('daemon-live', { machine: WEB.key }), suppressedBy: { entry: '.dockprobeignore:3', reason: 'accepted for the migration', expires: '2027-01-31' } }] };
  const result = onMachine(report, '2.15');
  t.equal(result.status, 'FAIL');
  t.match(result.evidence[0]!.suppressedBy, { reason: 'accepted for the migration' });
});

t.test('findings left out by --severity or --baseline keep a control from passing', async (t) => {
  const report: ScanReport = { ...audit(), omitted: { bySeverity: 2, byBaseline: 0 } };
  const result = onMachine(report, '2.4');
  t.equal(result.status, 'NOT CHECKED');
  t.match(result.reasons, [/2 finding\(s\) were left out/]);
});

t.test('endpoints: judged by their own rules, and only when the conversation was whole', async (t) => {
  const whole = { ...mtlsEndpoint(), checked: { complete: true as const } };
  const cut = { ...mtlsEndpoint({ target: '10.0.0.6:2376', host: '10.0.0.6' }), checked: { complete: false as const, reason: 'the endpoint deadline (10s) passed' } };
  const report = audit({ endpoints: [whole, cut] });
  const verdicts = judge(report);
  const live = verdicts.controls.find((entry) => entry.id === '2.15')!;
  const byTarget = (target: string) => live.results.find((result) => result.subject.endsWith(target))!;
  t.ok(whole.info, 'the builder\'s mTLS endpoint was read with API access');
  t.equal(byTarget(whole.target).status, 'PASS');
  t.match(byTarget(whole.target).reasons, [new RegExp(`decided from what ${whole.target} answered`)], 'a pass says what it was decided on');
  t.equal(byTarget('10.0.0.6:2376').status, 'NOT CHECKED');
  const blind = { ...mtlsEndpoint({ target: '10.0.0.7:2376', host: '10.0.0.7', info: null }), checked: { complete: true as const } };
  const noAccess = judge(audit({ endpoints: [blind] })).controls.find((entry) => entry.id === '2.15')!.results.find((result) => result.subject.endsWith('10.0.0.7:2376'))!;
  t.equal(noAccess.status, 'NOT CHECKED', 'the rule\'s own decides hook is asked');
  t.same(noAccess.reasons, ['no API access']);
  t.match(byTarget('10.0.0.6:2376').reasons, [/the endpoint deadline/]);
  const iptables = verdicts.controls.find((entry) => entry.id === '2.4')!.results.find((result) => result.subject.endsWith(whole.target))!;
  t.equal(iptables.status, 'NOT CHECKED', 'a control only the configuration shows is not passed by an endpoint');
  t.match(iptables.reasons, [/no dockprobe check decides this control from the Docker API/]);
  t.equal(verdicts.controls.find((entry) => entry.id === '2.4')!.status, 'NOT CHECKED', 'so the fleet cannot pass it either');
});

t.test('an endpoint that is not Docker is no subject; a scan report has no machines', async (t) => {
  const web = plainEndpoint({ target: '10.0.0.9:80', host: '10.0.0.9', port: 80, dockerApi: 'not-docker', service: 'http' });
  const report = buildScanReport({ startedAt: NOW, finishedAt: NOW, endpoints: [web], findings: [], errors: [], summary: emptySummary(), scope: { kind: 'scan', targets: ['10.0.0.9'], ports: [80], excluded: [], configRoot: null, paths: null } });
  const verdicts = judge(report);
  t.same(verdicts.subjects, []);
  t.equal(verdicts.controls.find((entry) => entry.id === '2.4')!.status, 'NOT CHECKED', 'nothing audited is not a pass');
});

t.test('totals count controls by fleet verdict', async (t) => {
  const verdicts = judge(audit({ findings: [finding('daemon-live')] }));
  const sum = Object.values(verdicts.totals).reduce((a, b) => a + b, 0);
  t.equal(sum, SPEC.controls.length);
  t.equal(verdicts.totals.FAIL, 1);
  t.equal(verdicts.totals.MANUAL, 2);
});

t.test('a hardening check that did not run (no --compliance) leaves its control NOT CHECKED, never PASS', async (t) => {
  const rules = new Map(RULES);
  rules.set('daemon-iptables', { ...configRule('daemon-iptables'), benchmark: true });
  const judgeWith = (report: ScanReport) => evaluateCompliance(report, SPEC, rules, { reportType: 'all', contextOf: () => ({ now: NOW, params: {} }) })
    .controls.find((entry) => entry.id === '2.4')!.results.find((result) => result.subject === WEB.key)!;
  const without = audit();
  t.equal(without.machines[0]!.benchmarkRules, false, 'the report says the hardening checks did not run');
  t.equal(judgeWith(without).status, 'NOT CHECKED');
  t.match(judgeWith(without).reasons, [/run only with --compliance/]);
  const withChecks: ScanReport = { ...without, machines: without.machines.map((machine) => ({ ...machine, benchmarkRules: true })) };
  t.equal(judgeWith(withChecks).status, 'PASS', 'once they ran and found nothing, it passes');
});

t.test('a rule that threw leaves its control NOT CHECKED, with the error', async (t) => {
  const report: ScanReport = { ...audit(), errors: [{ kind: 'rule', ruleId: 'daemon-iptables', message: 'rule daemon-iptables threw on the configuration under /: boom' }] };
  const result = onMachine(report, '2.4');
  t.equal(result.status, 'NOT CHECKED');
  t.match(result.reasons, [/threw .*boom/]);
  t.equal(onMachine(report, '2.15').status, 'PASS', 'other rules\' controls are not touched');
});
