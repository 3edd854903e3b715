import { createHash } from 'node:crypto';
import type { ConfigObservation } from '../config/config-observation.js';
import type { FileObservation } from '../files/file-observation.js';
import { canonicalIp, ipFamily, ipv4ToNumber, ipv6ToBigInt } from '../targets/ip-address.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { UsageError } from '../usage-error.js';
import { fingerprintOf } from './diff-reports.js';
import type { Finding, ScanError, SuppressedFinding } from './finding.js';
import { checkedOf } from './endpoint-entry-checked.js';
import type { ReportScope } from './report-scope.js';
import { countBySeverity, REPORT_SCHEMA_VERSION, sortFindings, type EndpointReportEntry, type ReportShard, type ScanReport } from './scan-report.js';

/**
 * `dockprobe report merge`: the reports of the shards of one fleet scan (`--shard K/N`, or the
 * pods of a Kubernetes Indexed Job) made into one report, as if one run had scanned everything
 * (docs/fleet.md). The result does not depend on the order the reports are given in.
 *
 * - findings and suppressed findings: once per fingerprint (the identity `report diff`,
 *   `--baseline` and SARIF use); where two reports hold the same one (a file audited by two pods,
 *   a shard that ran twice), the copy from the report that finished last is kept. A finding listed
 *   in one report and suppressed in another stays a finding.
 * - endpoints: once per target, the latest observation; sorted by address (IPv4, then IPv6,
 *   numerically), then port; names that did not resolve last.
 * - errors, warnings, files: each distinct one once. config: kept when every report that has one
 *   has the same; otherwise null, with a warning (config describes one machine).
 * - summary and omitted: summed (findingsBySeverity counted again on the merged findings);
 *   startedAt the earliest, finishedAt the latest; complete only when every report was complete
 *   and nothing is missing.
 * - shards: for each shard count N among the reports, shards 1..N must all be there: a missing
 *   one is an error entry (kind `input`), so a pod that never reported cannot look like a clean
 *   fleet. A shard given twice is merged once: the run that finished last is kept.
 * - a report of another major version is refused; reports written by different dockprobe versions
 *   are merged with a warning. The merged report is written in this dockprobe's format and version,
 *   and its own `shard` is null.
 */

export interface MergeInput {
  /** Names the report in warnings and errors: the path it was read from. */
  label: string;
  report: ScanReport;
}

export interface MergeOutcome {
  report: ScanReport;
  /** What the merge itself had to say (also in report.warnings). */
  warnings: string[];
  /** Shards of a sharded run with no report among the inputs (each also an error entry). */
  missingShards: ReportShard[];
}

interface Prepared {
  label: string;
  report: ScanReport;
  digest: string;
  started: number;
  finished: number;
}

const majorOf = (version: string): number => Number(/^(\d+)\./.exec(version)?.[1]);
const minorOf = (version: string): number => Number(/^\d+\.(\d+)\./.exec(version)?.[1]);

/** A saved report of any 1.x minor, with the fields added since filled in as this version writes them. */
function normalised(report: ScanReport): ScanReport {
  return {
    ...report,
    warnings: report.warnings ?? [],
    errors: report.errors ?? [],
    endpoints: (report.endpoints ?? []).map((endpoint) => ({ ...endpoint, source: endpoint.source ?? null, unfinished: endpoint.unfinished ?? null, checked: checkedOf(endpoint) })),
    findings: report.findings.map((finding) => ({ ...finding, fingerprint: fingerprintOf(finding) })),
    suppressed: (report.suppressed ?? []).map((finding) => ({ ...finding, fingerprint: fingerprintOf(finding) })),
    files: report.files ?? [],
    config: report.config ?? null,
    omitted: report.omitted ?? { bySeverity: 0, byBaseline: 0 },
    shard: report.shard ?? null,
    scope: report.scope ?? null,
  };
}

const digestOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Oldest first: who finished last wins a tie between two copies of the same thing. */
function byRecency(a: Prepared, b: Prepared): number {
  return a.finished - b.finished || a.started - b.started || cmp(a.digest, b.digest);
}

