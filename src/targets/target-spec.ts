import type { IpFamily } from './ip-address.js';

/** Where a target came from, so a report (and later a SARIF annotation) can point at it. */
export interface TargetSource {
  file: string;
  line: number;
}

/** One host, named by the user: always appears in the report, answered or not. */
export interface HostTarget {
  kind: 'host';
  input: string;
  /** Hostname or canonical IP literal (no brackets). */
  host: string;
  /** Set when the target carried its own port; otherwise every `--ports` port is tried. */
  port: number | null;
  source: TargetSource | null;
}

/** A CIDR range, walked lazily: only what answers is reported, the rest is counted. */
export interface RangeTarget {
  kind: 'range';
  input: string;
  family: IpFamily;
  /** First address of the range, as an integer. */
  first: bigint;
  prefixLength: number;
  size: bigint;
  port: number | null;
  source: TargetSource | null;
}

export type TargetSpec = HostTarget | RangeTarget;
