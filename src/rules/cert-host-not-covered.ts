import { certificateCoversHost } from '../tls/san-match.js';
import { leafOf } from '../rule-support/file-checks.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultFileDecision } from '../rule-engine/default-decision.js';
import type { FileRule } from './rule.js';

/**
 * The names and addresses clients will use (`files --host`, or the listeners a daemon's config
 * declares) must each be in the server certificate's SANs, matched as Go does: the same check
 * as tls-cert-hostname-mismatch on a live endpoint.
 */
export const certHostNotCovered: FileRule = {
  id: 'cert-host-not-covered',
  needsRoleOf: ['certificate'],
  checkFile(observation, { expectedHosts = [] }) {
    const leaf = leafOf(observation, 'server-cert');
    if (!leaf || expectedHosts.length === 0 || malformedExtension(leaf, 'subjectAltName')) return [];
    const uncovered = expectedHosts.filter((host) => !certificateCoversHost(leaf, host));
    if (uncovered.length === 0) return [];
    const sans = [...leaf.sanDns.map((name) => `DNS:${name}`), ...leaf.sanIp.map((ip) => `IP:${ip}`)];
    return [{
      messageId: 'host-not-covered',
      data: { file: observation.systemPath, uncovered: uncovered.join(', '), sans: sans.join(', ') || 'none' },
      evidence: { uncovered, subjectAltNames: sans },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(leafOf(observation, 'server-cert'), 'subjectAltName', () => defaultFileDecision(observation)),
};
