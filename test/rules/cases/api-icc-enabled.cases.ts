import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-icc-enabled: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'icc off on the default bridge', observation: mtlsEndpoint({ info: infoFacts({ defaultBridgeIcc: false }) }) },
  { name: 'no default bridge, or its answer unread', observation: mtlsEndpoint({ info: infoFacts({ defaultBridgeIcc: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'icc on the default bridge', observation: mtlsEndpoint({ info: infoFacts({ defaultBridgeIcc: true }) }), errors: [{ messageId: 'icc-on' }] },
];
