import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-no-authz-plugin: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'plugin listed', observation: mtlsEndpoint() },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'no plugin listed', observation: mtlsEndpoint({ info: infoFacts({ authorizationPlugins: [] }) }), errors: [{ messageId: 'no-plugin' }] },
];
