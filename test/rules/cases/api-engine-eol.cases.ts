import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-engine-eol: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'current engine', observation: mtlsEndpoint() },
  { name: 'exactly the minimum', observation: mtlsEndpoint({ docker: { version: '25.0.0', apiVersion: '1.44', gitCommit: 'x' } }) },
  { name: 'version not readable', observation: mtlsEndpoint({ docker: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'Debian 20.10', observation: mtlsEndpoint({ docker: { version: '20.10.24+dfsg1', apiVersion: '1.41', gitCommit: '5d6db84' } }), errors: [{ messageId: 'outdated' }] },
  { name: 'old -ce version', observation: mtlsEndpoint({ docker: { version: '17.06.2-ce', apiVersion: '1.30', gitCommit: 'cec0b72' } }), errors: [{ messageId: 'outdated' }] },
  { name: 'version raised by parameter', observation: mtlsEndpoint(), params: { minimumVersion: '29.0' }, errors: [{ messageId: 'outdated' }] },
];
