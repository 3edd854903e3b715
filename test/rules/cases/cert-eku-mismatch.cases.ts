import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, clientCertFacts, keyFacts, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-eku-mismatch: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'server certificate with serverAuth', observation: serverCert() },
  { name: 'client certificate with clientAuth', observation: clientCert() },
  { name: 'server certificate with no EKU extension (any purpose)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: null })] }) },
  { name: 'client certificate with anyExtendedKeyUsage', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['anyExtendedKeyUsage'] })] }) },
  { name: 'both usages (CoreOS guide)', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['serverAuth', 'clientAuth'] })] }) },
  { name: 'unknown role limited to clientAuth (role-bound rule)', observation: unknownFile({ certificates: [clientCertFacts()] }) },
  { name: 'server certificate with an empty (malformed) EKU: unknown, not "any purpose"; cert-malformed-extension speaks', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: null, malformedExtensions: [malformedEntry()] })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate limited to clientAuth', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['clientAuth'] })] }), errors: [{ messageId: 'eku-lacks-purpose' }] },
  { name: 'client certificate limited to serverAuth', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: ['serverAuth'] })] }), errors: [{ messageId: 'eku-lacks-purpose' }] },
  { name: 'server certificate with an EKU of codeSigning only', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: ['codeSigning'] })] }), errors: [{ messageId: 'eku-lacks-purpose' }] },
  { name: 'server certificate with an empty EKU list', observation: serverCert({ certificates: [serverCertFacts({ extendedKeyUsage: [] })] }), errors: [{ messageId: 'eku-lacks-purpose' }] },
  { name: 'server certificate and key in one file, limited to clientAuth', observation: serverCert({ kind: 'private-key', key: keyFacts(), certificates: [serverCertFacts({ extendedKeyUsage: ['clientAuth'] })] }), errors: [{ messageId: 'eku-lacks-purpose' }] },
];
