import type { EndpointRule } from './rule.js';

/**
 * OpenSSL also fails verification when the chain is sound but the leaf's extendedKeyUsage
 * lacks serverAuth. That is tls-cert-no-server-auth-eku's finding, not a trust problem.
 */
const PURPOSE_ONLY = /INVALID_PURPOSE|unsupported certificate purpose/i;

export const tlsCertUntrusted: EndpointRule = {
  id: 'tls-cert-untrusted',
  checkEndpoint(observation) {
    const tls = observation.tls;
    if (!tls || observation.dockerApi === 'not-docker' || tls.chain.length === 0 || tls.chainVerified) return [];
    // Not judged (no CA given): the report lists it as not checked, which is neither a pass nor this finding.
    if (!tls.trust.judged) return [];
    if (tls.chainError && PURPOSE_ONLY.test(tls.chainError)) return [];
    const anchor = tls.trustAnchor === 'user-ca' ? 'the CA given (--tlscacert or ca.pem)' : 'the system trust store (no CA given)';
    return [{
      messageId: 'untrusted',
      data: { target: observation.target, anchor, reason: tls.chainError ?? 'unknown reason' },
      evidence: { trustAnchor: tls.trustAnchor, verifyError: tls.chainError, leafIssuer: tls.chain[0]!.issuer },
    }];
  },
};
