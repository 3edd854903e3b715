import type { Evidence } from '../rules/rule.js';
import type { Severity } from '../severity.js';
import type { TargetSource } from '../targets/target-spec.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  evidence: Evidence;
  /** "host:port" for endpoint findings. */
  target?: string;
  /** For file and config findings: the absolute path as read. */
  path?: string;
  /** 1-based line in that file, where the finding has one. */
  line?: number;
  /** Under --root: the path as the audited system sees it. */
  systemPath?: string;
  /** Endpoint findings: the --targets-file line that named the host or its range. */
  source?: TargetSource;
  /**
   * The machine a local audit found it on (MachineIdentity.key, 1.7.0): every file and config
   * finding of `audit`, `config` and `files`, and the endpoint findings of `audit` (seen from
   * that machine). Absent for `scan`: an endpoint is identified by its target.
   */
  machine?: string;
  /**
   * Stable identity across runs: same rule, place and evidence, same value (see
   * finding-fingerprint.ts). Set when the report is built; diff, baseline and SARIF use it.
   */
  fingerprint?: string;
}

/** A finding an ignore-file entry hid, with the entry that did it. */
export interface SuppressedFinding extends Finding {
  suppressedBy: {
    /** "FILE:LINE" of the entry. */
    entry: string;
    reason: string;
    /** YYYY-MM-DD, or null for an entry without an end date. */
    expires: string | null;
  };
}

/** Something dockprobe could not do: a target it could not scan, a rule that threw. Never a finding. */
export interface ScanError {
  /** 'sweep': swept endpoints that could not be checked, grouped by cause (a range can hold thousands). */
  kind: 'target' | 'sweep' | 'rule' | 'input' | 'file' | 'config';
  target?: string;
  path?: string;
  ruleId?: string;
  /** Target errors: the --targets-file line that named the host, so CI can annotate it. */
  source?: TargetSource;
  message: string;
}
