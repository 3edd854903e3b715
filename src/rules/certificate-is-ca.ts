import { serverLeaf } from '../rule-support/applicability.js';
import { checkLeafIsCa } from '../rule-support/certificate-checks.js';
import { leafOf, ROLE_WORDS } from '../rule-support/file-checks.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultEndpointDecision, defaultFileDecision } from '../rule-engine/default-decision.js';
import type { EndpointRule, FileRule } from './rule.js';

/** One check, two places: the leaf a live endpoint serves, and a server or client certificate file. */

export const tlsCertIsCa: EndpointRule = {
  id: 'tls-cert-is-ca',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    // A malformed basicConstraints reads as isCA false, which is no verdict: tls-cert-malformed-extension or tls-cert-refused-by-go speaks.
    const verdict = leaf && !malformedExtension(leaf, 'basicConstraints') && checkLeafIsCa(leaf);
    if (!leaf || !verdict) return [];
    return [{
      messageId: 'leaf-is-ca',
      data: { target: observation.target },
      evidence: { subject: leaf.subject, basicConstraintsCA: verdict.basicConstraintsCA },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(serverLeaf(observation), 'basicConstraints', () => defaultEndpointDecision(observation)),
};

/** Role-bound: only a file known to be a server or client certificate should not be a CA. */
export const certIsCa: FileRule = {
  id: 'cert-is-ca',
  needsRoleOf: ['certificate'],
  checkFile(observation) {
    const leaf = leafOf(observation, 'server-cert', 'client-cert');
    const verdict = leaf && !malformedExtension(leaf, 'basicConstraints') && checkLeafIsCa(leaf);
    if (!leaf || !verdict) return [];
    return [{
      messageId: 'leaf-is-ca',
      data: { file: observation.systemPath, role: ROLE_WORDS[observation.role] },
      evidence: { subject: leaf.subject, basicConstraintsCA: verdict.basicConstraintsCA, role: observation.role },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(leafOf(observation, 'server-cert', 'client-cert'), 'basicConstraints', () => defaultFileDecision(observation)),
};
