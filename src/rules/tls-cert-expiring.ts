import { serverLeaf } from './applicability.js';
import type { EndpointRule } from './rule.js';

const DAY_MS = 86_400_000;

export const tlsCertExpiring: EndpointRule = {
  id: 'tls-cert-expiring',
  checkEndpoint(observation, { now, params }) {
    const leaf = serverLeaf(observation);
    if (!leaf) return [];
    const msLeft = Date.parse(leaf.notAfter) - now.getTime();
    const days = Number(params.days);
    // An expired certificate is tls-cert-expired's finding, not this one.
    if (msLeft < 0 || msLeft > days * DAY_MS) return [];
    const daysLeft = Math.floor(msLeft / DAY_MS);
    return [{
      message: `${observation.target}'s certificate expires in ${daysLeft} day(s), on ${leaf.notAfter}.`,
      evidence: { notAfter: leaf.notAfter, daysLeft, thresholdDays: days },
    }];
  },
};
