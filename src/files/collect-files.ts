/**
 * The files collector behind `dockprobe files PATH...`: finds the certificate and key material
 * under each PATH, reads it, and says what each file is, whose it should be, what it pairs and
 * chains with, and what lies beside it. Observations only: the file-* and cert-* rules judge.
 *
 * Symbolic links: a PATH, and a file a config names, are followed (inside --root) as dockerd or
 * the docker CLI would follow them. Links met while walking a directory are never followed (see
 * walk-directory.ts); one that leads outside the directory, dangles or loops is reported as an
 * unreadable file when its name or a hint says it should be key material.
 */
import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { AuditedRoot } from '../filesystem/audited-root.js';
import { fileStat } from '../filesystem/file-stat.js';
import { describeFsError, fsErrorCode } from '../filesystem/fs-errors.js';
import { checkChain } from './check-chain.js';
import type { FileKind, FileObservation, FileRole, FileRoleHint, FileStat } from './file-observation.js';
import { decideRole, expectedOwnerUid, isCertificateRole, isKeyRole, nameSuggestsMaterial, roleFromName, type RoleCandidate, type RoleNaming } from './file-roles.js';
import { MaterialLookup, unreadable, type LocatedFile } from './material-lookup.js';
import { pairCertificate, pairKey } from './pair-key-and-certificate.js';
import { DEFAULT_WALK_LIMITS, walkDirectory, type AfterListing, type WalkLimits } from './walk-directory.js';

/**
 * The read cap for certificates, keys and CA bundles the files collector looks at: 1 MiB (a CA
 * bundle is a few hundred KiB). A bigger file is named as too large and not read.
 */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface CollectFilesOptions {
  /** "/" normally; with --root, the directory that stands for "/" of the audited system. */
  root: string;
  /**
   * --role, at most one *-cert role (for certificates) and one *-key role (for private keys); see
   * file-roles.ts, flagRoleFits: a file named here takes it, files in a folder named here take it
   * where their names say nothing. Never a directory.
   */
  roleOverrides?: readonly FileRole[];
  /** Roles the config collector learned, by system path. They win over --role and file names. */
  hints?: FileRoleHint[];
  /** System paths of client certificate directories (~/.docker, DOCKER_CERT_PATH, contexts' TLS folders). */
  clientDirectories?: string[];
  /** Files larger than this are reported as too large and not read (default 1 MiB). */
  maxFileBytes?: number;
  walkLimits?: WalkLimits;
  /** Test seam: see walk-directory.ts. */
  afterListing?: AfterListing;
  /** The clock chains are verified at (--at; injected in tests); default: now. */
  now?: Date;
}

export interface FileCollectionError {
  /** The path as read. */
  path: string;
  message: string;
}

export interface FilesCollection {
  files: FileObservation[];
  /** What could not be looked at: a PATH that does not exist, a directory that cannot be listed, a walk cut short. */
  errors: FileCollectionError[];
  /** Said and skipped without stopping: a --role that fitted no file given. */
  warnings: string[];
}

interface Candidate {
  located: LocatedFile;
  /** Named on the command line: reported even when it turns out to be nothing of interest. */
  explicit: boolean;
  /** The PATH argument it was found under. */
  argument: string;
}

type ObservationWithoutNeighbours = Omit<FileObservation, 'besideServerCert' | 'besideClientCert' | 'besidePrivateKey'>;

interface Collector {
  root: AuditedRoot;
  lookup: MaterialLookup;
  hints: FileRoleHint[];
  hintByPath: Map<string, FileRoleHint>;
  naming: RoleNaming;
  flagRoles: readonly FileRole[];
  now: Date;
}

