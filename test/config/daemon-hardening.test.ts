/**
 * The CIS Docker Benchmark section 2 settings (DaemonConfig.hardening), read wherever dockerd's
 * configuration is written: daemon.json, and the flags of every start-up dockprobe reads. What
 * users (and the rules on top) rely on: every place a directive is set is found, with the file and
 * line to fix, and a value dockerd would refuse is an error entry, never a setting.
 */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { collectConfig } from '../../src/config/collect-config.js';
import type { DaemonConfig, DaemonHardening, Setting } from '../../src/config/config-observation.js';
import { hardeningReadable } from '../../src/config/hardening-readable.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const startupFixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/startup');
const collect = (root: string) => collectConfig({ root, env: {} });
/** Each setting of a directive as [value, origin, systemPath:line]. */
const placed = (settings: readonly Setting<unknown>[]) => settings.map((setting) => [setting.value, setting.origin, `${setting.source.systemPath}:${setting.source.line}`]);
const summary = (daemon: DaemonConfig) =>
  Object.fromEntries(Object.entries(daemon.hardening).filter(([, settings]) => (settings as Setting<unknown>[]).length > 0).map(([field, settings]) => [field, placed(settings as Setting<unknown>[])]));

const EVERY_KEY = `{
  "icc": false,
  "log-level": "info",
  "debug": false,
  "iptables": true,
  "insecure-registries": ["registry.local:5000", "10.0.0.0/8"],
  "storage-driver": "overlay2",
  "default-ulimits": {
    "nofile": { "Name": "nofile", "Hard": 64000, "Soft": 32000 },
    "nproc": { "name": "nproc", "hard": 2048, "soft": 1024 }
  },
  "userns-remap": "default",
  "cgroup-parent": "/docker",
  "authorization-plugins": ["authz-broker"],
  "log-driver": "syslog",
  "no-new-privileges": true,
  "live-restore": true,
  "userland-proxy": false,
  "seccomp-profile": "/etc/docker/seccomp.json",
  "experimental": false
}
`;

t.test('daemon.json: every section 2 key, each with its line', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/docker/daemon.json', EVERY_KEY);
  const observation = collect(root);
  const at = (line: number) => `/etc/docker/daemon.json:${line}`;
  t.same(summary(observation.daemon), {
    icc: [[false, 'json', at(2)]],
    logLevel: [['info', 'json', at(3)]],
    debug: [[false, 'json', at(4)]],
    iptables: [[true, 'json', at(5)]],
    insecureRegistries: [[['registry.local:5000', '10.0.0.0/8'], 'json', at(6)]],
    storageDriver: [['overlay2', 'json', at(7)]],
    // As dockerd prints a ulimit: soft before hard; Go matches Name/Hard/Soft in any case.
    defaultUlimits: [[['nofile=32000:64000', 'nproc=1024:2048'], 'json', at(8)]],
    usernsRemap: [['default', 'json', at(12)]],
    cgroupParent: [['/docker', 'json', at(13)]],
    authorizationPlugins: [[['authz-broker'], 'json', at(14)]],
    logDriver: [['syslog', 'json', at(15)]],
    noNewPrivileges: [[true, 'json', at(16)]],
    liveRestore: [[true, 'json', at(17)]],
    userlandProxy: [[false, 'json', at(18)]],
    seccompProfile: [['/etc/docker/seccomp.json', 'json', at(19)]],
    experimental: [[false, 'json', at(20)]],
  });
  t.equal(observation.daemon.hardening.icc[0]!.source.form, 'daemon.json "icc"');
  t.same(observation.errors, [], 'nothing to complain about');
  t.equal(observation.daemon.rootless, false);
});

