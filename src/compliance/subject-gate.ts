import type { ConfigObservation } from '../config/config-observation.js';
import { checkedOf } from '../report/endpoint-entry-checked.js';
import type { EndpointReportEntry } from '../report/scan-report.js';

/** Whether a rule could decide for one subject; `basis` says what it read when it could. */
export type ComplianceDecision =
  | { kind: 'decided'; basis?: string }
  | { kind: 'not-applicable'; why: string }
  | { kind: 'not-checked'; why: string };

export const DECIDED: ComplianceDecision = { kind: 'decided' };

/**
 * What must hold of a machine before any of its configuration rules can decide a control. Each
 * "no" is a reason the control is NOT CHECKED (or NOT APPLICABLE), never a silent pass.
 */
export function machineGate(config: ConfigObservation | null): ComplianceDecision {
  if (!config) return { kind: 'not-checked', why: 'the machine\'s Docker configuration was not read (run `audit` or `config` on it)' };
  const daemon = config.daemon;
  if (daemon.startup?.kind === 'unknown') return { kind: 'not-checked', why: `how dockerd is started could not be told (${daemon.startup.why})` };
  if (!daemon.present) return { kind: 'not-applicable', why: 'no dockerd is installed or configured on this machine' };
  if (daemon.daemonJsonError) return { kind: 'not-checked', why: `${daemon.daemonJsonPath ?? 'daemon.json'} does not parse (line ${daemon.daemonJsonError.line}), so its settings cannot be read` };
  return DECIDED;
}

/** A control about one file or directory (CIS section 3) is decided only where the object was looked at and found. */
export function objectGate(config: ConfigObservation, object: string): ComplianceDecision {
  const daemon = config.daemon as ConfigObservation['daemon'] & {
    protectedFiles?: { object: string }[];
    protectedObjectsAbsent?: string[];
    protectedObjectsUnknown?: { object: string; why: string }[];
  };
  if (!daemon.protectedFiles) return { kind: 'not-checked', why: 'the report was written before report format 1.8.0, which records the files section 3 is about' };
  const unknown = daemon.protectedObjectsUnknown?.find((entry) => entry.object === object);
  if (unknown) return { kind: 'not-checked', why: unknown.why };
  if (daemon.protectedFiles.some((file) => file.object === object)) return DECIDED;
  if (daemon.protectedObjectsAbsent?.includes(object)) return { kind: 'not-applicable', why: `there is no ${object} on this machine` };
  return { kind: 'not-checked', why: `${object} was not looked for` };
}

/** An endpoint's rules decide only once the conversation with it was whole. */
export function endpointGate(endpoint: EndpointReportEntry): ComplianceDecision {
  const checked = checkedOf(endpoint);
  if (!checked.complete) return { kind: 'not-checked', why: `the endpoint was not fully checked: ${checked.reason}` };
  if (endpoint.dockerApi !== 'confirmed') return { kind: 'not-checked', why: 'it could not be told whether this endpoint is the Docker API (scan it with a client certificate it trusts)' };
  return DECIDED;
}
