import type { FileObservation } from '../../../src/files/file-observation.js';
import { clientCert, clientCertFacts, daemonCa, serverCert, serverCertFacts, unknownFile } from '../../support/file-observation-builder.js';
import { caFacts, malformedEntry } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** cert-refused-by-go: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<FileObservation>[] = [
  { name: 'RSA 2048 server certificate, well-formed extensions', observation: serverCert() },
  { name: 'EC P-256 CA', observation: daemonCa({ certificates: [caFacts({ publicKeyType: 'ec', publicKeyBits: 256, publicKeyCurve: 'named', publicKeyCurveName: 'prime256v1' })] }) },
  { name: 'an empty extendedKeyUsage, which Go takes (cert-malformed-extension speaks)', observation: clientCert({ certificates: [clientCertFacts({ extendedKeyUsage: null, malformedExtensions: [malformedEntry()] })] }) },
];

export const invalid: InvalidCase<FileObservation>[] = [
  { name: 'server certificate with a 5-byte IP address in its subjectAltName', observation: serverCert({ certificates: [serverCertFacts({ sanIp: [], malformedExtensions: [malformedEntry('subjectAltName', { problem: 'x509: cannot parse IP address of length 5' })] })] }), errors: [{ messageId: 'extension-refused' }] },
  { name: 'client certificate with a basicConstraints that is not a SEQUENCE', observation: clientCert({ certificates: [clientCertFacts({ malformedExtensions: [malformedEntry('basicConstraints', { problem: 'basicConstraints: expected sequence, found INTEGER' })] })] }), errors: [{ messageId: 'extension-refused' }] },
  { name: 'CA with explicit curve parameters: drops out of Go\'s CA pool', observation: daemonCa({ certificates: [caFacts({ publicKeyType: 'ec', publicKeyBits: 256, publicKeyCurve: 'explicit', goRefusesKey: 'explicit-curve' })] }), errors: [{ messageId: 'key-refused' }] },
  { name: 'a CA bundle whose second certificate has a DSA key', observation: daemonCa({ certificates: [caFacts(), caFacts({ subject: 'CN=old CA', publicKeyType: 'dsa', goRefusesKey: 'unsupported-key-type' })] }), errors: [{ messageId: 'key-refused' }] },
  { name: 'a file of unknown role with an RSA-PSS key: not role-bound', observation: unknownFile({ certificates: [clientCertFacts({ publicKeyType: 'rsa-pss', goRefusesKey: 'unsupported-key-type' })] }), errors: [{ messageId: 'key-refused' }] },
];
