import { trustsSystemStoreForClients } from '../network/client-ca-fallback.js';
import { waysInDecision } from '../rule-support/ways-in-decision.js';
import type { EndpointRule } from './rule.js';

/**
 * The endpoint demands a client certificate, yet its CertificateRequest names no CA: Go's TLS
 * server (dockerd with tlsverify and no tlscacert) sends an empty list when it has no client CA
 * pool and verifies against the system trust store instead. Seen from outside, in the clear.
 */
export const apiTlsClientCaSystemStore: EndpointRule = {
  id: 'api-tls-client-ca-system-store',
  checkEndpoint(observation) {
    if (!trustsSystemStoreForClients(observation)) return [];
    return [{
      messageId: 'system-store',
      data: { target: observation.target },
      evidence: { request: 'TLS 1.2 ClientHello, read up to ServerHelloDone', clientCaNames: [], acceptsClientCertificatesFrom: 'any CA in the system trust store' },
    }];
  },
  decides: waysInDecision,
};
