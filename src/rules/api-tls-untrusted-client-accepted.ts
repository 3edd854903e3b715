import { attemptOutcome } from '../rule-support/applicability.js';
import { waysInDecision } from '../rule-support/ways-in-decision.js';
import type { EndpointRule } from './rule.js';

export const apiTlsUntrustedClientAccepted: EndpointRule = {
  id: 'api-tls-untrusted-client-accepted',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'tls-untrusted-client-cert') !== 'api-access') return [];
    return [{
      messageId: 'untrusted-client-accepted',
      data: { target: observation.target },
      evidence: { request: 'GET /_ping over TLS with a throwaway client certificate', tlsProtocol: observation.tls?.protocol ?? null },
    }];
  },
  decides: waysInDecision,
};
