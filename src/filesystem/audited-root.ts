/**
 * Paths under --root, for both local collectors. Under `--root DIR`, an audited system's
 * `/etc/docker/daemon.json` is `DIR/etc/docker/daemon.json`; without it the two agree. Symbolic
 * links are resolved the way the audited system would: an absolute link inside a mounted image
 * (`/var/run -> /run`, `/etc/docker/ssl/cert.pem -> /etc/pki/docker.pem`) lands inside the
 * image, never on the scanning host, so we never read (and report) our own machine's files.
 */
import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { describeFsError } from './fs-errors.js';

/** Linux gives up after 40 links in one lookup (ELOOP); so do we, so a loop ends. */
const MAX_SYMLINK_HOPS = 40;

/** A path on the audited system and where it really is for us. */
export interface RootedPath {
  /** Absolute path as read. */
  path: string;
  /** The path as the audited system sees it. */
  systemPath: string;
}

export class AuditedRoot {
  /** Absolute, normalised, no trailing slash except for "/" itself. */
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.resolve(root);
  }

  realPath(systemPath: string): string {
    const normalised = path.posix.resolve('/', systemPath);
    return this.dir === '/' ? normalised : path.join(this.dir, normalised);
  }

  /** Both names of one path on the audited system, links not resolved. */
  at(systemPath: string): RootedPath {
    const normalised = path.posix.resolve('/', systemPath);
    return { path: this.realPath(normalised), systemPath: normalised };
  }

  systemPath(realPath: string): string {
    if (this.dir === '/') return realPath;
    const relative = path.relative(this.dir, realPath);
    return `/${relative}`;
  }

  contains(realPath: string): boolean {
    if (this.dir === '/') return true;
    const relative = path.relative(this.dir, realPath);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }

  /**
   * A PATH argument: an absolute path already inside the root is taken as read; any other path is
   * how the audited system names it. Under "/" the two are the same; under --root both
   * `/mnt/image/etc/docker` and `/etc/docker` mean the image's /etc/docker.
   */
  systemPathOfArgument(argument: string): string {
    const absolute = path.resolve(argument);
    if (this.dir !== '/' && this.contains(absolute)) return this.systemPath(absolute);
    return path.posix.resolve('/', absolute);
  }

  /**
   * Follows symbolic links in every component of `systemPath`, inside the root, and returns the
   * system path it lands on. Throws an error with a `code` (ENOENT, ELOOP, EACCES, ENOTDIR) as
   * fs would: the files collector tells a dangling link from one it may not look behind.
   */
  resolve(systemPath: string): string {
    return this.follow(systemPath, { followLast: true, missing: 'throw' });
  }

  /**
   * For a read that follows links as the audited system would (config files): links inside the
   * root resolved, and from the first component that is missing or cannot be looked at the rest
   * taken as written, so the caller's own open reports ENOENT or EACCES for the path it asked
   * for. Under "/" the host's own lookup is the audited system's, so nothing is resolved here.
   * With `followLast` false the final component is left alone, for lstat.
   */
  resolveForRead(systemPath: string, followLast = true): { resolved: RootedPath } | { error: string } {
    if (this.dir === '/') return { resolved: this.at(systemPath) };
    try {
      return { resolved: this.at(this.follow(path.posix.resolve('/', systemPath), { followLast, missing: 'keep' })) };
    } catch (error) {
      // With missing components kept, only a link loop ends the lookup early.
      return { error: describeFsError(error) };
    }
  }

  private follow(systemPath: string, options: { followLast: boolean; missing: 'throw' | 'keep' }): string {
    const pending = splitComponents(systemPath);
    let current = '/';
    let hops = 0;
    while (pending.length > 0) {
      const component = pending.shift()!;
      if (component === '.') continue;
      if (component === '..') {
        current = path.posix.dirname(current);
        continue;
      }
      const next = path.posix.join(current, component);
      if (pending.length === 0 && !options.followLast) return next;
      let target: string | null;
      try {
        target = lstatSync(this.realPath(next)).isSymbolicLink() ? readlinkSync(this.realPath(next)) : null;
      } catch (error) {
        if (options.missing === 'throw') throw error;
        return path.posix.join(next, ...pending);
      }
      if (target === null) {
        current = next;
        continue;
      }
      if (++hops > MAX_SYMLINK_HOPS) {
        throw Object.assign(new Error(`too many levels of symbolic links resolving ${systemPath}`), { code: 'ELOOP' });
      }
      if (target.startsWith('/')) current = '/';
      pending.unshift(...splitComponents(target));
    }
    return current;
  }
}

function splitComponents(p: string): string[] {
  return p.split('/').filter((component) => component !== '');
}

/** Is `inner` the directory `outer` or below it? Both system paths. */
export function isWithin(inner: string, outer: string): boolean {
  if (outer === '/') return true;
  return inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * `root.at(systemPath)` for callers that carry --root as a string (the config collector):
 * `rooted('/mnt/image', '/etc/docker/daemon.json')` is the image's daemon.json.
 */
export function rooted(root: string, systemPath: string): RootedPath {
  return new AuditedRoot(root).at(systemPath);
}

/** `root.resolveForRead(systemPath, followLast)` for callers that carry --root as a string. */
export function resolveInsideRoot(root: string, systemPath: string, followLast = true): { resolved: RootedPath } | { error: string } {
  return new AuditedRoot(root).resolveForRead(systemPath, followLast);
}
