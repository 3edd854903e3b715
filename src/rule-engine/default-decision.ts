import type { ConfigObservation } from '../config/config-observation.js';
import type { FileObservation } from '../files/file-observation.js';
import type { EndpointObservation } from '../network/endpoint-observation.js';
import type { ConfigRule, EndpointRule, FileRule, RuleContext, RuleDecision } from '../rules/rule.js';

/**
 * What a rule without a `decides` hook could decide: when its silence is a pass, when the rule
 * has nothing to judge (not applicable), and when the observation was too incomplete for its
 * silence to mean anything (not checked: never a false all clear).
 */

const DECIDED: RuleDecision = { kind: 'decided' };

/**
 * An endpoint rule decides on an open endpoint that was fully checked and proven to be the
 * Docker API. Nothing listening, or something other than Docker, is not its business; an
 * endpoint that was not fully checked, or where no way in reached the API, leaves it unsure.
 */
export function defaultEndpointDecision(observation: EndpointObservation): RuleDecision {
  if (observation.state === 'closed' || observation.state === 'filtered') {
    return { kind: 'not-applicable', why: `nothing answers on ${observation.target} (${observation.state})` };
  }
  if (!observation.checked.complete) return { kind: 'not-checked', why: observation.checked.reason };
  if (observation.dockerApi === 'not-docker') return { kind: 'not-applicable', why: `what answers on ${observation.target} is not the Docker API` };
  if (observation.dockerApi !== 'confirmed') {
    return { kind: 'not-checked', why: `no way in reached the Docker API on ${observation.target}, so what it serves there was not seen` };
  }
  return DECIDED;
}

/**
 * A config rule decides when a dockerd is configured here, dockprobe read how it starts and every
 * file that configures it, and its daemon.json parses: an unread start-up, an unreadable file or
 * an invalid daemon.json may hold any setting.
 */
export function defaultConfigDecision(observation: ConfigObservation): RuleDecision {
  const { daemon } = observation;
  // An installed dockerd whose start-up could not be read is not "no dockerd": checked first.
  if (daemon.startup.kind === 'unknown') return { kind: 'not-checked', why: `how dockerd starts could not be read: ${daemon.startup.why}` };
  if (!daemon.present) return { kind: 'not-applicable', why: `no dockerd is configured under ${observation.root}` };
  if (daemon.daemonJsonError) {
    const file = daemon.daemonJsonPath ?? 'daemon.json';
    return { kind: 'not-checked', why: `${file} does not parse (line ${daemon.daemonJsonError.line}): ${daemon.daemonJsonError.message}` };
  }
  // A daemon.json or unit we could not read (too large, EACCES) may hold any setting, "hosts" included.
  const unread = daemon.files.find((file) => file.readError !== null);
  if (unread) return { kind: 'not-checked', why: `${unread.systemPath} could not be read (${unread.readError}), so the settings it may hold were not seen` };
  // A drop-in folder closed to us, an init script's options that may be dockerd's, a directive dockerd refuses.
  const unreadPlace = (daemon.unreadSettings ?? [])[0];
  if (unreadPlace) return { kind: 'not-checked', why: `${unreadPlace.source} was not read (${unreadPlace.why}), so the settings it may hold were not seen` };
  return DECIDED;
}

/** A file rule decides on a file that could be read. */
export function defaultFileDecision(observation: FileObservation): RuleDecision {
  if (observation.readError !== null) return { kind: 'not-checked', why: `${observation.systemPath} could not be read: ${observation.readError}` };
  return DECIDED;
}

/**
 * The rule's own answer where it has a hook, else the default for its kind. An endpoint not fully
 * checked decides nothing first, whatever a hook would make of the parts that were seen.
 */
export function endpointDecision(rule: EndpointRule, observation: EndpointObservation, context: RuleContext): RuleDecision {
  if (!observation.checked.complete) return { kind: 'not-checked', why: `${observation.target} was not fully checked: ${observation.checked.reason}` };
  return rule.decides ? rule.decides(observation, context) : defaultEndpointDecision(observation);
}

export function configDecision(rule: ConfigRule, observation: ConfigObservation, context: RuleContext): RuleDecision {
  return rule.decides ? rule.decides(observation, context) : defaultConfigDecision(observation);
}

export function fileDecision(rule: FileRule, observation: FileObservation, context: RuleContext): RuleDecision {
  return rule.decides ? rule.decides(observation, context) : defaultFileDecision(observation);
}
