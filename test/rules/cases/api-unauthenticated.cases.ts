import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { attempts, mtlsEndpoint, plainEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-unauthenticated: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'mTLS daemon', observation: mtlsEndpoint() },
  { name: 'plain HTTP answered 403 (proxy)', observation: plainEndpoint({ attempts: attempts({ plaintext: 'refused' }), dockerApi: 'unconfirmed' }) },
  { name: 'plain HTTP that is not Docker', observation: plainEndpoint({ attempts: attempts({ plaintext: 'not-docker' }), dockerApi: 'not-docker' }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'plain HTTP API access', observation: plainEndpoint(), errors: [{ messageId: 'plain-http-access' }] },
];
