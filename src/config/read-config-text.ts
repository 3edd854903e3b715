import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileStat } from '../files/file-observation.js';
import { errorCode, lstatFacts } from './file-stat.js';
import { resolveInsideRoot, type RootedPath } from './rooted-path.js';

/** Config files are small; anything bigger is not one, and must not stall the audit. */
export const CONFIG_SIZE_LIMIT = 1024 * 1024;

export type ConfigText =
  | { found: false; stat: null }
  | { found: true; stat: FileStat | null; text: string; error: null }
  | { found: true; stat: FileStat | null; text: null; error: string };

/**
 * Reads a config file as text, following links inside the root. `found: false` only for a
 * plain ENOENT: everything else (a directory, a loop, binary junk, EACCES) is found-but-bad,
 * so the caller can name it instead of acting as if the file were absent.
 */
export function readConfigText(root: string, file: RootedPath): ConfigText {
  const stat = lstatFacts(file.path);
  const resolution = resolveInsideRoot(root, file.systemPath);
  if ('error' in resolution) return { found: true, stat, text: null, error: resolution.error };
  let fd: number;
  try {
    fd = openSync(resolution.resolved.path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && stat === null) return { found: false, stat: null };
    return { found: true, stat, text: null, error: errorCode(error) };
  }
  try {
    const opened = fstatSync(fd);
    if (opened.isDirectory()) return { found: true, stat, text: null, error: 'is a directory, not a file' };
    if (!opened.isFile()) return { found: true, stat, text: null, error: 'not a regular file' };
    if (opened.size > CONFIG_SIZE_LIMIT) {
      return { found: true, stat, text: null, error: `too large (${opened.size} bytes; limit ${CONFIG_SIZE_LIMIT})` };
    }
    const buffer = Buffer.alloc(opened.size);
    let filled = 0;
    while (filled < buffer.length) {
      const count = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (count === 0) break;
      filled += count;
    }
    const bytes = buffer.subarray(0, filled);
    if (bytes.includes(0)) return { found: true, stat, text: null, error: 'binary data, not a text file' };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { found: true, stat, text: null, error: 'binary data, not UTF-8 text' };
    }
    return { found: true, stat, text: text.replace(/^\uFEFF/, ''), error: null };
  } catch (error) {
    return { found: true, stat, text: null, error: errorCode(error) };
  } finally {
    closeSync(fd);
  }
}
