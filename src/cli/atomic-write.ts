import { accessSync, constants, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../usage-error.js';

/** Write beside the target, then rename: a reader never sees half a report, and a failed write keeps the old one. */
export function writeFileAtomic(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content, { mode: 0o644 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Fails before the scan, not an hour into it, when the report could not be saved. */
export function checkWritable(flag: string, path: string): void {
  const directory = dirname(path);
  try {
    accessSync(directory, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'not writable';
    throw new UsageError(`${flag} "${path}": cannot write into "${directory}" (${code}); choose a path in an existing, writable folder`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${flag} "${path}" is a directory; give a file name`);
}
