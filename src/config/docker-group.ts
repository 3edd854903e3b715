import { readConfigText } from '../filesystem/config-text.js';
import { rooted } from '../filesystem/audited-root.js';

/**
 * The gid of the `docker` group on the audited system, from its own /etc/group (under --root,
 * the image's, not ours): the socket rule needs it to tell root:docker from root:somebody.
 * Null when there is no such group or no readable /etc/group. Read like every config file
 * (bounded, never blocking on a FIFO).
 */
export function dockerGroupGid(root: string): number | null {
  const read = readConfigText(root, rooted(root, '/etc/group'));
  if (!read.found || read.text === null) return null;
  for (const line of read.text.split('\n')) {
    const [name, , gid] = line.split(':');
    if (name === 'docker' && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return null;
}
