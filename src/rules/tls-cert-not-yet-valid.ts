import { serverLeaf } from '../rule-support/applicability.js';
import { checkNotYetValid } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsCertNotYetValid: EndpointRule = {
  id: 'tls-cert-not-yet-valid',
  checkEndpoint(observation, { now }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkNotYetValid(leaf, now);
    if (!leaf || !verdict) return [];
    return [{
      message: `${observation.target}'s certificate is not valid until ${verdict.notBefore}.`,
      evidence: { notBefore: verdict.notBefore, checkedAt: verdict.checkedAt, subject: leaf.subject },
    }];
  },
};
