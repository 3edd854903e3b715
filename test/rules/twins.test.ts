/**
 * The tls-* and cert-* twins are one check each (src/rules/certificate-*.ts): the same
 * certificate gets the same verdict on a live endpoint and in a file, and each pair shares
 * severity and parameters.
 */
import t from 'tap';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { serverCert, serverCertFacts } from '../support/file-observation-builder.js';
import { malformedEntry, withLeaf } from '../support/observation-builder.js';
import { DEFAULT_NOW } from '../support/rule-tester.js';

const metadata = loadRuleMetadata();

t.test('the cert-* twins keep their tls-* severities and parameter defaults', async (t) => {
  const twins: Record<string, string> = {
    'cert-expired': 'tls-cert-expired',
    'cert-not-yet-valid': 'tls-cert-not-yet-valid',
    'cert-expiring': 'tls-cert-expiring',
    'cert-weak-key': 'tls-weak-key',
    'cert-weak-signature': 'tls-weak-signature',
    'cert-is-ca': 'tls-cert-is-ca',
    'cert-long-validity': 'tls-cert-long-validity',
    'cert-malformed-extension': 'tls-cert-malformed-extension',
    'cert-refused-by-go': 'tls-cert-refused-by-go',
  };
  for (const [fileId, tlsId] of Object.entries(twins)) {
    const file = metadata.get(fileId)!;
    const tls = metadata.get(tlsId)!;
    t.equal(file.severity, tls.severity, `${fileId} has ${tlsId}'s severity`);
    t.same(file.parameters, tls.parameters, `${fileId} has ${tlsId}'s parameters`);
  }
});

t.test('the same certificate gets the same verdict on a live endpoint and in a file', async (t) => {
  const twins: [string, string][] = [
    ['tls-cert-expired', 'cert-expired'],
    ['tls-cert-not-yet-valid', 'cert-not-yet-valid'],
    ['tls-cert-expiring', 'cert-expiring'],
    ['tls-weak-key', 'cert-weak-key'],
    ['tls-weak-signature', 'cert-weak-signature'],
    ['tls-cert-is-ca', 'cert-is-ca'],
    ['tls-cert-long-validity', 'cert-long-validity'],
    ['tls-cert-malformed-extension', 'cert-malformed-extension'],
    ['tls-cert-refused-by-go', 'cert-refused-by-go'],
  ];
  const leaves: Partial<CertificateFacts>[] = [
    {},
    { publicKeyBits: 1024 },
    { publicKeyType: 'dsa', publicKeyBits: 2048 },
    { publicKeyType: 'ec', publicKeyBits: 224 },
    { signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' },
    { signatureHash: 'md5', signatureAlgorithm: 'md5WithRSAEncryption' },
    { isCA: true },
    { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2036-01-01T00:00:00.000Z' },
    { extendedKeyUsage: null, malformedExtensions: [malformedEntry()] },
    { sanDns: [], sanIp: [], malformedExtensions: [malformedEntry('subjectAltName')] },
    { publicKeyType: 'ec', publicKeyBits: 256, publicKeyCurve: 'explicit', goRefusesKey: 'explicit-curve' },
    { publicKeyType: 'ec', publicKeyCurve: 'named', publicKeyCurveName: 'secp256k1', goRefusesKey: 'unsupported-curve' },
    { publicKeyType: 'dsa', goRefusesKey: 'unsupported-key-type' },
  ];
  const clocks = ['2025-12-01T00:00:00.000Z', DEFAULT_NOW, '2026-12-22T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'];
  let firings = 0;
  for (const [tlsId, fileId] of twins) {
    const tlsRule = ENDPOINT_RULES.find((rule) => rule.id === tlsId)!;
    const fileRule = FILE_RULES.find((rule) => rule.id === fileId)!;
    for (const leaf of leaves) {
      for (const clock of clocks) {
        const options = { now: new Date(clock) };
        const live = evaluateEndpoint(withLeaf(leaf), [tlsRule], metadata, options).findings;
        const onDisk = evaluateFile(serverCert({ certificates: [serverCertFacts(leaf)] }), [fileRule], metadata, options).findings;
        t.equal(onDisk.length, live.length, `${fileId} agrees with ${tlsId} on ${JSON.stringify(leaf)} at ${clock}`);
        if (live.length && onDisk.length) {
          const missing = Object.keys(live[0]!.evidence).filter((key) => !(key in onDisk[0]!.evidence));
          t.same(missing, [], `${fileId} reports the evidence ${tlsId} does`);
        }
        firings += live.length;
      }
    }
  }
  t.ok(firings > 20, 'the comparison includes certificates that fail');
});
