import type { Evidence } from '../rules/rule.js';
import type { ComplianceControl } from './compliance-spec.js';
import type { ControlStatus } from './control-status.js';

/** Bumped by semver like the report format: minor for added fields, major for anything a script could trip on. */
export const COMPLIANCE_SCHEMA_VERSION = '1.0.0';

/** --report summary: per control, the fleet verdict and counts; all: also every machine's and endpoint's verdict with its evidence. */
export const COMPLIANCE_REPORT_TYPES = ['summary', 'all'] as const;
export type ComplianceReportType = (typeof COMPLIANCE_REPORT_TYPES)[number];

/** Something a control was judged on: a machine's configuration, or an endpoint's API. */
export interface ComplianceSubject {
  /** The machine key, or the endpoint's target (qualified by its machine for an audit's loopback). */
  id: string;
  kind: 'machine' | 'endpoint';
  /** For people: the machine's label, or the target. */
  label: string;
}

/** A finding behind a failed (or manual) control, and where to fix it. */
export interface ControlEvidence {
  ruleId: string;
  message: string;
  /** "path:line", "host:port" (the API answered it), or the path. */
  place: string;
  details: Evidence;
  fingerprint?: string;
  /** Set when an ignore-file entry hid the finding: the control still fails, and says who accepted it. */
  suppressedBy?: { entry: string; reason: string; expires: string | null };
}

export interface SubjectControlResult {
  subject: string;
  status: ControlStatus;
  /** Why it is NOT CHECKED or NOT APPLICABLE, one entry per reason; empty otherwise. */
  reasons: string[];
  evidence: ControlEvidence[];
}

/** A spec control (as compliance/<id>.json has it), with its verdicts. */
export interface ControlResult extends ComplianceControl {
  /** The fleet's verdict: see control-status.ts fleetStatus. */
  status: ControlStatus;
  counts: Record<ControlStatus, number>;
  /** Every subject's verdict, in subject order. Written to JSON with --report all. */
  results: SubjectControlResult[];
}

export interface ComplianceReport {
  schemaVersion: string;
  spec: { id: string; title: string; version: string; source: string; url?: string };
  reportType: ComplianceReportType;
  subjects: ComplianceSubject[];
  /** Controls by their fleet verdict. */
  totals: Record<ControlStatus, number>;
  controls: ControlResult[];
}
