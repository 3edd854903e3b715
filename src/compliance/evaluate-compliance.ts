import type { ConfigObservation } from '../config/config-observation.js';
import type { Finding, SuppressedFinding } from '../report/finding.js';
import { findingLocation, type EndpointReportEntry, type ScanReport } from '../report/scan-report.js';
import type { RuleContext } from '../rules/rule.js';
import { COMPLIANCE_SCHEMA_VERSION, type ComplianceReport, type ComplianceReportType, type ControlEvidence, type ControlResult, type SubjectControlResult } from './compliance-report.js';
import type { ComplianceControl, ComplianceSpec } from './compliance-spec.js';
import { complianceSubjects, type SubjectView } from './compliance-subjects.js';
import { CONTROL_STATUSES, emptyStatusCounts, fleetStatus, type ControlStatus } from './control-status.js';
import { DECIDED, endpointGate, machineGate, objectGate, type ComplianceDecision } from './subject-gate.js';

/** What compliance needs of a rule: its kind, and its own say on whether it could decide. */
export interface ComplianceRule {
  id: string;
  kind: 'endpoint' | 'config' | 'file';
  decides?: (observation: never, context: RuleContext) => ComplianceDecision;
}

export interface ComplianceOptions {
  reportType: ComplianceReportType;
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
  const controls = spec.controls.map((control) => judgeControl(control, subjects, rules, options, hidden));
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
    id: control.id,
    title: control.title,
    section: control.section,
    level: control.level,
    assessment: control.assessment,
    rules: control.rules,
    ...(control.object ? { object: control.object } : {}),
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
  const basis = decisions.flatMap((decision) => (decision.kind === 'decided' && decision.basis ? [decision.basis] : []));
  return { subject, status: 'PASS', reasons: unique(basis), evidence };
}

/** Machines answer with configuration and file rules, endpoints with endpoint rules. */
function ownsRule(view: SubjectView, rule: ComplianceRule): boolean {
  return view.kind === 'endpoint' ? rule.kind === 'endpoint' : rule.kind !== 'endpoint';
}

/** The subject's gate first (was it seen at all?), then the rule's own say. */
function decide(control: ComplianceControl, view: SubjectView, rule: ComplianceRule, options: ComplianceOptions): ComplianceDecision {
  if (view.kind === 'endpoint') {
    const gate = endpointGate(view.endpoint);
    if (gate.kind !== 'decided') return gate;
    return rule.decides ? rule.decides(view.endpoint as EndpointReportEntry as never, options.contextOf(rule.id)) : DECIDED;
  }
  const gate = machineGate(view.config);
  if (gate.kind !== 'decided') return gate;
  const config = view.config as ConfigObservation;
  if (control.object !== undefined) {
    const objectDecision = objectGate(config, control.object);
    if (objectDecision.kind !== 'decided') return objectDecision;
  }
  if (rule.kind === 'file') return { kind: 'not-checked', why: 'no file rule decides a control from the configuration alone' };
  return rule.decides ? rule.decides(config as never, options.contextOf(rule.id)) : DECIDED;
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
