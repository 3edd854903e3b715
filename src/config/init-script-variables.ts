import type { ConfigFile, ConfigSource } from './config-observation.js';
import type { CommandLineSource } from './dockerd-command-line.js';
import { parseEnvironmentFile, type EnvironmentAssignment } from './environment-file.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import { rooted, type RootedPath } from '../filesystem/audited-root.js';
import { splitShellWords } from './shell-words.js';

/** A file an init script sources with `.` (/etc/default/docker, /etc/conf.d/docker, boot2docker's profile). */
export interface SourcedFile {
  file: ConfigFile;
  location: RootedPath;
  /** Every assignment the shell makes, the last one of a name winning, with its line. */
  variables: Map<string, EnvironmentAssignment>;
}

/**
 * Reads a file the way the init script that sources it does (as shell). null when it does not
 * exist; a file that exists but cannot be read is returned with no variables and an error, so
 * the report says its settings were not checked.
 */
export function readSourcedFile(root: string, systemPath: string, kind: ConfigFile['kind'], errors: ConfigError[]): SourcedFile | null {
  const location = rooted(root, systemPath);
  const read = readConfigText(root, location);
  if (!read.found) return null;
  const file: ConfigFile = { ...location, kind, stat: read.stat, readError: read.error };
  const variables = new Map<string, EnvironmentAssignment>();
  if (read.text === null) {
    errors.push({ path: location.path, message: `${systemPath} cannot be read: ${read.error}; the dockerd options it may set were not checked` });
    return { file, location, variables };
  }
  const parsed = parseEnvironmentFile(read.text);
  for (const problem of parsed.problems) errors.push({ path: location.path, message: `line ${problem.line}: ${problem.message}` });
  for (const assignment of parsed.assignments) variables.set(assignment.name, assignment);
  return { file, location, variables };
}

/**
 * The command lines an init script runs when it passes these variables to dockerd unquoted
 * (`dockerd $DOCKER_OPTS`): each variable's words, each flag pointing at the line that sets it.
 */
export function variableCommandLines(sourced: SourcedFile, names: readonly string[], usedBy: string): CommandLineSource[] {
  const lines: CommandLineSource[] = [];
  for (const name of names) {
    const assignment = sourced.variables.get(name);
    if (!assignment || assignment.value.trim() === '') continue;
    lines.push({
      words: [{ text: 'dockerd', offset: 0, variable: null }, ...splitShellWords(assignment.value).words],
      file: sourced.location,
      sourceOf: (written: string): ConfigSource => ({
        ...sourced.location,
        line: assignment.line,
        form: `${written} in ${name} in ${sourced.location.systemPath}, passed to dockerd by ${usedBy}`,
      }),
    });
  }
  return lines;
}
