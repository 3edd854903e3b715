import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCertFacts, daemonCa, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts, malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-malformed-extension: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

const emptyEku = { extendedKeyUsage: null, malformedExtensions: [malformedEntry()] };

export const valid: ValidCase<FileObservation>[] = [
  { name: 'every extension well-formed', observation: serverCert() },
  { name: 'a malformed extension Go refuses (cert-refused-by-go speaks)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: null, malformedExtensions: [malformedEntry('extendedKeyUsage', { goRefuses: true, problem: 'empty OBJECT IDENTIFIER' })] })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate with an empty extendedKeyUsage', observation: serverCert({ certificates: [serverCertFacts(emptyEku)] }), errors: [{ messageId: 'malformed-extension' }] },
  { name: 'a file of unknown role: not role-bound', observation: unknownFile({ certificates: [clientCertFacts(emptyEku)] }), errors: [{ messageId: 'malformed-extension' }] },
  {
    name: 'a CA bundle whose second certificate has trailing bytes after its basicConstraints',
    observation: daemonCa({ certificates: [caFacts(), caFacts({ subject: 'CN=old CA', malformedExtensions: [malformedEntry('basicConstraints', { goRefuses: false, problem: '2 trailing bytes after element' })] })] }),
    errors: [{ messageId: 'malformed-extension' }],
  },
];
