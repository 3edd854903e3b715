import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-live-restore-off: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'live restore on', observation: mtlsEndpoint({ info: infoFacts({ liveRestoreEnabled: true }) }) },
  { name: 'LiveRestoreEnabled not sent', observation: mtlsEndpoint({ info: infoFacts({ liveRestoreEnabled: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'live restore off', observation: mtlsEndpoint({ info: infoFacts({ liveRestoreEnabled: false }) }), errors: [{ messageId: 'live-restore-off' }] },
];
