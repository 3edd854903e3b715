import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-aufs-storage: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'overlay2', observation: mtlsEndpoint({ info: infoFacts({ driver: 'overlay2' }) }) },
  { name: 'fuse-overlayfs is not aufs', observation: mtlsEndpoint({ info: infoFacts({ driver: 'fuse-overlayfs' }) }) },
  { name: 'Driver not sent', observation: mtlsEndpoint({ info: infoFacts({ driver: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'aufs', observation: mtlsEndpoint({ info: infoFacts({ driver: 'aufs' }) }), errors: [{ messageId: 'aufs' }] },
];
