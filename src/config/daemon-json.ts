import type { ConfigFile, ConfigSource, DaemonHardening, DaemonJsonParseError, DuplicateKey, UnreadSetting } from './config-observation.js';
import { readHardeningKeys } from './daemon-json-hardening.js';
import type { NamedPathFlag } from './dockerd-command-line.js';
import { emptyHardening, HARDENING_DIRECTIVES } from './hardening-directives.js';
import { lineAndColumn, scanJson, type JsonKeyPosition } from './json-positions.js';
import { BOOLEAN_DIRECTIVES, emptyNetworkSettings, PATH_DIRECTIVES, type ConfigError, type NetworkSettings } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import type { RootedPath } from '../filesystem/audited-root.js';

export const DEFAULT_DAEMON_JSON = '/etc/docker/daemon.json';

/** The keys dockprobe reads; a key that differs from one of them only in case is reported. */
const KNOWN_KEYS: readonly string[] = ['hosts', ...BOOLEAN_DIRECTIVES, ...PATH_DIRECTIVES, 'containerd', ...HARDENING_DIRECTIVES.map((directive) => directive.jsonKey)];

export interface DaemonJsonRead {
  /** null when there is no daemon.json at all (dockerd then runs on flags and defaults). */
  file: ConfigFile | null;
  parseError: DaemonJsonParseError | null;
  settings: NetworkSettings;
  /** The CIS section 2 directives it sets (1.8.0). */
  hardening: DaemonHardening;
  /** "containerd": the containerd socket dockerd uses instead of starting its own. */
  containerd: NamedPathFlag | null;
  /** Top-level keys given more than once: dockerd uses the last copy (daemon-config-duplicate-key). */
  duplicateKeys: DuplicateKey[];
  /**
   * Directives dockerd refuses (a value of the wrong type, a misspelt name): dockerd will not
   * start with this file, so what it would run with is not known; for the rules, not read.
   */
  unreadSettings: UnreadSetting[];
  errors: ConfigError[];
}

export function readDaemonJson(root: string, location: RootedPath): DaemonJsonRead {
  const settings = emptyNetworkSettings();
  const read = readConfigText(root, location, { encoding: 'json-bom' });
  const empty = { hardening: emptyHardening(), containerd: null };
  if (!read.found) return { file: null, parseError: null, settings, ...empty, duplicateKeys: [], unreadSettings: [], errors: [] };
  const file: ConfigFile = { ...location, kind: 'daemon-json', stat: read.stat, readError: read.error };
  if (read.text === null) {
    // Binary junk is read fine and is not JSON: that is dockerd's parse error too, not just ours
    // (dockerd checks that the file is UTF-8 before it parses it). Anything else we could not
    // look at (too large, EACCES) is ours to report, and no verdict on the file.
    const parseError = read.error.startsWith('binary data') ? { message: read.error, ...(read.at ?? { line: 1, column: 1 }) } : null;
    const consequence = parseError ? '; dockerd refuses to start with it' : '; none of its settings were checked';
    return { file, parseError, settings, ...empty, duplicateKeys: [], unreadSettings: [], errors: [{ path: location.path, message: `daemon.json cannot be read: ${read.error}${consequence}` }] };
  }
  const parsed = parseDaemonJson(read.text, location);
  return { file, ...parsed };
}

