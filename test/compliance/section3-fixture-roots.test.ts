/**
 * CIS Docker Benchmark v1.7.0 section 3 (owners and modes, 3.1 to 3.24) on audited-system roots
 * written at test time, through what `dockprobe config --root` runs: the real config collector,
 * the config rules, then the compliance verdicts. One hardened root passes every control whose
 * object it has (and says NOT APPLICABLE for the rest); for each control a root that differs from
 * it in that one object's owner or mode fails that control, and only that one.
 *
 * The spec is the shipped one restricted to section 3: section 2's rules are written elsewhere.
 * Owners need chown, so this runs as root (as the suite does); it says so and skips otherwise.
 */
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { auditConfig } from '../../src/audit/local-audit.js';
import { complianceRules } from '../../src/compliance/compliance-rules.js';
import type { ComplianceReport } from '../../src/compliance/compliance-report.js';
import { loadComplianceSpec, type ComplianceSpec } from '../../src/compliance/compliance-spec.js';
import { evaluateCompliance } from '../../src/compliance/evaluate-compliance.js';
import type { MachineIdentity } from '../../src/machine/machine.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { runCli } from '../helpers/run-cli.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const DOCKER_GID = 999;
const USER = 1000;
const MACHINE: MachineIdentity = { key: 'fixture/1', label: 'fixture', hostname: 'fixture', machineId: null, source: 'system' };
const metadata = loadRuleMetadata();

const full = loadComplianceSpec('cis-docker-1.7.0');
const SECTION3: ComplianceSpec = { ...full, controls: full.controls.filter((control) => control.id.startsWith('3.')) };

const UNIT = '[Unit]\nDescription=Docker Application Container Engine\nRequires=docker.socket\n\n[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n';
const SOCKET_UNIT = '[Socket]\nListenStream=/run/docker.sock\nSocketMode=0660\nSocketUser=root\nSocketGroup=docker\n';
const DAEMON_JSON = '{\n  "hosts": ["fd://", "tcp://127.0.0.1:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/tls/ca.pem",\n  "tlscert": "/etc/docker/tls/server-cert.pem",\n  "tlskey": "/etc/docker/tls/server-key.pem"\n}\n';
const REGISTRY = '/etc/docker/certs.d/registry.example:5000';

/** A unix socket really listening at `path` until the test ends: lstat sees a socket only while one is bound. */
async function listenAt(t: Test, path: string): Promise<void> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

function own(root: string, systemPath: string, mode: number, uid = 0, gid = 0): void {
  chownSync(join(root, systemPath), uid, gid);
  chmodSync(join(root, systemPath), mode);
}

/**
 * A Debian-like host with every section 3 object it can have, each as the benchmark wants it:
 * units, /etc/docker, daemon.json naming dockerd's TLS files, three registry certificate files,
 * /etc/default/docker, the Docker socket (root:docker 0660, reached through /var/run -> /run) and
 * containerd's socket (root:root 0660). No /etc/sysconfig/docker: that is Red Hat's.
 */
async function hardenedRoot(t: Test): Promise<string> {
  const root = scratchRoot(t, null);
  chmodSync(root, 0o755);
  write(root, '/etc/group', `root:x:0:\ndocker:x:${DOCKER_GID}:\n`);
  write(root, '/lib/systemd/system/docker.service', UNIT);
  write(root, '/lib/systemd/system/docker.socket', SOCKET_UNIT);
  write(root, '/etc/docker/daemon.json', DAEMON_JSON);
  for (const name of ['ca.pem', 'server-cert.pem', 'server-key.pem']) write(root, `/etc/docker/tls/${name}`, 'not parsed by the config collector\n');
  for (const name of ['ca.crt', 'client.cert', 'client.key']) write(root, `${REGISTRY}/${name}`, 'not parsed by the config collector\n');
  write(root, '/etc/default/docker', 'DOCKER_OPTS=""\n');
  mkdirSync(join(root, 'run/containerd'), { recursive: true });
  mkdirSync(join(root, 'var'), { recursive: true });
  symlinkSync('/run', join(root, 'var/run'));
  await listenAt(t, join(root, 'run/docker.sock'));
  await listenAt(t, join(root, 'run/containerd/containerd.sock'));

  own(root, '/lib/systemd/system/docker.service', 0o644);
  own(root, '/lib/systemd/system/docker.socket', 0o644);
  own(root, '/etc/docker', 0o755);
  own(root, '/etc/docker/daemon.json', 0o644);
  own(root, '/etc/docker/tls/ca.pem', 0o444);
  own(root, '/etc/docker/tls/server-cert.pem', 0o444);
  own(root, '/etc/docker/tls/server-key.pem', 0o400);
  own(root, `${REGISTRY}/ca.crt`, 0o444);
  own(root, `${REGISTRY}/client.cert`, 0o444);
  own(root, `${REGISTRY}/client.key`, 0o400);
  own(root, '/etc/default/docker', 0o644);
  own(root, '/run/docker.sock', 0o660, 0, DOCKER_GID);
  own(root, '/run/containerd/containerd.sock', 0o660);
  return root;
}

