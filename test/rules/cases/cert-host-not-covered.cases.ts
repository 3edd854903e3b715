import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, serverCert, serverCertFacts } from '../../support/file-observation-builder.js';
import { malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-host-not-covered: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'every host covered', observation: serverCert(), hosts: ['127.0.0.1'] },
  { name: 'no --host given', observation: serverCert() },
  { name: 'client certificates are not judged by host', observation: clientCert(), hosts: ['10.9.9.9'] },
  { name: 'server certificate whose subjectAltName does not decode: cert-refused-by-go speaks', observation: serverCert({ certificates: [serverCertFacts({ sanDns: [], sanIp: [], malformedExtensions: [malformedEntry('subjectAltName')] })] }), hosts: ['docker.example.com'] },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: '--host not among the SANs', observation: serverCert(), hosts: ['10.9.9.9'], errors: [{ messageId: 'host-not-covered' }] },
  { name: 'one covered, one not: one finding naming the missing one', observation: serverCert(), hosts: ['127.0.0.1', 'other.example.org'], errors: [{ messageId: 'host-not-covered' }] },
];
