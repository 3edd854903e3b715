import type { ConfigObservation, DaemonConfig, DaemonHardening } from '../../src/config/config-observation.js';
import { emptyHardening } from '../../src/config/hardening-directives.js';
import { config, configFile, daemon, DAEMON_JSON } from './config-observation-builder.js';

/** Observations for the CIS section 2 daemon-* rules' cases: a daemon setting only what a case names. */

/** The host's dockerd (systemd, daemon.json read) with these section 2 settings and nothing else. */
export function hardened(fields: Partial<DaemonHardening>, overrides: Partial<DaemonConfig> = {}): ConfigObservation {
  return config({ daemon: { hardening: { ...emptyHardening(), ...fields }, ...overrides } });
}

/** Ways the settings could not all be read: a directive missing from `hardening` may be set there. */
export const STARTUP_UNKNOWN: Partial<DaemonConfig> = { startup: { kind: 'unknown', why: 'an init script dockprobe does not read' } };
export const JSON_UNREADABLE: Partial<DaemonConfig> = {
  files: [{ ...configFile(DAEMON_JSON, 'daemon-json', null), readError: 'EACCES: permission denied' }, configFile('/lib/systemd/system/docker.service', 'systemd-unit')],
};
/** No daemon.json: "not set" findings point at the unit that starts dockerd. */
export const NO_DAEMON_JSON: Partial<DaemonConfig> = { daemonJsonPath: null, files: [configFile('/lib/systemd/system/docker.service', 'systemd-unit')] };
/** Nothing starts a dockerd here. */
export const NO_DAEMON: Partial<DaemonConfig> = { present: false, startup: { kind: 'none' }, daemonJsonPath: null, files: [], listeners: [] };

/** A user's rootless dockerd, for otherDaemons. */
export function rootlessDaemon(fields: Partial<DaemonHardening> = {}): DaemonConfig {
  const json = '/home/alice/.config/docker/daemon.json';
  return daemon({
    startup: { kind: 'known', by: 'rootless dockerd of /home/alice (systemd --user docker.service)' },
    rootless: true,
    daemonJsonPath: json,
    files: [configFile(json, 'daemon-json'), configFile('/home/alice/.config/systemd/user/docker.service', 'systemd-unit')],
    hardening: { ...emptyHardening(), ...fields },
  });
}

export type { ConfigObservation };
