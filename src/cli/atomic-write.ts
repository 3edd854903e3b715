import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
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

/** Paths that mean this process's own stdout or stderr, whatever those are (a terminal, a pipe, a socket). */
const STANDARD_STREAMS: Record<string, NodeJS.WriteStream> = {
  '/dev/stdout': process.stdout,
  '/dev/fd/1': process.stdout,
  '/proc/self/fd/1': process.stdout,
  '/dev/stderr': process.stderr,
  '/dev/fd/2': process.stderr,
  '/proc/self/fd/2': process.stderr,
};

/**
 * How an output is written. 'replace': a regular file, a new path, or a link to either, written
 * beside and renamed. 'stream': /dev/null, a terminal, a FIFO, written in place: a rename would
 * swap the device node or the link for a regular file (as root, in /dev), and a FIFO's reader
 * would never see the report. 'standard': stdout or stderr by name, which may be a socket no
 * path opens. Anything else (a folder, a socket, a block device) is not an output.
 */
type OutputKind = 'replace' | 'stream' | 'standard' | { refused: string };

function statOrNull(stat: () => Stats): Stats | null {
  try {
    return stat();
  } catch {
    return null;
  }
}

function outputKind(path: string): OutputKind {
  if (STANDARD_STREAMS[path]) return 'standard';
  const entry = statOrNull(() => lstatSync(path));
  if (entry === null || entry.isFile()) return 'replace';
  // Followed through links, as opening the path would.
  const target = entry.isSymbolicLink() ? statOrNull(() => statSync(path)) : entry;
  if (target === null || target.isFile()) return 'replace'; // a dangling link is replaced by the file, as before
  if (target.isCharacterDevice() || target.isFIFO()) return 'stream';
  if (target.isDirectory()) return { refused: 'is a directory; give a file name' };
  return { refused: 'is not a regular file, a terminal, a pipe or /dev/null; give a file name' };
}

/** An output as the user named it (--output, --report): see OutputKind. */
export function writeOutput(path: string, content: string): void {
  const kind = outputKind(path);
  if (kind === 'standard') STANDARD_STREAMS[path]!.write(content);
  else if (kind === 'stream') writeFileSync(path, content);
  else if (kind === 'replace') writeFileAtomic(path, content);
  else throw new Error(`"${path}" ${kind.refused}`);
}

/**
 * Fails before the scan, not an hour into it, when the report could not be saved. Outputs
 * (--output, --report) may also be a stream (/dev/null, a FIFO, /dev/stdout); a file dockprobe
 * reads back (--state) must be a file it can replace.
 */
export function checkWritable(flag: string, path: string, options: { streams: boolean } = { streams: true }): void {
  if (path.endsWith('/')) throw new UsageError(`${flag} "${path}" names a folder; give a file name, e.g. ${path}report.json`);
  const kind = outputKind(path);
  if (typeof kind === 'object') throw new UsageError(`${flag} "${path}" ${kind.refused}`);
  if (kind !== 'replace') {
    if (!options.streams) throw new UsageError(`${flag} "${path}" is not a regular file, and dockprobe replaces the file it writes; give a file name`);
    if (kind === 'standard') return;
    // Written in place, so only the stream itself must be writable, not its folder (/dev).
    try {
      accessSync(path, constants.W_OK);
      return;
    } catch (error) {
      throw new UsageError(`${flag} "${path}": cannot write to it (${(error as NodeJS.ErrnoException).code ?? 'not writable'}); choose a file, or a stream you may write to`);
    }
  }
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
}
