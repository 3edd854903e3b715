import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { attempts, mtlsEndpoint, plainEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-port-mismatch: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'TLS API on 2376', observation: mtlsEndpoint() },
  { name: 'plain API on 2375', observation: plainEndpoint() },
  { name: 'plain non-Docker HTTP on 2376', observation: plainEndpoint({ port: 2376, dockerApi: 'not-docker', attempts: attempts({ plaintext: 'not-docker' }) }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'TLS API on 2375', observation: mtlsEndpoint({ port: 2375, target: '127.0.0.1:2375' }), errors: [{ messageId: 'tls-on-plain-port' }] },
  { name: 'plain API on 2376', observation: plainEndpoint({ port: 2376, target: '127.0.0.1:2376' }), errors: [{ messageId: 'plain-on-tls-port' }] },
];
