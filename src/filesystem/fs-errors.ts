/**
 * The one wording of filesystem errors, for both local collectors: words first, the code kept in
 * parentheses so people can search for it. Advice on what to do is the caller's to add, since it
 * depends on what was being done (reading a file, listing a directory, looking behind one).
 */
import type { Stats } from 'node:fs';

const FS_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist (ENOENT)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  ELOOP: 'too many levels of symbolic links (ELOOP)',
  ENOTDIR: 'a parent is not a directory (ENOTDIR)',
  EISDIR: 'is a directory',
  EIO: 'input/output error (EIO)',
};

/** What to do about EACCES or EPERM on a file dockprobe wanted to read. */
export const READ_ACCESS_ADVICE = 'run dockprobe as root, or grant it read access';

export function fsErrorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Refused by permissions: a "could not check" for this scanner, not a fact about the system. */
export function isAccessDenied(code: string | undefined): boolean {
  return code === 'EACCES' || code === 'EPERM';
}

/** An fs error in words, with its code. */
export function describeFsError(error: unknown): string {
  const code = fsErrorCode(error);
  if (code !== undefined && FS_ERROR_WORDS[code] !== undefined) return FS_ERROR_WORDS[code];
  if (code !== undefined) return `cannot be read (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** A read failure's words, with the advice when it is our permissions that stopped us. */
export function withAccessAdvice(words: string, code: string | undefined): string {
  return isAccessDenied(code) ? `${words}; ${READ_ACCESS_ADVICE}` : words;
}

/** Why something that is not a regular file was not read (a FIFO, socket or device is never opened). */
export function notARegularFile(stats: Stats): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isSymbolicLink()) return 'is a symbolic link, not followed';
  if (stats.isFIFO()) return 'is a FIFO (named pipe), not a regular file; not read';
  if (stats.isSocket()) return 'is a socket, not a regular file; not read';
  if (stats.isCharacterDevice()) return 'is a character device, not a regular file; not read';
  if (stats.isBlockDevice()) return 'is a block device, not a regular file; not read';
  return 'not a regular file; not read';
}

const MIB = 1024 * 1024;

/** A file over the cap of what dockprobe reads of it; the cap is named so the reader knows it. */
export function tooLarge(size: number, limit: number): string {
  const inMiB = limit % MIB === 0 ? `, ${limit / MIB} MiB` : '';
  return `too large (${size} bytes; the limit is ${limit} bytes${inMiB})`;
}

/** A file that grew between fstat and the end of the read: refused, never read without end. */
export function grewWhileRead(sizeWhenOpened: number): string {
  return `grew while being read (it had ${sizeWhenOpened} bytes when opened); not read`;
}
