import { serverLeaf } from '../rule-support/applicability.js';
import { checkLongValidity } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsCertLongValidity: EndpointRule = {
  id: 'tls-cert-long-validity',
  checkEndpoint(observation, { params }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkLongValidity(leaf, Number(params.days));
    if (!verdict) return [];
    return [{
      message: `${observation.target}'s certificate is valid for ${verdict.validityDays} days, longer than ${verdict.limitDays}.`,
      evidence: { notBefore: verdict.notBefore, notAfter: verdict.notAfter, validityDays: verdict.validityDays, limitDays: verdict.limitDays },
    }];
  },
};
