import type { ConfigSource, DaemonHardening } from './config-observation.js';
import { parseDockerdFlags, type DockerdFlag } from './dockerd-flags.js';
import { emptyHardening, HARDENING_DIRECTIVES } from './hardening-directives.js';
import { emptyNetworkSettings, type ConfigError, type NetworkSettings } from './network-settings.js';
import type { RootedPath } from '../filesystem/audited-root.js';
import type { ShellWord } from './shell-words.js';

/** A dockerd command line and how to name where each of its flags was written. */
export interface CommandLineSource {
  words: ShellWord[];
  file: RootedPath;
  sourceOf(written: string, variable: string | null, offset: number): ConfigSource;
}

/** A flag whose value names a file, with where it was written. */
export interface NamedPathFlag {
  value: string;
  source: ConfigSource;
}

/** Network, TLS and hardening settings from dockerd command lines, plus the --config-file and --containerd they name. */
export function readCommandLines(commandLines: readonly CommandLineSource[]): {
  settings: NetworkSettings;
  hardening: DaemonHardening;
  configFile: NamedPathFlag | null;
  /** --containerd: the containerd socket dockerd uses instead of starting its own (the last one given wins). */
  containerd: NamedPathFlag | null;
  errors: ConfigError[];
} {
  const settings = emptyNetworkSettings();
  const hardening = emptyHardening();
  const errors: ConfigError[] = [];
  let configFile: NamedPathFlag | null = null;
  let containerd: NamedPathFlag | null = null;
  for (const commandLine of commandLines) {
    const { flags, problems } = parseDockerdFlags(commandLine.words);
    for (const problem of problems) errors.push({ path: commandLine.file.path, message: `dockerd flags: ${problem}` });
    for (const flag of flags) {
      const source = commandLine.sourceOf(flag.written, flag.variable, flag.offset);
      switch (flag.directive) {
        case 'hosts':
          settings.hosts.push({ address: String(flag.value), source });
          break;
        case 'tls':
        case 'tlsverify':
          settings[flag.directive].push({ value: flag.value === true, source, origin: 'flag' });
          break;
        case 'tlscacert':
        case 'tlscert':
        case 'tlskey':
          settings[flag.directive].push({ value: String(flag.value), source, origin: 'flag' });
          break;
        case 'config-file':
          configFile = { value: String(flag.value), source };
          break;
        case 'containerd':
          containerd = { value: String(flag.value), source };
          break;
        default:
          addHardeningFlag(hardening, flag, source);
      }
    }
  }
  return { settings, hardening, configFile, containerd, errors };
}

/** A repeatable flag is one setting per occurrence, so each value keeps the line that wrote it. */
function addHardeningFlag(hardening: DaemonHardening, flag: DockerdFlag, source: ConfigSource): void {
  const directive = HARDENING_DIRECTIVES.find((candidate) => candidate.field === flag.directive);
  if (!directive) return;
  const list = hardening[directive.field] as { value: unknown; source: ConfigSource; origin: 'flag' }[];
  if (directive.kind === 'boolean') list.push({ value: flag.value === true, source, origin: 'flag' });
  else if (directive.kind === 'string') list.push({ value: String(flag.value), source, origin: 'flag' });
  else list.push({ value: [String(flag.value)], source, origin: 'flag' });
}
