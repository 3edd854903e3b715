import type { ConfigObservation } from '../config/config-observation.js';
import type { Finding, SuppressedFinding } from '../report/finding.js';
import { findingLocation, type ScanReport } from '../report/scan-report.js';
import { allDaemons } from '../rule-engine/evaluate-config.js';
import { configDecision, endpointDecision } from '../rule-engine/default-decision.js';
import { checkedOf } from '../report/endpoint-entry-checked.js';
import type { ConfigRule, EndpointRule, FileRule, RuleContext, RuleDecision } from '../rules/rule.js';
import { COMPLIANCE_SCHEMA_VERSION, type ComplianceReport, type ComplianceReportType, type ControlEvidence, type ControlResult, type SubjectControlResult } from './compliance-report.js';
import type { ComplianceControl, ComplianceSpec } from './compliance-spec.js';
import { complianceSubjects, type SubjectView } from './compliance-subjects.js';
import { CONTROL_STATUSES, emptyStatusCounts, fleetStatus, type ControlStatus } from './control-status.js';
import { DECIDED, machineGate, objectGate, type ComplianceDecision } from './subject-gate.js';

/** What compliance needs of a rule: its kind, and its own say on whether it could decide. */
export type ComplianceRule = { id: string; benchmark?: boolean } & (
  | { kind: 'endpoint'; rule: EndpointRule }
  | { kind: 'config'; rule: ConfigRule }
  | { kind: 'file'; rule: FileRule }
);

export interface ComplianceOptions {
  reportType: ComplianceReportType;
  /** Rules that threw during the run, by id, with the error (set by evaluateCompliance from errors[]). */
  failedRules?: ReadonlyMap<string, string>;
  /** Rule contexts (parameters with defaults, the clock) by rule id, as the run used them. */
  contextOf: (ruleId: string) => RuleContext;
}

/**
 * Answers a benchmark's controls from a report: per machine and per endpoint, then for the
 * fleet. A control FAILs where a finding of one of its rules is (suppressed or not: accepting a
 * risk does not make it compliant); it PASSes only where every one of its rules could decide
 * and none fired. Everything else is NOT CHECKED or NOT APPLICABLE with the reason.
 */
export function evaluateCompliance(report: ScanReport, spec: ComplianceSpec, rules: ReadonlyMap<string, ComplianceRule>, options: ComplianceOptions): ComplianceReport {
  const subjects = complianceSubjects(report);
  const hidden = hiddenFindings(report);
  // A rule that threw found nothing because it did not finish: its silence is not a pass anywhere.
  const failedRules = new Map(report.errors.flatMap((error) => (error.kind === 'rule' && error.ruleId ? [[error.ruleId, error.message] as const] : [])));
  const controls = spec.controls.map((control) => judgeControl(control, subjects, rules, { ...options, failedRules }, hidden));
  const totals = emptyStatusCounts();
  for (const control of controls) totals[control.status] += 1;
  return {
    schemaVersion: COMPLIANCE_SCHEMA_VERSION,
    spec: { id: spec.id, title: spec.title, version: spec.version, source: spec.source, ...(spec.url ? { url: spec.url } : {}) },
    reportType: options.reportType,
    subjects: subjects.map((view) => view.subject),
    totals,
    controls,
  };
}

/**
 * Findings the report left out (--severity, --baseline) were never written down: a control
 * whose rules found nothing in such a report may be hiding one, so it cannot pass.
 */
function hiddenFindings(report: ScanReport): string | null {
  const bySeverity = report.omitted?.bySeverity ?? 0;
  const byBaseline = report.omitted?.byBaseline ?? 0;
  if (bySeverity + byBaseline === 0) return null;
  return `${bySeverity + byBaseline} finding(s) were left out of the report (${bySeverity} by --severity, ${byBaseline} by --baseline); run without them for a compliance verdict`;
}

function judgeControl(control: ComplianceControl, subjects: SubjectView[], rules: ReadonlyMap<string, ComplianceRule>, options: ComplianceOptions, hidden: string | null): ControlResult {
  const results = subjects.map((view) => judgeSubject(control, view, rules, options, hidden));
  const counts = emptyStatusCounts();
  for (const result of results) counts[result.status] += 1;
  return {
    ...control,
    status: fleetStatus(results.map((result) => result.status), control.assessment === 'manual'),
    counts,
    results,
  };
}

