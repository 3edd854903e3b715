/**
 * Where OpenSSL gave the verdict on an endpoint's chain and a Go client (the docker CLI,
 * judged by dockprobe's verifier) would decide otherwise, the report says so: the two
 * verifiers side by side. OpenSSL's verdict stands; the warning tells the reader that a
 * docker client would see the chain differently, and why.
 */
import type { EndpointObservation } from '../network/endpoint-observation.js';

export function verifierDisagreements(endpoints: readonly EndpointObservation[]): string[] {
  const warnings: string[] = [];
  for (const endpoint of endpoints) {
    const tls = endpoint.tls;
    const go = tls?.goVerdict;
    // Only OpenSSL's own verdict can disagree: otherwise Go's is the verdict, or there is none.
    if (!tls || !go || tls.chainVerdictBy !== 'openssl' || tls.chain.length === 0 || go.verified === tls.chainVerified) continue;
    const openssl = tls.chainVerified ? 'verified' : `did not verify (${tls.chainError ?? 'no reason given'})`;
    const goSays = go.verified ? 'verifies' : `is refused (${go.failure!.reason}: ${go.failure!.detail})`;
    warnings.push(`${endpoint.target}: OpenSSL's verdict on the certificate chain and a Go client's differ: OpenSSL ${openssl}; for a Go client such as the docker CLI the chain ${goSays}. The report keeps OpenSSL's verdict.`);
  }
  return warnings;
}