t.test('daemon.json: a value of a type dockerd refuses is an error entry with its line, and no setting', async (t) => {
  const root = scratchRoot(t, null);
  write(
    root,
    '/etc/docker/daemon.json',
    `{
  "icc": "false",
  "log-level": 0,
  "insecure-registries": "registry.local:5000",
  "authorization-plugins": ["authz", 1],
  "default-ulimits": { "nofile": { "Name": "nofile", "Hard": "64000", "Soft": 64000 } },
  "live-restore": null,
  "userland-proxy": false
}
`,
  );
  const observation = collect(root);
  t.same(summary(observation.daemon), { userlandProxy: [[false, 'json', '/etc/docker/daemon.json:8']] }, 'only the well-typed key is a setting; null leaves dockerd its default');
  t.same(
    observation.errors.map((error) => error.message).sort(),
    [
      'daemon.json "icc" at line 2 must be true or false; dockerd refuses to start',
      'daemon.json "log-level" at line 3 must be a string; dockerd refuses to start',
      'daemon.json "insecure-registries" at line 4 must be an array of strings; dockerd refuses to start',
      'daemon.json "default-ulimits" at line 6 must be an object of {"Name", "Hard", "Soft"} by ulimit name; dockerd refuses to start',
      'daemon.json "authorization-plugins" at line 5 must be an array of strings; dockerd refuses to start',
    ].sort(),
  );
  t.ok(observation.errors.every((error) => error.path === join(root, 'etc/docker/daemon.json')));
});

t.test('daemon.json: a section 2 key in the wrong case is named, as dockerd refuses it', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/docker/daemon.json', '{\n  "Live-Restore": true\n}\n');
  const observation = collect(root);
  t.same(observation.daemon.hardening.liveRestore, []);
  t.match(observation.errors, [{ message: /"Live-Restore" at line 2 is not a dockerd option \(names are case-sensitive: "live-restore"\)/ }]);
});

/** A systemd host: /sbin/init is systemd, the packaged unit in /lib. */
function systemdRoot(t: Test): string {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/systemd', '');
  mkdirSync(join(root, 'sbin'));
  symlinkSync('/lib/systemd/systemd', join(root, 'sbin/init'));
  return root;
}

t.test('systemd ExecStart: flags over several lines, each with its own line', async (t) => {
  const root = systemdRoot(t);
  write(
    root,
    '/lib/systemd/system/docker.service',
    `[Service]
Type=notify
ExecStart=/usr/bin/dockerd -H fd:// \\
  --icc=false -l warn -D \\
  --insecure-registry a:5000 --insecure-registry=b:5000 \\
  -s aufs --default-ulimit nofile=1024:2048 \\
  --userns-remap=default --cgroup-parent /docker \\
  --authorization-plugin authz-broker --log-driver=journald \\
  --no-new-privileges --live-restore --userland-proxy=false \\
  --seccomp-profile=/etc/docker/seccomp.json --experimental --iptables=false
`,
  );
  const observation = collect(root);
  const at = (line: number) => `/lib/systemd/system/docker.service:${line}`;
  t.same(summary(observation.daemon), {
    icc: [[false, 'flag', at(4)]],
    logLevel: [['warn', 'flag', at(4)]],
    debug: [[true, 'flag', at(4)]],
    iptables: [[false, 'flag', at(10)]],
    insecureRegistries: [
      [['a:5000'], 'flag', at(5)],
      [['b:5000'], 'flag', at(5)],
    ],
    storageDriver: [['aufs', 'flag', at(6)]],
    defaultUlimits: [[['nofile=1024:2048'], 'flag', at(6)]],
    usernsRemap: [['default', 'flag', at(7)]],
    cgroupParent: [['/docker', 'flag', at(7)]],
    authorizationPlugins: [[['authz-broker'], 'flag', at(8)]],
    logDriver: [['journald', 'flag', at(8)]],
    noNewPrivileges: [[true, 'flag', at(9)]],
    liveRestore: [[true, 'flag', at(9)]],
    userlandProxy: [[false, 'flag', at(9)]],
    seccompProfile: [['/etc/docker/seccomp.json', 'flag', at(10)]],
    experimental: [[true, 'flag', at(10)]],
  });
  t.match(observation.daemon.hardening.icc[0]!.source.form, /--icc=false in ExecStart \(docker\.service\)/);
  t.match(observation.daemon.hardening.storageDriver[0]!.source.form, /-s aufs in ExecStart/);
  t.same(observation.errors, []);
});

