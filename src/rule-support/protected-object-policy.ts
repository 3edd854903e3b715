import type { ConfigObservation, DaemonConfig, ProtectedFile, ProtectedObject } from '../config/config-observation.js';
import type { RuleDecision } from '../rules/rule.js';
import { defaultConfigDecision } from '../rule-engine/default-decision.js';
import { octalMode, shellPath } from './file-checks.js';

/**
 * The owner and most open mode the CIS Docker Benchmark v1.7.0 (section 3, controls 3.1 to 3.24)
 * asks of each object dockprobe looks at: the one table daemon-file-owner and daemon-file-mode
 * judge against, so the two can never disagree about a file.
 */
export interface ProtectedObjectPolicy {
  /** How the benchmark names it, for messages. */
  label: string;
  /** The group the benchmark asks for: root, or docker (the socket's group). */
  group: 'root' | 'docker';
  /** The most open mode allowed: no permission bit beyond these. */
  maxMode: number;
  /** What is at stake, for messages: why its owner and mode matter. */
  stake: string;
}

export const PROTECTED_OBJECT_POLICY: Readonly<Record<ProtectedObject, ProtectedObjectPolicy>> = {
  'docker.service': { label: 'the docker.service unit', group: 'root', maxMode: 0o644, stake: 'the unit decides how dockerd starts' },
  'docker.socket': { label: 'the docker.socket unit', group: 'root', maxMode: 0o644, stake: 'the unit decides who may use the Docker socket' },
  'etc-docker': { label: 'the /etc/docker directory', group: 'root', maxMode: 0o755, stake: 'it holds dockerd\'s configuration, certificates and keys' },
  'registry-certificate': { label: 'a registry certificate file', group: 'root', maxMode: 0o444, stake: 'it decides which registries dockerd trusts and how it authenticates to them' },
  'tls-ca': { label: 'dockerd\'s TLS CA certificate', group: 'root', maxMode: 0o444, stake: 'it decides which clients dockerd lets in' },
  'tls-cert': { label: 'dockerd\'s TLS server certificate', group: 'root', maxMode: 0o444, stake: 'it is the identity dockerd presents to its clients' },
  'tls-key': { label: 'dockerd\'s TLS server key', group: 'root', maxMode: 0o400, stake: 'whoever reads or replaces it can pose as dockerd' },
  // CIS 3.15 asks for root:docker; group root is stricter still (nobody but root reaches the API).
  'docker-sock': { label: 'the Docker socket', group: 'docker', maxMode: 0o660, stake: 'whoever can use it controls dockerd, and so the host' },
  'daemon.json': { label: 'daemon.json', group: 'root', maxMode: 0o644, stake: 'it decides how dockerd runs and where it listens' },
  'etc-default-docker': { label: '/etc/default/docker', group: 'root', maxMode: 0o644, stake: 'it sets dockerd\'s start-up options' },
  'etc-sysconfig-docker': { label: '/etc/sysconfig/docker', group: 'root', maxMode: 0o644, stake: 'it sets dockerd\'s start-up options' },
  'containerd-sock': { label: 'the containerd socket', group: 'root', maxMode: 0o660, stake: 'whoever can use it controls containerd and every container' },
};

/**
 * The section 3 objects are the host's: its units, /etc/docker, its sockets. A rootless dockerd's
 * daemon.json and TLS files belong to its user (root:root would be wrong there), and the snap's
 * are not what the benchmark names; the collector lists them, the rules leave them alone.
 */
export function isHostDaemon(observation: ConfigObservation): boolean {
  return !(observation.otherDaemons ?? []).includes(observation.daemon);
}

export type JudgedFile = ProtectedFile & { stat: NonNullable<ProtectedFile['stat']> };

/**
 * The host daemon's section 3 files the rules judge. One that could not be stat'ed is "could not
 * check", never judged. Nor is a symbolic link: its own mode is always 0777 and chmod and chown
 * follow it, so the bits that matter are its target's, which lstat did not see (the compliance
 * gate reports such an object as not checked).
 */
export function judgedProtectedFiles(observation: ConfigObservation): JudgedFile[] {
  if (!isHostDaemon(observation)) return [];
  return (observation.daemon.protectedFiles ?? []).filter((file): file is JudgedFile => file.stat !== null && file.stat.type !== 'symlink');
}

/** The groups an object may have: root always; the docker group too for the socket (when /etc/group has one). */
export function allowedGroups(object: ProtectedObject, daemon: DaemonConfig): number[] {
  const policy = PROTECTED_OBJECT_POLICY[object];
  return policy.group === 'docker' && daemon.dockerGroupGid !== null ? [0, daemon.dockerGroupGid] : [0];
}

/** "root:root" or "root:docker", as chown takes it. */
export function expectedOwner(object: ProtectedObject): string {
  return `root:${PROTECTED_OBJECT_POLICY[object].group}`;
}

export function expectedMode(object: ProtectedObject): string {
  return octalMode(PROTECTED_OBJECT_POLICY[object].maxMode);
}

/**
 * The command that fixes it, ready to paste. The socket's chown names group docker only where the
 * audited system has one (`chown root:docker` fails without it; root:root is stricter anyway).
 */
export function fixCommand(command: 'chown' | 'chmod', file: ProtectedFile, daemon: DaemonConfig): string {
  const noDockerGroup = PROTECTED_OBJECT_POLICY[file.object].group === 'docker' && daemon.dockerGroupGid === null;
  const argument = command === 'chmod' ? expectedMode(file.object) : noDockerGroup ? 'root:root' : expectedOwner(file.object);
  return `${command} ${argument} ${shellPath(file.systemPath)}`;
}

/**
 * When the section 3 rules' silence is a pass: the config default (a configured dockerd whose
 * start-up was read), on the host daemon only, and only in a report that records the objects
 * (1.8.0+). Which object a control is about, and whether it was found, is the compliance
 * gate's business (compliance/subject-gate.ts: objectGate).
 */
export function protectedObjectsDecision(observation: ConfigObservation): RuleDecision {
  if (!isHostDaemon(observation)) return { kind: 'not-applicable', why: 'the section 3 files are the host dockerd\'s, not a rootless or snap daemon\'s' };
  const daemon = observation.daemon as DaemonConfig & { protectedFiles?: ProtectedFile[] };
  if (!daemon.protectedFiles) return { kind: 'not-checked', why: 'the report was written before report format 1.8.0, which records the files section 3 is about' };
  return defaultConfigDecision(observation);
}
