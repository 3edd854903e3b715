import { lstatSync } from 'node:fs';
import type { ProtectedFile, ProtectedObject } from './config-observation.js';
import { fileStat } from '../filesystem/file-stat.js';
import { resolveInsideRoot, rooted } from '../filesystem/audited-root.js';
import { describeFsError, fsErrorCode, withAccessAdvice } from '../filesystem/fs-errors.js';

/** What looking for one section 3 object at one path found. */
export type ProtectedLook =
  | { kind: 'found'; file: ProtectedFile }
  | { kind: 'absent' }
  /** Could not be looked for: the object may be there or not ("could not check", never "absent"). */
  | { kind: 'unknown'; why: string; path: string };

/**
 * lstat of `systemPath` as the audited system sees it: links in the folders above are followed
 * (inside the root), the object itself is not, as CIS's `stat -c %U:%G` reports the path itself.
 * Only "does not exist" (ENOENT, or ENOTDIR: a file where a folder should be) is absent; a folder
 * closed to us (EACCES), a link loop (ELOOP) or any other error means we could not look.
 */
export function lookForProtected(root: string, object: ProtectedObject, systemPath: string): ProtectedLook {
  const resolution = resolveInsideRoot(root, systemPath, false);
  if ('error' in resolution) return { kind: 'unknown', why: `${systemPath}: ${resolution.error}`, path: rooted(root, systemPath).path };
  const { path } = resolution.resolved;
  try {
    const stat = fileStat(lstatSync(path));
    return { kind: 'found', file: { object, path, systemPath, stat, problem: null } };
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'unknown', why: `${systemPath}: ${withAccessAdvice(describeFsError(error), code)}`, path };
  }
}