t.test('a drop-in that replaces ExecStart, with daemon.json beside: both places are kept, and a directive in both is a conflict', async (t) => {
  const root = systemdRoot(t);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd:// --icc=false\n');
  write(root, '/etc/systemd/system/docker.service.d/override.conf', '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// \\\n  --live-restore --log-level debug\n');
  write(root, '/etc/docker/daemon.json', '{\n  "log-level": "info"\n}\n');
  const observation = collect(root);
  const dropIn = '/etc/systemd/system/docker.service.d/override.conf';
  t.same(summary(observation.daemon), {
    logLevel: [
      ['info', 'json', '/etc/docker/daemon.json:2'],
      ['debug', 'flag', `${dropIn}:4`],
    ],
    liveRestore: [[true, 'flag', `${dropIn}:4`]],
  }, "the packaged --icc=false was reset by the drop-in's empty ExecStart=");
  t.same(
    observation.daemon.conflicts.map((conflict) => [conflict.directive, `${conflict.json.systemPath}:${conflict.json.line}`, `${conflict.flag.systemPath}:${conflict.flag.line}`]),
    [['log-level', '/etc/docker/daemon.json:2', `${dropIn}:4`]],
    'dockerd refuses to start with a directive both in daemon.json and as a flag',
  );
});

t.test('DOCKER_OPTS in /etc/default/docker (sysvinit): the flags point at the DOCKER_OPTS line', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/sbin/init', 'ELF');
  write(root, '/etc/inittab', 'id:2:initdefault:\n');
  write(root, '/etc/init.d/docker', '#!/bin/sh\n. /etc/default/docker\n');
  write(root, '/etc/default/docker', '# Docker Upstart and SysVinit configuration file\n\nDOCKER_OPTS="--icc=false --insecure-registry old.registry:5000 -l error"\n');
  const observation = collect(root);
  t.match(observation.daemon.startup, { kind: 'known', by: /init script/ });
  t.same(summary(observation.daemon), {
    icc: [[false, 'flag', '/etc/default/docker:3']],
    logLevel: [['error', 'flag', '/etc/default/docker:3']],
    insecureRegistries: [[['old.registry:5000'], 'flag', '/etc/default/docker:3']],
  });
  t.match(observation.daemon.hardening.icc[0]!.source.form, /DOCKER_OPTS/);
});

t.test('other_args in /etc/sysconfig/docker (EL6 init script)', async (t) => {
  const root = scratchRoot(t, null);
  cpSync(join(startupFixtures, 'el6-sysvinit-stock'), root, { recursive: true });
  write(root, '/etc/sysconfig/docker', '# /etc/sysconfig/docker\n\nother_args="--selinux-enabled --storage-driver devicemapper --log-driver=journald"\n');
  const observation = collect(root);
  t.same(summary(observation.daemon), {
    storageDriver: [['devicemapper', 'flag', '/etc/sysconfig/docker:3']],
    logDriver: [['journald', 'flag', '/etc/sysconfig/docker:3']],
  });
});

