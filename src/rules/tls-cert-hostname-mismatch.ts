import { certificateCoversHost } from '../tls/san-match.js';
import { serverLeaf } from '../rule-support/applicability.js';
import type { EndpointRule } from './rule.js';

export const tlsCertHostnameMismatch: EndpointRule = {
  id: 'tls-cert-hostname-mismatch',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    if (!leaf || certificateCoversHost(leaf, observation.host)) return [];
    const names = [...leaf.sanDns.map((n) => `DNS:${n}`), ...leaf.sanIp.map((ip) => `IP:${ip}`)];
    const sans = names.length ? names.join(', ') : 'no subjectAltName at all';
    return [{
      messageId: 'host-not-named',
      data: { target: observation.target, host: observation.host, sans },
      evidence: { scannedHost: observation.host, subjectAltNames: names, subject: leaf.subject },
    }];
  },
};
