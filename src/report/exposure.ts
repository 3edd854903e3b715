import { trustsSystemStoreForClients } from '../network/client-ca-fallback.js';
import type { AttemptName, EndpointObservation } from '../network/endpoint-observation.js';

/** Which ways in reached the Docker API. */
export function accessGrantedBy(observation: EndpointObservation): AttemptName[] {
  return observation.attempts.filter((attempt) => attempt.outcome === 'api-access').map((attempt) => attempt.name);
}

/**
 * One sentence a reader acts on: who gets root through this endpoint. Ordered from worst to
 * best, so the first match is the truth that matters.
 */
export function describeExposure(observation: EndpointObservation): string {
  const granted = new Set(accessGrantedBy(observation));
  if (observation.state === 'closed') return 'nothing listening';
  if (observation.state === 'filtered') return 'no answer (filtered or down)';
  if (observation.state === 'error') return `could not scan: ${observation.error ?? 'unknown error'}`;
  if (granted.has('plaintext')) return 'ROOT FOR ANYONE: Docker API over plain HTTP, no credentials';
  if (granted.has('tls-no-client-cert')) return 'ROOT FOR ANYONE: TLS without client certificate verification';
  if (granted.has('tls-untrusted-client-cert')) return 'ROOT FOR ANYONE: accepts client certificates from any CA';
  if (trustsSystemStoreForClients(observation)) return 'ROOT FOR ANY HOLDER OF A CLIENT CERTIFICATE FROM A CA IN ITS SYSTEM TRUST STORE: it names no client CA';
  // Past here nobody was seen to get in; that means little if we could not ask everything.
  if (!observation.checked.complete) return `unknown: ${observation.checked.reason}`;
  if (granted.has('tls-user-client-cert')) return 'protected: only trusted client certificates get in';
  if (observation.dockerApi === 'not-docker') return 'not a Docker API';
  const challenged = observation.attempts.find((a) => a.httpStatus === 401 || a.httpStatus === 403);
  if (challenged) return `protected by HTTP authentication in front of it (HTTP ${challenged.httpStatus} on GET /_ping); Docker API not confirmed`;
  if (observation.transport === 'tls') {
    const refusedStranger = observation.attempts.some((a) => a.name === 'tls-untrusted-client-cert' && a.outcome === 'refused');
    return refusedStranger
      ? 'requires a trusted client certificate (Docker API not confirmed: no client certificate of ours was accepted)'
      : 'TLS service; could not confirm a Docker API';
  }
  if (observation.attempts.some((a) => a.outcome === 'refused')) return 'refuses unauthenticated requests';
  return observation.error ?? 'unknown service';
}
