import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, keyFacts, serverCert, serverKey } from '../../support/file-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-not-signed-by-ca: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'chains to its CA', observation: serverCert() },
  { name: 'no CA found (not checked, not failed)', observation: serverCert({ caPath: null, chainVerified: null }) },
  { name: 'a key file has no chain', observation: serverKey({ chainVerified: false }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate signed by another CA', observation: serverCert({ chainVerified: false, chainError: 'unable to get local issuer certificate' }), errors: [{ messageId: 'not-signed-by-ca' }] },
  { name: 'self-signed client certificate beside ca.pem', observation: clientCert({ chainVerified: false, chainError: 'self-signed certificate' }), errors: [{ messageId: 'not-signed-by-ca' }] },
  {
    name: 'a CA on the path may not issue for its name (name constraints, as Go judges them)',
    observation: serverCert({ chainVerified: false, chainError: 'name-not-permitted: DNS name "docker.example" is not permitted by any constraint', chainFailure: { reason: 'name-not-permitted', subject: 'CN=Docker CA', detail: 'DNS name "docker.example" is not permitted by any constraint', presentedIndex: null } }),
    errors: [{ messageId: 'not-signed-by-ca' }],
  },
  { name: 'no reason given is still a failure', observation: serverCert({ chainVerified: false, chainError: null }), errors: [{ messageId: 'not-signed-by-ca' }] },
  { name: 'certificate and key in one file, chain broken', observation: serverCert({ kind: 'private-key', key: keyFacts(), chainVerified: false, chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), errors: [{ messageId: 'not-signed-by-ca' }] },
];
