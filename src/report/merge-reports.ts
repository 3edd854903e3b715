import { createHash } from 'node:crypto';
import type { ConfigObservation } from '../config/config-observation.js';
import type { MachineEntry } from '../machine/machine.js';
import { isLoopbackTarget } from '../targets/loopback-target.js';
import { canonicalIp, ipFamily, ipv4ToNumber, ipv6ToBigInt } from '../targets/ip-address.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { UsageError } from '../usage-error.js';
import { fingerprintOf } from './diff-reports.js';
import type { Finding, ScanError, SuppressedFinding } from './finding.js';
import { checkedOf } from './endpoint-entry-checked.js';
import { infoFactsOf } from './info-facts-of.js';
import { fileChainVerdictOf, tlsChainVerdictOf } from './chain-verdicts-of.js';
import type { ReportScope } from './report-scope.js';
import { countBySeverity, REPORT_SCHEMA_VERSION, sortFindings, type EndpointReportEntry, type FileReportEntry, type ReportShard, type ScanReport } from './scan-report.js';

/**
 * `dockprobe report merge`: the reports of a fleet made into one report, as if one run had
 * covered everything (docs/fleet.md): the shards of one scan (`--shard K/N`, or the pods of a
 * Kubernetes Indexed Job), the host audits (`audit`, `config`, `files`) of many machines, or
 * both together. Nothing is folded across machines. The result does not depend on the order the
 * reports are given in.
 *
 * - findings and suppressed findings: once per fingerprint, which holds the machine of a local
 *   finding (1.7.0): the same file on two machines stays two findings; the same machine audited
 *   twice, or a shard that ran twice, gives one, the copy from the report that finished last. A
 *   finding listed in one report and suppressed in another stays a finding.
 * - machines: each once, with its own configuration and audited files; a report written before
 *   1.7.0 names no machine, so its local half is kept as the machine "unidentified:FILE".
 * - endpoints: once per target (and, for a loopback target an audit probed, per machine), the
 *   latest observation; sorted by address (IPv4, then IPv6, numerically), then port; names that
 *   did not resolve last.
 * - errors, warnings, files: each distinct one once. config: the only machine's, or null when
 *   there are several (each is in machines[].config).
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
function normalised(report: ScanReport, label: string): ScanReport {
  const base: ScanReport = {
    ...report,
    warnings: report.warnings ?? [],
    errors: report.errors ?? [],
    endpoints: (report.endpoints ?? []).map((endpoint) => ({ ...endpoint, source: endpoint.source ?? null, unfinished: endpoint.unfinished ?? null, checked: checkedOf(endpoint), info: infoFactsOf(endpoint.info), tls: tlsChainVerdictOf(endpoint.tls) })),
    findings: report.findings,
    suppressed: report.suppressed ?? [],
    files: (report.files ?? []).map(fileChainVerdictOf),
    config: report.config ?? null,
    machines: report.machines ?? [],
    omitted: report.omitted ?? { bySeverity: 0, byBaseline: 0 },
    shard: report.shard ?? null,
    scope: report.scope ?? null,
  };
  const named = base.machines.length > 0 ? base : withUnidentifiedMachine(base, label);
  return {
    ...named,
    findings: named.findings.map((finding) => ({ ...finding, fingerprint: fingerprintOf(finding) })),
    suppressed: named.suppressed.map((finding) => ({ ...finding, fingerprint: fingerprintOf(finding) })),
  };
}

/**
 * A report written before 1.7.0 (or by hand) does not say which machine its config and files describe. So
 * that two such host audits are not folded into one, its local findings, files and config are
 * kept under a machine named after the report file, and fingerprinted again with it.
 */
