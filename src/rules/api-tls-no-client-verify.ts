import { attemptOutcome } from './applicability.js';
import type { EndpointRule } from './rule.js';

export const apiTlsNoClientVerify: EndpointRule = {
  id: 'api-tls-no-client-verify',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'tls-no-client-cert') !== 'api-access') return [];
    return [{
      message: `${observation.target} serves the Docker API over TLS to a client with no certificate: the daemon runs --tls without --tlsverify, so anyone who reaches it is root.`,
      evidence: { request: 'GET /_ping over TLS, no client certificate', tlsProtocol: observation.tls?.protocol ?? null },
    }];
  },
};
