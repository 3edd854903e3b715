import type { Finding, ScanError } from '../../report/finding.js';
import type { EndpointReportEntry, ScanReport } from '../../report/scan-report.js';

/**
 * The rows of a fleet report: each machine a local audit described (report.machines, by key),
 * then each host an endpoint was scanned on without a machine (a `scan`'s targets, by the host of
 * "host:port"). A finding, endpoint, file or error belongs to the machine it names, else to the
 * host of its target; what names neither (a report written before 1.7.0) is "not placed".
 */
export interface Place {
  /** "machine:KEY", "host:HOST" or "unplaced": what findings are grouped by. */
  key: string;
  /** What a person reads: the machine's label, or the host. */
  label: string;
  kind: 'machine' | 'host' | 'unplaced';
  /** A safe element id for the place's group of findings (place-1, place-2, ...). */
  anchor: string;
  /** For a machine whose label another machine shares: its key, to tell them apart. */
  detail: string | null;
}

export const UNPLACED = 'unplaced';

/** "10.0.0.5:2375" → "10.0.0.5", "[fd00::1]:2376" → "fd00::1"; anything else as it is. */
export function hostOfTarget(target: string): string {
  const match = /^\[([^\]]+)\]:\d+$/.exec(target) ?? /^(.*):\d+$/.exec(target);
  return match ? match[1]! : target;
}

const machineKey = (key: string): string => `machine:${key}`;
const hostKey = (host: string): string => `host:${host}`;

export function placeOfFinding(finding: Pick<Finding, 'machine' | 'target'>): string {
  if (finding.machine !== undefined) return machineKey(finding.machine);
  if (finding.target) return hostKey(hostOfTarget(finding.target));
  return UNPLACED;
}

export function placeOfEndpoint(entry: Pick<EndpointReportEntry, 'machine' | 'target'>): string {
  return entry.machine !== undefined ? machineKey(entry.machine) : hostKey(hostOfTarget(entry.target));
}

/** An error names a target (its host), or a path (the machine of the file read there), or neither. */
export function placeOfError(error: ScanError, report: ScanReport): string {
  if (error.target) return hostKey(hostOfTarget(error.target));
  const file = error.path === undefined ? undefined : report.files.find((entry) => entry.path === error.path || entry.systemPath === error.path);
  if (file?.machine !== undefined) return machineKey(file.machine);
  // The only machine of a single-machine report owns its unplaced errors.
  if (report.machines.length === 1 && error.kind !== 'target' && error.kind !== 'sweep' && error.kind !== 'input') return machineKey(report.machines[0]!.key);
  return UNPLACED;
}

/** Every place of the report, in reading order: machines as the report lists them, then hosts by first appearance. */
export function listPlaces(report: ScanReport): Place[] {
  const places = new Map<string, Omit<Place, 'anchor'>>();
  const labelCount = new Map<string, number>();
  for (const machine of report.machines) labelCount.set(machine.label, (labelCount.get(machine.label) ?? 0) + 1);
  for (const machine of report.machines) {
    places.set(machineKey(machine.key), { key: machineKey(machine.key), label: machine.label, kind: 'machine', detail: (labelCount.get(machine.label) ?? 0) > 1 ? machine.key : null });
  }
  const add = (key: string): void => {
    if (places.has(key)) return;
    if (key === UNPLACED) places.set(key, { key, label: 'not tied to a machine or host', kind: 'unplaced', detail: null });
    else if (key.startsWith('machine:')) places.set(key, { key, label: key.slice('machine:'.length), kind: 'machine', detail: null });
    else places.set(key, { key, label: key.slice('host:'.length), kind: 'host', detail: null });
  };
  for (const entry of report.endpoints) add(placeOfEndpoint(entry));
  for (const finding of report.findings) add(placeOfFinding(finding));
  for (const error of report.errors) add(placeOfError(error, report));
  // Not placed goes last, whatever order it turned up in.
  const ordered = [...places.values()].sort((a, b) => Number(a.kind === 'unplaced') - Number(b.kind === 'unplaced'));
  return ordered.map((place, index) => ({ ...place, anchor: `place-${index + 1}` }));
}
