/**
 * lstat facts and at most `maxBytes` of a file's contents. Never follows a symbolic link (the
 * collector decides which links to follow), never opens a FIFO or device (a FIFO would block
 * forever), and never reads a huge file to the end.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { FileStat, FileType } from './file-observation.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type BoundedRead =
  | { stat: FileStat | null; content: Buffer; readError: null }
  /** `vanished`: the file was not there any more (ENOENT), deleted since someone listed it. */
  | { stat: FileStat | null; content: null; readError: string; vanished?: true };

export function fileStat(stats: Stats): FileStat {
  return {
    type: fileType(stats),
    // Permission bits only (with setuid/setgid/sticky); rules compare them as bits.
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

function specialFileName(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

export function tooLarge(size: number, maxBytes: number): string {
  return `too large (${size} bytes; limit ${maxBytes})`;
}

export function readFileBounded(realPath: string, maxBytes: number): BoundedRead {
  let stats: Stats;
  try {
    stats = lstatSync(realPath);
  } catch (error) {
    return { stat: null, content: null, readError: describeFsError(error), ...vanished(error) };
  }
  const stat = fileStat(stats);
  if (stats.isDirectory()) return { stat, content: null, readError: 'is a directory' };
  if (stats.isSymbolicLink()) return { stat, content: null, readError: 'is a symbolic link, not followed' };
  if (!stats.isFile()) return { stat, content: null, readError: `is ${specialFileName(stats)}, not a regular file` };
  if (stats.size > maxBytes) return { stat, content: null, readError: tooLarge(stats.size, maxBytes) };

  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK: if the file was swapped for a link or a FIFO since lstat, fail or return, never hang.
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { stat, content: null, readError: describeFsError(error), ...vanished(error) };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { stat, content: null, readError: `is ${specialFileName(opened)}, not a regular file` };
    // One byte over the limit tells a file that grew since lstat from one that fits exactly.
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const count = readSync(fd, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
    }
    if (length > maxBytes) return { stat, content: null, readError: tooLarge(Math.max(opened.size, length), maxBytes) };
    return { stat, content: buffer.subarray(0, length), readError: null };
  } catch (error) {
    return { stat, content: null, readError: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

function vanished(error: unknown): { vanished?: true } {
  return fsErrorCode(error) === 'ENOENT' ? { vanished: true } : {};
}

const FS_ERROR_WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  ELOOP: 'symbolic link loop (ELOOP)',
  ENOENT: 'does not exist (ENOENT)',
  ENOTDIR: 'a parent is not a directory (ENOTDIR)',
  EISDIR: 'is a directory',
  EIO: 'input/output error (EIO)',
};

/** fs errors in words, with the code kept so people can search for it. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && FS_ERROR_WORDS[code] !== undefined) return FS_ERROR_WORDS[code];
  if (code !== undefined) return `${code}: ${(error as Error).message}`;
  return error instanceof Error ? error.message : String(error);
}

export function fsErrorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
