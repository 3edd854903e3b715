import type { ComplianceReport, ControlResult } from '../compliance/compliance-report.js';
import { controlRef } from '../compliance/compliance-spec.js';
import type { ControlStatus } from '../compliance/control-status.js';
import { findingLocation } from '../report/scan-report.js';
import type { Finding } from '../report/finding.js';

/**
 * The compliance report in SARIF's words. Code scanning knows nothing of benchmarks, but it
 * shows and filters by rule tags, and keeps property bags: so each rule is tagged with the
 * controls it serves ("CIS-Docker-1.7.0-2.7"), its descriptor lists them with the fleet's
 * verdict, a result behind a failed control names that control, and the run carries the
 * per-control summary for whoever reads the log rather than the alert list.
 */

/** One control a rule serves, as written in the rule descriptor's properties. */
export interface SarifControlRef {
  spec: string;
  control: string;
  title: string;
  /** The fleet's verdict in this run. */
  status: ControlStatus;
}

export interface SarifRuleCompliance {
  tags: string[];
  compliance: SarifControlRef[];
}

/** The run's summary: per control, the fleet verdict and how many subjects got each. */
export interface SarifComplianceSummary {
  schemaVersion: string;
  spec: ComplianceReport['spec'];
  reportType: ComplianceReport['reportType'];
  subjects: number;
  totals: ComplianceReport['totals'];
  controls: { id: string; title: string; level: number; assessment: ControlResult['assessment']; status: ControlStatus; counts: ControlResult['counts'] }[];
}

/**
 * A control as a tag: "cis-docker-1.7.0" and "2.7" become "CIS-Docker-1.7.0-2.7", the form
 * auditors search for. Short all-letter words of the spec id are acronyms (CIS), longer
 * ones are names (Docker); the version is kept as it is. A tag is one token, so it cannot hold
 * the spec id's colon form ("cis-docker-1.7.0:2.7", which the `compliance` property keeps).
 */
export function complianceTag(specId: string, controlId: string): string {
  const words = specId.split('-').map((word) => (/^[a-z]{1,3}$/i.test(word) ? word.toUpperCase() : /^[a-z]/i.test(word) ? word[0]!.toUpperCase() + word.slice(1) : word));
  return `${words.join('-')}-${controlId}`;
}

/** Per rule id, the tags and control references its descriptor gets; rules no control names are absent. */
export function ruleCompliance(compliance: ComplianceReport): Map<string, SarifRuleCompliance> {
  const byRule = new Map<string, SarifRuleCompliance>();
  for (const control of compliance.controls) {
    for (const ruleId of control.rules) {
      const entry = byRule.get(ruleId) ?? { tags: [], compliance: [] };
      const tag = complianceTag(compliance.spec.id, control.id);
      if (!entry.tags.includes(tag)) entry.tags.push(tag);
      if (!entry.compliance.some((ref) => ref.control === control.id)) entry.compliance.push({ spec: compliance.spec.id, control: control.id, title: control.title, status: control.status });
      byRule.set(ruleId, entry);
    }
  }
  return byRule;
}

/** How a finding and a control's evidence name the same thing: the fingerprint, or rule, place and message for a report without them. */
function evidenceKey(item: { ruleId: string; fingerprint?: string; message: string }, place: string): string {
  return item.fingerprint ?? `${item.ruleId}\u0000${place}\u0000${item.message}`;
}

/**
 * The failed controls a finding is evidence for, as "spec:control" (the form rule metadata
 * uses). Taken from each subject's FAIL verdict and its evidence where the report has them;
 * a compliance summary read back from JSON has no per-subject verdicts, and there a finding of
 * one of a failed control's rules (about the control's object, for a file control) is behind it,
 * which is how the verdict was reached.
 */
export function failedControlsOf(compliance: ComplianceReport): (finding: Finding) => string[] {
  const behind = new Map<string, string[]>();
  const summaryOnly: ControlResult[] = [];
  for (const control of compliance.controls) {
    if (control.status !== 'FAIL') continue;
    if (!Array.isArray(control.results)) {
      summaryOnly.push(control);
      continue;
    }
    const ref = controlRef(compliance.spec, control);
    for (const result of control.results) {
      if (result.status !== 'FAIL') continue;
      for (const item of result.evidence) {
        const key = evidenceKey(item, item.place);
        const refs = behind.get(key) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        behind.set(key, refs);
      }
    }
  }
  return (finding) => {
    const refs = [...(behind.get(evidenceKey(finding, findingLocation(finding))) ?? [])];
    for (const control of summaryOnly) {
      const about = control.object === undefined || finding.evidence.object === control.object;
      const ref = controlRef(compliance.spec, control);
      if (about && control.rules.includes(finding.ruleId) && !refs.includes(ref)) refs.push(ref);
    }
    return refs;
  };
}

export function complianceSummary(compliance: ComplianceReport): SarifComplianceSummary {
  return {
    schemaVersion: compliance.schemaVersion,
    spec: compliance.spec,
    reportType: compliance.reportType,
    subjects: compliance.subjects.length,
    totals: compliance.totals,
    controls: compliance.controls.map((control) => ({ id: control.id, title: control.title, level: control.level, assessment: control.assessment, status: control.status, counts: control.counts })),
  };
}
