import { serverLeaf } from './applicability.js';
import type { EndpointRule } from './rule.js';

export const tlsCertNotYetValid: EndpointRule = {
  id: 'tls-cert-not-yet-valid',
  checkEndpoint(observation, { now }) {
    const leaf = serverLeaf(observation);
    if (!leaf || Date.parse(leaf.notBefore) <= now.getTime()) return [];
    return [{
      message: `${observation.target}'s certificate is not valid until ${leaf.notBefore}.`,
      evidence: { notBefore: leaf.notBefore, checkedAt: now.toISOString(), subject: leaf.subject },
    }];
  },
};
