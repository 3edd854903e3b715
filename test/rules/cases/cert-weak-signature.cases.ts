import type { FileObservation } from '../../../src/files/file-observation.js';
import { daemonCa, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-weak-signature: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'SHA-256 certificate', observation: serverCert() },
  { name: 'SHA-1 self-signed CA (its own signature is never checked)', observation: daemonCa({ certificates: [caFacts({ signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' })] }) },
  { name: 'ed25519 signature (no hash)', observation: serverCert({ certificates: [serverCertFacts({ signatureAlgorithm: 'ED25519', signatureHash: null })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'SHA-1 server certificate', observation: serverCert({ certificates: [serverCertFacts({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' })] }), errors: [{ messageId: 'weak-signature' }] },
  { name: 'MD5 intermediate in a bundle of unknown role', observation: unknownFile({ certificates: [serverCertFacts(), caFacts({ subject: 'CN=intermediate', selfSigned: false, signatureHash: 'md5', signatureAlgorithm: 'md5WithRSAEncryption' })] }), errors: [{ messageId: 'weak-signature' }] },
];
