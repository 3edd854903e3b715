import { ekuAllows, type TlsPurpose } from '../rule-support/certificate-checks.js';
import { leafOf, ROLE_WORDS } from '../rule-support/file-checks.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultFileDecision } from '../rule-engine/default-decision.js';
import type { FileRule } from './rule.js';

const PURPOSE: Record<'server-cert' | 'client-cert', TlsPurpose> = { 'server-cert': 'serverAuth', 'client-cert': 'clientAuth' };

export const certEkuMismatch: FileRule = {
  id: 'cert-eku-mismatch',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert', 'client-cert');
    // A malformed extension is not an absent one ("any purpose"): cert-malformed-extension or cert-refused-by-go speaks.
    if (!leaf || malformedExtension(leaf, 'extendedKeyUsage')) return [];
    const purpose = PURPOSE[observation.role as keyof typeof PURPOSE];
    // An absent extension allows every purpose: only a list that leaves this one out is refused.
    if (ekuAllows(leaf, purpose)) return [];
    const usages = leaf.extendedKeyUsage ?? [];
    return [{
      messageId: 'eku-lacks-purpose',
      data: { file: observation.systemPath, role: ROLE_WORDS[observation.role], usages: usages.join(', ') || 'empty', purpose },
      evidence: { subject: leaf.subject, extendedKeyUsage: usages, required: purpose, role: observation.role },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(leafOf(observation, 'server-cert', 'client-cert'), 'extendedKeyUsage', () => defaultFileDecision(observation)),
};
