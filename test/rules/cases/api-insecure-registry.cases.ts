import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-insecure-registry: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'no insecure registry', observation: mtlsEndpoint({ info: infoFacts({ insecureRegistries: [] }) }) },
  { name: 'RegistryConfig not sent', observation: mtlsEndpoint({ info: infoFacts({ insecureRegistries: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'one registry', observation: mtlsEndpoint({ info: infoFacts({ insecureRegistries: ['registry.internal:5000'] }) }), errors: [{ messageId: 'insecure-registry' }] },
  {
    name: 'one finding per entry, CIDRs too',
    observation: mtlsEndpoint({ info: infoFacts({ insecureRegistries: ['10.0.0.0/8', 'registry.internal:5000'] }) }),
    errors: [{ messageId: 'insecure-registry' }, { messageId: 'insecure-registry' }],
  },
];
