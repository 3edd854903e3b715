import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { caFacts, certFacts, malformedEntry, mtlsEndpoint, tlsFacts, withLeaf } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** tls-cert-refused-by-go: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

const chainOf = (...chain: ReturnType<typeof certFacts>[]) => mtlsEndpoint({ tls: tlsFacts({ chain }) });

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'RSA 2048 leaf, well-formed extensions', observation: mtlsEndpoint() },
  { name: 'EC P-384 leaf on a named curve', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 384, publicKeyCurve: 'named', publicKeyCurveName: 'secp384r1' }) },
  { name: 'an empty extendedKeyUsage, which Go takes (tls-cert-malformed-extension speaks)', observation: withLeaf({ extendedKeyUsage: null, malformedExtensions: [malformedEntry()] }) },
  { name: 'a self-signed root sent along with a DSA key: Go parses it and never uses it', observation: chainOf(certFacts(), caFacts({ publicKeyType: 'dsa', goRefusesKey: 'unsupported-key-type' })) },
  { name: 'a TLS server proven not to be Docker', observation: { ...withLeaf({ goRefusesKey: 'explicit-curve' }), dockerApi: 'not-docker' } },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'leaf with an extendedKeyUsage holding an empty OID', observation: withLeaf({ extendedKeyUsage: null, malformedExtensions: [malformedEntry('extendedKeyUsage', { goRefuses: true, problem: 'empty OBJECT IDENTIFIER' })] }), errors: [{ messageId: 'extension-refused' }] },
  { name: 'leaf with a duplicated subjectKeyIdentifier', observation: withLeaf({ malformedExtensions: [{ extension: 'subjectKeyIdentifier', oid: '2.5.29.14', problem: 'appears 2 times; RFC 5280 allows each extension once', goRefuses: true }] }), errors: [{ messageId: 'extension-refused' }] },
  { name: 'leaf EC key with explicit curve parameters', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 256, publicKeyCurve: 'explicit', goRefusesKey: 'explicit-curve' }), errors: [{ messageId: 'key-refused' }] },
  { name: 'leaf EC key on secp256k1', observation: withLeaf({ publicKeyType: 'ec', publicKeyBits: 256, publicKeyCurve: 'named', publicKeyCurveName: 'secp256k1', goRefusesKey: 'unsupported-curve' }), errors: [{ messageId: 'key-refused' }] },
  { name: 'leaf RSA 512: Go 1.24 refuses it when verifying', observation: withLeaf({ publicKeyBits: 512, goRefusesKey: 'rsa-under-1024' }), errors: [{ messageId: 'key-refused' }] },
  { name: 'a self-signed root sent along with explicit curve parameters: Go parses every certificate it is sent', observation: chainOf(certFacts(), caFacts({ publicKeyType: 'ec', publicKeyCurve: 'explicit', goRefusesKey: 'explicit-curve' })), errors: [{ messageId: 'key-refused' }] },
  {
    name: 'a leaf with a malformed subjectAltName and a key on brainpoolP256r1: one finding per cause',
    observation: withLeaf({ sanDns: [], sanIp: [], malformedExtensions: [malformedEntry('subjectAltName')], publicKeyType: 'ec', publicKeyCurve: 'named', publicKeyCurveName: 'brainpoolP256r1', goRefusesKey: 'unsupported-curve' }),
    errors: [{ messageId: 'extension-refused' }, { messageId: 'key-refused' }],
  },
];
