import { lstatSync, type Stats } from 'node:fs';
import type { FileStat } from '../files/file-observation.js';

export function fileStatOf(stats: Stats): FileStat {
  return {
    type: stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other',
    // Permission bits only, compared as bits by the rules; the file type lives in `type`.
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
  };
}

/** lstat facts, or null when the path does not exist or cannot be looked at. */
export function lstatFacts(path: string): FileStat | null {
  try {
    return fileStatOf(lstatSync(path));
  } catch {
    return null;
  }
}

export function errorCode(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ? `${code}: ${describeCode(code)}` : String(message ?? error);
}

function describeCode(code: string): string {
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied (run dockprobe as root, or grant it read access)';
    case 'EPERM': return 'operation not permitted (run dockprobe as root, or grant it read access)';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a path component is not a directory';
    default: return 'cannot be read';
  }
}
