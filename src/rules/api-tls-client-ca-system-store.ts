import { trustsSystemStoreForClients } from '../network/client-ca-fallback.js';
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
      message: `${observation.target} requires a client certificate but names no CA it accepts them from (TLS 1.2 CertificateRequest: "No client certificate CA names sent"): it accepts client certificates from any CA in its system trust store. dockerd does this with tlsverify and no tlscacert; anyone with a client certificate from a CA the host trusts, a public CA included, gets root.`,
      evidence: { request: 'TLS 1.2 ClientHello, read up to ServerHelloDone', clientCaNames: [], acceptsClientCertificatesFrom: 'any CA in the system trust store' },
    }];
  },
};
