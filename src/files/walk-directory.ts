/**
 * Lists what lies under a directory, for `dockprobe files DIR`. Symbolic links are listed, never
 * followed: a link pointing inside the directory reaches something the walk lists anyway, and
 * one pointing outside leads where the user did not ask us to look. Without following links a
 * loop cannot form; depth and count limits (and directories seen twice, through bind mounts)
 * make sure even a huge or looping tree ends.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditedRoot } from './audited-root.js';
import { describeFsError } from './read-file-bounded.js';

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

/** `directory` is a system path with no symbolic link in it (the caller resolved it). */
export function walkDirectory(root: AuditedRoot, directory: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Walk {
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
      problems.push({ path: realPath, message: `cannot list directory: ${describeFsError(error)}` });
      continue;
    }
    const subdirectories: string[] = [];
    for (const name of names) {
      const childSystemPath = path.posix.join(systemPath, name);
      let type: WalkedEntry['type'];
      try {
        const stat = lstatSync(root.realPath(childSystemPath));
        type = stat.isDirectory() ? 'directory' : stat.isSymbolicLink() ? 'symlink' : stat.isFile() ? 'file' : 'other';
      } catch (error) {
        problems.push({ path: root.realPath(childSystemPath), message: describeFsError(error) });
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
