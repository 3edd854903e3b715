/**
 * CIS Docker 1.7.0 section 2, decided from a machine's configuration end to end: fixture roots
 * written at test time, read by the real config collector, judged by the real rules (with the
 * benchmark checks on, as --compliance runs them), and answered by evaluateCompliance. One
 * hardened root passes every automated section 2 control these rules decide; each failing root
 * changes one setting of it and must fail that control, pointing at the setting's file:line,
 * while the other controls still pass. A daemon.json that cannot be read is never a pass.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import t, { type Test } from 'tap';
import type { ControlResult, SubjectControlResult } from '../../src/compliance/compliance-report.js';
import { complianceRules } from '../../src/compliance/compliance-rules.js';
import { loadComplianceSpec, type ComplianceSpec } from '../../src/compliance/compliance-spec.js';
import { evaluateCompliance } from '../../src/compliance/evaluate-compliance.js';
import { collectConfig } from '../../src/config/collect-config.js';
import type { MachineIdentity } from '../../src/machine/machine.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { parametersFor } from '../../src/rule-engine/run-rules.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';
import { HARDENED_DAEMON_JSON } from '../support/hardened-daemon-json.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const MACHINE: MachineIdentity = { key: 'web-01/1', label: 'web-01', hostname: 'web-01', machineId: null, source: 'system' };
const metadata = loadRuleMetadata();
const rules = complianceRules(metadata);

/**
 * Section 2 of the shipped spec, each control keeping the rules this branch has: the spec also
 * names api-* rules (and other helpers' rules) that are written in parallel and merged later.
 */
const full = loadComplianceSpec('cis-docker-1.7.0');
const SPEC: ComplianceSpec = {
  ...full,
  controls: full.controls.filter((control) => control.id.startsWith('2.')).map((control) => ({ ...control, rules: control.rules.filter((id) => rules.has(id)) })),
};

/** The automated section 2 controls the daemon-* hardening rules decide. */
const AUTOMATED = ['2.2', '2.3', '2.4', '2.5', '2.6', '2.9', '2.12', '2.13', '2.14', '2.15', '2.16'];

const UNIT_PATH = '/lib/systemd/system/docker.service';
const JSON_PATH = '/etc/docker/daemon.json';
const unit = (flags = '') => `[Unit]\nDescription=Docker Application Container Engine\n\n[Service]\nExecStart=/usr/bin/dockerd${flags ? ` ${flags}` : ''} --containerd=/run/containerd/containerd.sock\n`;


interface Root {
  files: Record<string, string | Buffer>;
  /** Symbolic links to make: system path -> link target. */
  links?: Record<string, string>;
}

/** Writes the root, audits it as `audit --compliance` would, and answers the spec for its machine. */
function judge(t: Test, root: Root): Map<string, { control: ControlResult; result: SubjectControlResult }> {
  const dir = scratchRoot(t, null);
  for (const [path, content] of Object.entries(root.files)) write(dir, path, content);
  for (const [path, target] of Object.entries(root.links ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  const config = collectConfig({ root: dir, env: {} });
  const { findings, errors } = evaluateConfig(config, CONFIG_RULES, metadata, { now: NOW, benchmark: true });
  const report = buildScanReport({
    startedAt: NOW, finishedAt: NOW, endpoints: [], findings, errors, summary: emptySummary(), config,
    scope: { kind: 'audit', targets: [], ports: [], excluded: [], configRoot: dir, paths: [] },
    machine: MACHINE, benchmarkRules: true,
  });
  const compliance = evaluateCompliance(report, SPEC, rules, {
    reportType: 'all',
    contextOf: (id) => ({ now: NOW, params: parametersFor(metadata.get(id)!) }),
  });
  return new Map(compliance.controls.map((control) => [control.id, { control, result: control.results.find((entry) => entry.subject === MACHINE.key)! }]));
}

/** The hardened daemon.json with some keys changed (undefined removes one), and its text. */
function daemonJson(changes: Record<string, unknown> = {}): string {
  const values: Record<string, unknown> = { ...HARDENED_DAEMON_JSON, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete values[key];
  return `${JSON.stringify(values, null, 2)}\n`;
}

/** The 1-based line `"key":` is on. */
function lineOf(text: string, key: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(`"${key}":`));
  if (index < 0) throw new Error(`no "${key}" in the fixture`);
  return index + 1;
}

t.test('the hardened root passes every automated section 2 control, from its configuration', async (t) => {
  const verdicts = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: daemonJson() } });
  for (const id of AUTOMATED) {
    const { result } = verdicts.get(id)!;
    t.equal(result.status, 'PASS', `${id} passes`);
    t.same(result.evidence, [], `${id}: nothing against it`);
    t.match(result.reasons.join(' '), /as systemd \(docker\.service\) starts it/, `${id}: says what it was decided on`);
  }
  t.equal(verdicts.get('2.7')!.result.status, 'PASS', '2.7: no TCP listener, nothing to authenticate');
  for (const id of ['2.8', '2.10', '2.17', '2.18']) t.same(verdicts.get(id)!.result.evidence, [], `${id} (manual): no evidence against it`);
  t.match(verdicts.get('2.1')!.result, { status: 'MANUAL', evidence: [{ ruleId: 'daemon-rootful', place: UNIT_PATH }] }, '2.1 (manual): the root daemon is the evidence a person judges');
});

