import { verifierDisagreements } from './verifier-disagreement.js';
import type { ComplianceReport } from '../compliance/compliance-report.js';
import type { ConfigObservation } from '../config/config-observation.js';
import type { FileObservation } from '../files/file-observation.js';
import type { MachineEntry, MachineIdentity } from '../machine/machine.js';
import type { AttemptName, EndpointObservation } from '../network/endpoint-observation.js';
import type { ScanSummary } from '../scan/scan-summary.js';
import type { Severity } from '../severity.js';
import { SEVERITIES, severityRank } from '../severity.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { accessGrantedBy, describeExposure } from './exposure.js';
import type { Finding, ScanError, SuppressedFinding } from './finding.js';
import { findingFingerprint } from './finding-fingerprint.js';
import type { ReportScope } from './report-scope.js';

/** Bumped by semver: minor for added fields, major for anything a script could trip on. */
export const REPORT_SCHEMA_VERSION = '1.9.0';

export interface EndpointReportEntry extends EndpointObservation {
  accessGrantedBy: AttemptName[];
  exposure: string;
  /** The machine `audit` probed it from (1.7.0); absent for `scan`. */
  machine?: string;
  /** Whether the benchmark hardening checks ran on it (--compliance, 1.8.0); absent in older reports: they did not. */
  benchmarkRules?: boolean;
}

/** A file a local audit examined, and the machine it is on (1.7.0). */
export interface FileReportEntry extends FileObservation {
  machine?: string;
}

export interface ScanReport {
  schemaVersion: string;
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  complete: boolean;
  summary: ScanSummary & { findingsBySeverity: Record<Severity, number> };
  findings: Finding[];
  endpoints: EndpointReportEntry[];
  errors: ScanError[];
  /** Things said and skipped that did not stop the scan, e.g. an unusable ~/.docker/cert.pem (1.1.0). */
  warnings: string[];
  /** Certificate, key and leftover files examined by `files` or the machine audit (1.2.0), each with its machine (1.7.0). */
  files: FileReportEntry[];
  /**
   * The host configuration read by `config` or the machine audit; null when not read (1.2.0).
   * Since 1.7.0 the configuration of the report's only machine (machines[0].config); null in a
   * merged report of several machines, where each machine's is in machines[].config.
   */
  config: ConfigObservation | null;
  /**
   * The machines this report's local audits describe, each with its configuration and audited
   * files (1.7.0): one for `audit`, `config` and `files`, none for `scan`, every one in a merge.
   */
  machines: MachineEntry[];
  /** Findings an ignore-file entry hid, each with its entry and reason (1.3.0). */
  suppressed: SuppressedFinding[];
  /** Findings left out by --severity and by --baseline, counted so nothing vanishes silently (1.3.0). */
  omitted: { bySeverity: number; byBaseline: number };
  /**
   * The slice of a sharded scan this report covers (`--shard K/N`, or a Kubernetes Indexed Job),
   * `index` 1-based; null when the run was not sharded, and for a merged report (1.4.0).
   */
  shard: ReportShard | null;
  /**
   * What this run covered: its kind, targets, configuration root and audited paths (1.6.0).
   * null only for a report written before 1.6.0 and read back: its coverage is unknown.
   */
  scope: ReportScope | null;
  /**
   * The controls of the benchmark asked for with --compliance, per machine and endpoint, with
   * evidence (1.8.0); absent without --compliance. Its own schemaVersion (compliance-report.ts).
   */
  compliance?: ComplianceReport;
}

/** Shard `index` (1-based, 1..count) of `count`: see src/targets/shard.ts. */
export interface ReportShard {
  index: number;
  count: number;
}

/** Where a finding is, for sorting and for people: "host:port", or "path:line". */
export function findingLocation(finding: Finding): string {
  if (finding.target) return finding.target;
  const path = finding.systemPath ?? finding.path ?? '';
  return finding.line ? `${path}:${finding.line}` : path;
}

/**
 * One collator for every comparison: localeCompare with options builds a new one per call.
 * Made on first use: building it costs about 5 ms, paid at every start when it was made here.
 */
let naturalOrder: Intl.Collator | null = null;
const NATURAL_ORDER = { compare: (a: string, b: string): number => (naturalOrder ??= new Intl.Collator(undefined, { numeric: true })).compare(a, b) };

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      // A fleet report lists each machine's findings together.
      NATURAL_ORDER.compare(a.machine ?? '', b.machine ?? '') ||
      NATURAL_ORDER.compare(findingLocation(a), findingLocation(b)) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export function buildScanReport(input: {
  startedAt: Date;
  finishedAt: Date;
  endpoints: EndpointObservation[];
  findings: Finding[];
  errors: ScanError[];
  summary: ScanSummary;
  warnings?: string[];
  files?: FileObservation[];
  config?: ConfigObservation | null;
  /** The shard this run scanned (parseShard in src/targets/shard.ts); null or absent when not sharded. */
  shard?: ReportShard | null;
  scope: ReportScope;
  /** The machine a local audit describes: its findings, files and endpoints are marked with it. */
  machine?: MachineIdentity;
  /** The --root of `files`, which reads no configuration (scope.configRoot is then null). */
  machineRoot?: string;
  /** Whether the benchmark hardening checks ran (--compliance): recorded on the machine and each endpoint. */
  benchmarkRules?: boolean;
}): ScanReport {
  const key = input.machine?.key;
  const onMachine = <T extends object>(entry: T): T => (key === undefined ? entry : { ...entry, machine: key });
  const config = input.config ?? null;
  const files = (input.files ?? []).map(onMachine);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    // Complete means every probe was observed and every rule ran: nothing is in errors[].
    complete: input.errors.length === 0,
    summary: { ...input.summary, findingsBySeverity: countBySeverity(input.findings) },
    findings: sortFindings(input.findings.map(onMachine).map((finding) => ({ ...finding, fingerprint: findingFingerprint(finding) }))),
    endpoints: input.endpoints.map((observation) => onMachine({ ...observation, accessGrantedBy: accessGrantedBy(observation), exposure: describeExposure(observation), benchmarkRules: input.benchmarkRules ?? false })),
    errors: input.errors,
    warnings: [...(input.warnings ?? []), ...verifierDisagreements(input.endpoints)],
    files,
    config,
    machines: input.machine
      ? [{ ...input.machine, root: input.scope.configRoot ?? input.machineRoot ?? '/', config, paths: input.scope.paths, benchmarkRules: input.benchmarkRules ?? false }]
      : [],
    suppressed: [],
    omitted: { bySeverity: 0, byBaseline: 0 },
    shard: input.shard ? { index: input.shard.index, count: input.shard.count } : null,
    scope: input.scope,
  };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
