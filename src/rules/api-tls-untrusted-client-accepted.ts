import { attemptOutcome } from '../rule-support/applicability.js';
import type { EndpointRule } from './rule.js';

export const apiTlsUntrustedClientAccepted: EndpointRule = {
  id: 'api-tls-untrusted-client-accepted',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'tls-untrusted-client-cert') !== 'api-access') return [];
    return [{
      message: `${observation.target} served the Docker API to a client certificate from a CA made up for this scan: any self-signed certificate gets root here.`,
      evidence: { request: 'GET /_ping over TLS with a throwaway client certificate', tlsProtocol: observation.tls?.protocol ?? null },
    }];
  },
};
