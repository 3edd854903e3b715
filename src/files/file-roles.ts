/**
 * A file's role, in the order: what a daemon config or docker context names it as,
 * then --role, then the file names the Docker TLS guides use, else unknown. And whose the file
 * should be, which follows from the role and where it sits.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isWithin, type AuditedRoot } from '../filesystem/audited-root.js';
import type { FileKind, FileRole, FileRoleHint, RoleSource } from './file-observation.js';

/** Names the guides give whatever directory they sit in. */
const ROLE_BY_NAME: Readonly<Record<string, FileRole>> = {
  'ca.pem': 'ca-cert',
  'ca-key.pem': 'ca-key',
  'server-cert.pem': 'server-cert',
  'server-key.pem': 'server-key',
};

/** docs.docker.com and the CoreOS guide: cert.pem and key.pem are a client's only in a client directory. */
const CLIENT_ROLE_BY_NAME: Readonly<Record<string, FileRole>> = {
  'cert.pem': 'client-cert',
  'key.pem': 'client-key',
};

/** Names that promise key material: a file with one of them that holds none is unparseable, not 'other'. */
const MATERIAL_EXTENSIONS = /\.(pem|crt|cer|cert|der|key|p8|pk8|csr|req)$/i;

export function nameSuggestsMaterial(fileName: string): boolean {
  return MATERIAL_EXTENSIONS.test(fileName);
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

export function roleFromName(systemPath: string, clientDirectories: readonly string[]): FileRole {
  const name = path.posix.basename(systemPath);
  const role = ROLE_BY_NAME[name];
  if (role) return role;
  const clientRole = CLIENT_ROLE_BY_NAME[name];
  if (clientRole && isInClientDirectory(systemPath, clientDirectories)) return clientRole;
  return 'unknown';
}

const CERTIFICATE_ROLE_OF_KEY_ROLE: Partial<Record<FileRole, FileRole>> = {
  'server-key': 'server-cert',
  'client-key': 'client-cert',
  'ca-key': 'ca-cert',
};
const KEY_ROLE_OF_CERTIFICATE_ROLE: Partial<Record<FileRole, FileRole>> = {
  'server-cert': 'server-key',
  'client-cert': 'client-key',
  'ca-cert': 'ca-key',
};

export function isKeyRole(role: FileRole): boolean {
  return role in CERTIFICATE_ROLE_OF_KEY_ROLE;
}

/**
 * --role given for a directory applies to what each file is: `--role server-cert` on
 * /etc/docker/ssl makes the certificate a server-cert and the key beside it a server-key.
 * Files that are neither (CSRs, extension files) get no role from the flag.
 */
function overrideForKind(override: FileRole, kind: FileKind): FileRole | null {
  if (kind === 'certificate') return KEY_ROLE_OF_CERTIFICATE_ROLE[override] ? override : (CERTIFICATE_ROLE_OF_KEY_ROLE[override] ?? null);
  if (kind === 'private-key') return CERTIFICATE_ROLE_OF_KEY_ROLE[override] ? override : (KEY_ROLE_OF_CERTIFICATE_ROLE[override] ?? null);
  if (kind === 'unparseable' || kind === 'unreadable') return override === 'unknown' ? null : override;
  return null;
}

export interface RoleDecision {
  role: FileRole;
  roleSource: RoleSource;
}

export function decideRole(
  systemPath: string,
  kind: FileKind,
  hint: FileRoleHint | undefined,
  override: FileRole | undefined,
  clientDirectories: readonly string[],
): RoleDecision {
  if (hint && hint.role !== 'unknown') return { role: hint.role, roleSource: 'config' };
  const overridden = override ? overrideForKind(override, kind) : null;
  if (overridden) return { role: overridden, roleSource: 'flag' };
  const named = roleFromName(systemPath, clientDirectories);
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
