import { readFileSync } from 'node:fs';
import { resolveInsideRoot } from './rooted-path.js';

/**
 * The gid of the `docker` group on the audited system, from its own /etc/group (under --root,
 * the image's, not ours): the socket rule needs it to tell root:docker from root:somebody.
 * Null when there is no such group or no readable /etc/group.
 */
export function dockerGroupGid(root: string): number | null {
  const resolution = resolveInsideRoot(root, '/etc/group');
  if ('error' in resolution) return null;
  let text: string;
  try {
    text = readFileSync(resolution.resolved.path, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [name, , gid] = line.split(':');
    if (name === 'docker' && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return null;
}
