import type { ConfigError } from './network-settings.js';
import { readSourcedFile, variableCommandLines, type SourcedFile } from './init-script-variables.js';
import type { CommandLineSource } from './dockerd-command-line.js';

/**
 * The variables sysvinit and upstart scripts pass to dockerd: DOCKER_OPTS from
 * /etc/default/docker (Debian, Ubuntu; upstart's /etc/init/docker.conf too), and from
 * /etc/sysconfig/docker `other_args` (the EL6 script: `$exec $other_args`), OPTIONS (Red Hat's
 * later packaging) and DOCKER_OPTS.
 */
export const OPTION_VARIABLES: Record<string, string[]> = {
  '/etc/default/docker': ['DOCKER_OPTS'],
  '/etc/sysconfig/docker': ['other_args', 'OPTIONS', 'DOCKER_OPTS'],
};

export interface DefaultsFile extends SourcedFile {
  /** The dockerd command lines an init script would build from it. */
  commandLines: CommandLineSource[];
}

/** /etc/default/docker and /etc/sysconfig/docker, where they exist. */
export function readDefaultsFiles(root: string): { found: DefaultsFile[]; errors: ConfigError[] } {
  const found: DefaultsFile[] = [];
  const errors: ConfigError[] = [];
  for (const [systemPath, names] of Object.entries(OPTION_VARIABLES)) {
    const sourced = readSourcedFile(root, systemPath, 'docker-default', errors);
    if (!sourced) continue;
    found.push({ ...sourced, commandLines: variableCommandLines(sourced, names, 'the docker init script') });
  }
  return { found, errors };
}
