/**
 * A file's role, in the order: what a daemon config or docker context names it as,
 * then --role (where it can describe the file: see flagRoleFits), then the file names the Docker
 * TLS guides use, else unknown. And whose the file should be, which follows from the role and
 * where it sits.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isWithin, type AuditedRoot } from '../filesystem/audited-root.js';
import type { FileKind, FileRole, FileRoleHint, FileType, RoleSource } from './file-observation.js';
import { registryCertificateRoleAt } from './registry-certificate-role.js';

/** Names the guides give whatever directory they sit in. */
const ROLE_BY_NAME: Readonly<Record<string, FileRole>> = {
  'ca.pem': 'ca-cert',
  'ca-key.pem': 'ca-key',
  'server-cert.pem': 'server-cert',
  'server-key.pem': 'server-key',
};

/**
 * cert.pem and key.pem are a client's in a client directory (docs.docker.com's "Secure by
 * default", the CoreOS guide's ~/.docker), and in the folder where docs.docker.com's guide makes
 * everything at once: there server-cert.pem and server-key.pem sit beside them, so the daemon's
 * pair has its own names and cert.pem/key.pem are the client's. Elsewhere (the CoreOS guide's
 * /etc/docker/ssl) the same names are a daemon's, and the name alone says nothing.
 */
const CLIENT_ROLE_BY_NAME: Readonly<Record<string, FileRole>> = {
  'cert.pem': 'client-cert',
  'key.pem': 'client-key',
};

/** The daemon's pair as docs.docker.com names it: both beside cert.pem/key.pem make those the client's. */
const GUIDE_SERVER_PAIR = ['server-cert.pem', 'server-key.pem'] as const;

/** Names that promise key material: a file with one of them that holds none is unparseable, not 'other'. */
const MATERIAL_EXTENSIONS = /\.(pem|crt|cer|cert|der|key|p8|pk8|csr|req)$/i;

export function nameSuggestsMaterial(fileName: string): boolean {
  return MATERIAL_EXTENSIONS.test(fileName);
}

/** What the name rules need to know beyond a file's own path. */
export interface RoleNaming {
  /** System paths of client directories (~/.docker, DOCKER_CERT_PATH, contexts' TLS folders). */
  clientDirectories: readonly string[];
  /** The names of the regular files in a directory (by system path). */
  namesIn(directorySystemPath: string): readonly string[];
}

/**
 * ~/.docker, DOCKER_CERT_PATH and a context's TLS folder (given by the caller), any directory
 * named .docker, and anything below a contexts/tls/ folder (docker keeps each context's files
 * in ~/.docker/contexts/tls/<hash>/docker/).
 */
export function isInClientDirectory(systemPath: string, clientDirectories: readonly string[]): boolean {
  const directory = path.posix.dirname(systemPath);
  if (clientDirectories.includes(directory)) return true;
  if (path.posix.basename(directory) === '.docker') return true;
  return systemPath.includes('/contexts/tls/');
}

/** docs.docker.com's one folder: ca.pem, server-cert.pem, server-key.pem, cert.pem and key.pem together. */
export function isBesideGuideServerPair(systemPath: string, naming: RoleNaming): boolean {
  const names = naming.namesIn(path.posix.dirname(systemPath));
  return GUIDE_SERVER_PAIR.every((name) => names.includes(name));
}

export function roleFromName(systemPath: string, naming: RoleNaming): FileRole {
  // dockerd's own naming in /etc/docker/certs.d/<registry>/ (CIS 3.7, 3.8): ca.crt, client.cert, client.key.
  const registryRole = registryCertificateRoleAt(systemPath);
  if (registryRole) return registryRole;
  const name = path.posix.basename(systemPath);
  const role = ROLE_BY_NAME[name];
  if (role) return role;
  const clientRole = CLIENT_ROLE_BY_NAME[name];
  if (clientRole && (isInClientDirectory(systemPath, naming.clientDirectories) || isBesideGuideServerPair(systemPath, naming))) return clientRole;
  return 'unknown';
}

const CERTIFICATE_ROLES: readonly FileRole[] = ['server-cert', 'client-cert', 'ca-cert'];
const KEY_ROLES: readonly FileRole[] = ['server-key', 'client-key', 'ca-key'];

export function isKeyRole(role: FileRole): boolean {
  return KEY_ROLES.includes(role);
}

