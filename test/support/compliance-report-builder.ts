import type { ComplianceReport, ComplianceReportType } from '../../src/compliance/compliance-report.js';
import { complianceRules } from '../../src/compliance/compliance-rules.js';
import type { ComplianceSpec } from '../../src/compliance/compliance-spec.js';
import { evaluateCompliance } from '../../src/compliance/evaluate-compliance.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { FLEET_NOW } from './fleet-report-builder.js';

/**
 * A small benchmark over rules dockprobe has today, for the reporters' tests: the shipped spec
 * names rules still being written, and the reporters need a spec that fails (2.7 on the fleet's
 * open APIs), one that cannot be checked where no configuration was read, a manual control, and
 * a file control with an object. Its id is the shipped one's, so tags read as users will see them.
 */
export const TEST_SPEC: ComplianceSpec = {
  id: 'cis-docker-1.7.0',
  title: 'CIS Docker Benchmark v1.7.0 (a test subset)',
  version: '1.7.0',
  source: 'written for the reporter tests',
  controls: [
    { id: '2.7', title: 'Ensure TLS authentication for Docker daemon is configured', section: '2', level: 1, assessment: 'automated', rules: ['daemon-tcp-no-tls', 'daemon-tls-no-verify', 'api-unauthenticated', 'api-tls-no-client-verify', 'api-tls-untrusted-client-accepted'] },
    { id: '2.12', title: 'Ensure that authorization for Docker client commands is enabled', section: '2', level: 2, assessment: 'automated', rules: ['api-no-authz-plugin'] },
    { id: '2.11', title: 'Ensure base device size is not changed until needed', section: '2', level: 2, assessment: 'manual', rules: [] },
    { id: '3.18', title: 'Ensure that daemon.json file permissions are set to 644 or more restrictive', section: '3', level: 1, assessment: 'automated', rules: ['daemon-config-permissions'], object: 'daemon.json' },
  ],
};

/** The report's controls judged by the real rules, as `--compliance` would attach them. */
export function complianceFor(report: ScanReport, reportType: ComplianceReportType = 'all', spec: ComplianceSpec = TEST_SPEC): ComplianceReport {
  return evaluateCompliance(report, spec, complianceRules(), { reportType, contextOf: () => ({ now: FLEET_NOW, params: {} }) });
}

export function withCompliance(report: ScanReport, reportType: ComplianceReportType = 'all', spec: ComplianceSpec = TEST_SPEC): ScanReport {
  return { ...report, compliance: complianceFor(report, reportType, spec) };
}
