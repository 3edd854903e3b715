import type { ConfigFile } from './config-observation.js';
import { parseSystemdEnvironmentFile } from './environment-file.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import { rooted, type RootedPath } from '../filesystem/audited-root.js';
import type { ShellWord } from './shell-words.js';
import { expandExecArgv, parseEnvironmentAssignments, parseExecCommands, replaceBracedVariables, type ExecWord } from './systemd-syntax.js';
import { lineAtOffset } from './systemd-unit-file.js';
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
export function readDockerService(root: string, directories?: readonly string[]): DockerService {
  const unit = loadUnit(root, 'docker.service', directories);
  const errors = [...unit.errors];
  const environment = new Map<string, VariableDefinition>();
  const environmentFiles: ConfigFile[] = [];

  for (const entry of listDirective(unit.entries, 'Service', 'Environment')) {
    const parsed = parseEnvironmentAssignments(entry.value);
    // A syntax error drops the rest of the line, variables included; words that are no
    // assignment are only warned about by systemd, and set nothing either way.
    if (parsed.syntaxError) errors.push({ path: entry.file.path, message: `Environment= at line ${entry.line} of ${entry.fileLabel} has ${parsed.syntaxError}` });
    for (const { name, value } of parsed.assignments) {
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
    // As systemd reads it, not as a shell would: no $NAME expansion, values to the end of the line.
    for (const { name, value, line } of parseSystemdEnvironmentFile(read.text).assignments) {
      environment.set(name, { value, file: location, line, label: location.systemPath });
    }
  }

  const commands: ServiceCommand[] = [];
  for (const entry of listDirective(unit.entries, 'Service', 'ExecStart')) {
    const where = `ExecStart at line ${entry.line} of ${entry.fileLabel}`;
    const parsed = parseExecCommands(entry.value);
    for (const problem of parsed.problems) errors.push({ path: entry.file.path, message: `${where} has ${problem.message}` });
    const lookup = (name: string) => environment.get(name)?.value;
    for (const command of parsed.commands) {
      // The words systemd passes: prefixes (-, @, :, +, !, !!) gone, argv[0] the second word with @,
      // variables expanded as systemd expands them unless the : prefix says not to.
      const words = command.noEnvironmentExpansion ? command.argv : expandExecArgv(command.argv, lookup);
      if (!command.noEnvironmentExpansion) {
        for (const note of bracedVariableNotes(command.argv.slice(1), lookup)) errors.push({ path: entry.file.path, message: `${where} ${note}` });
      }
      const lineAt = (offset: number) => lineAtOffset(entry, offset);
      commands.push({ words, file: entry.file, line: entry.line, lineAt, fileLabel: entry.fileLabel });
    }
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

/**
 * `${NAME}` is always exactly one argument to systemd. When that argument holds several flags, or
 * nothing at all, dockerd does not get what the line seems to say: name it, with the fix.
 */
function bracedVariableNotes(argv: readonly ExecWord[], lookup: (name: string) => string | undefined): string[] {
  const notes: string[] = [];
  for (const word of argv) {
    if (!word.text.includes('${')) continue;
    const expanded = replaceBracedVariables(word.text, lookup);
    if (expanded.variable === null) continue;
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(word.text)?.[1];
    if (/\s/.test(expanded.text.trim())) {
      notes.push(
        `passes ${word.text} as one argument, "${expanded.text}" (systemd never splits \${NAME}); dockerd reads it as a single flag and its value, not as several flags${whole ? `: write $${whole} as a word of its own to split it` : ''}`,
      );
    } else if (whole && expanded.text === '') {
      notes.push(`passes ${word.text} as an empty argument (${whole} is unset or empty); dockerd refuses to start ("accepts no arguments"): write $${whole} to pass nothing when it is empty`);
    }
  }
  return notes;
}
