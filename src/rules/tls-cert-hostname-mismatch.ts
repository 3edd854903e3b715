import { certificateCoversHost } from '../tls/san-match.js';
import { serverLeaf } from '../rule-support/applicability.js';
import { decisionUnlessMalformed, malformedExtension } from '../rule-support/malformed-extension.js';
import { defaultEndpointDecision } from '../rule-engine/default-decision.js';
import type { EndpointRule } from './rule.js';

export const tlsCertHostnameMismatch: EndpointRule = {
  id: 'tls-cert-hostname-mismatch',
  checkEndpoint(observation) {
    const leaf = serverLeaf(observation);
    // A malformed subjectAltName has names nobody can read, not none: tls-cert-malformed-extension or tls-cert-refused-by-go speaks.
    if (!leaf || malformedExtension(leaf, 'subjectAltName') || certificateCoversHost(leaf, observation.host)) return [];
    const names = [...leaf.sanDns.map((n) => `DNS:${n}`), ...leaf.sanIp.map((ip) => `IP:${ip}`)];
    const sans = names.length ? names.join(', ') : 'no subjectAltName at all';
    return [{
      messageId: 'host-not-named',
      data: { target: observation.target, host: observation.host, sans },
      evidence: { scannedHost: observation.host, subjectAltNames: names, subject: leaf.subject },
    }];
  },
  decides: (observation) => decisionUnlessMalformed(serverLeaf(observation), 'subjectAltName', () => defaultEndpointDecision(observation)),
};
