/**
 * Paths under --root: the files collector reads `root + systemPath` but reports both, and it
 * resolves symbolic links the way the audited system would, so an absolute link inside a mounted
 * image (`/etc/docker/ssl/cert.pem -> /etc/pki/docker.pem`) lands inside the image, never on the
 * scanning host.
 */
import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Linux gives up after 40 links in one lookup (ELOOP); so do we, so a loop ends. */
const MAX_SYMLINK_HOPS = 40;

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
   * Follows symbolic links in every component of `systemPath`, inside the root. Throws an error
   * with a `code` (ENOENT, ELOOP, EACCES, ENOTDIR) as fs would.
   */
  resolve(systemPath: string): string {
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
      const stat = lstatSync(this.realPath(next));
      if (!stat.isSymbolicLink()) {
        current = next;
        continue;
      }
      if (++hops > MAX_SYMLINK_HOPS) {
        throw Object.assign(new Error(`too many levels of symbolic links resolving ${systemPath}`), { code: 'ELOOP' });
      }
      const target = readlinkSync(this.realPath(next));
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
