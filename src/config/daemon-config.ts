import { posix } from 'node:path';
import type { FileRoleHint } from '../files/file-observation.js';
import type { ConfigFile, ConfigSource, DaemonConfig, DaemonHardening, Listener, Setting, UnreadSetting } from './config-observation.js';
import { DEFAULT_DAEMON_JSON, readDaemonJson } from './daemon-json.js';
import type { DaemonStartup } from './daemon-startup.js';
import { readCommandLines } from './dockerd-command-line.js';
import { dockerdInstallSigns } from './dockerd-installed.js';
import { readRootlessDaemons } from './rootless-daemons.js';
import { readSnapDaemon } from './snap-daemon.js';
import { readDockerSockets } from './socket-activation.js';
import { readSystemDaemonStartup } from './system-daemon-startup.js';
import { daemonSocket, unixSocketPaths } from './daemon-socket.js';
import { dockerGroupGid } from './docker-group.js';
import { tlsFileStatus } from './tls-file-status.js';
import { flagDefaultClientCa, tlsTurnedOnByFlag } from './default-client-ca.js';
import { parseListenerAddress } from './listener-address.js';
import { BOOLEAN_DIRECTIVES, PATH_DIRECTIVES, type ConfigError, type NetworkSettings } from './network-settings.js';
import { rooted } from '../filesystem/audited-root.js';
import { daemonFileHints } from './daemon-file-hints.js';
import { HARDENING_DIRECTIVES } from './hardening-directives.js';
import { readProtectedObjects, type ProtectedObjectsInput } from './protected-files.js';

export interface DaemonConfigs {
  /** The host's own dockerd, however its init system starts it. */
  daemon: DaemonConfig;
  /** Other daemons on the host: the Docker snap, each user's rootless dockerd. */
  otherDaemons: DaemonConfig[];
  fileHints: FileRoleHint[];
  errors: ConfigError[];
}

export interface DaemonConfigOptions {
  /** The scanning user's home and $XDG_CONFIG_HOME (live system only): rootless dockerd reads its config there. */
  ownHome?: string;
  xdgConfigHome?: string;
}

/** Every dockerd the host starts, each worked out from the start-up that runs it. */
export function readDaemonConfigs(root: string, options: DaemonConfigOptions = {}): DaemonConfigs {
  const errors: ConfigError[] = [];
  const system = readSystemDaemonStartup(root);
  const daemon = daemonConfigFrom(root, system.startup, { socketActivation: system.bySystemd, hostDaemon: true });
  errors.push(...daemon.errors);
  const signs = dockerdInstallSigns(root);
  if (!daemon.config.present && signs.length > 0) {
    daemon.config.startup = { kind: 'unknown', why: `dockerd is installed (${signs.join(', ')}), but no start-up dockprobe reads was found (${system.init.evidence})` };
    errors.push({
      path: rooted(root, signs[0]!).path,
      message: `dockerd is installed here (${signs.join(', ')}) but dockprobe could not tell how it is started (${system.init.evidence}; it reads systemd units, OpenRC's /etc/conf.d/docker, /etc/default/docker, /etc/sysconfig/docker, boot2docker's profile, the Docker snap and rootless user units): its listeners were not checked; scan its ports with \`dockprobe scan\``,
    });
  }
  const others: DaemonConfig[] = [];
  const startups = [readSnapDaemon(root), ...readRootlessDaemons(root, options)].filter((startup) => startup !== null);
  for (const startup of startups) {
    const other = daemonConfigFrom(root, startup, { socketActivation: false, hostDaemon: false });
    errors.push(...other.errors);
    others.push(other.config);
  }
  const fileHints = [...[daemon.config, ...others].flatMap((config) => daemonFileHints(config)), ...daemon.registryHints];
  return { daemon: daemon.config, otherDaemons: others, fileHints, errors };
}

