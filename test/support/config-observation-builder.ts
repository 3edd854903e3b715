import type {
  ClientHome,
  ConfigFile,
  ConfigObservation,
  ConfigSource,
  DaemonConfig,
  DockerContext,
  Listener,
  Setting,
  SshHostOption,
} from '../../src/config/config-observation.js';
import type { FileStat } from '../../src/files/file-observation.js';
import { emptyHardening } from '../../src/config/hardening-directives.js';

/** Hand-built config observations for rule tests: a sound daemon unless a case says otherwise. */

export const UNIT = '/etc/systemd/system/docker.service.d/override.conf';
export const DAEMON_JSON = '/etc/docker/daemon.json';

export function source(systemPath = DAEMON_JSON, line: number | null = 2, form = 'daemon.json'): ConfigSource {
  return { path: systemPath, systemPath, line, form };
}

export function setting<T>(value: T, origin: 'json' | 'flag' = 'json', line = 3): Setting<T> {
  return { value, origin, source: origin === 'json' ? source(DAEMON_JSON, line, 'daemon.json') : source(UNIT, line, 'ExecStart') };
}

export function tcpListener(address = 'tcp://10.0.0.5:2376', origin: 'json' | 'flag' = 'json', line = 2): Listener {
  const match = /^tcp:\/\/(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(address);
  return {
    address,
    scheme: 'tcp',
    host: (match?.[1] ?? '').replace(/^\[|\]$/g, ''),
    port: match?.[2] ? Number(match[2]) : 2376,
    origin,
    source: origin === 'json' ? source(DAEMON_JSON, line, 'daemon.json "hosts"') : source(UNIT, line, `-H ${address} in ExecStart`),
  };
}

export function unixListener(): Listener {
  return { address: 'unix:///var/run/docker.sock', scheme: 'unix', host: null, port: null, origin: 'json', source: source(DAEMON_JSON, 2, 'daemon.json "hosts"') };
}

export function stat(mode: number, uid = 0, gid = 0, type: FileStat['type'] = 'file'): FileStat {
  return { type, mode, uid, gid, size: 100 };
}

export function configFile(systemPath: string, kind: ConfigFile['kind'], fileStat: FileStat | null = stat(0o644)): ConfigFile {
  return { path: systemPath, systemPath, kind, stat: fileStat, readError: null };
}

/** dockerd with mutual TLS on 10.0.0.5:2376, all from daemon.json, files root-owned 0644, socket root:docker 0660. */
export function daemon(overrides: Partial<DaemonConfig> = {}): DaemonConfig {
  return {
    startup: { kind: 'known', by: 'systemd (docker.service)' },
    files: [configFile(DAEMON_JSON, 'daemon-json'), configFile('/lib/systemd/system/docker.service', 'systemd-unit')],
    daemonJsonPath: DAEMON_JSON,
    daemonJsonError: null,
    duplicateKeys: [],
    listeners: [unixListener(), tcpListener()],
    tls: [],
    tlsverify: [setting(true, 'json', 3)],
    tlscacert: [setting('/etc/docker/ca.pem', 'json', 4)],
    tlscert: [setting('/etc/docker/server-cert.pem', 'json', 5)],
    tlskey: [setting('/etc/docker/server-key.pem', 'json', 6)],
    conflicts: [],
    socket: { path: '/var/run/docker.sock', systemPath: '/var/run/docker.sock', stat: stat(0o660, 0, 999, 'other') },
    dockerGroupGid: 999,
    tlsFiles: [
      { directive: 'tlscacert', path: '/etc/docker/ca.pem', systemPath: '/etc/docker/ca.pem', source: source(DAEMON_JSON, 4), problem: null },
      { directive: 'tlscert', path: '/etc/docker/server-cert.pem', systemPath: '/etc/docker/server-cert.pem', source: source(DAEMON_JSON, 5), problem: null },
      { directive: 'tlskey', path: '/etc/docker/server-key.pem', systemPath: '/etc/docker/server-key.pem', source: source(DAEMON_JSON, 6), problem: null },
    ],
    present: true,
    hardening: emptyHardening(),
    rootless: false,
    protectedFiles: [],
    protectedObjectsAbsent: [],
    protectedObjectsUnknown: [],
    unreadSettings: [],
    ...overrides,
  };
}

export function context(overrides: Partial<DockerContext> = {}): DockerContext {
  return {
    name: 'prod',
    host: 'tcp://prod.example:2376',
    skipTlsVerify: false,
    tlsFolder: '/home/alice/.docker/contexts/tls/abc/docker',
    source: source('/home/alice/.docker/contexts/meta/abc/meta.json', null, 'docker context'),
    ...overrides,
  };
}

export function sshOption(option: SshHostOption['option'], value: string, hostPattern = '*', line = 1): SshHostOption {
  return { option, value, hostPattern, source: source('/home/alice/.ssh/config', line, 'ssh config') };
}

export function home(overrides: Partial<ClientHome> = {}): ClientHome {
  return { systemPath: '/home/alice', path: '/home/alice', ownerUid: 1000, contexts: [], sshOptions: [], dockerDir: '/home/alice/.docker', ...overrides };
}

export function config(overrides: Partial<Omit<ConfigObservation, 'daemon'>> & { daemon?: Partial<DaemonConfig> } = {}): ConfigObservation {
  const { daemon: daemonOverrides, ...rest } = overrides;
  return { root: '/', daemon: daemon(daemonOverrides), otherDaemons: [], homes: [], environment: null, fileHints: [], errors: [], ...rest };
}
