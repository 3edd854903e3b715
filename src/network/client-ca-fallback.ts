import type { EndpointObservation } from './endpoint-observation.js';

/**
 * The endpoint refuses clients without a certificate, yet its TLS 1.2 CertificateRequest names no
 * CA: Go's TLS server (dockerd with tlsverify and no tlscacert) then verifies client certificates
 * against its system trust store. One reading of the observation, for the rule
 * api-tls-client-ca-system-store and for the exposure sentence.
 */
export function trustsSystemStoreForClients(observation: EndpointObservation): boolean {
  const request = observation.tls?.clientCertificateRequest;
  if (request?.kind !== 'requested' || request.caNames.length > 0) return false;
  if (observation.dockerApi === 'not-docker') return false;
  const outcome = (name: string) => observation.attempts.find((attempt) => attempt.name === name)?.outcome;
  // Required, not merely asked for: nobody got in without a certificate, nor with our throwaway one
  // (those are api-tls-no-client-verify and api-tls-untrusted-client-accepted, which say more).
  return outcome('tls-no-client-cert') === 'refused' && outcome('tls-untrusted-client-cert') !== 'api-access';
}
