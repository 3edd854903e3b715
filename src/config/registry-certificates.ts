import { readdirSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { FileRoleHint } from '../files/file-observation.js';
import { REGISTRY_CERTS_DIRECTORY, registryCertificateRole } from '../files/registry-certificate-role.js';
import type { ProtectedFile } from './config-observation.js';
import { lookForProtected } from './protected-path.js';
import { resolveInsideRoot, rooted } from '../filesystem/audited-root.js';
import { describeFsError, fsErrorCode, withAccessAdvice } from '../filesystem/fs-errors.js';

/** Bounds, so a folder of thousands of entries (or a hostile image) cannot keep the scan going. */
const MAX_REGISTRIES = 256;
const MAX_ENTRIES_PER_REGISTRY = 256;

export interface RegistryCertificates {
  /** null: certs.d is not there (the objects are absent). */
  files: ProtectedFile[] | null;
  /** Folders that could not be listed, or the bound that was hit: "could not check". */
  unknown: { why: string; path: string }[];
  hints: FileRoleHint[];
}

/** The registry certificate files under /etc/docker/certs.d/*, with their lstat facts and roles. */
export function readRegistryCertificates(root: string): RegistryCertificates {
  const result: RegistryCertificates = { files: null, unknown: [], hints: [] };
  const registries = listFolder(root, REGISTRY_CERTS_DIRECTORY);
  if (registries.kind === 'absent') return result;
  if (registries.kind === 'unknown') {
    result.unknown.push({ why: registries.why, path: rooted(root, REGISTRY_CERTS_DIRECTORY).path });
    return result;
  }
  result.files = [];
  const hosts = registries.names.sort();
  if (hosts.length > MAX_REGISTRIES) result.unknown.push({ why: `${REGISTRY_CERTS_DIRECTORY}: ${hosts.length} entries, only the first ${MAX_REGISTRIES} were checked`, path: rooted(root, REGISTRY_CERTS_DIRECTORY).path });
  for (const host of hosts.slice(0, MAX_REGISTRIES)) {
    const folder = `${REGISTRY_CERTS_DIRECTORY}/${host}`;
    const listed = listFolder(root, folder);
    if (listed.kind === 'unknown') result.unknown.push({ why: listed.why, path: rooted(root, folder).path });
    if (listed.kind !== 'listed') continue;
    const names = listed.names.filter((name) => registryCertificateRole(name) !== null).sort();
    if (names.length > MAX_ENTRIES_PER_REGISTRY) result.unknown.push({ why: `${folder}: ${names.length} certificate files, only the first ${MAX_ENTRIES_PER_REGISTRY} were checked`, path: rooted(root, folder).path });
    for (const name of names.slice(0, MAX_ENTRIES_PER_REGISTRY)) {
      const systemPath = `${folder}/${name}`;
      const look = lookForProtected(root, 'registry-certificate', systemPath);
      if (look.kind === 'unknown') result.unknown.push({ why: look.why, path: look.path });
      if (look.kind !== 'found') continue;
      result.files.push(look.file);
      result.hints.push(registryHint(root, folder, name, names));
    }
  }
  return result;
}

function registryHint(root: string, folder: string, name: string, names: readonly string[]): FileRoleHint {
  const role = registryCertificateRole(name)!;
  const location = rooted(root, folder);
  const key = name.endsWith('.cert') ? `${name.slice(0, -'.cert'.length)}.key` : null;
  return {
    systemPath: `${folder}/${name}`,
    role,
    // dockerd reads them for pulls and pushes: they are the daemon's, owned by root (CIS 3.7, 3.8).
    consumer: 'daemon',
    namedBy: { path: location.path, systemPath: location.systemPath, line: null, what: `registry certificate folder ${folder}/ (dockerd reads *.crt as CAs, *.cert and *.key as its client pair)` },
    ...(key && names.includes(key) ? { keySystemPath: posix.join(folder, key) } : {}),
  };
}

type Listing = { kind: 'listed'; names: string[] } | { kind: 'absent' } | { kind: 'unknown'; why: string };

/** The names in a folder of the audited system; a path that is not a folder is absent. */
function listFolder(root: string, systemPath: string): Listing {
  const resolution = resolveInsideRoot(root, systemPath);
  if ('error' in resolution) return { kind: 'unknown', why: `${systemPath}: ${resolution.error}` };
  try {
    if (!statSync(resolution.resolved.path).isDirectory()) return { kind: 'absent' };
    return { kind: 'listed', names: readdirSync(resolution.resolved.path) };
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'unknown', why: `${systemPath} cannot be listed: ${withAccessAdvice(describeFsError(error), code)}` };
  }
}