function withUnidentifiedMachine(report: ScanReport, label: string): ScanReport {
  const local = report.config !== null || report.files.length > 0 || report.findings.some((finding) => finding.target === undefined);
  if (!local) return report;
  const key = `unidentified:${label}`;
  const mark = <T extends Finding>(finding: T): T => (finding.target === undefined ? { ...finding, machine: key, fingerprint: undefined } : finding);
  return {
    ...report,
    findings: report.findings.map(mark),
    suppressed: report.suppressed.map(mark),
    files: report.files.map((file) => ({ ...file, machine: key })),
    machines: [{ key, label: key, hostname: null, machineId: null, source: 'root-path', root: report.config?.root ?? '/', config: report.config, paths: report.scope?.paths ?? null }],
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
      const normal = normalised(report, label);
      return { label, report: normal, digest: digestOf(report), started: Date.parse(normal.startedAt), finished: Date.parse(normal.finishedAt) };
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

  for (const { label, report } of prepared) {
    if (report.machines[0]?.key === `unidentified:${label}`) {
      warnings.push(`${label} does not say which machine it describes (it was written before report format 1.7.0): its configuration, files and their findings are kept as the machine "unidentified:${label}"; audit again with this dockprobe to name the machine`);
    }
  }

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
      const key = endpointIdentity(endpoint);
      endpoints.set(key, endpoint);
      endpointSeenIn.set(key, (endpointSeenIn.get(key) ?? 0) + 1);
    }
  }
  for (const fingerprint of findings.keys()) suppressed.delete(fingerprint);
  const repeated = [...endpointSeenIn].filter(([, seen]) => seen > 1).map(([key]) => endpoints.get(key)!.target);
  if (repeated.length > 0) {
    const examples = repeated.sort(compareTargets).slice(0, 5).join(', ');
    warnings.push(`${repeated.length} endpoint(s) are in more than one report (${examples}${repeated.length > 5 ? ', …' : ''}): the latest observation of each is kept, and the summary counts every report's probes, so those are counted more than once; merge the shards of one run`);
  }

  // Every machine once, each with its own configuration and files: nothing is folded together.
  const machines = mergeMachines(prepared.map(({ report }) => report.machines));
  const config: ConfigObservation | null = machines.length === 1 ? machines[0]!.config : machines.length === 0 ? (distinct(prepared.flatMap(({ report }) => (report.config ? [report.config] : [])))[0] ?? null) : null;

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
    machines,
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

/**
 * The same machine in several reports (a `config` and a `files` run, or one audited twice): one
 * entry, with the configuration of the latest report that read it and every path any of them
 * audited. Reports come oldest first. Sorted by label, then key.
 */
function mergeMachines(lists: readonly MachineEntry[][]): MachineEntry[] {
  const byKey = new Map<string, MachineEntry>();
  for (const machine of lists.flat()) {
    const earlier = byKey.get(machine.key);
    if (!earlier) {
      byKey.set(machine.key, machine);
      continue;
    }
    const paths = earlier.paths === null && machine.paths === null ? null : [...new Set([...(earlier.paths ?? []), ...(machine.paths ?? [])])];
    // The benchmark checks ran on the configuration kept only if they ran in the report it came from.
    const configFrom = machine.config ? machine : earlier.config ? earlier : null;
    const benchmarkRules = configFrom ? configFrom.benchmarkRules === true : earlier.benchmarkRules === true && machine.benchmarkRules === true;
    byKey.set(machine.key, { ...machine, config: machine.config ?? earlier.config, paths, benchmarkRules });
  }
  return [...byKey.values()].sort((a, b) => cmp(a.label, b.label) || cmp(a.key, b.key));
}

/**
 * What makes two endpoint entries the same endpoint: the target; and for a loopback target, the
 * machine it was probed from as well (every machine's 127.0.0.1:2375 is its own daemon).
 */
function endpointIdentity(endpoint: EndpointReportEntry): string {
  return endpoint.machine !== undefined && isLoopbackTarget(endpoint.target) ? `${endpoint.machine}\u0000${endpoint.target}` : endpoint.target;
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
  return compareKeys(endpointKey(a.host, a.address, a.port), endpointKey(b.host, b.address, b.port)) || cmp(a.target, b.target) || cmp(a.machine ?? '', b.machine ?? '');
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

function compareFiles(a: FileReportEntry, b: FileReportEntry): number {
  return cmp(a.machine ?? '', b.machine ?? '') || cmp(a.systemPath, b.systemPath) || cmp(a.path, b.path) || cmp(JSON.stringify(a), JSON.stringify(b));
}

/** By code point: the same order on every machine, whatever its locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
