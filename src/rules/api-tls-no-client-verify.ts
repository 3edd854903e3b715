import { attemptOutcome } from '../rule-support/applicability.js';
import type { EndpointRule } from './rule.js';

export const apiTlsNoClientVerify: EndpointRule = {
  id: 'api-tls-no-client-verify',
  checkEndpoint(observation) {
    if (attemptOutcome(observation, 'tls-no-client-cert') !== 'api-access') return [];
    return [{
      // Not "--tls without --tlsverify": since dockerd 20.10, --tls with a CA verifies clients unless verification is turned off explicitly.
      message: `${observation.target} serves the Docker API over TLS to a client with no certificate: client verification is off, which dockerd does with --tlsverify=false (or "tlsverify": false in daemon.json), not with --tls alone, so anyone who reaches it is root.`,
      evidence: { request: 'GET /_ping over TLS, no client certificate', tlsProtocol: observation.tls?.protocol ?? null },
    }];
  },
};
