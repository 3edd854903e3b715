import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, DAEMON_DIR, keyFacts, serverCert, serverKey } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-key-mismatch: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'pair matches', observation: serverCert() },
  { name: 'no key to pair with', observation: serverCert({ pairedWith: null, pairMatches: null }) },
  { name: 'encrypted key (cannot tell)', observation: clientCert({ pairMatches: null }) },
  { name: 'the key side of a mismatch (reported once, on the certificate)', observation: serverKey({ pairMatches: false }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate and a key that is not its own', observation: serverCert({ pairMatches: false }), errors: [{ messageId: 'key-mismatch' }] },
  { name: 'client certificate paired by name with the wrong key', observation: clientCert({ pairMatches: false }), errors: [{ messageId: 'key-mismatch' }] },
  { name: 'certificate and a foreign key in one file', observation: serverCert({ kind: 'private-key', key: keyFacts(), pairedWith: `${DAEMON_DIR}/server-cert.pem`, pairMatches: false }), errors: [{ messageId: 'key-mismatch' }] },
];
