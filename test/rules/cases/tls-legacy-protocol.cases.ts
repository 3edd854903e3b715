import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { mtlsEndpoint, tlsFacts } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-legacy-protocol: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'both refused', observation: mtlsEndpoint() },
  {
    name: 'probe errored (not a pass, not a finding)',
    observation: mtlsEndpoint({ tls: tlsFacts({ legacyProtocols: [{ protocol: 'TLSv1', outcome: 'error', detail: 'timeout' }] }) }),
  },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  {
    name: 'TLS 1.0 accepted',
    observation: mtlsEndpoint({ tls: tlsFacts({ legacyProtocols: [{ protocol: 'TLSv1', outcome: 'accepted', detail: '' }, { protocol: 'TLSv1.1', outcome: 'refused', detail: '' }] }) }),
    errors: [{ messageId: 'legacy-accepted' }],
  },
];
