import { posix } from 'node:path';
import type { FileRoleHint } from '../files/file-observation.js';
import type { DaemonConfig, ProtectedFile, ProtectedObject } from './config-observation.js';
import type { ConfigError } from './network-settings.js';
import { lookForProtected, type ProtectedLook } from './protected-path.js';
import { readRegistryCertificates } from './registry-certificates.js';
import { UNIT_DIRECTORIES } from './systemd-units.js';

/** Where containerd serves its API unless its config.toml says otherwise; dockerd 23+ uses it when it is there. */
export const DEFAULT_CONTAINERD_SOCKET = '/run/containerd/containerd.sock';

export type ProtectedObjects = Pick<DaemonConfig, 'protectedFiles' | 'protectedObjectsAbsent' | 'protectedObjectsUnknown'>;

/** What one daemon's section 3 objects are, as the audited system names them. */
export interface ProtectedObjectsInput {
  /**
   * The host's own dockerd: its unit files, /etc/docker, the registry certificates, the defaults
   * files, the sockets are looked for. For a rootless or snap dockerd only its own daemon.json
   * and TLS files are (the host's objects are listed once, on the host's daemon).
   */
  hostDaemon: boolean;
  /** daemon.json dockerd reads (found or not). */
  daemonJson: string;
  /** The TLS files dockerd uses, from its settings and flag defaults. */
  tlsFiles: { object: 'tls-ca' | 'tls-cert' | 'tls-key'; systemPath: string }[];
  /** The docker.sock dockprobe found for this daemon (daemon-socket.ts); null: the default is looked for. */
  socket: DaemonConfig['socket'];
  /** Every unix socket dockerd listens on (its unix:// hosts, docker.socket's ListenStream= paths); each is a docker-sock. */
  unixSockets: readonly string[];
  /** The containerd socket --containerd or daemon.json's "containerd" names, if any. */
  namedContainerdSocket: string | null;
}

/**
 * The CIS Docker Benchmark section 3 objects (3.1 to 3.24, owners and modes) of one daemon, each
 * found with its lstat facts, absent, or could not be looked for. An object that several paths
 * may be (docker.service in /etc or /lib) is the one systemd would load; one that could not be
 * looked at before it is found makes the object unknown, since systemd may load that one.
 */
export function readProtectedObjects(root: string, input: ProtectedObjectsInput): ProtectedObjects & { hints: FileRoleHint[]; errors: ConfigError[] } {
  const files: ProtectedFile[] = [];
  const absent = new Set<ProtectedObject>();
  const unknown: { object: ProtectedObject; why: string }[] = [];
  // Each object not looked for is also an error entry, so the report says "could not check" where people look.
  const errors: ConfigError[] = [];
  const notChecked = (object: ProtectedObject, why: string, path: string) => {
    unknown.push({ object, why });
    errors.push({ path, message: `${object} (CIS Docker Benchmark section 3) could not be checked: ${why}` });
  };
  const note = (object: ProtectedObject, looks: readonly ProtectedLook[]) => {
    const found = looks.filter((look) => look.kind === 'found');
    const notLooked = looks.filter((look) => look.kind === 'unknown');
    // One file reached by two names (/var/run/docker.sock and /run/docker.sock, /var/run being a link to /run) is judged once.
    for (const look of found) if (!files.some((file) => file.object === object && (file.systemPath === look.file.systemPath || file.path === look.file.path))) files.push(look.file);
    for (const look of notLooked) notChecked(object, look.why, look.path);
    if (found.length === 0 && notLooked.length === 0) absent.add(object);
  };
  let hints: FileRoleHint[] = [];

  if (input.hostDaemon) {
    note('docker.service', [firstUnit(root, 'docker.service', 'docker.service')]);
    note('docker.socket', [firstUnit(root, 'docker.socket', 'docker.socket')]);
    note('etc-docker', [lookForProtected(root, 'etc-docker', '/etc/docker')]);
    const registry = readRegistryCertificates(root);
    for (const file of registry.files ?? []) files.push(file);
    for (const { why, path } of registry.unknown) notChecked('registry-certificate', why, path);
    if ((registry.files ?? []).length === 0 && registry.unknown.length === 0) absent.add('registry-certificate');
    hints = registry.hints;
    note('etc-default-docker', [lookForProtected(root, 'etc-default-docker', '/etc/default/docker')]);
    note('etc-sysconfig-docker', [lookForProtected(root, 'etc-sysconfig-docker', '/etc/sysconfig/docker')]);
    // Each socket dockerd serves gives root on the host to whoever may open it: all are judged, not the first.
    const sockets = input.unixSockets.length > 0 ? input.unixSockets.map((systemPath) => posix.resolve('/', systemPath)) : [input.socket?.systemPath ?? '/var/run/docker.sock'];
    note('docker-sock', [...new Set(sockets)].map((systemPath) => lookForProtected(root, 'docker-sock', systemPath)));
    const containerd = [DEFAULT_CONTAINERD_SOCKET, ...(input.namedContainerdSocket ? [posix.resolve('/', input.namedContainerdSocket)] : [])];
    note('containerd-sock', [...new Set(containerd)].map((systemPath) => lookForProtected(root, 'containerd-sock', systemPath)));
  }
  note('daemon.json', [lookForProtected(root, 'daemon.json', input.daemonJson)]);
  for (const object of ['tls-ca', 'tls-cert', 'tls-key'] as const) {
    const paths = [...new Set(input.tlsFiles.filter((file) => file.object === object).map((file) => posix.resolve('/', file.systemPath)))];
    note(object, paths.map((systemPath) => lookForProtected(root, object, systemPath)));
  }
  return { protectedFiles: files, protectedObjectsAbsent: [...absent], protectedObjectsUnknown: unknown, hints, errors };
}

/** The unit file systemd loads: the first of the unit directories that has it. */
function firstUnit(root: string, object: ProtectedObject, name: string): ProtectedLook {
  for (const directory of UNIT_DIRECTORIES) {
    const look = lookForProtected(root, object, `${directory}/${name}`);
    if (look.kind !== 'absent') return look;
  }
  return { kind: 'absent' };
}