export function isCertificateRole(role: FileRole): boolean {
  return CERTIFICATE_ROLES.includes(role);
}

/** What --role met: enough of a file to tell whether the role can describe it. */
export interface RoleCandidate {
  systemPath: string;
  kind: FileKind;
  statType: FileType | null;
  /** The file's first certificate is a CA's (basicConstraints CA:TRUE). */
  leafIsCa: boolean;
  /** Named on the command line itself, not met while walking a folder given there. */
  explicit: boolean;
}

/**
 * --role describes certificates (the *-cert roles) or private keys (the *-key roles), and never a
 * directory. A file named on the command line takes it over the name the guides give (the user
 * said what it is), even when it cannot be parsed. In a folder given on the command line it
 * fills in only what names say nothing about, and a CA certificate is never made a leaf (nor a
 * leaf a CA): `--role client-cert ./certs` leaves ./certs/ca.pem, or any CA beside, the CA.
 */
export function flagRoleFits(flagRole: FileRole, candidate: RoleCandidate, named: FileRole): boolean {
  if (candidate.statType === 'directory') return false;
  const wantsCertificate = isCertificateRole(flagRole);
  const wantsKey = isKeyRole(flagRole);
  if (candidate.explicit) {
    if (candidate.kind === 'certificate') return wantsCertificate;
    if (candidate.kind === 'private-key') return wantsKey;
    return (candidate.kind === 'unparseable' || candidate.kind === 'unreadable') && (wantsCertificate || wantsKey);
  }
  if (named !== 'unknown') return false;
  if (candidate.kind === 'certificate') return wantsCertificate && (flagRole === 'ca-cert') === candidate.leafIsCa;
  return candidate.kind === 'private-key' && wantsKey;
}

export interface RoleDecision {
  role: FileRole;
  roleSource: RoleSource;
}

export function decideRole(
  candidate: RoleCandidate,
  hint: FileRoleHint | undefined,
  flagRoles: readonly FileRole[],
  naming: RoleNaming,
): RoleDecision {
  if (hint && hint.role !== 'unknown') return { role: hint.role, roleSource: 'config' };
  const named = roleFromName(candidate.systemPath, naming);
  const flagged = flagRoles.find((flagRole) => flagRoleFits(flagRole, candidate, named));
  if (flagged) return { role: flagged, roleSource: 'flag' };
  if (named !== 'unknown') return { role: named, roleSource: 'file-name' };
  return { role: 'unknown', roleSource: 'none' };
}

/** A CA's files are a daemon's or a client's depending on who names them. */
function hintConsumer(hint: FileRoleHint): 'daemon' | 'client' {
  if (hint.consumer) return hint.consumer;
  return homeOwnerDirectory(hint.namedBy.systemPath) ? 'client' : 'daemon';
}

/** "/home/alice" for "/home/alice/...", "/root" for "/root/..."; else null. */
function homeOwnerDirectory(systemPath: string): string | null {
  const home = /^\/home\/[^/]+(?=\/)/.exec(systemPath);
  if (home) return home[0];
  if (isWithin(systemPath, '/root') && systemPath !== '/root') return '/root';
  return null;
}

/**
 * 0 for a daemon's files: server-* roles, a CA named by a daemon's config, anything under
 * /etc/docker (CIS Docker Benchmark 3.9-3.14). For files in a home directory, its owner.
 *
 * A server-cert.pem that is only *named* so and sits in someone's home is where the Docker guide
 * makes it before it is copied into place; it is that user's, not yet the daemon's.
 */
export function expectedOwnerUid(
  systemPath: string,
  decision: RoleDecision,
  hint: FileRoleHint | undefined,
  root: AuditedRoot,
): number | null {
  const home = homeOwnerDirectory(systemPath);
  const serverRole = decision.role === 'server-cert' || decision.role === 'server-key';
  const caRole = decision.role === 'ca-cert' || decision.role === 'ca-key';
  const daemonByConfig = decision.roleSource === 'config' && hint !== undefined && (serverRole || (caRole && hintConsumer(hint) === 'daemon'));
  if (daemonByConfig || isWithin(systemPath, '/etc/docker') || (serverRole && home === null)) return 0;
  if (home === '/root') return 0;
  if (home === null) return null;
  try {
    return lstatSync(root.realPath(home)).uid;
  } catch {
    return null;
  }
}
