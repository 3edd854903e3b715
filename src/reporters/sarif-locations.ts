import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, ScanError } from '../report/finding.js';
import type { TargetSource } from '../targets/target-spec.js';

/**
 * Where SARIF results point. GitHub code scanning resolves a relative URI against the root of
 * the repository it was uploaded for, so a path under the SARIF root (the checkout, by default
 * the current directory) is written relative to it, with the uriBaseId below; anything else
 * gets an absolute file:// URI, which GitHub lists but cannot tie to a file of the repository.
 */
export const SRCROOT = '%SRCROOT%';

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifRegion {
  startLine: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

export interface SarifLogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: string;
}

export interface SarifLocation {
  physicalLocation?: SarifPhysicalLocation;
  logicalLocations?: SarifLogicalLocation[];
}

/** The absolute root every relative URI is relative to, and its file:// URI ending in "/". */
export interface SarifRoot {
  path: string;
  uri: string;
}

export function sarifRoot(root: string = process.cwd()): SarifRoot {
  const path = resolve(root);
  const href = pathToFileURL(path).href;
  return { path, uri: href.endsWith('/') ? href : `${href}/` };
}

/**
 * One path segment as a URI path segment. Colons are escaped too: a relative reference whose
 * first segment holds a colon would read as a URI scheme ("a:b.pem" is scheme "a").
 */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(40|2B|3D|2C|24|26|3B)/g, (escaped) => decodeURIComponent(escaped));
}

/** The path relative to the root as a URI reference, or null when the path is not under it. */
function relativeUri(absolutePath: string, root: SarifRoot): string | null {
  const rel = relative(root.path, absolutePath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).map(encodeSegment).join('/');
}

/** A file on disk: relative to the root when it is under it, else an absolute file:// URI. */
export function artifactForPath(path: string, root: SarifRoot): SarifArtifactLocation {
  const absolute = resolve(path);
  const rel = relativeUri(absolute, root);
  return rel === null ? { uri: pathToFileURL(absolute).href } : { uri: rel, uriBaseId: SRCROOT };
}

/**
 * A pseudo-path under the root for what is not a file: an endpoint no targets file named, or
 * the environment dockprobe ran in. Every character outside [A-Za-z0-9.-] becomes "_" so the
 * path is stable, readable, and has no colon (IPv6) or bracket in it.
 */
export function pseudoArtifact(...segments: string[]): SarifArtifactLocation {
  return { uri: ['dockprobe', ...segments.map((segment) => segment.replace(/[^A-Za-z0-9.-]/g, '_'))].join('/'), uriBaseId: SRCROOT };
}

/** "host:port" or "[v6]:port" split into host (brackets dropped) and port. */
export function splitTarget(target: string): { host: string; port: string } {
  const colon = target.lastIndexOf(':');
  if (colon < 0) return { host: target, port: '' };
  return { host: target.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: target.slice(colon + 1) };
}

/**
 * Where an endpoint finding points, for a pull-request annotation: the line of the targets file
 * that named the host (or its range). An endpoint that no file named (a command-line target,
 * DOCKER_HOST, a listener from the daemon config) has no line anywhere, yet GitHub refuses a
 * result without a physical location; it gets the stable pseudo-path
 * `dockprobe/endpoints/<host>_<port>` (e.g. `dockprobe/endpoints/__1_2376` for `[::1]:2376`)
 * at line 1. GitHub lists and tracks such alerts, but as no file of the repository has that
 * path it shows no code and cannot annotate a pull request with them. Either way the host:port
 * itself is the location's logical location.
 */
export function endpointLocation(target: string, source: TargetSource | undefined, root: SarifRoot): SarifLocation {
  const { host, port } = splitTarget(target);
  const physicalLocation: SarifPhysicalLocation = source
    ? { artifactLocation: artifactForPath(source.file, root), region: { startLine: Math.max(1, source.line) } }
    : { artifactLocation: pseudoArtifact('endpoints', port ? `${host}_${port}` : host), region: { startLine: 1 } };
  return { physicalLocation, logicalLocations: [{ name: target, fullyQualifiedName: target, kind: 'resource' }] };
}

/**
 * A file or config finding. The file is the one dockprobe read (`path`) when that is under the
 * root, so `config --root image/` run in a checkout annotates `image/etc/docker/daemon.json`;
 * else the path the audited system knows (`systemPath`, under --root), absolute. A finding
 * about no file ("(environment)") gets a pseudo-path. SARIF validators (multitool SARIF2017)
 * want a region on every physical location, so a whole-file finding points at line 1.
 */
export function fileLocation(place: { path?: string; systemPath?: string; line?: number | null }, root: SarifRoot): SarifLocation {
  const shown = place.systemPath ?? place.path;
  const region: SarifRegion = { startLine: place.line && place.line > 0 ? place.line : 1 };
  if (!shown) return { physicalLocation: { artifactLocation: pseudoArtifact('report'), region } };
  const pseudo = /^\((.+)\)$/.exec(shown);
  if (pseudo) return { physicalLocation: { artifactLocation: pseudoArtifact(pseudo[1]!), region } };
  // systemPath is a path in the audited system's tree, not on this machine: only the path as
  // read can be under the root.
  const rel = place.path ? relativeUri(resolve(place.path), root) : null;
  const artifactLocation = rel !== null ? { uri: rel, uriBaseId: SRCROOT } : { uri: pathToFileURL(resolve(shown)).href };
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * Every result gets exactly one location with a physical location: GitHub refuses a result
 * without locations (multitool GH1015) and ties an alert to a file and line only through it.
 */
export function resultLocation(finding: Finding, root: SarifRoot): SarifLocation {
  if (finding.target) return endpointLocation(finding.target, finding.source, root);
  return fileLocation(finding, root);
}

/** What an error entry is about, when it says: an endpoint, or a file. */
export function errorLocations(error: ScanError, root: SarifRoot): SarifLocation[] {
  if (error.target) return [endpointLocation(error.target, error.source, root)];
  if (error.path) return [fileLocation({ path: error.path }, root)];
  return [];
}

/** "FILE:LINE" of an ignore-file entry as a location, or null when it is not in that form. */
export function entryLocation(entry: string, root: SarifRoot): SarifLocation | null {
  const match = /^(.+):(\d+)$/.exec(entry);
  if (!match) return null;
  return { physicalLocation: { artifactLocation: artifactForPath(match[1]!, root), region: { startLine: Math.max(1, Number(match[2])) } } };
}
