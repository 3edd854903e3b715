import type { FileObservation } from '../../../src/files/file-observation.js';
import { caKey, clientCert, clientCertFacts, keyFacts, serverCert, serverCertFacts, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-weak-key: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'RSA 1024 key whose certificate reports it', observation: serverKey({ key: keyFacts({ bits: 1024 }) }) },
  { name: 'RSA 2048 certificate', observation: serverCert() },
  { name: 'EC 256 certificate', observation: serverCert({ certificates: [serverCertFacts({ publicKeyType: 'ec', publicKeyBits: 256 })] }) },
  { name: 'ed25519 key', observation: caKey({ key: keyFacts({ type: 'ed25519', bits: null }) }) },
  { name: 'encrypted key (size unknown, not guessed)', observation: caKey({ key: keyFacts({ encrypted: true, type: null, bits: null }) }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'RSA 1024 server certificate', observation: serverCert({ certificates: [serverCertFacts({ publicKeyBits: 1024 })] }), errors: [{ messageId: 'weak-certificate-key' }] },
  { name: 'DSA CA certificate of unknown role', observation: unknownFile({ certificates: [caFacts({ publicKeyType: 'dsa', publicKeyBits: 2048 })] }), errors: [{ messageId: 'weak-certificate-key' }] },
  { name: 'EC 224 client certificate', observation: clientCert({ certificates: [clientCertFacts({ publicKeyType: 'ec', publicKeyBits: 224 })] }), errors: [{ messageId: 'weak-certificate-key' }] },
  { name: 'RSA 1024 key with no certificate to pair', observation: caKey({ key: keyFacts({ bits: 1024 }) }), errors: [{ messageId: 'weak-key-file' }] },
  { name: 'RSA 1024 key paired with a certificate of another key', observation: serverKey({ key: keyFacts({ bits: 1024 }), pairMatches: false }), errors: [{ messageId: 'weak-key-file' }] },
];