export function collectFiles(paths: readonly string[], options: CollectFilesOptions): FilesCollection {
  const root = new AuditedRoot(options.root);
  const hints = (options.hints ?? []).map(normaliseHint);
  const lookup = new MaterialLookup(root, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const collector: Collector = {
    root,
    lookup,
    hints,
    hintByPath: new Map(hints.map((hint) => [hint.systemPath, hint])),
    naming: {
      clientDirectories: (options.clientDirectories ?? []).map((directory) => path.posix.resolve('/', directory)),
      namesIn: (directory) => lookup.filesIn(directory).map((file) => path.posix.basename(file.systemPath)),
    },
    flagRoles: options.roleOverrides ?? [],
    now: options.now ?? new Date(),
  };
  const errors: FileCollectionError[] = [];
  const candidates = new Set<string>();
  const observed = new Map<string, ObservationWithoutNeighbours>();
  const flagRolesTaken = new Set<FileRole>();
  const namedFileKind = new Map<string, FileKind>();
  // Each file is observed as soon as it is found, while the certificates just read for it (and its
  // neighbours) are still parsed for its chain check: see CertificateReader. What a file is, pairs
  // with and chains to depends only on the files around it, never on the order they are observed in.
  const add = (candidate: Candidate) => {
    if (candidates.has(candidate.located.path)) return;
    candidates.add(candidate.located.path);
    const observation = observe(collector, candidate);
    if (!observation) return;
    observed.set(observation.path, observation);
    if (observation.roleSource === 'flag') flagRolesTaken.add(observation.role);
    if (candidate.explicit && observation.stat?.type !== 'directory') namedFileKind.set(candidate.argument, observation.kind);
  };

  for (const argument of paths) {
    const systemPath = root.systemPathOfArgument(argument);
    const located = collector.lookup.named(systemPath);
    if (!located) {
      errors.push({ path: root.realPath(systemPath), message: 'does not exist' });
      continue;
    }
    if (located.examined.stat?.type !== 'directory') {
      add({ located, explicit: true, argument });
      continue;
    }
    if (expectsMaterial(collector, located)) add({ located, explicit: true, argument });
    const walk = walkDirectory(root, located.symlinkTarget?.systemPath ?? systemPath, options.walkLimits ?? DEFAULT_WALK_LIMITS, options.afterListing);
    errors.push(...walk.problems);
    for (const entry of walk.entries) {
      const candidate = entry.type === 'symlink' ? linkCandidate(collector, entry.systemPath, argument) : walkedCandidate(collector, entry.systemPath, argument);
      if (candidate) add(candidate);
    }
  }

  const warnings = collector.flagRoles
    .filter((role) => !flagRolesTaken.has(role))
    .map((role) => roleFitsNothing(role, paths, paths.length === 1 ? namedFileKind.get(paths[0]!) : undefined));

  const files: FileObservation[] = [];
  for (const observation of observed.values()) {
    const neighbours = collector.lookup
      .filesIn(path.posix.dirname(observation.systemPath))
      .filter((neighbour) => neighbour.path !== observation.path)
      .map((neighbour) => {
        const seen = observed.get(neighbour.path);
        if (seen) return { role: seen.role, kind: seen.kind };
        const hint = hintFor(collector, neighbour);
        return { role: decideRole(roleCandidate(neighbour, neighbour.examined.kind, false), hint, [], collector.naming).role, kind: neighbour.examined.kind };
      });
    files.push({
      ...observation,
      besideServerCert: neighbours.some((neighbour) => neighbour.role === 'server-cert'),
      besideClientCert: neighbours.some((neighbour) => neighbour.role === 'client-cert'),
      besidePrivateKey: neighbours.some(
        (neighbour) =>
          neighbour.kind === 'private-key' || (isKeyRole(neighbour.role) && (neighbour.kind === 'unreadable' || neighbour.kind === 'unparseable')),
      ),
    });
  }
  return { files, errors, warnings };
}

/**
 * One line that names the PATH and what to do. --role is a promise about what the user gave: one
 * that described nothing would otherwise leave them believing the role-dependent checks ran.
 */
function roleFitsNothing(role: FileRole, paths: readonly string[], namedFileKind: FileKind | undefined): string {
  const other = isCertificateRole(role) ? 'a *-key role (server-key, client-key, ca-key) for a key' : 'a *-cert role (server-cert, client-cert, ca-cert) for a certificate';
  if (namedFileKind !== undefined) {
    const describes = isCertificateRole(role) ? 'certificates' : 'private keys';
    return `--role ${role} does not fit ${paths[0]}: it describes ${describes}, and that file is ${KIND_WORDS[namedFileKind]}; give ${other}, or leave --role out`;
  }
  const what = isCertificateRole(role) ? (role === 'ca-cert' ? 'CA certificates' : 'certificates that are not CAs') : 'private keys';
  return `--role ${role} applied to no file in ${paths.join(', ')}: it describes ${what}, and there is none there whose role its name or a config does not already give; name the file itself (dockprobe files FILE --role ${role}), or give ${other}`;
}

const KIND_WORDS: Record<FileKind, string> = {
  certificate: 'a certificate',
  'private-key': 'a private key',
  csr: 'a certificate signing request',
  'openssl-config': 'an openssl config file',
  serial: 'an openssl serial file',
  unparseable: 'not a certificate or key dockprobe can parse',
  unreadable: 'unreadable',
  other: 'neither a certificate nor a key',
};

function roleCandidate(located: LocatedFile, kind: FileKind, explicit: boolean): RoleCandidate {
  return {
    systemPath: located.systemPath,
    kind,
    statType: located.examined.stat?.type ?? null,
    leafIsCa: located.examined.certificates[0]?.isCA ?? false,
    explicit,
  };
}

function normaliseHint(hint: FileRoleHint): FileRoleHint {
  const normalise = (systemPath: string) => path.posix.resolve('/', systemPath);
  return {
    ...hint,
    systemPath: normalise(hint.systemPath),
    ...(hint.caSystemPath !== undefined ? { caSystemPath: normalise(hint.caSystemPath) } : {}),
    ...(hint.keySystemPath !== undefined ? { keySystemPath: normalise(hint.keySystemPath) } : {}),
  };
}

function hintFor(collector: Collector, located: LocatedFile): FileRoleHint | undefined {
  return collector.hintByPath.get(located.systemPath) ?? (located.symlinkTarget && collector.hintByPath.get(located.symlinkTarget.systemPath));
}

/**
 * A name or a hint promises certificate or key material, and so does --role for a file (not a
 * directory) named on the command line: --role says what that file is, not what a folder holds.
 */
function expectsMaterial(collector: Collector, located: LocatedFile, explicit = false): boolean {
  return (
    hintFor(collector, located) !== undefined ||
    (explicit && collector.flagRoles.length > 0 && located.examined.stat?.type !== 'directory') ||
    nameSuggestsMaterial(path.posix.basename(located.systemPath)) ||
    roleFromName(located.systemPath, collector.naming) !== 'unknown'
  );
}

/**
 * Regular files are all looked at (content decides what they are). Directories, FIFOs, sockets
 * and devices only when named like key material: ~/.docker/run/docker.sock is no key, but a
 * directory called cert.pem is a broken certificate.
 */
function walkedCandidate(collector: Collector, systemPath: string, argument: string): Candidate | null {
  const located = collector.lookup.beside(systemPath);
  // Deleted since the walk listed it: skipped like a file that was never there (walk-directory.ts says why).
  if (!located || located.examined.vanished) return null;
  if (located.examined.stat?.type !== 'file' && !expectsMaterial(collector, located)) return null;
  // A walk meets plugin binaries (~/.docker/cli-plugins) and other people's config.json: what
  // could not be read is only ours to report when its name or a hint says it is key material.
  if (located.examined.readError !== null && !expectsMaterial(collector, located)) return null;
  return { located, explicit: false, argument };
}

/**
 * A link met in a walk: skipped when it resolves, inside the walked directory (the walk lists
 * its target) or outside it (walks never leave the folder they were given, as find(1) without
 * -L; /etc/ssl/certs is all such links, and none of them is a defect). A dangling or
 * unresolvable link named like key material is reported: what it should point to is missing.
 */
function linkCandidate(collector: Collector, systemPath: string, argument: string): Candidate | null {
  const realPath = collector.root.realPath(systemPath);
  let linkStat: FileStat;
  let target: string;
  try {
    const stats = lstatSync(realPath);
    linkStat = fileStat(stats);
    target = readlinkSync(realPath);
  } catch {
    return null;
  }
  let reason: string;
  try {
    collector.root.resolve(systemPath);
    return null;
  } catch (error) {
    reason = fsErrorCode(error) === 'ENOENT'
      ? `dangling symbolic link to ${target}`
      : `symbolic link to ${target} cannot be resolved: ${describeFsError(error)}`;
  }
  const located: LocatedFile = { path: realPath, systemPath, examined: unreadable(linkStat, reason) };
  return expectsMaterial(collector, located) ? { located, explicit: false, argument } : null;
}

function observe(collector: Collector, candidate: Candidate): ObservationWithoutNeighbours | null {
  const { located } = candidate;
  const examined = located.examined;
  const hint = hintFor(collector, located);
  let { kind, parseError } = examined;
  if (kind === 'unparseable' && !examined.materialDetected && !expectsMaterial(collector, located, candidate.explicit)) {
    kind = 'other';
    parseError = null;
  }
  if (kind === 'other' && !candidate.explicit) return null;

  const decision = decideRole(roleCandidate(located, kind, candidate.explicit), hint, collector.flagRoles, collector.naming);
  const pairing = examined.certificates.length > 0
    ? pairCertificate(located, hint, collector.lookup)
    : pairKey(located, collector.hints, collector.lookup);
  const chain = checkChain(located, decision.role, hint, collector.lookup, collector.now);
  return {
    path: located.path,
    systemPath: located.systemPath,
    ...(located.symlinkTarget ? { symlinkTarget: located.symlinkTarget } : {}),
    stat: examined.stat,
    readError: examined.readError,
    kind,
    parseError,
    role: decision.role,
    roleSource: decision.roleSource,
    namedBy: hint?.namedBy ?? null,
    expectedOwnerUid: expectedOwnerUid(located.systemPath, decision, hint, collector.root),
    certificates: examined.certificates,
    key: examined.key,
    pairedWith: pairing.pairedWith,
    pairMatches: pairing.pairMatches,
    caPath: chain.caPath,
    chainVerified: chain.chainVerified,
    chainError: chain.chainError,
    goVerdict: chain.goVerdict,
    chainPath: chain.chainPath,
    chainFailure: chain.chainFailure,
  };
}
