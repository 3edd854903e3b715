import { isIP } from 'node:net';
import { parseExclusions } from '../targets/exclusions.js';
import { canonicalIp, ipv4ToNumber, ipv6ToBigInt } from '../targets/ip-address.js';
import { parseTarget } from '../targets/parse-target.js';
import { inShard } from '../targets/shard.js';
import type { TargetSpec } from '../targets/target-spec.js';
import type { ReportShard } from './scan-report.js';

/** Which command wrote the report: what it could have looked at. */
export type ReportKind = 'scan' | 'config' | 'files' | 'audit';

/**
 * What a run covered, recorded in the report (1.6.0) so a later comparison can tell "looked
 * again and it is gone" from "did not look there this time". Places outside the scope are
 * never resolved by this report.
 */
export interface ReportScope {
  kind: ReportKind;
  /** The targets probed, each as given (host, host:port, CIDR range); null when no endpoint was probed. */
  targets: string[] | null;
  /** The ports tried on targets given without one; null when no endpoint was probed. */
  ports: number[] | null;
  /** --exclude / --exclude-file entries: never probed, so outside the scope. */
  excluded: string[];
  /** The root the host configuration was read under; null when the configuration was not read. */
  configRoot: string | null;
  /** The certificate and key files or folders audited (absolute); null when no file was audited. */
  paths: string[] | null;
}

/** A "host:port" target as EndpointObservation.target writes it ("[v6]:port" for IPv6). */
function splitTarget(target: string): { host: string; port: number } | null {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(target) ?? /^([^:]+):(\d+)$/.exec(target);
  return match ? { host: match[1]!, port: Number(match[2]) } : null;
}

function addressValue(host: string): { family: 4 | 6; value: bigint } | null {
  const family = isIP(host);
  if (family === 4) return { family: 4, value: BigInt(ipv4ToNumber(host)) };
  if (family === 6) return { family: 6, value: ipv6ToBigInt(host) };
  return null;
}

function parsedTargets(scope: ReportScope): TargetSpec[] {
  const specs: TargetSpec[] = [];
  for (const input of scope.targets ?? []) {
    try {
      specs.push(parseTarget(input));
    } catch {
      // A target this version cannot read covers nothing: its places stay "not checked".
    }
  }
  return specs;
}

/** How the scope covers an endpoint: named (always listed when probed), only swept (listed only when open), or not at all. */
export type Coverage = 'named' | 'swept' | 'outside';

export function endpointCoverage(scope: ReportScope, shard: ReportShard | null, target: string): Coverage {
  const place = splitTarget(target);
  if (!place || scope.targets === null) return 'outside';
  const host = canonicalIp(place.host) ?? place.host.toLowerCase();
  let excluded = false;
  try {
    excluded = parseExclusions(scope.excluded)?.has(host) ?? false;
  } catch {
    excluded = true; // unreadable exclusions: cannot claim the place was probed
  }
  if (excluded) return 'outside';
  if (shard && !inShard(shard, target)) return 'outside';
  const address = addressValue(host);
  let swept = false;
  for (const spec of parsedTargets(scope)) {
    const portCovered = spec.port !== null ? spec.port === place.port : (scope.ports ?? []).includes(place.port);
    if (!portCovered) continue;
    if (spec.kind === 'host' && (canonicalIp(spec.host) ?? spec.host.toLowerCase()) === host) return 'named';
    if (spec.kind === 'range' && address && address.family === spec.family && address.value >= spec.first && address.value < spec.first + spec.size) swept = true;
  }
  return swept ? 'swept' : 'outside';
}

/** Whether `path` is one of the audited paths or inside an audited folder. */
export function pathAudited(scope: ReportScope, path: string): boolean {
  return (scope.paths ?? []).some((audited) => path === audited || path.startsWith(audited.endsWith('/') ? audited : `${audited}/`));
}

const EXAMPLES = 5;

function listed(values: readonly string[]): string {
  return values.slice(0, EXAMPLES).join(', ') + (values.length > EXAMPLES ? `, … (${values.length} in all)` : '');
}

/**
 * What differs between the scopes of two reports, one sentence each, for a warning: findings
 * in a place only the older report covered are "not checked this time", never resolved.
 * A report without a scope (before 1.6.0) is said to be one.
 */
export function scopeDifferences(older: ReportScope | null | undefined, newer: ReportScope | null | undefined): string[] {
  if (!newer) return ['the newer report does not record what it covered (written before report format 1.6.0): nothing missing from it is called resolved'];
  if (!older) return [];
  const out: string[] = [];
  if (older.kind !== newer.kind) out.push(`the older report is a ${older.kind} report, the newer a ${newer.kind} report`);
  const before = new Set(older.targets ?? []);
  const after = new Set(newer.targets ?? []);
  const dropped = [...before].filter((target) => !after.has(target));
  const added = [...after].filter((target) => !before.has(target));
  if (dropped.length) out.push(`targets the newer run did not probe: ${listed(dropped)}`);
  if (added.length && older.targets !== null) out.push(`targets only the newer run probed: ${listed(added)}`);
  const droppedPorts = (older.ports ?? []).filter((port) => !(newer.ports ?? []).includes(port));
  if (droppedPorts.length && newer.targets !== null) out.push(`ports the newer run did not try: ${droppedPorts.join(', ')}`);
  const newlyExcluded = newer.excluded.filter((entry) => !older.excluded.includes(entry));
  if (newlyExcluded.length) out.push(`excluded only in the newer run: ${listed(newlyExcluded)}`);
  if (older.configRoot !== null && older.configRoot !== newer.configRoot) {
    out.push(newer.configRoot === null ? `the newer run did not read the host configuration (the older read it under ${older.configRoot})` : `the configuration was read under ${older.configRoot}, now under ${newer.configRoot}`);
  }
  const droppedPaths = (older.paths ?? []).filter((path) => !pathAudited(newer, path));
  if (droppedPaths.length) out.push(`files the newer run did not audit: ${listed(droppedPaths)}`);
  return out;
}
