import { leafOf } from '../rule-support/file-checks.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultFileDecision } from '../rule-engine/default-decision.js';
import type { FileRule } from './rule.js';

/** Go (the docker CLI) ignores the Common Name since 1.15: a server certificate names its host in SANs or not at all. */
export const certNoSan: FileRule = {
  id: 'cert-no-san',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert');
    // A malformed subjectAltName has names nobody can read, not none: cert-malformed-extension or cert-refused-by-go speaks.
    if (!leaf || leaf.sanDns.length > 0 || leaf.sanIp.length > 0 || malformedExtension(leaf, 'subjectAltName')) return [];
    return [{
      messageId: leaf.hasSan ? 'san-without-names' : 'no-san',
      data: { file: observation.systemPath, subject: leaf.subject || '(empty subject)' },
      evidence: { subject: leaf.subject, hasSan: leaf.hasSan },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(leafOf(observation, 'server-cert'), 'subjectAltName', () => defaultFileDecision(observation)),
};
