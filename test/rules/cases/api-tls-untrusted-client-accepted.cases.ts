import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { attempts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-tls-untrusted-client-accepted: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'throwaway CA refused', observation: mtlsEndpoint() },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'throwaway CA accepted', observation: mtlsEndpoint({ attempts: attempts({ 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'api-access' }) }), errors: [{ messageId: 'untrusted-client-accepted' }] },
];
