import type { EndpointRule } from './rule.js';

export const tlsLegacyProtocol: EndpointRule = {
  id: 'tls-legacy-protocol',
  checkEndpoint(observation) {
    if (!observation.tls || observation.dockerApi === 'not-docker') return [];
    const accepted = observation.tls.legacyProtocols.filter((probe) => probe.outcome === 'accepted').map((probe) => probe.protocol);
    if (accepted.length === 0) return [];
    return [{
      messageId: 'legacy-accepted',
      data: { target: observation.target, protocols: accepted.join(' and ') },
      evidence: { acceptedProtocols: accepted },
    }];
  },
};
