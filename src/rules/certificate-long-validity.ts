import { serverLeaf } from '../rule-support/applicability.js';
import { checkLongValidity } from '../rule-support/certificate-checks.js';
import { leafOf } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule } from './rule.js';

/** One check, two places: the leaf a live endpoint serves, and a server or client certificate file. */

export const tlsCertLongValidity: EndpointRule = {
  id: 'tls-cert-long-validity',
  checkEndpoint(observation, { params }) {
    const leaf = serverLeaf(observation);
    const verdict = leaf && checkLongValidity(leaf, Number(params.days));
    if (!verdict) return [];
    return [{
      messageId: 'long-validity',
      data: { target: observation.target, validityDays: verdict.validityDays, limitDays: verdict.limitDays },
      evidence: { notBefore: verdict.notBefore, notAfter: verdict.notAfter, validityDays: verdict.validityDays, limitDays: verdict.limitDays },
    }];
  },
};

/** Leaves only: a CA certificate outliving its leaves is normal, and a role-less file may be one. */
export const certLongValidity: FileRule = {
  id: 'cert-long-validity',
  needsRoleOf: ['certificate'],
  checkFile(observation, { params }) {
    const leaf = leafOf(observation, 'server-cert', 'client-cert');
    const verdict = leaf && checkLongValidity(leaf, Number(params.days));
    if (!leaf || !verdict) return [];
    return [{
      messageId: 'long-validity',
      data: { file: observation.systemPath, subject: leaf.subject || '(empty subject)', validityDays: verdict.validityDays, limitDays: verdict.limitDays },
      evidence: { notBefore: verdict.notBefore, notAfter: verdict.notAfter, validityDays: verdict.validityDays, limitDays: verdict.limitDays, subject: leaf.subject },
    }];
  },
};