/** What `dockprobe config --root ROOT --compliance SECTION3 --report all` computes, in process. */
function judge(root: string): { compliance: ComplianceReport; errors: string[]; objects: string[] } {
  const now = new Date();
  // As --compliance runs it: the benchmark checks (these two rules among them) run only then.
  const outcome = auditConfig({ root, env: {}, metadata, evaluation: { now, benchmark: true } });
  const report = buildScanReport({ startedAt: now, finishedAt: now, endpoints: [], summary: emptySummary(), ...outcome, scope: { kind: 'config', targets: null, ports: null, excluded: [], configRoot: root, paths: null }, machine: MACHINE, machineRoot: root, benchmarkRules: true });
  const compliance = evaluateCompliance(report, SECTION3, complianceRules(), { reportType: 'all', contextOf: () => ({ now, params: {}, expectedHosts: [] }) });
  return { compliance, errors: outcome.errors.map((error) => error.message), objects: outcome.config!.daemon.protectedFiles.map((file) => `${file.object} ${file.systemPath}`) };
}

const statuses = (compliance: ComplianceReport) => Object.fromEntries(compliance.controls.map((control) => [control.id, control.status]));

/** How each control's failing root differs from the hardened one. */
const BREAKS: { control: string; how: string; apply: (root: string) => void }[] = [
  { control: '3.1', how: 'docker.service owned by a user', apply: (root) => chownSync(join(root, 'lib/systemd/system/docker.service'), USER, USER) },
  { control: '3.2', how: 'docker.service group-writable', apply: (root) => chmodSync(join(root, 'lib/systemd/system/docker.service'), 0o664) },
  { control: '3.3', how: 'docker.socket in a user\'s group', apply: (root) => chownSync(join(root, 'lib/systemd/system/docker.socket'), 0, USER) },
  { control: '3.4', how: 'docker.socket world-writable', apply: (root) => chmodSync(join(root, 'lib/systemd/system/docker.socket'), 0o666) },
  { control: '3.5', how: '/etc/docker owned by a user', apply: (root) => chownSync(join(root, 'etc/docker'), USER, 0) },
  { control: '3.6', how: '/etc/docker group-writable', apply: (root) => chmodSync(join(root, 'etc/docker'), 0o775) },
  { control: '3.7', how: 'a registry client certificate owned by a user', apply: (root) => chownSync(join(root, REGISTRY, 'client.cert'), USER, USER) },
  { control: '3.8', how: 'a registry CA certificate writable by its owner', apply: (root) => chmodSync(join(root, REGISTRY, 'ca.crt'), 0o644) },
  { control: '3.9', how: 'the TLS CA certificate owned by a user', apply: (root) => chownSync(join(root, 'etc/docker/tls/ca.pem'), USER, USER) },
  { control: '3.10', how: 'the TLS CA certificate at 0644', apply: (root) => chmodSync(join(root, 'etc/docker/tls/ca.pem'), 0o644) },
  { control: '3.11', how: 'the server certificate in a user\'s group', apply: (root) => chownSync(join(root, 'etc/docker/tls/server-cert.pem'), 0, USER) },
  { control: '3.12', how: 'the server certificate at 0644', apply: (root) => chmodSync(join(root, 'etc/docker/tls/server-cert.pem'), 0o644) },
  { control: '3.13', how: 'the server key owned by a user', apply: (root) => chownSync(join(root, 'etc/docker/tls/server-key.pem'), USER, USER) },
  { control: '3.14', how: 'the server key readable by its group', apply: (root) => chmodSync(join(root, 'etc/docker/tls/server-key.pem'), 0o440) },
  { control: '3.15', how: 'docker.sock in a group that is neither docker nor root', apply: (root) => chownSync(join(root, 'run/docker.sock'), 0, USER) },
  { control: '3.16', how: 'docker.sock world-writable', apply: (root) => chmodSync(join(root, 'run/docker.sock'), 0o666) },
  { control: '3.17', how: 'daemon.json owned by a user', apply: (root) => chownSync(join(root, 'etc/docker/daemon.json'), USER, USER) },
  { control: '3.18', how: 'daemon.json group-writable', apply: (root) => chmodSync(join(root, 'etc/docker/daemon.json'), 0o664) },
  { control: '3.19', how: '/etc/default/docker owned by a user', apply: (root) => chownSync(join(root, 'etc/default/docker'), USER, USER) },
  { control: '3.20', how: '/etc/default/docker world-writable', apply: (root) => chmodSync(join(root, 'etc/default/docker'), 0o646) },
  {
    control: '3.21',
    how: 'an /etc/sysconfig/docker group-writable',
    apply: (root) => {
      write(root, '/etc/sysconfig/docker', 'OPTIONS=""\n');
      own(root, '/etc/sysconfig/docker', 0o664);
    },
  },
  {
    control: '3.22',
    how: 'an /etc/sysconfig/docker owned by a user',
    apply: (root) => {
      write(root, '/etc/sysconfig/docker', 'OPTIONS=""\n');
      own(root, '/etc/sysconfig/docker', 0o644, USER, USER);
    },
  },
  { control: '3.23', how: 'the containerd socket in group docker (the benchmark asks root:root)', apply: (root) => chownSync(join(root, 'run/containerd/containerd.sock'), 0, DOCKER_GID) },
  { control: '3.24', how: 'the containerd socket world-writable', apply: (root) => chmodSync(join(root, 'run/containerd/containerd.sock'), 0o666) },
];

