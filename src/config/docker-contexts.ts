import { redactUrlPassword } from '../redact-url-credentials.js';
import { readdirSync } from 'node:fs';
import type { FileRoleHint } from '../files/file-observation.js';
import type { DockerContext } from './config-observation.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import { describeFsError, fsErrorCode } from '../filesystem/fs-errors.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import { rooted } from '../filesystem/audited-root.js';

/** The docker CLI's names for a context's TLS material, and what each is for a client. */
const TLS_FILES = [
  ['ca.pem', 'ca-cert'],
  ['cert.pem', 'client-cert'],
  ['key.pem', 'client-key'],
] as const;

/**
 * A home's docker contexts: `~/.docker/contexts/meta/<id>/meta.json`, with the TLS folder the
 * CLI keeps for the same id at `~/.docker/contexts/tls/<id>/docker`.
 */
export function readDockerContexts(root: string, dockerDirSystemPath: string): { contexts: DockerContext[]; fileHints: FileRoleHint[]; errors: ConfigError[] } {
  const contexts: DockerContext[] = [];
  const fileHints: FileRoleHint[] = [];
  const errors: ConfigError[] = [];
  const metaFolder = rooted(root, `${dockerDirSystemPath}/contexts/meta`);
  let ids: string[];
  try {
    ids = readdirSync(metaFolder.path).sort();
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') errors.push({ path: metaFolder.path, message: `docker contexts cannot be listed: ${describeFsError(error)}` });
    return { contexts, fileHints, errors };
  }
  for (const id of ids) {
    const meta = rooted(root, `${metaFolder.systemPath}/${id}/meta.json`);
    const read = readConfigText(root, meta);
    if (!read.found) continue;
    if (read.text === null) {
      errors.push({ path: meta.path, message: `docker context cannot be read: ${read.error}` });
      continue;
    }
    const parsed = parseContextMeta(read.text);
    if ('error' in parsed) {
      errors.push({ path: meta.path, message: `docker context meta.json: ${parsed.error}` });
      continue;
    }
    const tls = rooted(root, `${dockerDirSystemPath}/contexts/tls/${id}/docker`);
    const tlsFolderExists = lstatFacts(tls.path)?.type === 'directory';
    contexts.push({
      name: parsed.name,
      host: parsed.host,
      skipTlsVerify: parsed.skipTlsVerify,
      tlsFolder: tlsFolderExists ? tls.systemPath : null,
      source: { ...meta, line: lineOf(read.text, parsed.skipTlsVerify ? '"SkipTLSVerify"' : '"Host"'), form: `docker context "${parsed.name}"` },
    });
    if (!tlsFolderExists) continue;
    for (const [name, role] of TLS_FILES) {
      const file = rooted(root, `${tls.systemPath}/${name}`);
      if (lstatFacts(file.path) === null) continue;
      fileHints.push({
        systemPath: file.systemPath,
        role,
        namedBy: { path: meta.path, systemPath: meta.systemPath, line: null, what: `context ${parsed.name} TLS folder` },
        ...(role === 'client-cert' ? { caSystemPath: `${tls.systemPath}/ca.pem`, keySystemPath: `${tls.systemPath}/key.pem` } : {}),
      });
    }
  }
  return { contexts, fileHints, errors };
}

/** Reads the fields of a context's meta.json that matter here; a context with no docker endpoint is reported, not guessed. */
export function parseContextMeta(text: string): { name: string; host: string; skipTlsVerify: boolean } | { error: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { error: 'not valid JSON' };
  }
  const meta = document as { Name?: unknown; Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } } | null;
  const endpoint = meta?.Endpoints?.docker;
  if (typeof meta?.Name !== 'string') return { error: 'no "Name"' };
  if (typeof endpoint?.Host !== 'string') return { error: `context "${meta.Name}" has no Endpoints.docker.Host` };
  // A password in the context's address stays in meta.json; reports get the address without it.
  return { name: meta.Name, host: redactUrlPassword(endpoint.Host), skipTlsVerify: endpoint.SkipTLSVerify === true };
}

function lineOf(text: string, token: string): number | null {
  const offset = text.indexOf(token);
  return offset === -1 ? null : text.slice(0, offset).split('\n').length;
}

