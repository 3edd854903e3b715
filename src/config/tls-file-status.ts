import { accessSync, constants, statSync } from 'node:fs';
import type { ConfigSource, DaemonConfig, TlsFileStatus } from './config-observation.js';
import { resolveInsideRoot } from '../filesystem/audited-root.js';
import { describeFsError, fsErrorCode, isAccessDenied, notARegularFile, withAccessAdvice } from '../filesystem/fs-errors.js';

const DIRECTIVES = ['tlscacert', 'tlscert', 'tlskey'] as const;

/**
 * Does each TLS file the daemon's config names exist and read? dockerd cannot start TLS
 * without them. Every setting is checked, not just the effective one: a stale path in a
 * drop-in is a restart away from mattering.
 */
export function tlsFileStatus(root: string, daemon: Pick<DaemonConfig, (typeof DIRECTIVES)[number]>): TlsFileStatus[] {
  return DIRECTIVES.flatMap((directive) => daemon[directive].map((setting) => checkTlsFile(root, directive, setting.value, setting.source)));
}

/** Whether one TLS file dockerd will read (`systemPath`, as the audited system sees it) exists and reads. */
export function checkTlsFile(root: string, directive: TlsFileStatus['directive'], systemPath: string, source: ConfigSource): TlsFileStatus {
  const base = { directive, systemPath, source };
  const resolution = resolveInsideRoot(root, systemPath);
  if ('error' in resolution) return { ...base, path: systemPath, problem: resolution.error };
  const { path } = resolution.resolved;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { ...base, path, problem: notARegularFile(stats) };
    // dockerd runs as root, and root reads any file: only a scanner that is not root can be refused.
    if (process.getuid?.() !== 0) accessSync(path, constants.R_OK);
    return { ...base, path, problem: null };
  } catch (error) {
    const code = fsErrorCode(error);
    // Unreadable to us is not unreadable to dockerd (root): that is "could not check", not missing.
    if (isAccessDenied(code)) return { ...base, path, problem: null, unverifiable: withAccessAdvice(describeFsError(error), code) };
    // "does not exist" reads as the rule's sentence: "tlscert /etc/docker/cert.pem does not exist".
    return { ...base, path, problem: code === 'ENOENT' ? 'does not exist' : describeFsError(error) };
  }
}
