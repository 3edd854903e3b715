import type { Evidence } from '../rules/rule.js';
import type { Severity } from '../severity.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  evidence: Evidence;
  /** "host:port" for endpoint findings. */
  target?: string;
}

/** Something dockprobe could not do: a target it could not scan, a rule that threw. Never a finding. */
export interface ScanError {
  kind: 'target' | 'rule' | 'input';
  target?: string;
  ruleId?: string;
  message: string;
}
