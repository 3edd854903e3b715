import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, clientCertFacts, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-no-san: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'server certificate with DNS and IP SANs', observation: serverCert() },
  { name: 'server certificate with an IP SAN only', observation: serverCert({ certificates: [serverCertFacts({ sanDns: [] })] }) },
  { name: 'client certificate without SAN (the guide makes them so)', observation: clientCert() },
  { name: 'unknown role without SAN', observation: unknownFile({ certificates: [clientCertFacts()] }) },
  { name: 'server certificate whose subjectAltName does not decode: names unknown, not none; cert-refused-by-go speaks', observation: serverCert({ certificates: [serverCertFacts({ sanDns: [], sanIp: [], hasSan: true, malformedExtensions: [malformedEntry('subjectAltName')] })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'CN-only server certificate', observation: serverCert({ certificates: [serverCertFacts({ subject: 'CN=docker.example.org', sanDns: [], sanIp: [], hasSan: false })] }), errors: [{ messageId: 'no-san' }] },
  { name: 'SAN extension with an email only', observation: serverCert({ certificates: [serverCertFacts({ sanDns: [], sanIp: [], hasSan: true })] }), errors: [{ messageId: 'san-without-names' }] },
];
