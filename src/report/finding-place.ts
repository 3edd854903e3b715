import type { Finding } from './finding.js';
import { findingLocation, type ScanReport } from './scan-report.js';

/**
 * Where a finding is, for people reading a report of several machines: "web-01:
 * /etc/docker/daemon.json:3". In a report of one machine (or none) the machine goes without
 * saying, and the place is findingLocation's alone.
 */
export function findingPlace(finding: Finding, report: Pick<ScanReport, 'machines'>): string {
  const where = findingLocation(finding);
  const machines = report.machines ?? [];
  if (finding.machine === undefined || machines.length < 2) return where;
  const label = machines.find((machine) => machine.key === finding.machine)?.label ?? finding.machine;
  return where ? `${label}: ${where}` : label;
}

/** The label of the finding's machine, or null when it names none. */
export function machineLabelOf(finding: Finding, report: Pick<ScanReport, 'machines'>): string | null {
  if (finding.machine === undefined) return null;
  return (report.machines ?? []).find((machine) => machine.key === finding.machine)?.label ?? finding.machine;
}
