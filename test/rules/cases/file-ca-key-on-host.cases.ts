import type { FileObservation } from '../../../src/files/file-observation.js';
import { caKey, keyFacts, serverKey, unknownFile } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** file-ca-key-on-host: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'CA key alone in its own directory', observation: caKey({ path: '/root/ca/ca-key.pem', besideServerCert: false, besideClientCert: false }) },
  { name: 'server key beside the server certificate', observation: serverKey() },
  { name: 'a certificate named ca-key.pem is not a key', observation: unknownFile({ path: '/srv/pki/ca-key.pem', besideServerCert: true }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'ca-key.pem beside the server certificate (Docker guide, daemon host)', observation: caKey(), errors: [{ messageId: 'ca-key-on-host' }] },
  { name: 'CA key beside a client certificate', observation: caKey({ path: '/home/alice/.docker/ca-key.pem', besideServerCert: false, besideClientCert: true }), errors: [{ messageId: 'ca-key-on-host' }] },
  { name: 'private key named ca-key.pem with no role', observation: unknownFile({ path: '/srv/pki/ca-key.pem', kind: 'private-key', certificates: [], key: keyFacts(), besideServerCert: true }), errors: [{ messageId: 'ca-key-on-host' }] },
  { name: 'encrypted CA key beside certificates', observation: caKey({ key: keyFacts({ encrypted: true, type: null, bits: null }) }), errors: [{ messageId: 'encrypted-ca-key-on-host' }] },
];
