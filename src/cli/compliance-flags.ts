import { complianceRules, checkSpecRules } from '../compliance/compliance-rules.js';
import { COMPLIANCE_REPORT_TYPES, type ComplianceReportType } from '../compliance/compliance-report.js';
import { loadComplianceSpec, type ComplianceSpec } from '../compliance/compliance-spec.js';
import { UsageError } from '../usage-error.js';

export interface ComplianceSettings {
  spec: ComplianceSpec;
  reportType: ComplianceReportType;
}

/**
 * --compliance SPEC, and the `summary`/`all` that Trivy users write as --report. --report also
 * takes FORMAT:FILE (an extra output): a value without a colon that names a report type is the
 * type, so both spellings live under one flag without guessing.
 */
export function parseComplianceFlags(spec: string | undefined, reports: readonly string[]): { compliance: ComplianceSettings | null; outputs: string[] } {
  const types = reports.filter((value): value is ComplianceReportType => (COMPLIANCE_REPORT_TYPES as readonly string[]).includes(value));
  const outputs = reports.filter((value) => !(COMPLIANCE_REPORT_TYPES as readonly string[]).includes(value));
  if (spec === undefined) {
    if (types.length > 0) throw new UsageError(`--report ${types[0]}: a compliance report type, which needs --compliance SPEC (e.g. --compliance cis-docker-1.7.0); to write a report to a file give FORMAT:FILE`);
    return { compliance: null, outputs };
  }
  if (spec.trim() === '') throw new UsageError('--compliance needs a spec: cis-docker-1.7.0, or the path of a spec file');
  if (new Set(types).size > 1) throw new UsageError(`--report ${types.join(' and --report ')}: choose one of ${COMPLIANCE_REPORT_TYPES.join(', ')}`);
  const loaded = loadComplianceSpec(spec);
  checkSpecRules(loaded, complianceRules(), spec);
  return { compliance: { spec: loaded, reportType: types[0] ?? 'summary' }, outputs };
}
