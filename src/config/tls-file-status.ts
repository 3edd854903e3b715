import { accessSync, constants, statSync } from 'node:fs';
import type { DaemonConfig, TlsFileStatus } from './config-observation.js';
import { resolveInsideRoot } from './rooted-path.js';

const DIRECTIVES = ['tlscacert', 'tlscert', 'tlskey'] as const;

/**
 * Does each TLS file the daemon's config names exist and read? dockerd cannot start TLS
 * without them. Every setting is checked, not just the effective one: a stale path in a
 * drop-in is a restart away from mattering.
 */
export function tlsFileStatus(root: string, daemon: Pick<DaemonConfig, (typeof DIRECTIVES)[number]>): TlsFileStatus[] {
  return DIRECTIVES.flatMap((directive) =>
    daemon[directive].map((setting) => {
      const base = { directive, systemPath: setting.value, source: setting.source };
      const resolution = resolveInsideRoot(root, setting.value);
      if ('error' in resolution) return { ...base, path: setting.value, problem: resolution.error };
      const { path } = resolution.resolved;
      try {
        if (!statSync(path).isFile()) return { ...base, path, problem: 'not a regular file' };
        accessSync(path, constants.R_OK);
        return { ...base, path, problem: null };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ...base, path, problem: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})` };
      }
    }),
  );
}
