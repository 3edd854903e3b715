import type { ConfigSource } from './config-observation.js';
import { parseDockerdFlags } from './dockerd-flags.js';
import { emptyNetworkSettings, type ConfigError, type NetworkSettings } from './network-settings.js';
import type { RootedPath } from '../filesystem/audited-root.js';
import type { ShellWord } from './shell-words.js';

/** A dockerd command line and how to name where each of its flags was written. */
export interface CommandLineSource {
  words: ShellWord[];
  file: RootedPath;
  sourceOf(written: string, variable: string | null, offset: number): ConfigSource;
}

/** Network and TLS settings from dockerd command lines, plus the --config-file they name. */
export function readCommandLines(commandLines: readonly CommandLineSource[]): {
  settings: NetworkSettings;
  configFile: { value: string; source: ConfigSource } | null;
  errors: ConfigError[];
} {
  const settings = emptyNetworkSettings();
  const errors: ConfigError[] = [];
  let configFile: { value: string; source: ConfigSource } | null = null;
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
      }
    }
  }
  return { settings, configFile, errors };
}
