import type { FileObservation } from '../../../src/files/file-observation.js';
import { DAEMON_DIR, leftover, serverCert } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** file-leftover-csr: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'CSR in a directory without keys', observation: leftover('csr', { besidePrivateKey: false }) },
  { name: 'a certificate beside the keys', observation: serverCert() },
  { name: 'some other file beside the keys', observation: leftover('csr', { kind: 'other', path: `${DAEMON_DIR}/README` }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server.csr beside the keys', observation: leftover('csr'), errors: [{ messageId: 'csr' }] },
  { name: 'extfile.cnf beside the keys', observation: leftover('openssl-config'), errors: [{ messageId: 'openssl-config' }] },
  { name: 'ca.srl beside the keys', observation: leftover('serial'), errors: [{ messageId: 'serial' }] },
];