const shardText = (shard: ReportShard): string => `${shard.index}/${shard.count}`;

export function mergeReports(inputs: readonly MergeInput[]): MergeOutcome {
  if (inputs.length === 0) throw new UsageError('report merge: no reports given; name the JSON reports of every shard, e.g. dockprobe report merge shard-*.json');
  const ourMajor = majorOf(REPORT_SCHEMA_VERSION);
  const warnings: string[] = [];

  for (const { label, report } of inputs) {
    if (majorOf(report.schemaVersion) !== ourMajor) {
      throw new UsageError(`report merge "${label}": report format ${report.schemaVersion} is not ${ourMajor}.x; reports of different major versions cannot be merged: scan again with one dockprobe version`);
    }
    if (report.shard && report.shard.index > report.shard.count) {
      throw new UsageError(`report merge "${label}": shard ${shardText(report.shard)} is not a shard (its index is above its count); give the report as dockprobe wrote it`);
    }
  }

  // One order for everything below, whatever order the files were named in.
  let prepared: Prepared[] = inputs
    .map(({ label, report }) => {
      const normal = normalised(report);
      return { label, report: normal, digest: digestOf(normal), started: Date.parse(normal.startedAt), finished: Date.parse(normal.finishedAt) };
    })
    .sort((a, b) => byRecency(a, b) || cmp(a.label, b.label));

  const newer = prepared.filter(({ report }) => minorOf(report.schemaVersion) > minorOf(REPORT_SCHEMA_VERSION));
  for (const { label, report } of newer) {
    warnings.push(`${label} is report format ${report.schemaVersion}, newer than the ${REPORT_SCHEMA_VERSION} this dockprobe writes: what that format added is not understood here (new top-level fields are dropped); merge with the newest dockprobe`);
  }

  // The same report twice (a file copied under two names) counts once.
  const byDigest = new Map<string, Prepared>();
  for (const input of prepared) {
    const first = byDigest.get(input.digest);
    if (first) warnings.push(`${input.label} is the same report as ${first.label}; it is merged once`);
    else byDigest.set(input.digest, input);
  }
  prepared = [...byDigest.values()];

  // A shard that ran twice (a retried pod): the later run is the one that counts.
  const byShard = new Map<string, Prepared[]>();
  for (const input of prepared) {
    if (!input.report.shard) continue;
    const key = shardText(input.report.shard);
    byShard.set(key, [...(byShard.get(key) ?? []), input]);
  }
  const superseded = new Set<Prepared>();
  for (const [key, runs] of byShard) {
    if (runs.length < 2) continue;
    const kept = runs.at(-1)!; // prepared is oldest first
    runs.slice(0, -1).forEach((run) => superseded.add(run));
    warnings.push(`shard ${key} was given ${runs.length} times (${runs.map((run) => run.label).join(', ')}): a pod that ran again? Only the run that finished last, ${kept.label}, is merged`);
  }
  prepared = prepared.filter((input) => !superseded.has(input));

  const versions = new Map<string, string[]>();
  for (const { label, report } of prepared) versions.set(report.tool.version, [...(versions.get(report.tool.version) ?? []), label]);
  if (versions.size > 1) {
    const listed = [...versions].sort(([a], [b]) => cmp(a, b)).map(([version, labels]) => `${version} (${labels.join(', ')})`);
    warnings.push(`the reports were written by different dockprobe versions: ${listed.join(', ')}; rules and checks may differ between them, so scan every shard with one version`);
  }

  const counts = new Set(prepared.flatMap(({ report }) => (report.shard ? [report.shard.count] : [])));
  if (counts.size > 1) {
    warnings.push(`shards of different counts were merged (${[...counts].sort((a, b) => a - b).map((n) => `of ${n}`).join(', ')}): several sharded runs? Each is checked for missing shards on its own`);
  }
  const missingShards: ReportShard[] = [];
  for (const count of [...counts].sort((a, b) => a - b)) {
    const present = new Set(prepared.flatMap(({ report }) => (report.shard?.count === count ? [report.shard.index] : [])));
    for (let index = 1; index <= count; index++) if (!present.has(index)) missingShards.push({ index, count });
  }
  const missingErrors: ScanError[] = missingShards.map((shard) => ({
    kind: 'input',
    message: `shard ${shardText(shard)} is missing: no report of it was merged, so its share of the targets was not checked; merge the reports of all ${shard.count} shards, 1/${shard.count} to ${shard.count}/${shard.count}`,
  }));

  // Latest observation wins: later inputs overwrite earlier ones.
  const findings = new Map<string, Finding>();
  const suppressed = new Map<string, SuppressedFinding>();
  const endpoints = new Map<string, EndpointReportEntry>();
  const endpointSeenIn = new Map<string, number>();
  for (const { report } of prepared) {
    for (const finding of report.findings) findings.set(finding.fingerprint!, finding);
    for (const finding of report.suppressed) suppressed.set(finding.fingerprint!, finding);
    for (const endpoint of report.endpoints) {
      endpoints.set(endpoint.target, endpoint);
      endpointSeenIn.set(endpoint.target, (endpointSeenIn.get(endpoint.target) ?? 0) + 1);
    }
  }
  for (const fingerprint of findings.keys()) suppressed.delete(fingerprint);
  const repeated = [...endpointSeenIn].filter(([, seen]) => seen > 1).map(([target]) => target);
  if (repeated.length > 0) {
    const examples = repeated.sort(compareTargets).slice(0, 5).join(', ');
    warnings.push(`${repeated.length} endpoint(s) are in more than one report (${examples}${repeated.length > 5 ? ', …' : ''}): the latest observation of each is kept, and the summary counts every report's probes, so those are counted more than once; merge the shards of one run`);
  }

  const configs = distinct(prepared.flatMap(({ report }) => (report.config ? [report.config] : [])));
  let config: ConfigObservation | null = configs[0] ?? null;
  if (configs.length > 1) {
    config = null;
    warnings.push(`${configs.length} different host configurations are among the reports (config is read per machine): the merged report carries none, but keeps their findings; read each machine's configuration in its own report`);
  }

  const summary = emptyMergedSummary();
  const omitted = { bySeverity: 0, byBaseline: 0 };
  for (const { report } of prepared) {
    summary.probes += report.summary.probes;
    for (const state of Object.keys(summary.byState) as (keyof typeof summary.byState)[]) summary.byState[state] += report.summary.byState[state] ?? 0;
    summary.dockerApis += report.summary.dockerApis;
    summary.unlisted += report.summary.unlisted;
    omitted.bySeverity += report.omitted.bySeverity;
    omitted.byBaseline += report.omitted.byBaseline;
  }
  const mergedFindings = orderFindings([...findings.values()]);
  const errors = [...missingErrors, ...distinct(prepared.flatMap(({ report }) => report.errors)).sort(compareErrors)];
  const startedAt = prepared.reduce((earliest, input) => (input.started < earliest.started ? input : earliest)).report.startedAt;
  const finishedAt = prepared.reduce((latest, input) => (input.finished > latest.finished ? input : latest)).report.finishedAt;

  const report: ScanReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt,
    finishedAt,
    complete: errors.length === 0 && prepared.every(({ report }) => report.complete),
    summary: { ...summary, findingsBySeverity: countBySeverity(mergedFindings) },
    findings: mergedFindings,
    endpoints: [...endpoints.values()].sort(compareEndpoints),
    errors,
    warnings: [...new Set([...prepared.flatMap(({ report }) => report.warnings), ...warnings])],
    files: distinct(prepared.flatMap(({ report }) => report.files)).sort(compareFiles),
    config,
    suppressed: orderFindings([...suppressed.values()]),
    omitted,
    shard: null,
    scope: mergedScope(prepared.map(({ report }) => report.scope), config),
  };
  return { report, warnings, missingShards };
}

