import { posix } from 'node:path';
import type { FileObservation, FileRole, FileStat } from '../files/file-observation.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';

/** What the file-* and cert-* rules share: which files a check applies to, and how to speak of them. */

export const GROUP_OTHER_ANY = 0o077;
export const GROUP_OTHER_WRITE = 0o022;

const KEY_ROLES: readonly FileRole[] = ['server-key', 'client-key', 'ca-key'];
const CERTIFICATE_ROLES: readonly FileRole[] = ['server-cert', 'client-cert', 'ca-cert'];

/** A private key by content, or by the role it was given even when it could not be parsed. */
export function isPrivateKey(observation: FileObservation): boolean {
  return observation.kind === 'private-key' || KEY_ROLES.includes(observation.role);
}

export function isCertificateRole(role: FileRole): boolean {
  return CERTIFICATE_ROLES.includes(role);
}

/**
 * lstat facts of a regular file, or null. A symlink's own mode is always 0777 and its owner
 * says nothing about the target, and a directory is not a key; neither is judged by bits.
 */
export function regularFileStat(observation: FileObservation): FileStat | null {
  return observation.stat?.type === 'file' ? observation.stat : null;
}

/**
 * The leaf of a server or client certificate file: the first certificate, as the daemon and CLI
 * load it. By certificates, not kind: a file holding a certificate and its key is a 'private-key'.
 */
export function leafOf(observation: FileObservation, ...roles: Array<'server-cert' | 'client-cert'>): CertificateFacts | null {
  if (!(roles as FileRole[]).includes(observation.role)) return null;
  return observation.certificates[0] ?? null;
}

/** "0644": mode bits in octal, as chmod takes them. */
export function octalMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** "read and write for group, read for others", from the group and other bits that are set. */
export function describeGroupOtherAccess(mode: number): string {
  const parts: string[] = [];
  for (const [who, shift] of [['group', 3], ['others', 0]] as const) {
    const bits = (mode >> shift) & 0o7;
    const access = [bits & 0o4 ? 'read' : '', bits & 0o2 ? 'write' : '', bits & 0o1 ? 'execute' : ''].filter(Boolean);
    if (access.length) parts.push(`${access.join(' and ')} for ${who}`);
  }
  return parts.join(', ');
}

/** A path as a shell word, so a remediation command can be pasted as is. */
export function shellPath(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** The file as the audited system names it, and where a followed link led (chmod and chown follow it too). */
export function describePath(observation: FileObservation): string {
  const target = observation.symlinkTarget;
  return target ? `${observation.systemPath} (a link to ${target.systemPath})` : observation.systemPath;
}

/**
 * pairedWith and caPath are paths as read; under --root, speak of them as the audited system
 * does, as of the file itself.
 */
export function asSystemPath(observation: FileObservation, pathAsRead: string): string {
  const { path, systemPath } = observation;
  if (path === systemPath || !path.endsWith(systemPath)) return pathAsRead;
  const root = path.slice(0, path.length - systemPath.length);
  return pathAsRead.startsWith(`${root}/`) ? pathAsRead.slice(root.length) : pathAsRead;
}

export function fileName(observation: FileObservation): string {
  return posix.basename(observation.systemPath);
}

/** Names one certificate of a file; a bundle's members are told apart by position. */
export function describeFileCertificate(observation: FileObservation, index: number): string {
  const cert = observation.certificates[index]!;
  const subject = cert.subject || '(empty subject)';
  return observation.certificates.length > 1 ? `certificate ${index + 1} of ${observation.certificates.length} (${subject})` : `certificate ${subject}`;
}

export const ROLE_WORDS: Record<FileRole, string> = {
  'server-cert': "the daemon's server certificate",
  'client-cert': 'a client certificate',
  'ca-cert': 'a CA certificate',
  'server-key': "the daemon's private key",
  'client-key': 'a client private key',
  'ca-key': "the CA's private key",
  unknown: 'a file of unknown role',
};

/**
 * Whether the date rules judge a file's certificate at this index: every certificate, until the
 * chain to the CA is known (chainPath); then only those on it, since a bundle's unused
 * certificate is one no client ever looks at.
 */
export function datesMatter(observation: FileObservation, index: number): boolean {
  // chainPath is absent from observations read back from a report before 1.9.0.
  const path = observation.chainPath ?? null;
  return path === null || path.includes(index);
}
