import { serverLeaf } from '../rule-support/applicability.js';
import { checkExpiring } from '../rule-support/certificate-checks.js';
import type { EndpointRule } from './rule.js';

export const tlsCertExpiring: EndpointRule = {
  id: 'tls-cert-expiring',
  checkEndpoint(observation, { now, params }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkExpiring(leaf, now, Number(params.days));
    if (!verdict) return [];
    return [{
      message: `${observation.target}'s certificate expires in ${verdict.daysLeft} day(s), on ${verdict.notAfter}.`,
      evidence: { notAfter: verdict.notAfter, daysLeft: verdict.daysLeft, thresholdDays: verdict.thresholdDays },
    }];
  },
};
