import type { EndpointRule } from './rule.js';

export const tlsCertUntrusted: EndpointRule = {
  id: 'tls-cert-untrusted',
  checkEndpoint(observation) {
    const tls = observation.tls;
    if (!tls || observation.dockerApi === 'not-docker' || tls.chain.length === 0 || tls.chainVerified) return [];
    const anchor = tls.trustAnchor === 'user-ca' ? 'the CA given with --tlscacert' : 'the system trust store (no --tlscacert given)';
    return [{
      message: `${observation.target}'s certificate chain does not verify against ${anchor}: ${tls.chainError ?? 'unknown reason'}.`,
      evidence: { trustAnchor: tls.trustAnchor, verifyError: tls.chainError, leafIssuer: tls.chain[0]!.issuer },
    }];
  },
};