/** One failing root per automated control: the hardened daemon.json with one setting made bad. */
const FAILING: { control: string; ruleId: string; key: string; value: unknown }[] = [
  { control: '2.2', ruleId: 'daemon-icc-enabled', key: 'icc', value: true },
  { control: '2.3', ruleId: 'daemon-log-level-not-info', key: 'log-level', value: 'debug' },
  { control: '2.4', ruleId: 'daemon-iptables-disabled', key: 'iptables', value: false },
  { control: '2.5', ruleId: 'daemon-insecure-registry', key: 'insecure-registries', value: ['registry.lan:5000'] },
  { control: '2.6', ruleId: 'daemon-aufs-storage', key: 'storage-driver', value: 'aufs' },
  { control: '2.9', ruleId: 'daemon-userns-remap-off', key: 'userns-remap', value: '' },
  { control: '2.12', ruleId: 'daemon-no-authz-plugin', key: 'authorization-plugins', value: [] },
  { control: '2.13', ruleId: 'daemon-local-logging', key: 'log-driver', value: 'journald' },
  { control: '2.14', ruleId: 'daemon-new-privileges-allowed', key: 'no-new-privileges', value: false },
  { control: '2.15', ruleId: 'daemon-live-restore-off', key: 'live-restore', value: false },
  { control: '2.16', ruleId: 'daemon-userland-proxy-on', key: 'userland-proxy', value: true },
];

t.test('each automated control fails on its own bad setting, at the setting\'s file:line, and only that control', async (t) => {
  t.same(FAILING.map((entry) => entry.control), AUTOMATED, 'every automated control has a failing root');
  for (const { control, ruleId, key, value } of FAILING) {
    const text = daemonJson({ [key]: value });
    const verdicts = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: text } });
    const { result, control: fleet } = verdicts.get(control)!;
    t.equal(result.status, 'FAIL', `${control} fails with "${key}": ${JSON.stringify(value)}`);
    t.equal(fleet.status, 'FAIL', `${control}: the fleet too`);
    t.match(result.evidence, [{ ruleId, place: `${JSON_PATH}:${lineOf(text, key)}` }], `${control}: evidence points at "${key}"`);
    const others = AUTOMATED.filter((id) => id !== control && verdicts.get(id)!.result.status !== 'PASS');
    t.same(others, [], `${control}: the other automated controls still pass`);
  }
});

t.test('a setting on dockerd\'s command line fails the control at the unit\'s line', async (t) => {
  const verdicts = judge(t, { files: { [UNIT_PATH]: unit('--iptables=false'), [JSON_PATH]: daemonJson({ iptables: undefined }) } });
  t.match(verdicts.get('2.4')!.result, { status: 'FAIL', evidence: [{ ruleId: 'daemon-iptables-disabled', place: `${UNIT_PATH}:5` }] });
});

t.test('a setting left at dockerd\'s weak default fails, pointing at the daemon.json to add it to', async (t) => {
  const verdicts = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: daemonJson({ 'live-restore': undefined }) } });
  t.match(verdicts.get('2.15')!.result, { status: 'FAIL', evidence: [{ ruleId: 'daemon-live-restore-off', place: JSON_PATH }] });
});

