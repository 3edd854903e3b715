import type { EndpointState } from '../network/endpoint-observation.js';

/** Counts over every probe, including the swept ones that are not listed one by one. */
export interface ScanSummary {
  probes: number;
  byState: Record<EndpointState, number>;
  dockerApis: number;
  /** Swept (not named) endpoints that answered nothing and so are counted, not listed. */
  unlisted: number;
}

export function emptySummary(): ScanSummary {
  return { probes: 0, byState: { open: 0, closed: 0, filtered: 0, error: 0 }, dockerApis: 0, unlisted: 0 };
}
