import type { EndpointObservation } from '../network/endpoint-observation.js';

/**
 * Why the trust of an endpoint's server certificate was not judged, or null when it was (or
 * does not matter: no TLS, not the Docker API, or a report from before 1.7.0 that does not say).
 * Not judged is not a pass: the table lists it under "Could not check", and a tls-cert-untrusted
 * finding of an earlier report is then "not checked this time", not resolved. It leaves the
 * endpoint fully checked (who gets in is known) and the exit code alone: it comes from what the
 * scan was given, not from the endpoint, and a correctly set-up fleet scanned without its CA
 * must not fail CI.
 */
export function serverTrustNotJudged(entry: EndpointObservation): string | null {
  const trust = entry.tls?.trust;
  if (!trust || trust.judged || entry.dockerApi === 'not-docker') return null;
  return trust.reason;
}
