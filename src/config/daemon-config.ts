import { posix } from 'node:path';
import type { FileRoleHint } from '../files/file-observation.js';
import type { ConfigFile, ConfigSource, DaemonConfig, Listener } from './config-observation.js';
import { DEFAULT_DAEMON_JSON, readDaemonJson } from './daemon-json.js';
import { readDefaultsFiles, type DefaultsFile } from './defaults-files.js';
import { readDockerService, type DockerService } from './docker-service.js';
import { readDockerSocketUnit } from './docker-socket-units.js';
import { readCommandLines, type CommandLineSource } from './dockerd-command-line.js';
import { daemonSocket } from './daemon-socket.js';
import { dockerGroupGid } from './docker-group.js';
import { tlsFileStatus } from './tls-file-status.js';
import { flagDefaultClientCa } from './default-client-ca.js';
import { parseListenerAddress } from './listener-address.js';
import { BOOLEAN_DIRECTIVES, PATH_DIRECTIVES, type ConfigError, type NetworkSettings } from './network-settings.js';
import { rooted } from './rooted-path.js';
import { splitShellWords } from './shell-words.js';
import { daemonFileHints } from './daemon-file-hints.js';

export function readDaemonConfig(root: string): { daemon: DaemonConfig; fileHints: FileRoleHint[]; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const files: ConfigFile[] = [];

  const service = readDockerService(root);
  const defaults = readDefaultsFiles(root);
  errors.push(...service.errors, ...defaults.errors);
  files.push(...service.unit.files, ...service.environmentFiles);

  const serviceRuns = service.unit.unitFile !== null && !service.unit.masked;
  const flags = readCommandLines(dockerdCommandLines(service, defaults.found));
  errors.push(...flags.errors);

  const daemonJsonLocation = rooted(root, flags.configFile ? posix.resolve('/', flags.configFile.value) : DEFAULT_DAEMON_JSON);
  const json = readDaemonJson(root, daemonJsonLocation);
  errors.push(...json.errors);
  if (json.file) files.push(json.file);
  for (const defaultsFile of defaults.found) files.push(defaultsFile.file);

  const settings = mergeSettings(json.settings, flags.settings);
  // dockerd turns TLS on when --tlsverify is given at all, even =false, and picks 2376 for a port-less tcp:// then.
  const tlsOn = settings.tls.some((setting) => setting.value) || settings.tlsverify.length > 0;
  const listeners: Listener[] = [
    ...json.settings.hosts.map((host) => ({ address: host.address, ...parseListenerAddress(host.address, tlsOn), source: host.source, origin: 'json' as const })),
    ...flags.settings.hosts.map((host) => ({ address: host.address, ...parseListenerAddress(host.address, tlsOn), source: host.source, origin: 'flag' as const })),
  ];

  const socketUnit = readDockerSocketUnit(root);
  if (listeners.some((listener) => listener.scheme === 'fd')) {
    files.push(...socketUnit.files);
    errors.push(...socketUnit.errors);
    listeners.push(...socketUnit.listeners);
  }

  // dockerd's environment is the unit's; an init script's variables reach it only as flags. A
  // daemon.json we could not parse may set tlscacert, so no default is claimed then.
  const defaultCaFile = json.parseError ? null : flagDefaultClientCa(root, settings, (name) => (serviceRuns ? service.environment.get(name)?.value : undefined));
  const defaultCa = defaultCaFile ? [defaultCaFile] : [];
  const daemon: DaemonConfig = {
    files: uniqueByPath(files),
    daemonJsonPath: json.file ? daemonJsonLocation.path : null,
    daemonJsonError: json.parseError,
    duplicateKeys: json.duplicateKeys,
    listeners,
    ...settings,
    conflicts: findConflicts(json.settings, flags.settings),
    socket: null,
    dockerGroupGid: dockerGroupGid(root),
    tlsFiles: [...tlsFileStatus(root, settings), ...defaultCa],
    present: serviceRuns || service.unit.masked || json.file !== null || defaults.found.length > 0 || socketUnit.found,
  };
  daemon.socket = daemonSocket(root, listeners, daemon.present);
  for (const file of daemon.tlsFiles) if (file.unverifiable) errors.push({ path: file.path, message: `${file.directive} ${file.systemPath} ${file.unverifiable}` });
  return { daemon, fileHints: daemonFileHints(daemon), errors };
}

/** Where dockerd's flags come from: the unit's ExecStart when there is a unit, else the init script's variables. */
function dockerdCommandLines(service: DockerService, defaults: readonly DefaultsFile[]): CommandLineSource[] {
  if (service.unit.masked) return []; // systemd starts nothing, and no init script runs beside systemd
  if (service.unit.unitFile !== null) return serviceCommandLines(service);
  return defaults.flatMap(({ location, options }) =>
    options.map((option) => ({
      words: [{ text: 'dockerd', offset: 0, variable: null }, ...splitShellWords(option.value).words],
      file: location,
      sourceOf: (written: string): ConfigSource => ({ ...location, line: option.line, form: `${written} in ${option.name} in ${location.systemPath}` }),
    })),
  );
}

function serviceCommandLines(service: DockerService): CommandLineSource[] {
  return service.commands.map((command) => ({
    words: command.words,
    file: command.file,
    sourceOf(written: string, variable: string | null, offset: number): ConfigSource {
      const definition = variable ? service.environment.get(variable) : undefined;
      if (definition) {
        // Point at the line that sets the variable: that is the line to fix.
        return {
          ...definition.file,
          line: definition.line,
          form: `${written} in ${variable} (${definition.label}), used by ExecStart of docker.service`,
        };
      }
      return { ...command.file, line: command.lineAt(offset), form: `${written} in ExecStart (${command.fileLabel})` };
    },
  }));
}

type SettingLists = Omit<NetworkSettings, 'hosts'>;

function mergeSettings(json: NetworkSettings, flags: NetworkSettings): SettingLists {
  const merged = {} as SettingLists;
  for (const directive of BOOLEAN_DIRECTIVES) merged[directive] = [...json[directive], ...flags[directive]];
  for (const directive of PATH_DIRECTIVES) merged[directive] = [...json[directive], ...flags[directive]];
  return merged;
}

/** dockerd refuses to start when daemon.json and a flag both set a directive, even to the same value. */
function findConflicts(json: NetworkSettings, flags: NetworkSettings): DaemonConfig['conflicts'] {
  const conflicts: DaemonConfig['conflicts'] = [];
  const firstSource = (list: readonly { source: ConfigSource }[]) => list[0]?.source;
  for (const directive of ['hosts', ...BOOLEAN_DIRECTIVES, ...PATH_DIRECTIVES] as const) {
    const fromJson = (directive === 'hosts' ? json.hostsKey : undefined) ?? firstSource(json[directive] as { source: ConfigSource }[]);
    const fromFlag = firstSource(flags[directive] as { source: ConfigSource }[]);
    if (fromJson && fromFlag) conflicts.push({ directive, json: fromJson, flag: fromFlag });
  }
  return conflicts;
}

function uniqueByPath(files: ConfigFile[]): ConfigFile[] {
  const seen = new Map<string, ConfigFile>();
  for (const file of files) if (!seen.has(file.path)) seen.set(file.path, file);
  return [...seen.values()];
}

