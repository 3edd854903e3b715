import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-experimental: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'experimental off', observation: mtlsEndpoint({ info: infoFacts({ experimentalBuild: false }) }) },
  { name: 'ExperimentalBuild not sent', observation: mtlsEndpoint({ info: infoFacts({ experimentalBuild: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'experimental on', observation: mtlsEndpoint({ info: infoFacts({ experimentalBuild: true }) }), errors: [{ messageId: 'experimental' }] },
];
