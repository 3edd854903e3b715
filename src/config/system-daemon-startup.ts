import { readBoot2dockerProfile } from './boot2docker-profile.js';
import { DEFAULT_DAEMON_JSON } from './daemon-json.js';
import { emptyStartup, type DaemonStartup } from './daemon-startup.js';
import { readDefaultsFiles, type DefaultsFile } from './defaults-files.js';
import { readDockerService, type DockerService } from './docker-service.js';
import { detectInitSystem, type InitSystem } from './init-system.js';
import { readOpenRcService } from './openrc-service.js';
import { serviceCommandLines } from './service-command-lines.js';
import { nonDockerdCommand, nonDockerdWhy } from './dockerd-program.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import { rooted } from '../filesystem/audited-root.js';

export interface SystemDaemonStartup {
  startup: DaemonStartup;
  init: InitSystem;
  /** The command line is dockerd's -H fd:// sockets' consumer: systemd hands it its socket units. */
  bySystemd: boolean;
}

/**
 * How the host's own dockerd is started, following the rules of the init system that boots it:
 * systemd runs docker.service (and ignores /etc/default/docker and /etc/conf.d/docker unless
 * the unit names them), OpenRC runs /etc/init.d/docker with /etc/conf.d/docker's DOCKER_OPTS,
 * sysvinit and upstart scripts source /etc/default/docker or /etc/sysconfig/docker, boot2docker
 * sources its profile. When the init system cannot be told, the unit is taken if there is one
 * (as before), and an init script's options it does not pass are reported as "could not tell".
 */
export function readSystemDaemonStartup(root: string): SystemDaemonStartup {
  const init = detectInitSystem(root);
  if (init.kind === 'boot2docker') return { startup: readBoot2dockerProfile(root), init, bySystemd: false };

  const service = readDockerService(root);
  const defaults = readDefaultsFiles(root);
  const openrc = readOpenRcService(root);
  const hasUnit = service.unit.unitFile !== null;
  const scriptStartup = init.kind === 'openrc' || (init.kind === 'unknown' && !hasUnit && openrc.present) ? openrc : defaultsStartup(root, defaults.found, init);
  scriptStartup.errors.push(...defaults.errors);
  // Files read either way stay in the report for the permission rules.
  const allScriptFiles = [...defaults.found.map((found) => found.file), ...openrc.files];

  const useUnit = hasUnit && (init.kind === 'systemd' || init.kind === 'unknown');
  if (!useUnit) {
    // Duplicates are dropped once, where the daemon's files are gathered (daemon-config.ts).
    scriptStartup.files.push(...service.unit.files, ...allScriptFiles);
    return { startup: scriptStartup, init, bySystemd: false };
  }

  const startup = unitStartup(service);
  startup.files.push(...allScriptFiles);
  startup.errors.push(...defaults.errors);
  if (init.kind === 'unknown') {
    const notes = ambiguity(service, [...defaults.found, ...(openrc.present ? [openrc] : [])], init);
    startup.errors.push(...notes.map(({ path, message }) => ({ path, message })));
    startup.unreadSettings.push(...notes.map(({ systemPath }) => ({ source: systemPath, why: `it sets dockerd options that docker.service does not pass, and which init system starts dockerd here could not be told (${init.evidence}); those options were not checked` })));
  }
  return { startup, init, bySystemd: true };
}

function unitStartup(service: DockerService): DaemonStartup {
  const startup = emptyStartup('systemd (docker.service)', DEFAULT_DAEMON_JSON);
  startup.present = true;
  startup.environment = (name) => service.environment.get(name)?.value;
  startup.files.push(...service.unit.files, ...service.environmentFiles);
  startup.errors.push(...service.errors);
  startup.unreadSettings.push(...service.unit.unreadSettings);
  // A masked unit starts nothing, whatever its drop-ins say, and no init script runs beside systemd.
  if (service.unit.masked) return startup;
  // A wrapper's words are not dockerd's flags: the start-up is unknown, never read as dockerd's.
  const wrapper = nonDockerdCommand(service.commands);
  if (wrapper) {
    startup.unknownWhy = nonDockerdWhy(wrapper, 'docker.service');
    startup.errors.push({ path: wrapper.command.file.path, message: `${startup.unknownWhy}: its listeners and settings were not checked; audit the running system, or run dockerd from the unit directly` });
    return startup;
  }
  startup.commandLines.push(...serviceCommandLines(service));
  return startup;
}

/** The scripts that source those files: with none of the files, they run dockerd with its defaults. */
const INIT_SCRIPTS = ['/etc/init.d/docker', '/etc/rc.d/init.d/docker', '/etc/init/docker.conf'];

function defaultsStartup(root: string, found: readonly DefaultsFile[], init: InitSystem): DaemonStartup {
  const script = INIT_SCRIPTS.find((systemPath) => lstatFacts(rooted(root, systemPath).path) !== null);
  const by = script === '/etc/init/docker.conf' || init.kind === 'upstart' ? 'upstart (/etc/init/docker.conf)' : `the init script (${script ?? '/etc/init.d/docker'})`;
  const startup = emptyStartup(by, DEFAULT_DAEMON_JSON);
  startup.present = found.length > 0 || script !== undefined;
  for (const defaults of found) startup.commandLines.push(...defaults.commandLines);
  return startup;
}

/**
 * With no telling which init system runs, an init script's options that docker.service does not
 * pass may or may not be dockerd's: a listener in them is "could not check", never "not there".
 */
function ambiguity(service: DockerService, scripts: readonly (DefaultsFile | DaemonStartup)[], init: InitSystem) {
  const namedByUnit = new Set(service.environmentFiles.map((file) => file.systemPath));
  const notes: { path: string; systemPath: string; message: string }[] = [];
  for (const script of scripts) {
    const lines = script.commandLines;
    const file = 'location' in script ? script.location : script.files[0];
    if (!file || lines.length === 0 || namedByUnit.has(file.systemPath)) continue;
    notes.push({
      path: file.path,
      systemPath: file.systemPath,
      message: `${file.systemPath} sets dockerd options that docker.service does not pass, and which init system starts dockerd here could not be told (${init.evidence}): under systemd they are ignored, under an init script they are dockerd's command line; those options were not checked. Audit the running system, or remove the file if it is unused`,
    });
  }
  return notes;
}
