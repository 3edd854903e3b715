import { serverLeaf } from '../rule-support/applicability.js';
import { checkExpired } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsCertExpired: EndpointRule = {
  id: 'tls-cert-expired',
  checkEndpoint(observation, { now }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkExpired(leaf, now);
    if (!leaf || !verdict) return [];
    return [{
      message: `${observation.target}'s certificate expired on ${verdict.notAfter}.`,
      evidence: { notAfter: verdict.notAfter, checkedAt: verdict.checkedAt, subject: leaf.subject },
    }];
  },
};
