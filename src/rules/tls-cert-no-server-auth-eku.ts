import { serverLeaf } from '../rule-support/applicability.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultEndpointDecision } from '../rule-engine/default-decision.js';
import type { EndpointRule } from './rule.js';

export const tlsCertNoServerAuthEku: EndpointRule = {
  id: 'tls-cert-no-server-auth-eku',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    const usages = leaf?.extendedKeyUsage;
    // No extension at all means "any purpose" to Go and OpenSSL; only a list without serverAuth is wrong.
    // A malformed extension is not an absent one: tls-cert-malformed-extension or tls-cert-refused-by-go speaks.
    if (!leaf || malformedExtension(leaf, 'extendedKeyUsage')) return [];
    if (!usages || usages.includes('serverAuth') || usages.includes('anyExtendedKeyUsage')) return [];
    return [{
      messageId: 'no-server-auth',
      data: { target: observation.target, usages: usages.join(', ') || 'no purpose' },
      evidence: { extendedKeyUsage: usages, subject: leaf.subject },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(serverLeaf(observation), 'extendedKeyUsage', () => defaultEndpointDecision(observation)),
};
