import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-debug-logging: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'Debug false', observation: mtlsEndpoint({ info: infoFacts({ debug: false }) }) },
  { name: 'Debug not sent', observation: mtlsEndpoint({ info: infoFacts({ debug: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'Debug true', observation: mtlsEndpoint({ info: infoFacts({ debug: true }) }), errors: [{ messageId: 'debug-on' }] },
];