t.test('the manual controls carry the setting as evidence for a person', async (t) => {
  const cases: { control: string; ruleId: string; key: string; value: unknown }[] = [
    { control: '2.10', ruleId: 'daemon-cgroup-parent-set', key: 'cgroup-parent', value: '/docker-limited' },
    { control: '2.17', ruleId: 'daemon-seccomp-unconfined', key: 'seccomp-profile', value: 'unconfined' },
    { control: '2.18', ruleId: 'daemon-experimental', key: 'experimental', value: true },
  ];
  for (const { control, ruleId, key, value } of cases) {
    const text = daemonJson({ [key]: value });
    const { result } = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: text } }).get(control)!;
    t.match(result, { status: 'MANUAL', evidence: [{ ruleId, place: `${JSON_PATH}:${lineOf(text, key)}` }] }, `${control}: "${key}" is the evidence`);
  }
  const { result } = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: daemonJson({ 'default-ulimits': undefined }) } }).get('2.8')!;
  t.match(result, { status: 'MANUAL', evidence: [{ ruleId: 'daemon-no-default-ulimit', place: JSON_PATH }] }, '2.8: no default ulimit is the evidence');
});

t.test('a daemon.json that cannot be read is NOT CHECKED, never PASS', async (t) => {
  // Larger than the collector reads (1 MiB): it works as root too, where a chmod 000 would not.
  const verdicts = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: Buffer.alloc(2 * 1024 * 1024, 0x20) } });
  for (const id of AUTOMATED) {
    const { result, control } = verdicts.get(id)!;
    t.equal(result.status, 'NOT CHECKED', `${id} not checked`);
    t.match(result.reasons.join(' '), /daemon\.json could not be read \(too large/, `${id}: says why`);
    t.not(control.status, 'PASS', `${id}: the fleet does not pass either`);
  }
  t.equal(verdicts.get('2.7')!.result.status, 'NOT CHECKED', '2.7 too: the unread daemon.json may hold "hosts"');
});

t.test('where docker-bench-security is wrong: --tlsverify=false in the unit fails 2.7', async (t) => {
  // docker-bench-security's 2.7 greps the daemon's command line for "tlsverify" and passes on
  // the word, so it passes this daemon, which serves the API over TLS to anyone.
  const flags = '-H fd:// -H tcp://0.0.0.0:2376 --tlsverify=false --tlscacert=/etc/docker/ca.pem --tlscert=/etc/docker/server-cert.pem --tlskey=/etc/docker/server-key.pem';
  const pem = (label: string) => `-----BEGIN ${label}-----\nMIIB\n-----END ${label}-----\n`;
  const verdicts = judge(t, {
    files: {
      [UNIT_PATH]: unit(flags),
      [JSON_PATH]: daemonJson(),
      '/etc/docker/ca.pem': pem('CERTIFICATE'),
      '/etc/docker/server-cert.pem': pem('CERTIFICATE'),
      '/etc/docker/server-key.pem': pem('PRIVATE KEY'),
    },
  });
  const { result, control } = verdicts.get('2.7')!;
  t.equal(result.status, 'FAIL', '2.7 fails');
  t.equal(control.status, 'FAIL', 'and the fleet');
  t.match(result.evidence, [{ ruleId: 'daemon-tls-no-verify', place: `${UNIT_PATH}:5` }], 'at the unit line with --tlsverify=false');
});

t.test('a rootless dockerd: user namespaces do not apply, its own daemon.json is judged', async (t) => {
  const userUnit = '[Unit]\nDescription=Docker Application Container Engine (Rootless)\n\n[Service]\nExecStart=/home/alice/bin/dockerd-rootless.sh\nType=notify\n';
  const verdicts = judge(t, {
    files: {
      '/lib/systemd/systemd': 'systemd stand-in\n',
      '/home/alice/.config/systemd/user/docker.service': userUnit,
      '/home/alice/.config/docker/daemon.json': daemonJson({ 'userns-remap': undefined, 'live-restore': false }),
    },
  });
  t.equal(verdicts.get('2.9')!.result.status, 'NOT APPLICABLE', '2.9: it runs in a user namespace already');
  t.match(verdicts.get('2.9')!.result.reasons.join(' '), /rootless|user namespace/, '2.9 says why for the rootless daemon, not only that the host has none');
  t.match(verdicts.get('2.15')!.result, { status: 'FAIL', evidence: [{ ruleId: 'daemon-live-restore-off', place: /^\/home\/alice\/\.config\/docker\/daemon\.json:\d+$/ }] }, '2.15: the rootless daemon\'s own setting');
  t.same(verdicts.get('2.1')!.result.evidence, [], '2.1: no root daemon to show');
});

