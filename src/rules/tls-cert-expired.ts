import { serverLeaf } from './applicability.js';
import type { EndpointRule } from './rule.js';

export const tlsCertExpired: EndpointRule = {
  id: 'tls-cert-expired',
  checkEndpoint(observation, { now }) {
    const leaf = serverLeaf(observation);
    if (!leaf || Date.parse(leaf.notAfter) >= now.getTime()) return [];
    return [{
      message: `${observation.target}'s certificate expired on ${leaf.notAfter}.`,
      evidence: { notAfter: leaf.notAfter, checkedAt: now.toISOString(), subject: leaf.subject },
    }];
  },
};
