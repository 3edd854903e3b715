import type { FileRoleHint, FileStat } from '../files/file-observation.js';

/**
 * What the config collector read of a host's Docker setup: the daemon's effective network
 * and TLS settings wherever they are set, and the client side. Observations only; the
 * daemon-* and client-* rules judge them.
 */

/** Where a value was read: the file (absolute, as read), the path the audited system sees, and the line. */
export interface ConfigSource {
  path: string;
  systemPath: string;
  /** 1-based; null when a file as a whole is meant. */
  line: number | null;
  /** How it was written, for messages: "daemon.json \"hosts\"", "-H tcp://0.0.0.0:2375 in ExecStart", "DOCKER_OPTS in /etc/default/docker". */
  form: string;
}

/** One setting of one directive; a directive may be set in several places (that is daemon-config-conflict). */
export interface Setting<T> {
  value: T;
  source: ConfigSource;
  /** 'json' for daemon.json, 'flag' for dockerd command-line flags (unit ExecStart, DOCKER_OPTS, ...). */
  origin: 'json' | 'flag';
}

export interface Listener {
  /** As written: "tcp://0.0.0.0:2376", "unix:///var/run/docker.sock", "fd://". */
  address: string;
  scheme: 'tcp' | 'unix' | 'fd' | 'npipe' | 'ssh' | 'other';
  /** For tcp: host without brackets ("0.0.0.0", "::", "127.0.0.1", "" when omitted). */
  host: string | null;
  /** For tcp: the port, defaulted as dockerd does (2375 without TLS, 2376 with) when omitted. */
  port: number | null;
  source: ConfigSource;
  origin: 'json' | 'flag';
}

/** A file the config reads from, with its lstat facts, for the permission rules. */
export interface ConfigFile {
  path: string;
  systemPath: string;
  kind: 'daemon-json' | 'systemd-unit' | 'systemd-drop-in' | 'environment-file' | 'docker-default';
  stat: FileStat | null;
  readError: string | null;
}

export interface DaemonJsonParseError {
  message: string;
  line: number;
  column: number;
}

/** A daemon.json key given more than once: Go's encoding/json, and so dockerd, keeps the last. */
export interface DuplicateKey {
  key: string;
  /** Every line the key is on, in order; the last is the one dockerd uses. */
  lines: number[];
}

/** How this dockerd is started, as far as dockprobe could tell (1.6.0). */
export type DaemonStartupFact =
  /** Read from what starts it: "systemd (docker.service)", "OpenRC (...)", "the Docker snap (...)". */
  | { kind: 'known'; by: string }
  /** Nothing here starts a dockerd. */
  | { kind: 'none' }
  /** dockerd is installed but how it starts could not be read: its listeners are "could not check". */
  | { kind: 'unknown'; why: string };

export interface DaemonConfig {
  startup: DaemonStartupFact;
  /** Every file that shaped the daemon's settings and exists. */
  files: ConfigFile[];
  /** daemon.json as found (default /etc/docker/daemon.json, or --config-file from the unit). */
  daemonJsonPath: string | null;
  daemonJsonError: DaemonJsonParseError | null;
  /** Top-level daemon.json keys given more than once, each with every line it is on (1.5.0). */
  duplicateKeys: DuplicateKey[];
  listeners: Listener[];
  tls: Setting<boolean>[];
  tlsverify: Setting<boolean>[];
  tlscacert: Setting<string>[];
  tlscert: Setting<string>[];
  tlskey: Setting<string>[];
  /** Directives set both in daemon.json and as a flag (dockerd refuses to start). */
  conflicts: { directive: string; json: ConfigSource; flag: ConfigSource }[];
  /** The unix socket dockerd serves (default /var/run/docker.sock), with its lstat facts. */
  socket: { path: string; systemPath: string; stat: FileStat | null } | null;
  /** gid of the audited system's `docker` group (its /etc/group); null when there is none. */
  dockerGroupGid: number | null;
  /** Each tlscacert/tlscert/tlskey setting, and whether its file exists and reads. */
  tlsFiles: TlsFileStatus[];
  /** Is dockerd configured here at all (any unit, daemon.json or defaults file found)? */
  present: boolean;
  /** CIS Docker Benchmark section 2 directives, every place each is set (1.8.0). */
  hardening: DaemonHardening;
  /** A rootless dockerd (a user's own, run through rootlesskit), not the host's root daemon (1.8.0). */
  rootless: boolean;
  /** The CIS section 3 objects found for this daemon, with their lstat facts (1.8.0). */
  protectedFiles: ProtectedFile[];
  /** Objects looked for and not found here: their owner and mode controls do not apply (1.8.0). */
  protectedObjectsAbsent: ProtectedObject[];
  /** Objects that could not be looked for (a folder closed to us, a link loop): "could not check" (1.8.0). */
  protectedObjectsUnknown: { object: ProtectedObject; why: string }[];
  /**
   * Places that may set this daemon's settings and were not read (1.8.0): a drop-in folder that
   * could not be listed, an init script's options that may or may not be dockerd's, a daemon.json
   * directive of a type dockerd refuses. While any is listed, a setting missing from the lists
   * above may be set there: the config rules say "could not check", never "pass".
   */
  unreadSettings: UnreadSetting[];
}

/** One place that may set a daemon's settings and was not read, and why (1.8.0). */
export interface UnreadSetting {
  /** The file or folder, as the audited system names it. */
  source: string;
  why: string;
}

