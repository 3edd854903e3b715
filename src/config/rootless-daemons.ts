import { emptyStartup, type DaemonStartup } from './daemon-startup.js';
import { readDockerService } from './docker-service.js';
import { nonDockerdCommand, nonDockerdWhy } from './dockerd-program.js';
import { serviceCommandLines } from './service-command-lines.js';
import { lstatFacts } from '../filesystem/file-stat.js';
import { rooted } from '../filesystem/audited-root.js';
import { rootlesskitPublishedPorts } from './rootlesskit-ports.js';
import { listUserHomes } from './user-homes.js';

export interface RootlessOptions {
  /** The scanning user's home and $XDG_CONFIG_HOME, which moves that one user's config (live system only). */
  ownHome?: string;
  xdgConfigHome?: string;
}

/**
 * Rootless dockerd, one per user that set it up: `dockerd-rootless-setuptool.sh install` writes
 * ~/.config/systemd/user/docker.service, whose ExecStart runs dockerd-rootless.sh with dockerd's
 * own flags, and the daemon reads $XDG_CONFIG_HOME/docker/daemon.json (~/.config/docker/daemon.json).
 */
export function readRootlessDaemons(root: string, options: RootlessOptions = {}): DaemonStartup[] {
  const startups: DaemonStartup[] = [];
  for (const { systemPath: home } of listUserHomes(root).homes) {
    const configHome = home === options.ownHome && options.xdgConfigHome ? options.xdgConfigHome : `${home}/.config`;
    const unitFolder = `${configHome}/systemd/user`;
    const daemonJson = `${configHome}/docker/daemon.json`;
    const hasUnit = lstatFacts(rooted(root, `${unitFolder}/docker.service`).path) !== null || lstatFacts(rooted(root, `${unitFolder}/docker.service.d`).path) !== null;
    const hasJson = lstatFacts(rooted(root, daemonJson).path) !== null;
    if (!hasUnit && !hasJson) continue;
    const startup = emptyStartup(`rootless dockerd of ${home} (systemd --user docker.service)`, daemonJson);
    startup.present = true;
    startup.usesSystemSocket = false;
    startup.rootless = true;
    // A user's own units override the packaged user units, as systemd --user looks them up.
    const service = readDockerService(root, [unitFolder, '/etc/systemd/user', '/usr/lib/systemd/user', '/lib/systemd/user']);
    startup.environment = (name) => service.environment.get(name)?.value;
    startup.files.push(...service.unit.files, ...service.environmentFiles);
    startup.errors.push(...service.errors);
    startup.unreadSettings.push(...service.unit.unreadSettings);
    const wrapper = nonDockerdCommand(service.commands, ['dockerd-rootless.sh']);
    if (service.unit.unitFile !== null && !service.unit.masked && wrapper) {
      startup.unknownWhy = nonDockerdWhy(wrapper, 'docker.service (systemd --user)');
      startup.errors.push({ path: wrapper.command.file.path, message: `${startup.unknownWhy}: its listeners and settings were not checked` });
    } else if (service.unit.unitFile !== null && !service.unit.masked) {
      startup.commandLines.push(...serviceCommandLines(service, 'docker.service (systemd --user)'));
      const flags = service.environment.get('DOCKERD_ROOTLESS_ROOTLESSKIT_FLAGS');
      if (flags) startup.extraListeners.push(...rootlesskitPublishedPorts(flags.value, { ...flags.file, line: flags.line }));
    }
    startups.push(startup);
  }
  return startups;
}
