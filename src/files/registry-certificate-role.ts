import path from 'node:path';
import type { FileRole } from './file-observation.js';

/** Where dockerd (and the docker CLI) look for a registry's certificates: certs.d/<host[:port]>/. */
export const REGISTRY_CERTS_DIRECTORY = '/etc/docker/certs.d';

/**
 * What dockerd makes of a file in certs.d/<host>/ (moby registry.ReadCertsDirectory): every
 * *.crt is a CA it trusts for that registry, every *.cert a client certificate it presents, and
 * the *.key of the same name that certificate's key. Anything else there is not read by dockerd.
 */
export function registryCertificateRole(fileName: string): FileRole | null {
  if (fileName.endsWith('.crt')) return 'ca-cert';
  if (fileName.endsWith('.cert')) return 'client-cert';
  if (fileName.endsWith('.key')) return 'client-key';
  return null;
}

/** The role of a file directly in /etc/docker/certs.d/<host>/, by dockerd's naming; null elsewhere. */
export function registryCertificateRoleAt(systemPath: string): FileRole | null {
  const registryFolder = path.posix.dirname(systemPath);
  if (path.posix.dirname(registryFolder) !== REGISTRY_CERTS_DIRECTORY) return null;
  return registryCertificateRole(path.posix.basename(systemPath));
}
