import { serverLeaf } from '../rule-support/applicability.js';
import { checkLeafIsCa } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsCertIsCa: EndpointRule = {
  id: 'tls-cert-is-ca',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkLeafIsCa(leaf);
    if (!leaf || !verdict) return [];
    return [{
      message: `${observation.target}'s own certificate says CA:TRUE: the daemon's key can sign certificates its clients would trust.`,
      evidence: { subject: leaf.subject, basicConstraintsCA: verdict.basicConstraintsCA },
    }];
  },
};
