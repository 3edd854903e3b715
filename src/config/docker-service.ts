import type { ConfigFile } from './config-observation.js';
import { parseEnvironmentFile } from './environment-file.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from './read-config-text.js';
import { rooted, type RootedPath } from './rooted-path.js';
import { splitShellWords, type ShellWord } from './shell-words.js';
import { lineAtOffset, parseEnvironmentDirective } from './systemd-unit-file.js';
import { listDirective, loadUnit, type LoadedUnit } from './systemd-units.js';

/** Where a variable such as DOCKER_OPTS got its value: an Environment= line or an environment file. */
export interface VariableDefinition {
  value: string;
  file: RootedPath;
  line: number;
  /** "Environment= in override.conf", "/etc/default/docker". */
  label: string;
}

export interface ServiceCommand {
  words: ShellWord[];
  file: RootedPath;
  line: number;
  /** The physical line a word at this offset of the command line sits on (ExecStart may span lines). */
  lineAt(offset: number): number;
  fileLabel: string;
}

export interface DockerService {
  unit: LoadedUnit;
  /** Environment files the unit names that exist. */
  environmentFiles: ConfigFile[];
  /** The ExecStart= command lines that survive resets, in order. */
  commands: ServiceCommand[];
  environment: Map<string, VariableDefinition>;
  errors: ConfigError[];
}

/** The files /etc/default/docker and /etc/sysconfig/docker: named 'docker-default' wherever they are used from. */
export const DEFAULTS_FILES = ['/etc/default/docker', '/etc/sysconfig/docker'];

/** docker.service with its drop-ins, environment and the dockerd command lines it runs. */
export function readDockerService(root: string): DockerService {
  const unit = loadUnit(root, 'docker.service');
  const errors = [...unit.errors];
  const environment = new Map<string, VariableDefinition>();
  const environmentFiles: ConfigFile[] = [];

  for (const entry of listDirective(unit.entries, 'Service', 'Environment')) {
    for (const { name, value } of parseEnvironmentDirective(entry.value)) {
      environment.set(name, { value, file: entry.file, line: entry.line, label: `Environment= in ${entry.fileLabel}` });
    }
  }
  // systemd lets EnvironmentFile= override Environment=, whatever their order in the unit.
  for (const entry of listDirective(unit.entries, 'Service', 'EnvironmentFile')) {
    const optional = entry.value.startsWith('-');
    const systemPath = optional ? entry.value.slice(1).trim() : entry.value;
    const location = rooted(root, systemPath);
    const read = readConfigText(root, location);
    if (!read.found) {
      if (!optional) errors.push({ path: location.path, message: `EnvironmentFile=${systemPath} (line ${entry.line} of ${entry.fileLabel}) does not exist; systemd will not start docker.service` });
      continue;
    }
    const kind = DEFAULTS_FILES.includes(location.systemPath) ? 'docker-default' : 'environment-file';
    environmentFiles.push({ ...location, kind, stat: read.stat, readError: read.error });
    if (read.text === null) {
      errors.push({ path: location.path, message: `environment file cannot be read: ${read.error}` });
      continue;
    }
    const parsed = parseEnvironmentFile(read.text);
    for (const problem of parsed.problems) errors.push({ path: location.path, message: `line ${problem.line}: ${problem.message}` });
    for (const { name, value, line } of parsed.assignments) {
      environment.set(name, { value, file: location, line, label: location.systemPath });
    }
  }

  const commands: ServiceCommand[] = [];
  for (const entry of listDirective(unit.entries, 'Service', 'ExecStart')) {
    // ExecStart prefixes (-, @, :, +, !, !!) change how systemd runs the command, not its arguments.
    const prefix = /^[-@:+!]*/.exec(entry.value)![0].length;
    const split = splitShellWords(entry.value.slice(prefix), (name) => environment.get(name)?.value);
    if (split.error) errors.push({ path: entry.file.path, message: `ExecStart at line ${entry.line} has ${split.error}` });
    // %% is systemd's escape for a literal %; other specifiers never appear in dockerd's network flags.
    const words = split.words.map((word) => ({ ...word, text: word.text.replace(/%%/g, '%') }));
    const lineAt = (offset: number) => lineAtOffset(entry, offset + prefix);
    commands.push({ words, file: entry.file, line: entry.line, lineAt, fileLabel: entry.fileLabel });
  }
  // systemd refuses a service with several ExecStart= unless Type=oneshot, and docker.service
  // is Type=notify: a drop-in that adds its ExecStart without an empty `ExecStart=` first
  // leaves dockerd not running at all after the next restart.
  const type = listDirective(unit.entries, 'Service', 'Type').at(-1)?.value.trim() ?? 'simple';
  if (commands.length > 1 && type !== 'oneshot') {
    const extra = commands[1]!;
    errors.push({
      path: extra.file.path,
      message: `docker.service has ${commands.length} ExecStart= lines (the second at line ${extra.line} of ${extra.fileLabel}); systemd refuses to start a Type=${type} service with more than one: put an empty \`ExecStart=\` before the drop-in's own`,
    });
  }
  return { unit, environmentFiles, commands, environment, errors };
}
