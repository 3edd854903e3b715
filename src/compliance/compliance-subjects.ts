import type { ConfigObservation } from '../config/config-observation.js';
import type { Finding } from '../report/finding.js';
import { machineNames } from '../report/finding-place.js';
import type { EndpointReportEntry, ScanReport } from '../report/scan-report.js';
import { isLoopbackTarget } from '../targets/loopback-target.js';
import type { ComplianceSubject } from './compliance-report.js';

/** A subject with what the report saw of it, and the findings (listed and suppressed) placed on it. */
export type SubjectView =
  | { subject: ComplianceSubject; kind: 'machine'; config: ConfigObservation | null; findings: Finding[]; benchmarkRules: boolean }
  | { subject: ComplianceSubject; kind: 'endpoint'; endpoint: EndpointReportEntry; findings: Finding[]; benchmarkRules: boolean };

/**
 * The machines and Docker endpoints a report can answer controls for. A machine is judged on its
 * configuration (config and file rules), an endpoint on what its API said (endpoint rules). An
 * endpoint proven not to be Docker, or closed, is no daemon and no subject; one whose identity
 * could not be told stays in, so that its controls read NOT CHECKED rather than vanish.
 */
export function complianceSubjects(report: ScanReport): SubjectView[] {
  const all: Finding[] = [...report.findings, ...(report.suppressed ?? [])];
  const names = machineNames(report);
  const views: SubjectView[] = [];
  const machines = report.machines ?? [];
  for (const machine of machines) {
    views.push({
      subject: { id: machine.key, kind: 'machine', label: names.get(machine.key) ?? machine.key },
      kind: 'machine',
      config: machine.config,
      benchmarkRules: machine.benchmarkRules === true,
      findings: all.filter((finding) => finding.machine === machine.key && finding.target === undefined),
    });
  }
  // A report from before 1.7.0 names no machine: its one configuration is "this machine".
  if (machines.length === 0 && report.config) {
    views.push({
      subject: { id: 'local', kind: 'machine', label: 'local (report names no machine)' },
      kind: 'machine',
      config: report.config,
      benchmarkRules: false,
      findings: all.filter((finding) => finding.target === undefined && finding.path !== undefined),
    });
  }
  for (const endpoint of report.endpoints) {
    if (endpoint.state !== 'open' && endpoint.state !== 'error') continue;
    if (endpoint.dockerApi === 'not-docker') continue;
    const owner = endpoint.machine;
    const id = owner === undefined ? endpoint.target : `${owner} ${endpoint.target}`;
    views.push({
      subject: { id, kind: 'endpoint', label: owner === undefined ? endpoint.target : `${names.get(owner) ?? owner} ${endpoint.target}` },
      kind: 'endpoint',
      endpoint,
      benchmarkRules: endpoint.benchmarkRules === true,
      findings: all.filter((finding) => finding.target === endpoint.target && sameOwner(finding, owner)),
    });
  }
  return views;
}

/** An audit's loopback endpoint is that machine's own; any other target is the same daemon whoever looked. */
function sameOwner(finding: Finding, owner: string | undefined): boolean {
  if (owner !== undefined) return finding.machine === owner;
  return finding.machine === undefined || !isLoopbackTarget(finding.target!);
}
