import { attemptOutcome } from '../rule-support/applicability.js';
import { waysInDecision } from '../rule-support/ways-in-decision.js';
import type { EndpointRule } from './rule.js';

export const apiTlsNoClientVerify: EndpointRule = {
  id: 'api-tls-no-client-verify',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'tls-no-client-cert') !== 'api-access') return [];
    return [{
      // Not "--tls without --tlsverify": since dockerd 20.10, --tls with a CA verifies clients unless verification is turned off explicitly.
      messageId: 'no-client-verify',
      data: { target: observation.target },
      evidence: { request: 'GET /_ping over TLS, no client certificate', tlsProtocol: observation.tls?.protocol ?? null },
    }];
  },
  decides: waysInDecision,
};
