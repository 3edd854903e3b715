import type { ConfigObservation, ConfigSource, DaemonConfig, Setting } from '../config/config-observation.js';
import { hardeningReadable } from '../config/hardening-readable.js';
import { defaultConfigDecision } from '../rule-engine/default-decision.js';
import type { RuleDecision } from '../rules/rule.js';
import { effective } from './daemon-tls-state.js';

/**
 * What the CIS section 2 daemon-* rules share: which setting of a directive dockerd uses, when a
 * directive missing from `hardening` really is "not set", and where to point a "not set" finding.
 */

export { effective };

export type HitLocation = Pick<ConfigSource, 'path' | 'systemPath' | 'line'>;

/**
 * An empty list in `hardening` means "dockerd's default applies" only for a configured daemon
 * whose daemon.json and start-up were read; otherwise the directive may be set where we could
 * not look, and a "not set" finding would be a guess.
 */
export function absenceKnown(daemon: DaemonConfig): boolean {
  return daemon.present && hardeningReadable(daemon).readable;
}

/** The default config decision, plus: settings that could not all be read decide nothing. */
export function hardeningDecision(observation: ConfigObservation): RuleDecision {
  const byDefault = defaultConfigDecision(observation);
  if (byDefault.kind !== 'decided') return byDefault;
  const readable = hardeningReadable(observation.daemon);
  return readable.readable ? byDefault : { kind: 'not-checked', why: readable.why };
}

/**
 * A list directive dockerd takes repeatedly (--insecure-registry, --authorization-plugin): the
 * flags when any are given, else daemon.json's one array. Both at once make dockerd refuse to
 * start (daemon-config-conflict), so the flags stand for what it would run with.
 */
export function effectiveList<T>(settings: readonly Setting<T[]>[]): Setting<T[]>[] {
  const flags = settings.filter((setting) => setting.origin === 'flag');
  return flags.length > 0 ? flags : settings.filter((setting) => setting.origin === 'json').slice(-1);
}

const STARTS_DOCKERD = new Set(['systemd-unit', 'systemd-drop-in', 'environment-file', 'docker-default']);

/** The file that starts dockerd (a unit, a defaults file), for findings about the daemon as such. */
export function startingFile(daemon: DaemonConfig): { location: HitLocation; file: string } {
  const file = daemon.files.find((candidate) => STARTS_DOCKERD.has(candidate.kind)) ?? daemon.files[0];
  if (file) return { location: { path: file.path, systemPath: file.systemPath, line: null }, file: file.systemPath };
  const path = daemon.daemonJsonPath ?? '/etc/docker/daemon.json';
  return { location: { path, systemPath: path, line: null }, file: path };
}

/**
 * Where to add a directive that is not set: daemon.json when there is one (the place dockerd's
 * documentation uses), else the file that starts dockerd, whose command line takes the flag.
 */
export function whereToAdd(daemon: DaemonConfig): { location: HitLocation; where: string } {
  const json = daemon.files.find((file) => file.kind === 'daemon-json');
  if (json) return { location: { path: json.path, systemPath: json.systemPath, line: null }, where: `in ${json.systemPath}` };
  const starter = startingFile(daemon);
  return { location: starter.location, where: `in ${starter.file} (there is no daemon.json)` };
}
