import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, clientCertFacts, daemonCa, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts, malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-is-ca: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'server certificate with CA:FALSE', observation: serverCert() },
  { name: 'bundle: leaf CA:FALSE, intermediate CA:TRUE', observation: serverCert({ certificates: [serverCertFacts(), caFacts({ subject: 'CN=intermediate', selfSigned: false })] }) },
  { name: 'ca.pem is a CA', observation: daemonCa() },
  { name: 'CA certificate of unknown role (role-bound rule)', observation: unknownFile({ certificates: [caFacts()] }) },
  { name: 'client certificate whose basicConstraints does not decode: no verdict; cert-refused-by-go speaks', observation: clientCert({ certificates: [clientCertFacts({ isCA: false, malformedExtensions: [malformedEntry('basicConstraints')] })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate with CA:TRUE', observation: serverCert({ certificates: [serverCertFacts({ isCA: true })] }), errors: [{ messageId: 'leaf-is-ca' }] },
  { name: 'client certificate with CA:TRUE', observation: clientCert({ certificates: [clientCertFacts({ isCA: true })] }), errors: [{ messageId: 'leaf-is-ca' }] },
];