/** One daemon's settings: its flags, then the daemon.json they point at, then the sockets systemd hands it. */
function daemonConfigFrom(root: string, startup: DaemonStartup, options: { socketActivation: boolean; hostDaemon: boolean }): { config: DaemonConfig; errors: ConfigError[]; registryHints: FileRoleHint[] } {
  const errors: ConfigError[] = [...startup.errors];
  const files: ConfigFile[] = [...startup.files];
  const unreadSettings: UnreadSetting[] = [...startup.unreadSettings];
  const flags = readCommandLines(startup.commandLines);
  errors.push(...flags.errors);

  const daemonJsonLocation = rooted(root, flags.configFile ? posix.resolve('/', flags.configFile.value) : startup.defaultDaemonJson);
  const json = readDaemonJson(root, daemonJsonLocation);
  errors.push(...json.errors);
  if (json.file) files.push(json.file);

  const settings = mergeSettings(json.settings, flags.settings);
  const hardening = mergeHardening(json.hardening, flags.hardening);
  // dockerd turns TLS on when --tlsverify is given at all, even =false, and picks 2376 for a port-less tcp:// then.
  const tlsOn = settings.tls.some((setting) => setting.value) || settings.tlsverify.length > 0;
  const listeners: Listener[] = [
    ...json.settings.hosts.map((host) => ({ address: host.address, ...parseListenerAddress(host.address, tlsOn), source: host.source, origin: 'json' as const })),
    ...flags.settings.hosts.map((host) => ({ address: host.address, ...parseListenerAddress(host.address, tlsOn), source: host.source, origin: 'flag' as const })),
    ...startup.extraListeners,
  ];

  const sockets = options.socketActivation ? readDockerSockets(root) : { files: [], listeners: [], found: false, errors: [], unreadSettings: [] };
  if (listeners.some((listener) => listener.scheme === 'fd')) {
    files.push(...sockets.files);
    errors.push(...sockets.errors);
    listeners.push(...sockets.listeners);
    unreadSettings.push(...sockets.unreadSettings);
  }

  // dockerd's environment is its unit's; an init script's variables reach it only as flags. A
  // daemon.json we could not parse may set tlscacert, so no default is claimed then.
  const defaultCaFile = json.parseError ? null : flagDefaultClientCa(root, settings, startup.environment);
  const defaultCa = defaultCaFile ? [defaultCaFile] : [];
  const present = startup.present || json.file !== null || sockets.found;
  const config: DaemonConfig = {
    startup: !present ? { kind: 'none' } : startup.unknownWhy ? { kind: 'unknown', why: startup.unknownWhy } : { kind: 'known', by: startup.startedBy },
    files: uniqueByPath(files),
    daemonJsonPath: json.file ? daemonJsonLocation.path : null,
    daemonJsonError: json.parseError,
    duplicateKeys: json.duplicateKeys,
    listeners,
    ...settings,
    conflicts: [...findConflicts(json.settings, flags.settings), ...hardeningConflicts(json.hardening, flags.hardening)],
    socket: null,
    dockerGroupGid: dockerGroupGid(root),
    tlsFiles: [...tlsFileStatus(root, settings), ...defaultCa],
    present,
    hardening,
    rootless: startup.rootless,
    protectedFiles: [],
    protectedObjectsAbsent: [],
    protectedObjectsUnknown: [],
    unreadSettings: [...unreadSettings, ...json.unreadSettings],
  };
  // A rootless dockerd serves its own socket under $XDG_RUNTIME_DIR, not the host's.
  config.socket = startup.usesSystemSocket ? daemonSocket(root, listeners, config.present) : null;
  for (const file of config.tlsFiles) if (file.unverifiable) errors.push({ path: file.path, message: `${file.directive} ${file.systemPath} ${file.unverifiable}` });

  const containerd = [json.containerd, flags.containerd].filter((named) => named !== null);
  const objects = readProtectedObjects(root, {
    // The host's own section 3 objects are looked for once, on the daemon the host's init system starts.
    hostDaemon: options.hostDaemon,
    daemonJson: daemonJsonLocation.systemPath,
    tlsFiles: protectedTlsFiles(config, defaultCaFile?.systemPath ?? null, startup.environment),
    socket: config.socket,
    unixSockets: unixSocketPaths(listeners),
    namedContainerdSocket: containerd.at(-1)?.value ?? null,
  });
  config.protectedFiles = objects.protectedFiles;
  config.protectedObjectsAbsent = objects.protectedObjectsAbsent;
  config.protectedObjectsUnknown = objects.protectedObjectsUnknown;
  errors.push(...objects.errors);
  return { config, errors, registryHints: objects.hints };
}

