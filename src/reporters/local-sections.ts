import type { ConfigObservation, DaemonConfig } from '../config/config-observation.js';
import type { FileObservation } from '../files/file-observation.js';
import { daemonTlsState } from '../rule-support/daemon-tls-state.js';
import { octalMode } from '../rule-support/file-checks.js';
import { fittedTable, type Column } from './fitted-table.js';

const FILE_COLUMNS: Column[] = [
  { head: 'File', ideal: 36, min: 24 },
  { head: 'Role', ideal: 13, min: 13 }, // "server-cert"
  { head: 'What', ideal: 20, min: 16, grow: true },
  { head: 'Mode / owner', ideal: 16, min: 12 },
];

/**
 * What the config collector found, in a few lines: enough for a reader to see that the audit
 * looked, and where, even when nothing was wrong (or Docker is not installed at all).
 */
export function configSection(config: ConfigObservation, machineLabel?: string): string[] {
  const lines = ['Configuration' + (machineLabel === undefined ? '' : ` of ${machineLabel}`) + (config.root === '/' ? '' : ` (under --root ${config.root})`)];
  lines.push(...daemonLines(config.daemon, 'dockerd'));
  for (const other of config.otherDaemons ?? []) lines.push(...daemonLines(other, other.startup.kind === 'known' ? other.startup.by : 'another dockerd'));
  const contexts = config.homes.flatMap((home) => home.contexts.map((context) => `${context.name} → ${context.host} (${home.systemPath})`));
  lines.push(`  client homes: ${config.homes.map((home) => home.systemPath).join(', ') || 'none'}; contexts: ${contexts.join(', ') || 'none'}`);
  if (config.environment?.DOCKER_HOST) lines.push(`  DOCKER_HOST=${config.environment.DOCKER_HOST}${config.environment.DOCKER_TLS_VERIFY ? ' with DOCKER_TLS_VERIFY' : ''}`);
  return lines;
}

function daemonLines(daemon: DaemonConfig, name: string): string[] {
  if (daemon.startup.kind === 'unknown') return [`  ${name}: COULD NOT TELL how it is started: ${daemon.startup.why} (see "Could not check")`];
  if (!daemon.present) {
    return [`  ${name}: not configured here (no docker.service, OpenRC or init-script settings, daemon.json, boot2docker profile, snap or rootless unit found)`];
  }
  const state = daemonTlsState(daemon);
  const tls = state.tcpListeners.length === 0 ? '' : !state.tlsOn ? ', TLS off' : state.verifyOff ? ', TLS on, clients NOT verified' : ', TLS on, clients verified';
  const listeners = daemon.listeners.map((listener) => listener.address).join(', ') || 'dockerd defaults (unix socket)';
  const by = daemon.startup.kind === 'known' && name === 'dockerd' ? ` (started by ${daemon.startup.by})` : '';
  return [`  ${name}${by} listens on: ${listeners}${tls}`, `  read: ${daemon.files.map((file) => file.systemPath).join(', ') || '(no files)'}`];
}

function describeFile(file: FileObservation): string {
  if (file.readError) return `unreadable: ${file.readError}`;
  if (file.parseError) return `${file.kind}: ${file.parseError}`;
  const leaf = file.certificates[0];
  if (leaf) {
    const more = file.certificates.length > 1 ? ` (+${file.certificates.length - 1} more)` : '';
    return `${leaf.subject || '(no subject)'}, until ${leaf.notAfter.slice(0, 10)}${more}`;
  }
  if (file.key) return file.key.encrypted ? 'private key (encrypted)' : `private key, ${file.key.type ?? '?'} ${file.key.bits ?? '?'} bits`;
  return file.kind;
}

/** Every certificate and key examined: role, what it is, mode and owner. Other files are counted, not listed. */
export function filesSection(files: FileObservation[], width: number): string[] {
  const material = files.filter((file) => file.kind !== 'other');
  if (material.length === 0) return files.length ? [`Files: ${files.length} examined, none of them certificates or keys.`] : [];
  const rows = material.map((file) => {
    const owner = file.stat ? `${octalMode(file.stat.mode)} ${file.stat.uid}:${file.stat.gid}` : '-';
    const waiting = file.checksWithoutRole?.length ? `\n(${file.checksWithoutRole.length} checks not run)` : '';
    return [file.systemPath, `${file.role}${waiting}`, describeFile(file), owner];
  });
  const others = files.length - material.length;
  return [`Files${others ? ` (${others} other file(s) examined, not listed)` : ''}`, fittedTable(width, FILE_COLUMNS, rows), ...roleNotes(material)];
}

/**
 * A file of unknown role is not clean for the checks that need one: say which did not run and
 * how to supply the role, so that "No findings" is not read as covering them.
 */
function roleNotes(files: FileObservation[]): string[] {
  const waiting = files.filter((file) => file.checksWithoutRole?.length);
  if (waiting.length === 0) return [];
  const lines = ['Role unknown, so some checks did not run:'];
  for (const file of waiting) {
    const roles = file.certificates.length > 0 ? 'server-cert, client-cert or ca-cert' : 'server-key, client-key or ca-key';
    lines.push(`  - ${file.systemPath}: ${file.checksWithoutRole!.join(', ')} did not run; give its role with --role (${roles}), or name it in the daemon's config (tlscert, tlskey, tlscacert) or a docker context, which \`dockprobe audit\` reads`);
  }
  return lines;
}
