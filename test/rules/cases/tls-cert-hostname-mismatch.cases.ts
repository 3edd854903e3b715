import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { malformedEntry, mtlsEndpoint, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-hostname-mismatch: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'IP SAN matches', observation: mtlsEndpoint() },
  { name: 'wildcard DNS SAN matches', observation: { ...withLeaf({ sanDns: ['*.example.org'], sanIp: [] }), host: 'docker1.example.org' } },
  { name: 'IPv6 SAN written long', observation: { ...withLeaf({ sanIp: ['0:0:0:0:0:0:0:1'] }), host: '::1' } },
  { name: 'leaf whose subjectAltName does not decode: names unknown, not none; tls-cert-refused-by-go speaks', observation: withLeaf({ sanDns: [], sanIp: [], malformedExtensions: [malformedEntry('subjectAltName')] }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'no IP SAN for the scanned IP', observation: withLeaf({ sanIp: [], sanDns: ['docker.local'] }), errors: [{ messageId: 'host-not-named' }] },
  { name: 'CN only, no SAN', observation: withLeaf({ subject: 'CN=127.0.0.1', sanIp: [], sanDns: [], hasSan: false }), errors: [{ messageId: 'host-not-named' }] },
  { name: 'wildcard covers one label only', observation: { ...withLeaf({ sanDns: ['*.example.org'], sanIp: [] }), host: 'a.b.example.org' }, errors: [{ messageId: 'host-not-named' }] },
];
