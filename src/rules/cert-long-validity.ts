import { checkLongValidity } from '../rule-support/certificate-checks.js';
import { leafOf } from '../rule-support/file-checks.js';
import type { FileRule } from './rule.js';

/** Leaves only: a CA certificate outliving its leaves is normal, and a role-less file may be one. */
export const certLongValidity: FileRule = {
  id: 'cert-long-validity',
  needsRoleOf: ['certificate'],
  checkFile(observation, { params }) {
    const leaf = leafOf(observation, 'server-cert', 'client-cert');
    const verdict = leaf && checkLongValidity(leaf, Number(params.days));
    if (!leaf || !verdict) return [];
    return [{
      message: `${observation.systemPath}: certificate ${leaf.subject || '(empty subject)'} is valid for ${verdict.validityDays} days, longer than ${verdict.limitDays}. Reissue it for a year or less (\`openssl x509 -req -days 365 ...\`) and automate the renewal.`,
      evidence: { notBefore: verdict.notBefore, notAfter: verdict.notAfter, validityDays: verdict.validityDays, limitDays: verdict.limitDays, subject: leaf.subject },
    }];
  },
};
