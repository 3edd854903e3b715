import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { malformedEntry, mtlsEndpoint, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-no-server-auth-eku: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'serverAuth', observation: mtlsEndpoint() },
  { name: 'both usages (CoreOS guide)', observation: withLeaf({ extendedKeyUsage: ['serverAuth', 'clientAuth'] }) },
  { name: 'no EKU extension', observation: withLeaf({ extendedKeyUsage: null }) },
  { name: 'an empty (malformed) EKU: unknown, not "any purpose"; tls-cert-malformed-extension speaks', observation: withLeaf({ extendedKeyUsage: null, malformedExtensions: [malformedEntry()] }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'clientAuth only', observation: withLeaf({ extendedKeyUsage: ['clientAuth'] }), errors: [{ messageId: 'no-server-auth' }] },
];
