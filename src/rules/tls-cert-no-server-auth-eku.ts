import { serverLeaf } from '../rule-support/applicability.js';
import type { EndpointRule } from './rule.js';

export const tlsCertNoServerAuthEku: EndpointRule = {
  id: 'tls-cert-no-server-auth-eku',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    const usages = leaf?.extendedKeyUsage;
    // No extension at all means "any purpose" to Go and OpenSSL; only a list without serverAuth is wrong.
    if (!leaf || !usages || usages.includes('serverAuth') || usages.includes('anyExtendedKeyUsage')) return [];
    return [{
      messageId: 'no-server-auth',
      data: { target: observation.target, usages: usages.join(', ') || 'no purpose' },
      evidence: { extendedKeyUsage: usages, subject: leaf.subject },
    }];
  },
};