if (process.getuid?.() !== 0) {
  t.comment('skipped: the fixture roots set owners, and chown needs root (the suite runs as root)');
} else {
  let baseline: Record<string, string> = {};

  t.test('the hardened root passes every section 3 control whose object it has; /etc/sysconfig/docker is NOT APPLICABLE', async (t) => {
    const root = await hardenedRoot(t);
    const { compliance, errors, objects } = judge(root);
    t.same(errors, [], 'the collector and the rules read everything');
    t.same(objects.sort(), [
      'containerd-sock /run/containerd/containerd.sock',
      'daemon.json /etc/docker/daemon.json',
      'docker-sock /run/docker.sock',
      'docker.service /lib/systemd/system/docker.service',
      'docker.socket /lib/systemd/system/docker.socket',
      'etc-default-docker /etc/default/docker',
      'etc-docker /etc/docker',
      `registry-certificate ${REGISTRY}/ca.crt`,
      `registry-certificate ${REGISTRY}/client.cert`,
      `registry-certificate ${REGISTRY}/client.key`,
      'tls-ca /etc/docker/tls/ca.pem',
      'tls-cert /etc/docker/tls/server-cert.pem',
      'tls-key /etc/docker/tls/server-key.pem',
    ], 'every object but /etc/sysconfig/docker is there');
    baseline = statuses(compliance);
    const expected = Object.fromEntries(SECTION3.controls.map((control) => [control.id, control.object === 'etc-sysconfig-docker' ? 'NOT APPLICABLE' : 'PASS']));
    t.same(baseline, expected);
    t.equal(SECTION3.controls.length, 24, 'all of 3.1 to 3.24');
    for (const control of compliance.controls) {
      t.same(control.results[0]!.evidence, [], `${control.id}: no evidence against it`);
      if (control.status === 'NOT APPLICABLE') t.match(control.results[0]!.reasons, [/no etc-sysconfig-docker/]);
      else t.match(control.results[0]!.reasons, [/systemd/], `${control.id}: decided from the configuration systemd starts`);
    }
  });

  t.test('with a hardened /etc/sysconfig/docker too, all 24 controls pass', async (t) => {
    const root = await hardenedRoot(t);
    write(root, '/etc/sysconfig/docker', 'OPTIONS=""\n');
    own(root, '/etc/sysconfig/docker', 0o644);
    const { compliance } = judge(root);
    t.same(Object.values(statuses(compliance)).filter((status) => status !== 'PASS'), []);
  });

  t.same(BREAKS.map((entry) => entry.control), SECTION3.controls.map((control) => control.id), 'a failing root for every section 3 control, in the spec\'s order');

  for (const { control: id, how, apply } of BREAKS) {
    t.test(`${id} fails on a root whose only difference is ${how}`, async (t) => {
      const root = await hardenedRoot(t);
      apply(root);
      const { compliance } = judge(root);
      const control = compliance.controls.find((entry) => entry.id === id)!;
      t.equal(control.status, 'FAIL', `${id}: ${control.title}`);
      const evidence = control.results[0]!.evidence;
      t.equal(evidence.length, 1, 'one finding, about the one file');
      t.equal(evidence[0]?.details.object, control.object, 'the finding names the object the control is about');
      t.equal(evidence[0]?.ruleId, control.rules[0]);
      t.match(evidence[0]?.message, control.rules[0] === 'daemon-file-owner' ? /run `chown root:(root|docker) /i : /run `chmod 0[0-7]{3} /i);
      // Adding /etc/sysconfig/docker (3.21, 3.22) also makes its other control applicable.
      const untouched = (other: string) => other !== id && !(['3.21', '3.22'].includes(id) && ['3.21', '3.22'].includes(other));
      const now = statuses(compliance);
      t.same(Object.keys(now).filter(untouched).map((other) => `${other} ${now[other]}`), Object.keys(baseline).filter(untouched).map((other) => `${other} ${baseline[other]}`), 'every other control as on the hardened root');
      if (id === '3.21') t.equal(now['3.22'], 'PASS', 'the sysconfig file is root-owned: 3.22 passes');
      if (id === '3.22') t.equal(now['3.21'], 'PASS', 'the sysconfig file is 0644: 3.21 passes');
    });
  }

  t.test('a second unix socket dockerd serves is judged too, not only the first (3.15, 3.16)', async (t) => {
    const variants: { how: string; apply: (root: string) => void }[] = [
      {
        how: 'two -H unix:// flags',
        apply: (root) => {
          write(root, '/lib/systemd/system/docker.service', UNIT.replace('-H fd://', '-H unix:///run/docker.sock -H unix:///srv/extra.sock'));
          write(root, '/etc/docker/daemon.json', DAEMON_JSON.replace('"hosts": ["fd://", "tcp://127.0.0.1:2376"]', '"hosts": ["tcp://127.0.0.1:2376"]'));
        },
      },
      { how: 'two ListenStream= in docker.socket', apply: (root) => write(root, '/lib/systemd/system/docker.socket', SOCKET_UNIT.replace('ListenStream=/run/docker.sock\n', 'ListenStream=/run/docker.sock\nListenStream=/srv/extra.sock\n')) },
    ];
    for (const { how, apply } of variants) {
      const root = await hardenedRoot(t);
      apply(root);
      mkdirSync(join(root, 'srv'), { recursive: true });
      await listenAt(t, join(root, 'srv/extra.sock'));
      own(root, '/srv/extra.sock', 0o666, 0, USER);
      const { compliance, objects } = judge(root);
      t.ok(objects.includes('docker-sock /run/docker.sock') && objects.includes('docker-sock /srv/extra.sock'), `${how}: both sockets are docker-sock objects`);
      for (const id of ['3.15', '3.16']) {
        const control = compliance.controls.find((entry) => entry.id === id)!;
        t.equal(control.status, 'FAIL', `${how}: ${id} fails on the second socket`);
        t.match(control.results[0]!.evidence, [{ details: { object: 'docker-sock' }, message: /\/srv\/extra\.sock/ }], `${how}: ${id} names it`);
      }
    }
  });

  t.test('dockprobe config --root ROOT --compliance SPEC --report all -f json: the section 3 verdicts, valid against the report schema', async (t) => {
    const root = await hardenedRoot(t);
    chmodSync(join(root, 'etc/docker/tls/server-key.pem'), 0o644);
    const spec = join(scratchRoot(t, null), 'cis-docker-1.7.0-section3.json');
    writeFileSync(spec, JSON.stringify(SECTION3, null, 2));
    const run = await runCli(['config', '--root', root, '--compliance', spec, '--report', 'all', '-f', 'json', '--host-label', 'fixture'], { timeoutMs: 60_000 });
    t.equal(run.stderr, '', 'nothing on stderr');
    t.equal(run.status, 1, 'a finding: exit code 1');
    assertValidReport(t, run.stdout, 'config --compliance report');
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; evidence: Record<string, unknown>; systemPath?: string; path?: string }[]; compliance: ComplianceReport };
    t.ok(report.compliance, 'the report carries the compliance section');
    t.equal(report.compliance.spec.id, 'cis-docker-1.7.0');
    const got = statuses(report.compliance);
    t.equal(got['3.14'], 'FAIL', 'the readable server key fails 3.14');
    t.same(Object.entries(got).filter(([id, status]) => id !== '3.14' && status !== 'PASS' && !(['3.21', '3.22'].includes(id) && status === 'NOT APPLICABLE')), [], 'the rest pass or do not apply');
    const modeFindings = report.findings.filter((finding) => finding.ruleId === 'daemon-file-mode');
    t.match(modeFindings, [{ evidence: { object: 'tls-key', mode: '0644', maxMode: '0400' } }]);

    const quiet = await runCli(['config', '--root', root, '-f', 'json', '--host-label', 'fixture'], { timeoutMs: 60_000 });
    const plain = JSON.parse(quiet.stdout) as { findings: { ruleId: string }[] };
    t.same(plain.findings.filter((finding) => finding.ruleId.startsWith('daemon-file-')), [], 'without --compliance the benchmark checks stay quiet');
  });
}
