import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { attempts, mtlsEndpoint, tlsFacts } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-tls-client-ca-system-store: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'names its CA', observation: mtlsEndpoint() },
  { name: 'asks for no certificate', observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'not-requested' } }) }) },
  { name: 'TLS 1.3 only: the request was not seen', observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'no-tls12', detail: 'protocol_version' } }) }) },
  { name: 'the hello timed out', observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'error', detail: 'timeout' } }) }) },
  {
    name: 'no CA named but a certificate is optional: anyone gets in (api-tls-no-client-verify says so)',
    observation: mtlsEndpoint({ attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'api-access' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
  },
  {
    name: 'our throwaway certificate got in: api-tls-untrusted-client-accepted says more',
    observation: mtlsEndpoint({ attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'api-access' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
  },
  {
    name: 'no-cert attempt timed out: not known to be required',
    observation: mtlsEndpoint({ attempts: attempts({ 'tls-no-client-cert': 'error' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
  },
  {
    name: 'not the Docker API',
    observation: mtlsEndpoint({ dockerApi: 'not-docker', tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
  },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  {
    name: 'client certificate required, no CA named (dockerd with tlsverify, no tlscacert)',
    observation: mtlsEndpoint({ tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
    errors: [{ messageId: 'system-store' }],
  },
  {
    name: 'no CA named, and we have no certificate of our own: still required, still the system store',
    observation: mtlsEndpoint({ dockerApi: 'unconfirmed', docker: null, info: null, attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'refused' }), tls: tlsFacts({ clientCertificateRequest: { kind: 'requested', caNames: [] } }) }),
    errors: [{ messageId: 'system-store' }],
  },
];
