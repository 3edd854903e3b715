import { emptyStartup, type DaemonStartup } from './daemon-startup.js';
import { readSourcedFile, variableCommandLines } from './init-script-variables.js';

export const OPENRC_CONF = '/etc/conf.d/docker';

/**
 * Alpine's and Gentoo's OpenRC script /etc/init.d/docker runs
 * `${DOCKERD_BINARY:-/usr/bin/dockerd} ${DOCKER_OPTS}`, after openrc-run has sourced
 * /etc/conf.d/docker: DOCKER_OPTS there is dockerd's command line.
 */
export function readOpenRcService(root: string): DaemonStartup {
  const startup = emptyStartup('OpenRC (/etc/init.d/docker with /etc/conf.d/docker)', '/etc/docker/daemon.json');
  const conf = readSourcedFile(root, OPENRC_CONF, 'environment-file', startup.errors);
  if (!conf) return startup;
  startup.present = true;
  startup.files.push(conf.file);
  startup.commandLines.push(...variableCommandLines(conf, ['DOCKER_OPTS'], 'OpenRC\'s /etc/init.d/docker'));
  return startup;
}