/** Every automated control, and 2.7, is NOT CHECKED with a reason matching `why`, and the fleet does not pass. */
function allNotChecked(t: Test, verdicts: ReturnType<typeof judge>, why: RegExp, what: string): void {
  for (const id of [...AUTOMATED, '2.7']) {
    const { result, control } = verdicts.get(id)!;
    t.equal(result.status, 'NOT CHECKED', `${what}: ${id} not checked`);
    t.match(result.reasons.join(' '), why, `${what}: ${id} says why`);
    t.not(control.status, 'PASS', `${what}: ${id}: the fleet does not pass either`);
  }
}

t.test('a drop-in folder that cannot be listed is NOT CHECKED, never PASS: its drop-ins may set anything', async (t) => {
  // A link loop cannot be listed, as root too (the folder closed to a non-root scan is the CLI test's).
  const verdicts = judge(t, {
    files: { [UNIT_PATH]: unit('-H fd://'), [JSON_PATH]: daemonJson() },
    links: { '/etc/systemd/system/docker.service.d': 'docker.service.d' },
  });
  allNotChecked(t, verdicts, /docker\.service\.d/, 'a looping drop-in folder');
});

t.test('an init script\'s options that docker.service may or may not pass are NOT CHECKED, never PASS', async (t) => {
  // No sign of the init system in the root: systemd would ignore /etc/default/docker, an init script would not.
  const verdicts = judge(t, {
    files: { [UNIT_PATH]: unit('-H fd://'), [JSON_PATH]: daemonJson(), '/etc/default/docker': 'DOCKER_OPTS="-H tcp://0.0.0.0:2375 --icc=true --live-restore=false"\n' },
  });
  allNotChecked(t, verdicts, /\/etc\/default\/docker/, 'DOCKER_OPTS of unknown use');
});

t.test('a daemon.json directive of a type dockerd refuses is NOT CHECKED, never "not set"', async (t) => {
  const cases: { key: string; value: unknown }[] = [
    { key: 'insecure-registries', value: '10.0.0.0/8' },
    { key: 'log-level', value: 5 },
    { key: 'icc', value: 'false' },
  ];
  for (const { key, value } of cases) {
    const verdicts = judge(t, { files: { [UNIT_PATH]: unit(), [JSON_PATH]: daemonJson({ [key]: value }) } });
    allNotChecked(t, verdicts, new RegExp(`dockerd refuses a daemon\\.json with "${key}" of the wrong type`), `"${key}": ${JSON.stringify(value)}`);
    t.notMatch(verdicts.get('2.2')!.result.reasons.join(' '), /icc is not set/, `"${key}": no "not set" claimed`);
  }
});

t.test('an installed dockerd whose start-up is unknown is NOT CHECKED, not NOT APPLICABLE', async (t) => {
  const verdicts = judge(t, { files: { '/usr/bin/dockerd': 'dockerd stand-in\n' } });
  allNotChecked(t, verdicts, /how dockerd starts could not be read/, 'dockerd installed, start-up unknown');
});

t.test('a wrapper script in ExecStart is not read as dockerd: its start-up is unknown, NOT CHECKED', async (t) => {
  const wrapper = '[Service]\nExecStart=/usr/local/bin/start-docker.sh -H fd://\n';
  const verdicts = judge(t, { files: { [UNIT_PATH]: wrapper, [JSON_PATH]: daemonJson(), '/usr/local/bin/start-docker.sh': '#!/bin/sh\nexec dockerd -H tcp://0.0.0.0:2375 "$@"\n' } });
  allNotChecked(t, verdicts, /runs \/usr\/local\/bin\/start-docker\.sh .*not dockerd/, 'a wrapper script');
  // dockerd itself, by any path, and the old `docker daemon`, are still read.
  for (const command of ['/usr/sbin/dockerd -H fd://', '/usr/bin/docker daemon -H fd://']) {
    const read = judge(t, { files: { [UNIT_PATH]: `[Service]\nExecStart=${command}\n`, [JSON_PATH]: daemonJson() } });
    t.equal(read.get('2.15')!.result.status, 'PASS', `${command}: read as dockerd`);
  }
});

t.test('a docker.socket drop-in folder that cannot be listed may add any listener: NOT CHECKED', async (t) => {
  const verdicts = judge(t, {
    files: { [UNIT_PATH]: unit('-H fd://'), [JSON_PATH]: daemonJson(), '/lib/systemd/system/docker.socket': '[Socket]\nListenStream=/run/docker.sock\n' },
    links: { '/etc/systemd/system/docker.socket.d': 'docker.socket.d' },
  });
  allNotChecked(t, verdicts, /docker\.socket\.d/, 'a looping docker.socket drop-in folder');
});
