import { readdirSync } from 'node:fs';
import type { FileStat } from '../files/file-observation.js';
import { rooted, type RootedPath } from '../filesystem/audited-root.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import { describeFsError, fsErrorCode } from '../filesystem/fs-errors.js';
import type { ConfigError } from './network-settings.js';

export interface UserHome extends RootedPath {
  stat: FileStat;
}

/**
 * The homes of the audited system: root's, and each folder under /home. A link or a file in
 * /home is not a home we can attribute to its owner, so it is left out. A /home we may not
 * list is an error, not "no users".
 */
export function listUserHomes(root: string): { homes: UserHome[]; error: ConfigError | null } {
  const systemPaths = ['/root'];
  const homeFolder = rooted(root, '/home');
  let error: ConfigError | null = null;
  try {
    for (const name of readdirSync(homeFolder.path).sort()) systemPaths.push(`/home/${name}`);
  } catch (failure) {
    if (fsErrorCode(failure) !== 'ENOENT') error = { path: homeFolder.path, message: `/home cannot be listed: ${describeFsError(failure)}` };
  }
  const homes: UserHome[] = [];
  for (const systemPath of systemPaths) {
    const home = rooted(root, systemPath);
    const stat = lstatFacts(home.path);
    if (stat?.type === 'directory') homes.push({ ...home, stat });
  }
  return { homes, error };
}
