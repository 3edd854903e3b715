import type { TlsObservation } from '../network/endpoint-observation.js';
import type { EndpointRule } from './rule.js';

/**
 * A chain refused only because the leaf's own extendedKeyUsage lacks serverAuth is
 * tls-cert-no-server-auth-eku's finding, not a trust problem. An intermediate or root whose
 * EKU leaves serverAuth out is: no CA on that path may vouch for a server.
 */
function refusedOnlyForLeafPurpose(tls: TlsObservation): boolean {
  const failure = tls.goVerdict?.failure;
  // Without a verdict on the chain (a server that never proved it holds the key), nothing is explained away.
  return tls.chainVerdictBy !== 'none' && failure?.reason === 'incompatible-usage' && failure.presentedIndex === 0;
}

export const tlsCertUntrusted: EndpointRule = {
  id: 'tls-cert-untrusted',
  checkEndpoint(observation) {
    const tls = observation.tls;
    if (!tls || observation.dockerApi === 'not-docker' || tls.chain.length === 0 || tls.chainVerified) return [];
    // Not judged (no CA given): the report lists it as not checked, which is neither a pass nor this finding.
    if (!tls.trust.judged) return [];
    if (refusedOnlyForLeafPurpose(tls)) return [];
    const anchor = tls.trustAnchor === 'user-ca' ? 'the CA given (--tlscacert or ca.pem)' : 'the system trust store (no CA given)';
    return [{
      messageId: 'untrusted',
      data: { target: observation.target, anchor, reason: tls.chainError ?? 'unknown reason' },
      evidence: { trustAnchor: tls.trustAnchor, verifyError: tls.chainError, goReason: tls.goVerdict?.failure?.reason ?? null, leafIssuer: tls.chain[0]!.issuer },
    }];
  },
};
