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
  const label = machineNames(report).get(finding.machine) ?? finding.machine;
  return where ? `${label}: ${where}` : label;
}

/** The name of the finding's machine, or null when it names none. */
export function machineLabelOf(finding: Finding, report: Pick<ScanReport, 'machines'>): string | null {
  if (finding.machine === undefined) return null;
  return machineNames(report).get(finding.machine) ?? finding.machine;
}

/**
 * Each machine's name for people: its label, or its key where two machines share a label (two
 * images both called "ubuntu"), so no reader, table, SARIF or Prometheus series, folds them.
 */
export function machineNames(report: Pick<ScanReport, 'machines'>): Map<string, string> {
  const machines = report.machines ?? [];
  const uses = new Map<string, number>();
  for (const machine of machines) uses.set(machine.label, (uses.get(machine.label) ?? 0) + 1);
  return new Map(machines.map((machine) => [machine.key, uses.get(machine.label)! > 1 ? machine.key : machine.label]));
}
