import type { ConfigFile, Listener, UnreadSetting } from './config-observation.js';
import type { CommandLineSource } from './dockerd-command-line.js';
import type { ConfigError } from './network-settings.js';

/**
 * How one dockerd is started, read from whatever starts it: a systemd unit, an OpenRC or
 * sysvinit script's variables, boot2docker's profile, the snap's wrapper, a user's rootless
 * unit. The daemon's settings are then worked out the same way for all of them
 * (daemon-config.ts): flags from `commandLines`, daemon.json from --config-file or the default.
 */
export interface DaemonStartup {
  /** Who starts this dockerd, in words for the report: "systemd (docker.service)", "OpenRC (/etc/init.d/docker)". */
  startedBy: string;
  /** The dockerd command lines it runs, each flag with the file and line that wrote it. */
  commandLines: CommandLineSource[];
  /** daemon.json when no --config-file names another: /etc/docker/daemon.json, or ~/.config/docker/daemon.json for rootless. */
  defaultDaemonJson: string;
  /** Files read to learn how dockerd starts, for the permission rules. */
  files: ConfigFile[];
  /** Listeners opened by something other than a dockerd flag: rootlesskit publishing a port. */
  extraListeners: Listener[];
  errors: ConfigError[];
  /** Places that may hold dockerd's settings and were not read (a drop-in folder closed to us). */
  unreadSettings: UnreadSetting[];
  /** Set when this start-up runs dockerd in a way dockprobe does not read (a wrapper script): why. */
  unknownWhy: string | null;
  /** Whether this start-up is configured at all (a unit, a config file found). */
  present: boolean;
  /** dockerd's own environment, as its unit sets it (DOCKER_CERT_PATH moves its default CA); empty for init scripts. */
  environment: (name: string) => string | undefined;
  /** Serves /var/run/docker.sock unless told otherwise (a rootless dockerd does not). */
  usesSystemSocket: boolean;
  /** A user's rootless dockerd, run by rootlesskit in a user namespace, not as root (CIS 2.1). */
  rootless: boolean;
}

export function emptyStartup(startedBy: string, defaultDaemonJson: string): DaemonStartup {
  return { startedBy, commandLines: [], defaultDaemonJson, files: [], extraListeners: [], errors: [], unreadSettings: [], unknownWhy: null, present: false, environment: () => undefined, usesSystemSocket: true, rootless: false };
}
