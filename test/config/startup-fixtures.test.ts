/**
 * Every init system and packaging that starts dockerd, in three variants each (stock, plaintext
 * TCP, mutual TLS), audited as `dockprobe config --root` audits a mounted image. What users
 * rely on: a plaintext listener is found wherever it is set, named by the file and line that
 * opens it, and nothing here ever exits 0 while a plaintext API is configured.
 */
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { collectConfig } from '../../src/config/collect-config.js';
import { runCli } from '../helpers/run-cli.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/startup');

interface Expected {
  /** Which daemon of the report: the host's own, or the first of otherDaemons. */
  daemon: 'system' | 'other';
  startedBy: RegExp;
  /** address@systemPath:line of each TCP listener. */
  tcp: string[];
}

const SYSTEMS: Record<string, { stock: Expected; tcp: Expected; mtls: Expected }> = {
  openrc: {
    stock: { daemon: 'system', startedBy: /^OpenRC/, tcp: [] },
    tcp: { daemon: 'system', startedBy: /^OpenRC/, tcp: ['tcp://0.0.0.0:2375@/etc/conf.d/docker:7'] },
    mtls: { daemon: 'system', startedBy: /^OpenRC/, tcp: ['tcp://0.0.0.0:2376@/etc/conf.d/docker:7'] },
  },
  'el6-sysvinit': {
    stock: { daemon: 'system', startedBy: /init script/, tcp: [] },
    tcp: { daemon: 'system', startedBy: /init script/, tcp: ['tcp://0.0.0.0:2375@/etc/sysconfig/docker:7'] },
    mtls: { daemon: 'system', startedBy: /init script/, tcp: ['tcp://0.0.0.0:2376@/etc/sysconfig/docker:7'] },
  },
  snap: {
    stock: { daemon: 'other', startedBy: /Docker snap/, tcp: [] },
    tcp: { daemon: 'other', startedBy: /Docker snap/, tcp: ['tcp://0.0.0.0:2375@/var/snap/docker/current/config/daemon.json:3'] },
    mtls: { daemon: 'other', startedBy: /Docker snap/, tcp: ['tcp://0.0.0.0:2376@/var/snap/docker/current/config/daemon.json:3'] },
  },
  rootless: {
    stock: { daemon: 'other', startedBy: /rootless dockerd of \/home\/alice/, tcp: [] },
    tcp: {
      daemon: 'other',
      startedBy: /rootless/,
      // dockerd's own -H inside rootlesskit's namespace, and the port rootlesskit publishes on the host.
      tcp: ['tcp://0.0.0.0:2375@/home/alice/.config/systemd/user/docker.service.d/override.conf:4', 'tcp://0.0.0.0:2375@/home/alice/.config/systemd/user/docker.service.d/override.conf:2'],
    },
    mtls: {
      daemon: 'other',
      startedBy: /rootless/,
      tcp: ['tcp://0.0.0.0:2376@/home/alice/.config/systemd/user/docker.service.d/override.conf:4', 'tcp://0.0.0.0:2376@/home/alice/.config/systemd/user/docker.service.d/override.conf:2'],
    },
  },
  boot2docker: {
    // boot2docker listens on TCP with TLS when its profile sets nothing.
    stock: { daemon: 'system', startedBy: /boot2docker/, tcp: ['tcp://0.0.0.0:2376@/var/lib/boot2docker/profile:null'] },
    tcp: { daemon: 'system', startedBy: /boot2docker/, tcp: ['tcp://0.0.0.0:2375@/var/lib/boot2docker/profile:4'] },
    mtls: { daemon: 'system', startedBy: /boot2docker/, tcp: ['tcp://0.0.0.0:2376@/var/lib/boot2docker/profile:5'] },
  },
  flatcar: {
    stock: { daemon: 'system', startedBy: /^systemd/, tcp: [] },
    tcp: { daemon: 'system', startedBy: /^systemd/, tcp: ['2375@/etc/systemd/system/docker-tcp.socket:5'] },
    mtls: { daemon: 'system', startedBy: /^systemd/, tcp: ['2376@/etc/systemd/system/docker-tls-tcp.socket:5'] },
  },
};

interface Report {
  findings: { ruleId: string; systemPath?: string; path?: string; line?: number }[];
  errors: { message: string }[];
  config: { daemon: DaemonJson; otherDaemons: DaemonJson[] };
}
interface DaemonJson {
  startup: { kind: string; by?: string; why?: string };
  listeners: { address: string; scheme: string; source: { systemPath: string; line: number | null } }[];
}