/**
 * The daemon settings CIS Docker Benchmark section 2 asks about, each as every place it is set,
 * in daemon.json or as a dockerd flag (1.8.0). Facts only: which value wins, and whether it is
 * good, is for the rules. A flag dockerd takes repeatedly (--insecure-registry,
 * --authorization-plugin, --default-ulimit) is one setting per flag, each holding its one value,
 * so every value keeps its own line; daemon.json's array is one setting holding them all.
 */
export interface DaemonHardening {
  /** "icc" / --icc */
  icc: Setting<boolean>[];
  /** "log-level" / --log-level, -l */
  logLevel: Setting<string>[];
  /** "debug" / --debug, -D */
  debug: Setting<boolean>[];
  /** "iptables" / --iptables */
  iptables: Setting<boolean>[];
  /** "insecure-registries" / --insecure-registry (repeatable) */
  insecureRegistries: Setting<string[]>[];
  /** "storage-driver" / --storage-driver, -s */
  storageDriver: Setting<string>[];
  /** "default-ulimits" (each as "name=soft:hard", as dockerd writes them) / --default-ulimit (repeatable, as written) */
  defaultUlimits: Setting<string[]>[];
  /** "userns-remap" / --userns-remap */
  usernsRemap: Setting<string>[];
  /** "cgroup-parent" / --cgroup-parent */
  cgroupParent: Setting<string>[];
  /** "authorization-plugins" / --authorization-plugin (repeatable) */
  authorizationPlugins: Setting<string[]>[];
  /** "log-driver" / --log-driver */
  logDriver: Setting<string>[];
  /** "no-new-privileges" / --no-new-privileges */
  noNewPrivileges: Setting<boolean>[];
  /** "live-restore" / --live-restore */
  liveRestore: Setting<boolean>[];
  /** "userland-proxy" / --userland-proxy */
  userlandProxy: Setting<boolean>[];
  /** "seccomp-profile" / --seccomp-profile */
  seccompProfile: Setting<string>[];
  /** "experimental" / --experimental */
  experimental: Setting<boolean>[];
  /** "bridge" / --bridge, -b: "none" removes the default bridge (and what icc is about) (1.8.0). */
  bridge?: Setting<string>[];
}

/** The files and sockets CIS Docker Benchmark section 3 sets owners and modes for. */
export type ProtectedObject =
  | 'docker.service'
  | 'docker.socket'
  | 'etc-docker'
  | 'registry-certificate'
  | 'tls-ca'
  | 'tls-cert'
  | 'tls-key'
  | 'docker-sock'
  | 'daemon.json'
  | 'etc-default-docker'
  | 'etc-sysconfig-docker'
  | 'containerd-sock';

/** One section 3 object found on the audited system (1.8.0). */
export interface ProtectedFile {
  object: ProtectedObject;
  /** As read (under --root, inside the root). */
  path: string;
  /** As the audited system sees it. */
  systemPath: string;
  /** lstat facts; null when it could not be read (then `problem` says why: "could not check"). */
  stat: FileStat | null;
  problem: string | null;
}

export interface TlsFileStatus {
  directive: 'tlscacert' | 'tlscert' | 'tlskey';
  path: string;
  systemPath: string;
  source: ConfigSource;
  /** null when the file is there and readable; else what is wrong, in words. */
  problem: string | null;
  /** Set when this scanner could not tell (not root, EACCES): reported as "could not check". */
  unverifiable?: string;
  /**
   * Set on the tlscacert dockerd takes from its flag default (DOCKER_CERT_PATH, DOCKER_CONFIG or
   * ~/.docker, then ca.pem) when a flag turned TLS on and no tlscacert is written anywhere; `source`
   * is that flag (1.6.0). See config/default-client-ca.ts.
   */
  flagDefault?: true;
}

export interface DockerContext {
  name: string;
  /** "tcp://host:2376", "ssh://user@host", "unix:///var/run/docker.sock". */
  host: string;
  skipTlsVerify: boolean;
  /** The context's TLS folder (contexts/tls/<id>/docker), when it exists. */
  tlsFolder: string | null;
  source: ConfigSource;
}

export interface SshHostOption {
  /** The Host pattern the option sits under ("*" for the top of the file). */
  hostPattern: string;
  option: 'StrictHostKeyChecking' | 'UserKnownHostsFile';
  value: string;
  source: ConfigSource;
}

export interface ClientHome {
  /** e.g. /root, /home/alice (as the audited system sees it). */
  systemPath: string;
  path: string;
  ownerUid: number | null;
  contexts: DockerContext[];
  /** ~/.ssh/config options that matter for ssh:// contexts. */
  sshOptions: SshHostOption[];
  /** ~/.docker exists (its certificates go to the files collector). */
  dockerDir: string | null;
}

export interface ClientEnvironment {
  DOCKER_HOST: string | null;
  DOCKER_TLS_VERIFY: string | null;
  /** DOCKER_TLS: TLS on without verifying the server (the CLI's --tls). */
  DOCKER_TLS?: string | null;
  DOCKER_CERT_PATH: string | null;
}

export interface ConfigObservation {
  /** "/" or the --root directory. */
  root: string;
  /** The host's own dockerd, however its init system starts it. */
  daemon: DaemonConfig;
  /** Other daemons the host starts: the Docker snap, users' rootless dockerd (1.6.0). */
  otherDaemons: DaemonConfig[];
  homes: ClientHome[];
  /** The scanner's own environment; null under --root (another system's environment is not ours to read). */
  environment: ClientEnvironment | null;
  /** Roles learned from config, for the files collector: tlscert of a daemon is a server certificate. */
  fileHints: FileRoleHint[];
  /** Things that could not be read or understood; each becomes an error entry, the rest goes on. */
  errors: { path: string; message: string }[];
}