/** Parses daemon.json text; exported apart from the file reading so the parser is testable on strings. */
export function parseDaemonJson(text: string, location: RootedPath): Omit<DaemonJsonRead, 'file'> {
  const settings = emptyNetworkSettings();
  const errors: ConfigError[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  const unreadSettings: UnreadSetting[] = [];
  const scan = scanJson(text);
  if (!scan.ok) {
    const { line, column } = lineAndColumn(text, scan.offset);
    const parseError = { message: scan.message, line, column };
    errors.push({ path: location.path, message: `daemon.json is not valid JSON at line ${line}, column ${column}: ${scan.message}` });
    return { parseError, settings, hardening: emptyHardening(), containerd: null, duplicateKeys, unreadSettings, errors };
  }
  const document: unknown = JSON.parse(text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    errors.push({ path: location.path, message: 'daemon.json must hold a JSON object ({ ... }); dockerd refuses anything else' });
    const parseError = { message: 'the top-level value is not an object', line: 1, column: 1 };
    return { parseError, settings, hardening: emptyHardening(), containerd: null, duplicateKeys, unreadSettings, errors };
  }
  const values = document as Record<string, unknown>;
  const sourceOf = (key: string, offset: number): ConfigSource => ({
    ...location,
    line: lineAndColumn(text, offset).line,
    form: `daemon.json "${key}"`,
  });
  const position = (key: string): JsonKeyPosition => scan.topLevelKeys.get(key)!;
  const lineOf = (offset: number) => lineAndColumn(text, offset).line;
  for (const [key, offsets] of scan.topLevelKeyOffsets) {
    // Go's encoding/json, like JSON.parse, keeps the last of a key given twice, without a word.
    // The settings above are read from that last one; the others only mislead a reader.
    // Not an error: the file was read as dockerd reads it. A finding (daemon-config-duplicate-key).
    if (offsets.length > 1) duplicateKeys.push({ key, lines: offsets.map(lineOf) });
    // dockerd matches option names exactly and refuses a file with any name it does not know.
    const meant = KNOWN_KEYS.find((name) => name !== key && name === key.toLowerCase());
    if (meant) {
      unreadSettings.push({ source: location.systemPath, why: `dockerd refuses a daemon.json with "${key}" (line ${lineOf(offsets[0]!)}), not a dockerd option ("${meant}" is)` });
      errors.push({
        path: location.path,
        message: `daemon.json "${key}" at line ${lineOf(offsets[0]!)} is not a dockerd option (names are case-sensitive: "${meant}"); dockerd refuses to start ("the following directives don't match any configuration option: ${key}")`,
      });
    }
  }
  const typeError = (key: string, wanted: string) => {
    const { line } = lineAndColumn(text, position(key).keyOffset);
    errors.push({ path: location.path, message: `daemon.json "${key}" at line ${line} must be ${wanted}; dockerd refuses to start` });
    unreadSettings.push({ source: location.systemPath, why: `dockerd refuses a daemon.json with "${key}" of the wrong type (line ${line}: it must be ${wanted})` });
  };

  if ('hosts' in values) {
    const hosts = values['hosts'];
    const { keyOffset, elementOffsets } = position('hosts');
    settings.hostsKey = sourceOf('hosts', keyOffset);
    if (typeof hosts === 'string') {
      settings.hosts.push({ address: hosts, source: sourceOf('hosts', keyOffset) });
    } else if (Array.isArray(hosts) && hosts.every((host) => typeof host === 'string')) {
      // Each address gets its own line: a multi-line array points at the entry to fix.
      hosts.forEach((address, index) => settings.hosts.push({ address, source: sourceOf('hosts', elementOffsets[index] ?? keyOffset) }));
    } else {
      typeError('hosts', 'an array of strings');
    }
  }
  for (const directive of BOOLEAN_DIRECTIVES) {
    if (!(directive in values)) continue;
    const value = values[directive];
    if (typeof value === 'boolean') settings[directive].push({ value, source: sourceOf(directive, position(directive).keyOffset), origin: 'json' });
    else typeError(directive, 'true or false');
  }
  for (const directive of PATH_DIRECTIVES) {
    if (!(directive in values)) continue;
    const value = values[directive];
    if (typeof value === 'string') settings[directive].push({ value, source: sourceOf(directive, position(directive).keyOffset), origin: 'json' });
    else typeError(directive, 'a path string');
  }
  const hardening = readHardeningKeys(values, { sourceOf: (key) => sourceOf(key, position(key).keyOffset), typeError });
  let containerd: NamedPathFlag | null = null;
  if ('containerd' in values && values['containerd'] !== null) {
    if (typeof values['containerd'] === 'string') containerd = { value: values['containerd'], source: sourceOf('containerd', position('containerd').keyOffset) };
    else typeError('containerd', 'a path string');
  }
  return { parseError: null, settings, hardening, containerd, duplicateKeys, unreadSettings, errors };
}
