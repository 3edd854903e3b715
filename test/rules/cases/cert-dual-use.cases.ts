import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, clientCertFacts, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-dual-use: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'server certificate with serverAuth only', observation: serverCert() },
  { name: 'client certificate with clientAuth only', observation: clientCert() },
  { name: 'no EKU extension', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: null })] }) },
  { name: 'unknown role with both usages (role-bound rule)', observation: unknownFile({ certificates: [serverCertFacts({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }) },
  { name: 'client certificate whose EKU does not decode: cert-refused-by-go speaks', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: null, malformedExtensions: [malformedEntry('extendedKeyUsage', { goRefuses: true })] })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate with both usages (CoreOS guide)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }), errors: [{ messageId: 'dual-use' }] },
  { name: 'client certificate with both usages', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['clientAuth', 'serverAuth'] })] }), errors: [{ messageId: 'dual-use' }] },
  { name: 'client certificate with anyExtendedKeyUsage', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['anyExtendedKeyUsage'] })] }), errors: [{ messageId: 'dual-use' }] },
];