t.test('DOCKER_OPTS in OpenRC\'s /etc/conf.d/docker', async (t) => {
  const root = scratchRoot(t, null);
  cpSync(join(startupFixtures, 'openrc-stock'), root, { recursive: true });
  write(root, '/etc/conf.d/docker', '# /etc/conf.d/docker\n\nDOCKER_OPTS="--userns-remap=default --no-new-privileges --default-ulimit nofile=64000:64000 --default-ulimit nproc=512"\n');
  const observation = collect(root);
  t.match(observation.daemon.startup, { kind: 'known', by: /^OpenRC/ });
  t.same(summary(observation.daemon), {
    defaultUlimits: [
      [['nofile=64000:64000'], 'flag', '/etc/conf.d/docker:3'],
      [['nproc=512'], 'flag', '/etc/conf.d/docker:3'],
    ],
    usernsRemap: [['default', 'flag', '/etc/conf.d/docker:3']],
    noNewPrivileges: [[true, 'flag', '/etc/conf.d/docker:3']],
  }, 'a repeatable flag accumulates, one setting per flag');
});

t.test('a rootless dockerd: rootless, its own daemon.json and flags; the host daemon is not rootless', async (t) => {
  const root = scratchRoot(t, null);
  cpSync(join(startupFixtures, 'rootless-stock'), root, { recursive: true });
  write(root, '/home/alice/.config/docker/daemon.json', '{\n  "experimental": true\n}\n');
  const observation = collect(root);
  t.equal(observation.daemon.rootless, false);
  t.equal(observation.otherDaemons.length, 1);
  const rootless = observation.otherDaemons[0]!;
  t.equal(rootless.rootless, true);
  t.same(summary(rootless), { experimental: [[true, 'json', '/home/alice/.config/docker/daemon.json:2']] });
  t.same(summary(observation.daemon), {}, "the user's daemon.json is not the host daemon's");
});

t.test('nothing configured: every directive is an empty list (dockerd defaults), not a guess', async (t) => {
  const observation = collect(scratchRoot(t, null));
  const lists = Object.values(observation.daemon.hardening as DaemonHardening) as unknown[][];
  t.equal(lists.length, 17, "the sixteen CIS directives and the bridge");
  t.ok(lists.every((list) => list.length === 0));
});

t.test('hardeningReadable: an empty list means "not set" only when daemon.json and the start-up were read', async (t) => {
  const readable = scratchRoot(t, null);
  write(readable, '/etc/docker/daemon.json', '{\n  "icc": false\n}\n');
  t.same(hardeningReadable(collect(readable).daemon), { readable: true });

  const invalid = scratchRoot(t, null);
  write(invalid, '/etc/docker/daemon.json', '{\n  "live-restore": true,\n}\n');
  const parsed = collect(invalid).daemon;
  t.same(parsed.hardening.liveRestore, [], 'dockerd refuses the file: nothing read from it');
  t.match(hardeningReadable(parsed), { readable: false, why: /daemon\.json is not valid \(line 3/ });

  const unreadable = scratchRoot(t, null);
  write(unreadable, '/etc/docker/daemon.json', Buffer.alloc(2 * 1024 * 1024, 0x20));
  t.match(hardeningReadable(collect(unreadable).daemon), { readable: false, why: /\/etc\/docker\/daemon\.json could not be read \(too large/ });

  const unknownStart = scratchRoot(t, null);
  write(unknownStart, '/usr/bin/dockerd', 'ELF');
  t.match(hardeningReadable(collect(unknownStart).daemon), { readable: false, why: /how dockerd starts could not be told/ });
});

t.test('the default bridge setting is read from daemon.json and from -b / --bridge', async (t) => {
  const json = scratchRoot(t, null);
  write(json, '/etc/docker/daemon.json', '{\n  "bridge": "none"\n}\n');
  t.match(collect(json).daemon.hardening.bridge, [{ value: 'none', origin: 'json', source: { line: 2 } }]);
  for (const flag of ['-b none', '--bridge=none', '--bridge none']) {
    const root = scratchRoot(t, null);
    write(root, '/lib/systemd/system/docker.service', `[Service]\nExecStart=/usr/bin/dockerd ${flag}\n`);
    t.match(collect(root).daemon.hardening.bridge, [{ value: 'none', origin: 'flag' }], flag);
  }
});
