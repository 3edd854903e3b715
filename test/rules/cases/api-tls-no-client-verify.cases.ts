import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { attempts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-tls-no-client-verify: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'client certificate required', observation: mtlsEndpoint() },
  { name: 'no-cert attempt timed out', observation: mtlsEndpoint({ attempts: attempts({ 'tls-no-client-cert': 'error' }) }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: '--tls without --tlsverify', observation: mtlsEndpoint({ attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'api-access' }) }), errors: [{ messageId: 'no-client-verify' }] },
];
