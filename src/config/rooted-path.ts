import { lstatSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * A path on the audited system and where it really is for us. Under `--root DIR`, an audited
 * system's `/etc/docker/daemon.json` is `DIR/etc/docker/daemon.json`; without it the two agree.
 */
export interface RootedPath {
  /** Absolute path as read. */
  path: string;
  /** The path as the audited system sees it. */
  systemPath: string;
}

export function rooted(root: string, systemPath: string): RootedPath {
  const normalized = posix.resolve('/', systemPath);
  return { path: root === '/' ? normalized : join(root, normalized), systemPath: normalized };
}

/** Linux gives up after 40 links; so do we, and say ELOOP as it would. */
const MAX_SYMLINK_HOPS = 40;

/**
 * Resolves symlinks the way the audited system would: an absolute link target such as
 * `/var/run -> /run` means `<root>/run`, never the scanning host's `/run`. Without this, a
 * mounted image's links would quietly make us read (and report) our own machine's files.
 * With `followLast` false the final component is left alone, for lstat.
 */
export function resolveInsideRoot(root: string, systemPath: string, followLast = true): { resolved: RootedPath } | { error: string } {
  if (root === '/') return { resolved: rooted(root, systemPath) };
  const pending = posix.resolve('/', systemPath).split('/').filter(Boolean);
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const component = pending.shift()!;
    if (component === '.') continue;
    if (component === '..') {
      done.pop();
      continue;
    }
    const candidate = [...done, component];
    const isLast = pending.length === 0;
    if (isLast && !followLast) {
      done.push(component);
      break;
    }
    let target: string | null = null;
    try {
      if (lstatSync(join(root, ...candidate)).isSymbolicLink()) target = readlinkSync(join(root, ...candidate));
    } catch {
      // Missing from here on: the caller's own read reports ENOENT with the path it asked for.
      done.push(component, ...pending);
      break;
    }
    if (target === null) {
      done.push(component);
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) return { error: 'ELOOP: too many levels of symbolic links' };
    if (target.startsWith('/')) done.length = 0;
    pending.unshift(...target.split('/').filter(Boolean));
  }
  return { resolved: rooted(root, '/' + done.join('/')) };
}