/**
 * The shards together cover what each covered. A shard that does not record its scope (before
 * 1.6.0) leaves the merged coverage unknown (null): nothing missing from it is then resolved.
 */
function mergedScope(scopes: (ReportScope | null | undefined)[], config: ConfigObservation | null): ReportScope | null {
  if (scopes.some((scope) => !scope)) return null;
  const known = scopes as ReportScope[];
  const union = <T>(values: (T[] | null)[]): T[] | null => (values.every((value) => value === null) ? null : [...new Set(values.flatMap((value) => value ?? []))]);
  const kinds = new Set(known.map((scope) => scope.kind));
  return {
    kind: kinds.size === 1 ? known[0]!.kind : 'audit',
    targets: union(known.map((scope) => scope.targets)),
    ports: union(known.map((scope) => scope.ports)),
    // Excluded in every shard's run, or the place was probed by one of them.
    excluded: known.reduce<string[]>((common, scope, index) => (index === 0 ? [...scope.excluded] : common.filter((entry) => scope.excluded.includes(entry))), []),
    configRoot: config?.root ?? null,
    paths: union(known.map((scope) => scope.paths)),
  };
}

function emptyMergedSummary(): Omit<ScanReport['summary'], 'findingsBySeverity'> {
  return { probes: 0, byState: { open: 0, closed: 0, filtered: 0, error: 0 }, dockerApis: 0, unlisted: 0 };
}

