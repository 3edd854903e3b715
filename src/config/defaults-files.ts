import type { ConfigFile } from './config-observation.js';
import { DEFAULTS_FILES } from './docker-service.js';
import { parseEnvironmentFile, type EnvironmentAssignment } from './environment-file.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import { rooted, type RootedPath } from '../filesystem/audited-root.js';

/** The variables init scripts pass to dockerd: DOCKER_OPTS (Debian, Ubuntu), OPTIONS (Red Hat's sysconfig). */
const OPTION_VARIABLES: Record<string, string[]> = {
  '/etc/default/docker': ['DOCKER_OPTS'],
  '/etc/sysconfig/docker': ['DOCKER_OPTS', 'OPTIONS'],
};

export interface DefaultsFile {
  file: ConfigFile;
  location: RootedPath;
  /** The option variables it sets (the last assignment of each), with their lines. */
  options: EnvironmentAssignment[];
}

/** /etc/default/docker and /etc/sysconfig/docker, where they exist. */
export function readDefaultsFiles(root: string): { found: DefaultsFile[]; errors: ConfigError[] } {
  const found: DefaultsFile[] = [];
  const errors: ConfigError[] = [];
  for (const systemPath of DEFAULTS_FILES) {
    const location = rooted(root, systemPath);
    const read = readConfigText(root, location);
    if (!read.found) continue;
    const file: ConfigFile = { ...location, kind: 'docker-default', stat: read.stat, readError: read.error };
    if (read.text === null) {
      errors.push({ path: location.path, message: `${systemPath} cannot be read: ${read.error}` });
      found.push({ file, location, options: [] });
      continue;
    }
    const parsed = parseEnvironmentFile(read.text);
    for (const problem of parsed.problems) errors.push({ path: location.path, message: `line ${problem.line}: ${problem.message}` });
    const wanted = OPTION_VARIABLES[systemPath]!;
    const latest = new Map<string, EnvironmentAssignment>();
    for (const assignment of parsed.assignments) if (wanted.includes(assignment.name)) latest.set(assignment.name, assignment);
    found.push({ file, location, options: [...latest.values()] });
  }
  return { found, errors };
}
