import type { TlsFileStatus } from '../../src/config/config-observation.js';
import type { FileObservation } from '../../src/files/file-observation.js';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { source, UNIT } from './config-observation-builder.js';
import { serverCert } from './file-observation-builder.js';
import { certFacts, mtlsEndpoint, tlsFacts } from './observation-builder.js';

/** Shared by several test/rules/cases/*.cases.ts: clocks and observations more than one rule's cases use. */

/** A TLS service that proved not to be Docker, serving this leaf. */
export const notDockerTls = (leaf: Parameters<typeof certFacts>[0]): EndpointObservation =>
  mtlsEndpoint({ dockerApi: 'not-docker', service: 'tls', docker: null, info: null, tls: tlsFacts({ chain: [certFacts(leaf)] }) });

/** The ca.pem dockerd reads by default when --tlsverify (ExecStart line 7) turned TLS on and no tlscacert is set. */
export function defaultCa(problem: string | null): TlsFileStatus {
  return { directive: 'tlscacert', path: '/root/.docker/ca.pem', systemPath: '/root/.docker/ca.pem', source: source(UNIT, 7, '--tlsverify in ExecStart'), problem, flagDefault: true };
}

/** Clocks around the default certificates' validity (2026-01-01 to 2027-01-01). */
export const EXPIRED_NOW = '2027-02-01T00:00:00.000Z';
export const BEFORE_VALIDITY = '2025-12-01T00:00:00.000Z';
export const TEN_DAYS_LEFT = '2026-12-22T00:00:00.000Z';
export const SIXTY_DAYS_LEFT = '2026-11-02T00:00:00.000Z';
export const TEN_YEARS = { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z' };

export const unreadable = (readError: string, overrides: Partial<FileObservation> = {}): FileObservation =>
  serverCert({ kind: 'unreadable', readError, certificates: [], pairedWith: null, pairMatches: null, chainVerified: null, ...overrides });
export const unparseable = (parseError: string, overrides: Partial<FileObservation> = {}): FileObservation =>
  serverCert({ kind: 'unparseable', parseError, certificates: [], pairedWith: null, pairMatches: null, chainVerified: null, ...overrides });
