import type { ConfigObservation } from '../config/config-observation.js';
import type { RuleDecision } from '../rules/rule.js';

/** Whether a rule could decide for one subject: the rule model's RuleDecision. */
export type ComplianceDecision = RuleDecision;

export const DECIDED: ComplianceDecision = { kind: 'decided' };

/** A machine whose configuration was not read cannot answer any control from it. */
export function machineGate(config: ConfigObservation | null): ComplianceDecision {
  if (!config) return { kind: 'not-checked', why: 'the machine\'s Docker configuration was not read (run `audit` or `config` on it)' };
  return DECIDED;
}

/** A control about one file or directory (CIS section 3) is decided only where the object was looked at and found. */
export function objectGate(config: ConfigObservation, object: string): ComplianceDecision {
  const daemon = config.daemon as ConfigObservation['daemon'] & {
    protectedFiles?: { object: string; systemPath: string; stat: { type: string } | null; problem: string | null }[];
    protectedObjectsAbsent?: string[];
    protectedObjectsUnknown?: { object: string; why: string }[];
  };
  if (!daemon.protectedFiles) return { kind: 'not-checked', why: 'the report was written before report format 1.8.0, which records the files section 3 is about' };
  const unknown = daemon.protectedObjectsUnknown?.find((entry) => entry.object === object);
  if (unknown) return { kind: 'not-checked', why: unknown.why };
  const found = daemon.protectedFiles.filter((file) => file.object === object);
  // The owner and mode rules judge what lstat saw: a file it could not see, or a link (whose
  // target's bits are what count), leaves the control open rather than passed.
  const unseen = found.find((file) => file.stat === null);
  if (unseen) return { kind: 'not-checked', why: `${unseen.systemPath} could not be examined${unseen.problem ? `: ${unseen.problem}` : ''}` };
  const link = found.find((file) => file.stat?.type === 'symlink');
  if (link) return { kind: 'not-checked', why: `${link.systemPath} is a symbolic link: its target's owner and mode are what count, and dockprobe did not examine the target` };
  if (found.length > 0) return DECIDED;
  if (daemon.protectedObjectsAbsent?.includes(object)) return { kind: 'not-applicable', why: `there is no ${object} on this machine` };
  return { kind: 'not-checked', why: `${object} was not looked for` };
}

