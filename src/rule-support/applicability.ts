import type { EndpointObservation } from '../network/endpoint-observation.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';

/**
 * TLS rules judge endpoints that are, or may be, the Docker API. A TLS service proven to be
 * something else (a web server that happens to sit on 2376) is not ours to judge.
 */
export function tlsChainUnderAudit(observation: EndpointObservation): CertificateFacts[] {
  if (!observation.tls || observation.dockerApi === 'not-docker') return [];
  return observation.tls.chain;
}

export function serverLeaf(observation: EndpointObservation): CertificateFacts | null {
  return tlsChainUnderAudit(observation)[0] ?? null;
}

/** The leaf and any intermediates: certificates whose own key and signature the server relies on. */
export function servedNonRootCertificates(observation: EndpointObservation): CertificateFacts[] {
  return tlsChainUnderAudit(observation).filter((cert, index) => index === 0 || !cert.selfSigned);
}

export function attemptOutcome(observation: EndpointObservation, name: string): string | null {
  return observation.attempts.find((attempt) => attempt.name === name)?.outcome ?? null;
}

export function describeCertificate(cert: CertificateFacts): string {
  return cert.subject || '(empty subject)';
}
