import { certificateCoversHost } from '../tls/san-match.js';
import { leafOf } from '../rule-support/file-checks.js';
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
    if (!leaf || expectedHosts.length === 0) return [];
    const uncovered = expectedHosts.filter((host) => !certificateCoversHost(leaf, host));
    if (uncovered.length === 0) return [];
    const sans = [...leaf.sanDns.map((name) => `DNS:${name}`), ...leaf.sanIp.map((ip) => `IP:${ip}`)];
    return [{
      message: `${observation.systemPath}: the server certificate does not cover ${uncovered.join(', ')} (its SANs: ${sans.join(', ') || 'none'}); clients connecting by that name or address will refuse it. Reissue it with each of them in subjectAltName.`,
      evidence: { uncovered, subjectAltNames: sans },
    }];
  },
};
