import { serverLeaf } from './applicability.js';
import type { EndpointRule } from './rule.js';

export const tlsCertIsCa: EndpointRule = {
  id: 'tls-cert-is-ca',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    if (!leaf?.isCA) return [];
    return [{
      message: `${observation.target}'s own certificate says CA:TRUE: the daemon's key can sign certificates its clients would trust.`,
      evidence: { subject: leaf.subject, basicConstraintsCA: true },
    }];
  },
};
