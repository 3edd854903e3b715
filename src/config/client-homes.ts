import { lstatSync } from 'node:fs';
import type { FileRoleHint } from '../files/file-observation.js';
import type { ClientHome } from './config-observation.js';
import { readDockerContexts } from './docker-contexts.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import { rooted } from '../filesystem/audited-root.js';
import { parseSshConfig } from './ssh-config.js';
import { listUserHomes } from './user-homes.js';

/** The homes whose docker client setup we audit: root's, and each directory under /home. */
export function readClientHomes(root: string): { homes: ClientHome[]; fileHints: FileRoleHint[]; errors: ConfigError[] } {
  const homes: ClientHome[] = [];
  const fileHints: FileRoleHint[] = [];
  const errors: ConfigError[] = [];
  const listed = listUserHomes(root);
  if (listed.error) errors.push(listed.error);
  for (const { systemPath, path, stat } of listed.homes) {
    const dockerDir = rooted(root, `${systemPath}/.docker`);
    const hasDockerDir = lstatFacts(dockerDir.path)?.type === 'directory';
    // A home we cannot enter hides its contexts and keys: say so rather than report "none".
    const closed = !hasDockerDir && !canSee(dockerDir.path);
    if (closed) errors.push({ path: dockerDir.path, message: `cannot look inside ${systemPath} (permission denied); run dockprobe as root to audit every user's Docker client` });
    const contexts = hasDockerDir ? readDockerContexts(root, dockerDir.systemPath) : { contexts: [], fileHints: [], errors: [] };
    fileHints.push(...contexts.fileHints);
    errors.push(...contexts.errors);

    const sshConfig = rooted(root, `${systemPath}/.ssh/config`);
    const read = readConfigText(root, sshConfig);
    // A home closed to us is one error entry, not one more for each file inside it.
    if (read.found && read.text === null && !closed) errors.push({ path: sshConfig.path, message: `ssh config cannot be read: ${read.error}` });
    homes.push({
      systemPath,
      path,
      ownerUid: stat.uid,
      contexts: contexts.contexts,
      sshOptions: read.found && read.text !== null ? parseSshConfig(read.text, sshConfig) : [],
      dockerDir: hasDockerDir ? dockerDir.systemPath : null,
    });
  }
  return { homes, fileHints, errors };
}

/** lstat fails with EACCES when a parent directory is closed to us; ENOENT just means "none". */
function canSee(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