/** Each distinct value once (equal JSON), first occurrence first. */
function distinct<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Severity, place, rule (sortFindings), and the fingerprint where those tie, so the order is fixed. */
function orderFindings<T extends Finding>(findings: T[]): T[] {
  const byFingerprint = [...findings].sort((a, b) => cmp(a.fingerprint!, b.fingerprint!));
  return sortFindings(byFingerprint) as T[];
}

/** Address family (4, 6, unresolved), address as a number, host, port. */
function endpointKey(host: string, address: string | null, port: number): [number, bigint, string, number] {
  const ip = address ?? canonicalIp(host);
  const family = ip === null ? null : ipFamily(ip);
  if (family === 4) return [0, BigInt(ipv4ToNumber(ip!)), host, port];
  if (family === 6) return [1, ipv6ToBigInt(ip!), host, port];
  return [2, 0n, host, port];
}

function compareKeys(a: [number, bigint, string, number], b: [number, bigint, string, number]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || cmp(a[2], b[2]) || a[3] - b[3];
}

function compareEndpoints(a: EndpointReportEntry, b: EndpointReportEntry): number {
  return compareKeys(endpointKey(a.host, a.address, a.port), endpointKey(b.host, b.address, b.port)) || cmp(a.target, b.target);
}

/** "host:port" targets in endpoint order. */
function targetKey(target: string): [number, bigint, string, number] {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(target);
  if (!match) return [3, 0n, target, 0];
  return endpointKey(match[1] ?? match[2]!, null, Number(match[3]));
}

function compareTargets(a: string, b: string): number {
  return compareKeys(targetKey(a), targetKey(b)) || cmp(a, b);
}

/** Errors with a target first, in endpoint order; then by path, rule, kind and message. */
function compareErrors(a: ScanError, b: ScanError): number {
  if (a.target !== undefined && b.target !== undefined) {
    const byTarget = compareTargets(a.target, b.target);
    if (byTarget !== 0) return byTarget;
  } else if (a.target !== undefined || b.target !== undefined) {
    return a.target !== undefined ? -1 : 1;
  }
  return (
    cmp(a.path ?? '', b.path ?? '') ||
    cmp(a.ruleId ?? '', b.ruleId ?? '') ||
    cmp(a.kind, b.kind) ||
    cmp(a.message, b.message)
  );
}

function compareFiles(a: FileObservation, b: FileObservation): number {
  return cmp(a.systemPath, b.systemPath) || cmp(a.path, b.path) || cmp(JSON.stringify(a), JSON.stringify(b));
}

/** By code point: the same order on every machine, whatever its locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
