/** What lstat says about a path, in the terms the rules judge: type, permission bits, owner, size. */
import { lstatSync, type Stats } from 'node:fs';
import type { FileStat, FileType } from '../files/file-observation.js';

export function fileStat(stats: Stats): FileStat {
  return {
    type: fileType(stats),
    // Permission bits only (with setuid/setgid/sticky), compared as bits by the rules; the file type lives in `type`.
    mode: stats.mode & 0o7777,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
  };
}

function fileType(stats: Stats): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

/** lstat facts, or null when the path does not exist or cannot be looked at. */
export function lstatFacts(path: string): FileStat | null {
  try {
    return fileStat(lstatSync(path));
  } catch {
    return null;
  }
}