async function audit(root: string): Promise<{ status: number | null; report: Report }> {
  const run = await runCli(['config', '--root', join(fixtures, root), '--format', 'json']);
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

t.test('every fixture root here is tested', async (t) => {
  const variants = Object.keys(SYSTEMS).flatMap((system) => ['stock', 'tcp', 'mtls'].map((variant) => `${system}-${variant}`));
  const roots = readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  t.same(roots, [...variants, 'ambiguous-init', 'runit-unknown'].sort());
});

for (const [system, variants] of Object.entries(SYSTEMS)) {
  for (const [variant, expected] of Object.entries(variants)) {
    t.test(`${system}, ${variant}`, async (t) => {
      const { status, report } = await audit(`${system}-${variant}`);
      const daemon = expected.daemon === 'system' ? report.config.daemon : report.config.otherDaemons[0]!;
      t.ok(daemon, 'the daemon is in the report');
      t.equal(daemon.startup.kind, 'known');
      t.match(daemon.startup.by, expected.startedBy, 'the report says what starts dockerd');
      const tcp = daemon.listeners.filter((listener) => listener.scheme === 'tcp').map((listener) => `${listener.address}@${listener.source.systemPath}:${listener.source.line}`);
      t.same(tcp, expected.tcp, 'every TCP listener, with the file and line that opens it');
      const rules = new Set(report.findings.map((finding) => finding.ruleId));
      t.same(report.errors, [], 'nothing went unread');
      if (variant === 'tcp') {
        t.ok(rules.has('daemon-tcp-no-tls'), 'a plaintext TCP API is a finding');
        t.not(status, 0, 'never a clean exit over a plaintext API');
      } else {
        t.notOk(rules.has('daemon-tcp-no-tls'), 'no plaintext finding where TLS is on');
        t.notOk(rules.has('daemon-tls-no-verify'), 'clients are verified');
        t.notOk(rules.has('daemon-tls-files-missing'), 'the TLS files named are there');
      }
      if (variant === 'stock' && expected.tcp.length === 0) t.equal(status, 0, 'a stock install is clean');
    });
  }
}

t.test('dockerd installed, started by something dockprobe does not read (runit): could not check, exit 4', async (t) => {
  const { status, report } = await audit('runit-unknown');
  t.equal(status, 4);
  t.equal(report.config.daemon.startup.kind, 'unknown');
  t.match(report.config.daemon.startup.why, /\/usr\/bin\/dockerd, \/etc\/sv\/docker/);
  t.match(report.errors, [{ message: /dockerd is installed here .* could not tell how it is started.*not checked/ }]);
  const run = await runCli(['config', '--root', join(fixtures, 'runit-unknown')]);
  t.match(run.stdout, /COULD NOT TELL how it is started/);
  t.notMatch(run.stdout, /not configured here/, 'never "not configured"');
});

t.test('no telling which init runs, and /etc/default/docker sets options docker.service does not pass: could not check, exit 4', async (t) => {
  const { status, report } = await audit('ambiguous-init');
  t.equal(status, 4);
  t.match(report.errors, [{ message: /\/etc\/default\/docker sets dockerd options that docker.service does not pass.*not checked/ }]);
});

t.test('which file starts dockerd follows the init system that boots', async (t) => {
  const unit = '[Service]\nType=notify\nExecStart=/usr/sbin/dockerd -H fd://\n';
  const defaults = 'DOCKER_OPTS="-H tcp://0.0.0.0:2375"\n';
  const tcpOf = (observation: ReturnType<typeof collectConfig>) => observation.daemon.listeners.filter((listener) => listener.scheme === 'tcp').map((listener) => listener.source.systemPath);

  t.test('systemd: /etc/default/docker is ignored unless the unit names it', async (t) => {
    const root = scratchRoot(t, null);
    write(root, '/lib/systemd/system/docker.service', unit);
    write(root, '/etc/default/docker', defaults);
    write(root, '/lib/systemd/systemd', '');
    mkdirSync(join(root, 'sbin'));
    symlinkSync('/lib/systemd/systemd', join(root, 'sbin/init'));
    const observation = collectConfig({ root, env: {} });
    t.same(tcpOf(observation), [], 'not a listener under systemd');
    t.same(observation.errors, [], 'and no "could not tell": the init system is known');
    t.match(observation.daemon.startup, { kind: 'known', by: /^systemd/ });
  });

  t.test('sysvinit: the packaged unit is only a file; /etc/default/docker is dockerd\'s command line', async (t) => {
    const root = scratchRoot(t, null);
    write(root, '/lib/systemd/system/docker.service', unit);
    write(root, '/etc/default/docker', defaults);
    write(root, '/sbin/init', 'sysvinit');
    write(root, '/etc/inittab', 'id:2:initdefault:\n');
    const observation = collectConfig({ root, env: {} });
    t.same(tcpOf(observation), ['/etc/default/docker']);
    t.match(observation.daemon.startup, { kind: 'known', by: /init script/ });
  });
});