/**
 * The TLS files dockerd reads: every tlscacert/tlscert/tlskey set, and, when a flag turned TLS on
 * and one is not set, the flag's default in the same folder as the default CA (dockerd uses
 * cert.pem and key.pem there only when they exist; a missing one is then simply absent).
 */
function protectedTlsFiles(config: DaemonConfig, defaultCa: string | null, environment: (name: string) => string | undefined): ProtectedObjectsInput['tlsFiles'] {
  const object = { tlscacert: 'tls-ca', tlscert: 'tls-cert', tlskey: 'tls-key' } as const;
  const files: ProtectedObjectsInput['tlsFiles'] = [];
  for (const directive of ['tlscacert', 'tlscert', 'tlskey'] as const) {
    // An empty path is dockerd's "not set" (no file; for tlscacert, the system trust store).
    for (const setting of config[directive]) if (setting.value !== '') files.push({ object: object[directive], systemPath: setting.value });
  }
  if (defaultCa) files.push({ object: 'tls-ca', systemPath: defaultCa });
  if (tlsTurnedOnByFlag(config)) {
    const directory = environment('DOCKER_CERT_PATH') || environment('DOCKER_CONFIG') || '/root/.docker';
    if (config.tlscert.length === 0) files.push({ object: 'tls-cert', systemPath: posix.resolve('/', directory, 'cert.pem') });
    if (config.tlskey.length === 0) files.push({ object: 'tls-key', systemPath: posix.resolve('/', directory, 'key.pem') });
  }
  return files;
}

/** daemon.json's settings, then the flags', for each section 2 directive. */
function mergeHardening(json: DaemonHardening, flags: DaemonHardening): DaemonHardening {
  const merged = {} as Record<keyof DaemonHardening, Setting<unknown>[]>;
  for (const { field } of HARDENING_DIRECTIVES) merged[field] = [...(json[field] as Setting<unknown>[]), ...(flags[field] as Setting<unknown>[])];
  return merged as DaemonHardening;
}

/** As for the network directives: dockerd refuses a section 2 directive set in daemon.json and as a flag. */
function hardeningConflicts(json: DaemonHardening, flags: DaemonHardening): DaemonConfig['conflicts'] {
  const conflicts: DaemonConfig['conflicts'] = [];
  for (const { field, jsonKey } of HARDENING_DIRECTIVES) {
    const fromJson = (json[field] as Setting<unknown>[])[0]?.source;
    const fromFlag = (flags[field] as Setting<unknown>[])[0]?.source;
    if (fromJson && fromFlag) conflicts.push({ directive: jsonKey, json: fromJson, flag: fromFlag });
  }
  return conflicts;
}

type SettingLists = Omit<NetworkSettings, 'hosts'>;

function mergeSettings(json: NetworkSettings, flags: NetworkSettings): SettingLists {
  const merged = {} as SettingLists;
  for (const directive of BOOLEAN_DIRECTIVES) merged[directive] = [...json[directive], ...flags[directive]];
  for (const directive of PATH_DIRECTIVES) merged[directive] = [...json[directive], ...flags[directive]];
  return merged;
}

/** dockerd refuses to start when daemon.json and a flag both set a directive, even to the same value. */
function findConflicts(json: NetworkSettings, flags: NetworkSettings): DaemonConfig['conflicts'] {
  const conflicts: DaemonConfig['conflicts'] = [];
  const firstSource = (list: readonly { source: ConfigSource }[]) => list[0]?.source;
  for (const directive of ['hosts', ...BOOLEAN_DIRECTIVES, ...PATH_DIRECTIVES] as const) {
    const fromJson = (directive === 'hosts' ? json.hostsKey : undefined) ?? firstSource(json[directive] as { source: ConfigSource }[]);
    const fromFlag = firstSource(flags[directive] as { source: ConfigSource }[]);
    if (fromJson && fromFlag) conflicts.push({ directive, json: fromJson, flag: fromFlag });
  }
  return conflicts;
}

function uniqueByPath(files: ConfigFile[]): ConfigFile[] {
  const seen = new Map<string, ConfigFile>();
  for (const file of files) if (!seen.has(file.path)) seen.set(file.path, file);
  return [...seen.values()];
}

