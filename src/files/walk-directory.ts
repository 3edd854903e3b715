/**
 * Lists what lies under a directory, for `dockprobe files DIR`. Symbolic links are listed, never
 * followed: a link pointing inside the directory reaches something the walk lists anyway, and
 * one pointing outside leads where the user did not ask us to look. Without following links a
 * loop cannot form; depth and count limits (and directories seen twice, through bind mounts)
 * make sure even a huge or looping tree ends. Nothing is opened here (lstat and readdir only),
 * so a FIFO or a device in the tree cannot block the walk.
 *
 * Files and directories that vanish while we walk (deleted between the listing of their folder
 * and our look at them: an editor's swap file, a rotated log, a key replaced by a new name) are
 * skipped without an error entry: they are no longer part of the system the report describes,
 * and "could not check" would claim a gap there is not. A file that is still there but closed
 * to us is an error entry, as is a directory we may not list.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditedRoot } from '../filesystem/audited-root.js';
import { describeFsError, fsErrorCode, isAccessDenied } from '../filesystem/fs-errors.js';

export interface WalkLimits {
  maxDepth: number;
  maxFiles: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 32, maxFiles: 10_000 };

export interface WalkedEntry {
  systemPath: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
}

export interface WalkProblem {
  path: string;
  message: string;
}

export interface Walk {
  entries: WalkedEntry[];
  problems: WalkProblem[];
}

/**
 * Test seam: called with a directory's real path and the names just listed in it, before any of
 * them is looked at, so a test can make one vanish at exactly that moment.
 */
export type AfterListing = (directoryRealPath: string, names: readonly string[]) => void;

/** What to tell someone whose walk met a directory it may not list. */
export function unlistableDirectory(error: unknown): string {
  const code = fsErrorCode(error);
  if (isAccessDenied(code)) {
    return `cannot list directory: ${describeFsError(error)}; nothing below it was checked: run dockprobe as root, or grant it read and execute access to this directory`;
  }
  return `cannot list directory: ${describeFsError(error)}`;
}

function cannotLookAt(error: unknown): string {
  const code = fsErrorCode(error);
  const advice = isAccessDenied(code) ? '; not checked: run dockprobe as root, or grant it execute access to the directory' : '';
  return `${describeFsError(error)}${advice}`;
}

/** `directory` is a system path with no symbolic link in it (the caller resolved it). */
export function walkDirectory(root: AuditedRoot, directory: string, limits: WalkLimits = DEFAULT_WALK_LIMITS, afterListing?: AfterListing): Walk {
  const entries: WalkedEntry[] = [];
  const problems: WalkProblem[] = [];
  const seenDirectories = new Set<string>();
  const pending: { systemPath: string; depth: number }[] = [{ systemPath: directory, depth: 0 }];
  let files = 0;

  while (pending.length > 0) {
    const { systemPath, depth } = pending.pop()!;
    const realPath = root.realPath(systemPath);
    let names: string[];
    try {
      const stat = lstatSync(realPath);
      const identity = `${stat.dev}:${stat.ino}`;
      if (seenDirectories.has(identity)) continue;
      seenDirectories.add(identity);
      names = readdirSync(realPath).sort();
    } catch (error) {
      // Gone since its parent was listed (or replaced by a file): nothing left to check. The
      // directory the user named is another matter: that it is gone is worth saying.
      if (depth > 0 && (fsErrorCode(error) === 'ENOENT' || fsErrorCode(error) === 'ENOTDIR')) continue;
      problems.push({ path: realPath, message: unlistableDirectory(error) });
      continue;
    }
    afterListing?.(realPath, names);
    const subdirectories: string[] = [];
    for (const name of names) {
      const childSystemPath = path.posix.join(systemPath, name);
      let type: WalkedEntry['type'];
      try {
        const stat = lstatSync(root.realPath(childSystemPath));
        type = stat.isDirectory() ? 'directory' : stat.isSymbolicLink() ? 'symlink' : stat.isFile() ? 'file' : 'other';
      } catch (error) {
        if (fsErrorCode(error) === 'ENOENT') continue;
        problems.push({ path: root.realPath(childSystemPath), message: cannotLookAt(error) });
        continue;
      }
      if (type === 'directory') {
        entries.push({ systemPath: childSystemPath, type });
        if (depth + 1 < limits.maxDepth) subdirectories.push(childSystemPath);
        else problems.push({ path: root.realPath(childSystemPath), message: `not read: deeper than ${limits.maxDepth} levels below ${root.realPath(directory)}` });
        continue;
      }
      if (files >= limits.maxFiles) {
        problems.push({ path: root.realPath(directory), message: `stopped after ${limits.maxFiles} files; the rest of the directory was not read` });
        return { entries, problems };
      }
      files++;
      entries.push({ systemPath: childSystemPath, type });
    }
    // Reversed onto the stack so directories are walked in name order.
    for (const subdirectory of subdirectories.reverse()) pending.push({ systemPath: subdirectory, depth: depth + 1 });
  }
  return { entries, problems };
}
