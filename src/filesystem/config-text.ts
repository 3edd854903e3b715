/**
 * Config files (daemon.json, units, drop-ins, environment files, contexts, ssh config,
 * /etc/group) as text: the bounded reader, links followed inside the root as the audited system
 * would, then decoded the way the program that reads the file decodes it.
 */
import type { FileStat } from '../files/file-observation.js';
import { resolveInsideRoot, type RootedPath } from './audited-root.js';
import { readBounded } from './bounded-read.js';
import { lstatFacts } from './file-stat.js';
import { withAccessAdvice } from './fs-errors.js';

/**
 * The read cap for every config file (daemon.json, units, drop-ins, environment files, contexts,
 * ssh config, /etc/group): 1 MiB. Real ones are a few kilobytes; a bigger one is not read at all
 * (no partial parse, no memory spent on it) and is named in an error entry with this cap.
 */
export const CONFIG_SIZE_LIMIT = 1024 * 1024;

export type ConfigText =
  | { found: false; stat: null }
  | { found: true; stat: FileStat | null; text: string; error: null }
  | {
      found: true;
      stat: FileStat | null;
      text: null;
      error: string;
      /** Where in the file the problem is, when it is in the contents (a byte that is not UTF-8). */
      at?: { line: number; column: number };
    };

export interface ReadConfigOptions {
  /**
   * 'utf-8' (the default): UTF-8, a leading UTF-8 byte order mark dropped, as systemd and the
   * shell read their files. 'json-bom': as dockerd reads daemon.json, which lets a byte order mark
   * choose UTF-8 or UTF-16 (what Notepad and Windows PowerShell write) and else wants UTF-8.
   */
  encoding?: 'utf-8' | 'json-bom';
}

/**
 * Reads a config file as text, following links inside the root. `found: false` only for a
 * plain ENOENT: everything else (a directory, a loop, binary junk, EACCES) is found-but-bad,
 * so the caller can name it instead of acting as if the file were absent.
 */
export function readConfigText(root: string, file: RootedPath, options: ReadConfigOptions = {}): ConfigText {
  const stat = lstatFacts(file.path);
  const resolution = resolveInsideRoot(root, file.systemPath);
  if ('error' in resolution) return { found: true, stat, text: null, error: resolution.error };
  const read = readBounded(resolution.resolved.path, { maxBytes: CONFIG_SIZE_LIMIT, links: 'follow' });
  if (read.bytes === null) {
    if (read.code === 'ENOENT' && stat === null) return { found: false, stat: null };
    return { found: true, stat, text: null, error: withAccessAdvice(read.error, read.code) };
  }
  const decoded = decode(read.bytes, options.encoding ?? 'utf-8');
  if ('error' in decoded) return { found: true, stat, text: null, error: decoded.error, ...(decoded.at ? { at: decoded.at } : {}) };
  return { found: true, stat, text: decoded.text, error: null };
}

type Decoded = { text: string } | { error: string; at?: { line: number; column: number } };

function decode(bytes: Buffer, encoding: 'utf-8' | 'json-bom'): Decoded {
  if (encoding === 'json-bom') {
    // golang.org/x/text's BOMOverride, which dockerd puts in front of its JSON decoder.
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const invalid = firstInvalidUtf8(body);
  if (invalid !== null) {
    const at = positionOfByte(body, invalid);
    return { error: `binary data, not UTF-8 text (byte 0x${body[invalid]!.toString(16).padStart(2, '0')} at line ${at.line}, column ${at.column})`, at };
  }
  if (body.includes(0)) return { error: 'binary data, not a text file (it holds NUL bytes)', at: positionOfByte(body, body.indexOf(0)) };
  return { text: body.toString('utf8') };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or null. */
function firstInvalidUtf8(bytes: Buffer): number | null {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    let length: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
    else return at;
    let codePoint = lead & (0xff >> (length + 1));
    for (let index = 1; index < length; index++) {
      const next = bytes[at + index];
      if (next === undefined || (next & 0xc0) !== 0x80) return at;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return at;
    at += length;
  }
  return null;
}

/** Line and column (in characters of the valid text before it) of a byte offset. */
function positionOfByte(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (let index = before.indexOf(0x0a); index !== -1; index = before.indexOf(0x0a, index + 1)) line++;
  return { line, column: before.subarray(lineStart).toString('utf8').length + 1 };
}
