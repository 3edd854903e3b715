import type { EndpointReportEntry } from '../../report/scan-report.js';

/**
 * Whether an endpoint hands out root to people who should not have it: a way in other than the
 * user's own trusted client certificate reached the Docker API (accessGrantedBy), or its exposure
 * sentence (describeExposure in src/report/exposure.ts) says root for anyone or for any holder
 * of a publicly issued client certificate. The user's own certificate getting in is the
 * endpoint working as meant.
 */
export function handsOutRoot(entry: Pick<EndpointReportEntry, 'accessGrantedBy' | 'exposure'>): boolean {
  return entry.accessGrantedBy.some((way) => way !== 'tls-user-client-cert') || entry.exposure.startsWith('ROOT FOR');
}

/** The ways in that reached the API, in words a reader knows. */
export function describeWayIn(way: string): string {
  if (way === 'plaintext') return 'plain HTTP, no credentials';
  if (way === 'tls-no-client-cert') return 'TLS without a client certificate';
  if (way === 'tls-untrusted-client-cert') return 'TLS with a client certificate from an unknown CA';
  if (way === 'tls-user-client-cert') return 'TLS with your own client certificate';
  return way;
}
