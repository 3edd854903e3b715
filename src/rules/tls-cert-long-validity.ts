import { serverLeaf } from './applicability.js';
import type { EndpointRule } from './rule.js';

const DAY_MS = 86_400_000;

export const tlsCertLongValidity: EndpointRule = {
  id: 'tls-cert-long-validity',
  checkEndpoint(observation, { params }) {
    const leaf = serverLeaf(observation);
    if (!leaf) return [];
    const validityDays = Math.round((Date.parse(leaf.notAfter) - Date.parse(leaf.notBefore)) / DAY_MS);
    const limit = Number(params.days);
    if (validityDays <= limit) return [];
    return [{
      message: `${observation.target}'s certificate is valid for ${validityDays} days, longer than ${limit}.`,
      evidence: { notBefore: leaf.notBefore, notAfter: leaf.notAfter, validityDays, limitDays: limit },
    }];
  },
};