function judgeSubject(control: ComplianceControl, view: SubjectView, rules: ReadonlyMap<string, ComplianceRule>, options: ComplianceOptions, hidden: string | null): SubjectControlResult {
  const subject = view.subject.id;
  const own = control.rules.map((id) => rules.get(id)).filter((rule): rule is ComplianceRule => rule !== undefined && ownsRule(view, rule));
  const evidence = view.findings
    .filter((finding) => own.some((rule) => rule.id === finding.ruleId))
    .filter((finding) => control.object === undefined || finding.evidence.object === control.object)
    .map(evidenceOf);
  if (control.assessment === 'manual') return { subject, status: 'MANUAL', reasons: ['the benchmark leaves this control to a person\'s judgement; the evidence is what dockprobe saw'], evidence };
  if (evidence.length > 0) return { subject, status: 'FAIL', reasons: [], evidence };
  if (own.length === 0) {
    const where = view.kind === 'machine' ? 'a machine\'s configuration' : 'the Docker API';
    return { subject, status: 'NOT CHECKED', reasons: [control.rules.length === 0 ? 'dockprobe has no check for this control' : `no dockprobe check decides this control from ${where}`], evidence };
  }
  const decisions = own.map((rule) => decide(control, view, rule, options));
  const notChecked = decisions.filter((decision) => decision.kind === 'not-checked');
  if (notChecked.length > 0) return { subject, status: 'NOT CHECKED', reasons: unique(notChecked.map((d) => (d as { why: string }).why)), evidence };
  if (decisions.every((decision) => decision.kind === 'not-applicable')) {
    return { subject, status: 'NOT APPLICABLE', reasons: unique(decisions.map((d) => (d as { why: string }).why)), evidence };
  }
  if (hidden) return { subject, status: 'NOT CHECKED', reasons: [hidden], evidence };
  return { subject, status: 'PASS', reasons: [basisOf(view)], evidence };
}

/** Machines answer with configuration and file rules, endpoints with endpoint rules. */
function ownsRule(view: SubjectView, rule: ComplianceRule): boolean {
  return view.kind === 'endpoint' ? rule.kind === 'endpoint' : rule.kind !== 'endpoint';
}

/**
 * The subject's gate first (was it seen at all?), then the rule's own say (its decides hook, or
 * the default for its kind: rule-engine/default-decision.ts). daemon-* rules answer for every
 * dockerd the machine starts, as they are run: one daemon that could not be read keeps the
 * control from passing.
 */
function decide(control: ComplianceControl, view: SubjectView, entry: ComplianceRule, options: ComplianceOptions): ComplianceDecision {
  const context = options.contextOf(entry.id);
  const failed = options.failedRules?.get(entry.id);
  if (failed !== undefined) return { kind: 'not-checked', why: failed };
  // A hardening check that did not run found nothing because it did not look.
  if (entry.benchmark && !view.benchmarkRules) return { kind: 'not-checked', why: `${entry.id} did not run: the benchmark's hardening checks run only with --compliance; audit or scan again with it` };
  if (view.kind === 'endpoint') {
    if (entry.kind !== 'endpoint') return { kind: 'not-checked', why: 'not a rule of endpoints' };
    // Reports before 1.6.0 lack `checked`: it is derived the one way every reader derives it.
    return endpointDecision(entry.rule, { ...view.endpoint, checked: checkedOf(view.endpoint) }, context);
  }
  const gate = machineGate(view.config);
  if (gate.kind !== 'decided') return gate;
  const config = view.config as ConfigObservation;
  if (control.object !== undefined) {
    const objectDecision = objectGate(config, control.object);
    if (objectDecision.kind !== 'decided') return objectDecision;
  }
  if (entry.kind === 'file') return { kind: 'not-checked', why: 'no file rule decides a control from the configuration alone' };
  if (entry.kind !== 'config') return { kind: 'not-checked', why: 'not a rule of machines' };
  const daemons = entry.id.startsWith('daemon-') ? allDaemons(config) : [config.daemon];
  return combined(daemons.map((daemon) => configDecision(entry.rule, { ...config, daemon }, context)));
}

/** Several daemons' decisions as one: any not checked is not checked; all not applicable is; else decided. */
function combined(decisions: RuleDecision[]): ComplianceDecision {
  const unsure = decisions.find((decision) => decision.kind === 'not-checked');
  if (unsure) return unsure;
  const decided = decisions.find((decision) => decision.kind === 'decided');
  if (decided || decisions.length === 0) return decided ?? DECIDED;
  // Every daemon is out of the rule's reach: each says why (the host has none, the rootless one runs in a user namespace).
  return { kind: 'not-applicable', why: unique(decisions.map((decision) => (decision as { why: string }).why)).join('; ') };
}

/** What a pass was decided on, for the evidence column: the configuration as started, or the API that answered. */
function basisOf(view: SubjectView): string {
  if (view.kind === 'endpoint') return `decided from what ${view.endpoint.target} answered`;
  const startup = view.config?.daemon.startup;
  return startup?.kind === 'known' ? `decided from dockerd's configuration as ${startup.by} starts it` : 'decided from the machine\'s configuration';
}

function evidenceOf(finding: Finding | SuppressedFinding): ControlEvidence {
  return {
    ruleId: finding.ruleId,
    message: finding.message,
    place: findingLocation(finding),
    details: finding.evidence,
    ...(finding.fingerprint ? { fingerprint: finding.fingerprint } : {}),
    ...('suppressedBy' in finding && finding.suppressedBy ? { suppressedBy: finding.suppressedBy } : {}),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The order controls are listed in when grouped by verdict: worst first. */
export function statusOrder(status: ControlStatus): number {
  return CONTROL_STATUSES.indexOf(status);
}
