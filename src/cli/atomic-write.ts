import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../usage-error.js';

/**
 * Write beside the target, flush, then rename: a reader (a cron job's alerting, CI's SARIF
 * upload) never sees half a report, and a failed write keeps the previous one.
 * The temporary name is unpredictable and created exclusively ('wx'), so a symlink planted in
 * a shared folder cannot redirect the write.
 */
export function writeFileAtomic(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o644); // throws before we own any file to clean up
  let open = true;
  try {
    writeFileSync(fd, content); // loops until every byte is written, unlike a single writeSync
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temporary, path);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Fails before the scan, not an hour into it, when the report could not be saved. */
export function checkWritable(flag: string, path: string): void {
  if (path.endsWith('/')) throw new UsageError(`${flag} "${path}" names a folder; give a file name, e.g. ${path}report.json`);
  const directory = dirname(path);
  let directoryIsFolder = false;
  try {
    directoryIsFolder = statSync(directory).isDirectory();
    accessSync(directory, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'not writable';
    throw new UsageError(`${flag} "${path}": cannot write into "${directory}" (${code}); choose a path in an existing, writable folder`);
  }
  if (!directoryIsFolder) throw new UsageError(`${flag} "${path}": "${directory}" is not a folder; choose a path in an existing, writable folder`);
  let existing;
  try {
    existing = lstatSync(path);
  } catch {
    return; // a new file: fine
  }
  if (existing.isDirectory()) throw new UsageError(`${flag} "${path}" is a directory; give a file name`);
  // The rename replaces a symlink itself, never its target; anything else but a file is a mistake.
  if (!existing.isFile() && !existing.isSymbolicLink()) throw new UsageError(`${flag} "${path}" is not a regular file, and dockprobe replaces the file it writes; give a file name (to discard the report, redirect stdout to /dev/null)`);
}
