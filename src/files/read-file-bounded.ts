/**
 * lstat facts and at most `maxBytes` of a file's contents. Never follows a symbolic link (the
 * collector decides which links to follow), never opens a FIFO or device (a FIFO would block
 * forever), and never reads a huge file to the end.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { fileStat } from '../filesystem/file-stat.js';
import { describeFsError, fsErrorCode, notARegularFile, tooLarge } from '../filesystem/fs-errors.js';
import type { FileStat } from './file-observation.js';

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type BoundedRead =
  | { stat: FileStat | null; content: Buffer; readError: null }
  /** `vanished`: the file was not there any more (ENOENT), deleted since someone listed it. */
  | { stat: FileStat | null; content: null; readError: string; vanished?: true };

export function readFileBounded(realPath: string, maxBytes: number): BoundedRead {
  let stats: Stats;
  try {
    stats = lstatSync(realPath);
  } catch (error) {
    return { stat: null, content: null, readError: describeFsError(error), ...vanished(error) };
  }
  const stat = fileStat(stats);
  if (!stats.isFile()) return { stat, content: null, readError: notARegularFile(stats) };
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
    if (!opened.isFile()) return { stat, content: null, readError: notARegularFile(opened) };
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
