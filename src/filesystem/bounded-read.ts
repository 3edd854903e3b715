/**
 * The one bounded reader of the local collectors: at most `maxBytes` of a regular file, or why
 * not. A directory, FIFO, socket or device is refused by its (l)stat before any open, so nothing
 * blocks and no device sees an open; O_NONBLOCK covers a file swapped for a FIFO since. A file
 * over the cap is never read, and one that grows while read is refused, never read without end.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { FileStat } from '../files/file-observation.js';
import { fileStat } from './file-stat.js';
import { describeFsError, fsErrorCode, grewWhileRead, notARegularFile, tooLarge } from './fs-errors.js';

export type BoundedRead =
  | { stat: FileStat; bytes: Buffer; error: null }
  /** `code`: the fs error code, when an fs call failed (ENOENT: nothing there, or deleted since listed). */
  | { stat: FileStat | null; bytes: null; error: string; code?: string };

export interface BoundedReadOptions {
  maxBytes: number;
  /**
   * 'refuse' (the files walker): a link at `realPath` is reported, never followed, since the
   * collector decides which links to follow. 'follow' (config files, whose path was already
   * resolved inside the root): a link left there is followed, as the kernel would.
   */
  links: 'refuse' | 'follow';
}

/** `stat` is what (l)stat said of `realPath` before it was opened. */
export function readBounded(realPath: string, options: BoundedReadOptions): BoundedRead {
  const { maxBytes, links } = options;
  let stats: Stats;
  try {
    stats = links === 'refuse' ? lstatSync(realPath) : statSync(realPath);
  } catch (error) {
    return failed(null, error);
  }
  const stat = fileStat(stats);
  if (!stats.isFile()) return { stat, bytes: null, error: notARegularFile(stats) };
  if (stats.size > maxBytes) return { stat, bytes: null, error: tooLarge(stats.size, maxBytes) };

  let fd: number;
  try {
    const noFollow = links === 'refuse' ? constants.O_NOFOLLOW : 0;
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | noFollow);
  } catch (error) {
    return failed(stat, error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { stat, bytes: null, error: notARegularFile(opened) };
    if (opened.size > maxBytes) return { stat, bytes: null, error: tooLarge(opened.size, maxBytes) };
    // One byte more than fstat said tells a file that grew since from one that fits exactly.
    const buffer = Buffer.alloc(opened.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const count = readSync(fd, buffer, length, buffer.length - length, length);
      if (count === 0) break;
      length += count;
    }
    if (length > opened.size) return { stat, bytes: null, error: grewWhileRead(opened.size) };
    return { stat, bytes: buffer.subarray(0, length), error: null };
  } catch (error) {
    return failed(stat, error);
  } finally {
    closeSync(fd);
  }
}

function failed(stat: FileStat | null, error: unknown): BoundedRead {
  const code = fsErrorCode(error);
  return { stat, bytes: null, error: describeFsError(error), ...(code === undefined ? {} : { code }) };
}
