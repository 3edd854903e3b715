/**
 * Malformed extensions, one row per kind, each with a well-formed value of the same extension
 * and a broken one, put into a real certificate (test/support/certificate-der-edit.ts). For the
 * broken one: the certificate is still read and every fact not derived from that extension is
 * the same as with the good one; the entry in malformedExtensions names the extension, says what
 * is wrong and whether Go refuses it; the derived fact holds its absent value, and the rule that
 * reads it says nothing and decides nothing ("not checked") while cert-malformed-extension or
 * cert-refused-by-go speaks. Every value, good and broken, is also held against Go's own parser
 * through the real docker CLI: goRefuses must be what Go does.
 */
import t from 'tap';
import { endpointDecision, fileDecision } from '../../src/rule-engine/default-decision.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { encodeObjectIdentifier, encodeSequence } from '../../src/x509/der-writer.js';
import { certificateFacts } from '../../src/x509/read-certificate.js';
import { extension, toPem, wellFormedCertificate, withExtension, withExtensions } from '../support/certificate-der-edit.js';
import { clientCert, serverCert } from '../support/file-observation-builder.js';
import { withLeaf } from '../support/observation-builder.js';
import { DEFAULT_NOW } from '../support/rule-tester.js';
import { canRunDockerCliTests, goParsesCertificate } from '../helpers/go-parse-verdict.js';

const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
} as const;

type Derived = 'extendedKeyUsage' | 'keyUsage' | 'isCA' | 'sanDns';

interface Row {
  kind: string;
  /** The certificate with a well-formed value, and with the broken one. */
  good: Buffer;
  bad: Buffer;
  entry: { extension: string; problem: RegExp; goRefuses: boolean };
  /** The fact read from this extension: its value from the good certificate, and the absent value it holds for the broken one. */
  derived?: { fact: Derived; good: unknown; absent: unknown };
}

const base = wellFormedCertificate();
const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');
const replaced = (oid: string, value: Buffer, critical = false) => withExtension(base, oid, extension(oid, value, critical));
const ascii = (text: string) => Buffer.from(text, 'latin1').toString('hex');

const CLIENT_AUTH = encodeSequence(encodeObjectIdentifier('1.3.6.1.5.5.7.3.2'));
const SAN_DOCKER_LOCAL = hex(`300e 820c ${ascii('docker.local')}`);
const CA_TRUE = hex('3003 0101ff');

const rows: Row[] = [
  {
    kind: 'extendedKeyUsage holding an empty OID',
    good: replaced(OID.extendedKeyUsage, CLIENT_AUTH),
    bad: replaced(OID.extendedKeyUsage, hex('3002 0600')),
    entry: { extension: 'extendedKeyUsage', problem: /empty OBJECT IDENTIFIER/, goRefuses: true },
    derived: { fact: 'extendedKeyUsage', good: ['clientAuth'], absent: null },
  },
  {
    kind: 'an empty extendedKeyUsage SEQUENCE (Go takes it)',
    good: replaced(OID.extendedKeyUsage, CLIENT_AUTH),
    bad: replaced(OID.extendedKeyUsage, hex('3000')),
    entry: { extension: 'extendedKeyUsage', problem: /empty SEQUENCE: RFC 5280 requires at least one KeyPurposeId/, goRefuses: false },
    derived: { fact: 'extendedKeyUsage', good: ['clientAuth'], absent: null },
  },
  {
    kind: 'extendedKeyUsage with an OID arc past 2^31 (our reader takes it, Go does not)',
    good: replaced(OID.extendedKeyUsage, CLIENT_AUTH),
    bad: replaced(OID.extendedKeyUsage, encodeSequence(encodeObjectIdentifier('1.3.6.1.4.1.4294967296'))),
    entry: { extension: 'extendedKeyUsage', problem: /^x509: invalid extended key usages$/, goRefuses: true },
    derived: { fact: 'extendedKeyUsage', good: ['clientAuth'], absent: null },
  },
  {
    kind: 'subjectAltName whose dNSName claims one byte more than it has',
    good: replaced(OID.subjectAltName, SAN_DOCKER_LOCAL),
    bad: replaced(OID.subjectAltName, hex(`300e 820d ${ascii('docker.local')}`)),
    entry: { extension: 'subjectAltName', problem: /claims 13 bytes but only 12 remain/, goRefuses: true },
    derived: { fact: 'sanDns', good: ['docker.local'], absent: [] },
  },
  {
    kind: 'subjectAltName with a 5-byte iPAddress',
    good: replaced(OID.subjectAltName, SAN_DOCKER_LOCAL),
    bad: replaced(OID.subjectAltName, hex(`3015 820c ${ascii('docker.local')} 8705 7f00000101`)),
    entry: { extension: 'subjectAltName', problem: /^x509: cannot parse IP address of length 5$/, goRefuses: true },
    derived: { fact: 'sanDns', good: ['docker.local'], absent: [] },
  },
  {
    kind: 'subjectAltName with a dNSName that is not ASCII',
    good: replaced(OID.subjectAltName, SAN_DOCKER_LOCAL),
    bad: replaced(OID.subjectAltName, hex(`300e 820c ${ascii('d\u00f6cker.local')}`)),
    entry: { extension: 'subjectAltName', problem: /^x509: SAN dNSName is malformed$/, goRefuses: true },
    derived: { fact: 'sanDns', good: ['docker.local'], absent: [] },
  },
  {
    kind: 'basicConstraints that is not a SEQUENCE',
    good: replaced(OID.basicConstraints, CA_TRUE, true),
    bad: replaced(OID.basicConstraints, hex('020100'), true),
    entry: { extension: 'basicConstraints', problem: /basicConstraints: expected sequence, found integer/, goRefuses: true },
    derived: { fact: 'isCA', good: true, absent: false },
  },
  {
    kind: 'basicConstraints cA written 0x01, BER not DER (OpenSSL reads true, Go refuses)',
    good: replaced(OID.basicConstraints, CA_TRUE, true),
    bad: replaced(OID.basicConstraints, hex('3003 010101'), true),
    entry: { extension: 'basicConstraints', problem: /^x509: invalid basic constraints$/, goRefuses: true },
    derived: { fact: 'isCA', good: true, absent: false },
  },
  {
    kind: 'basicConstraints with bytes after the SEQUENCE (Go ignores them)',
    good: replaced(OID.basicConstraints, CA_TRUE, true),
    bad: replaced(OID.basicConstraints, hex('3003 0101ff 0500'), true),
    entry: { extension: 'basicConstraints', problem: /2 trailing bytes after element/, goRefuses: false },
    derived: { fact: 'isCA', good: true, absent: false },
  },
  {
    kind: 'basicConstraints with a negative pathLenConstraint (RFC 5280: 0..MAX; Go 1.24 reads it as "no limit")',
    good: replaced(OID.basicConstraints, hex('3006 0101ff 020100'), true),
    bad: replaced(OID.basicConstraints, hex('3006 0101ff 0201ff'), true),
    entry: { extension: 'basicConstraints', problem: /negative pathLenConstraint/, goRefuses: false },
    derived: { fact: 'isCA', good: true, absent: false },
  },
  {
    kind: 'keyUsage BIT STRING that claims more bytes than it has',
    good: replaced(OID.keyUsage, hex('0302 0780'), true),
    bad: replaced(OID.keyUsage, hex('0305 00'), true),
    entry: { extension: 'keyUsage', problem: /claims 5 bytes/, goRefuses: true },
    derived: { fact: 'keyUsage', good: ['digitalSignature'], absent: null },
  },
  {
    kind: 'keyUsage with a set bit among the unused ones (OpenSSL reads it, Go does not)',
    good: replaced(OID.keyUsage, hex('0302 0780'), true),
    bad: replaced(OID.keyUsage, hex('0302 0781'), true),
    entry: { extension: 'keyUsage', problem: /^x509: invalid key usage$/, goRefuses: true },
    derived: { fact: 'keyUsage', good: ['digitalSignature'], absent: null },
  },
  {
    kind: 'extendedKeyUsage twice',
    good: base,
    bad: withExtensions(base, (extensions) => [...extensions, extension(OID.extendedKeyUsage, CLIENT_AUTH)]),
    entry: { extension: 'extendedKeyUsage', problem: /^appears 2 times; RFC 5280 allows each extension once$/, goRefuses: true },
    derived: { fact: 'extendedKeyUsage', good: ['clientAuth'], absent: null },
  },
  {
    kind: 'subjectKeyIdentifier twice',
    good: base,
    bad: withExtensions(base, (extensions) => [...extensions, extension(OID.subjectKeyIdentifier, hex('0403 010203'))]),
    entry: { extension: 'subjectKeyIdentifier', problem: /^appears 2 times/, goRefuses: true },
  },
  {
    kind: 'authorityKeyIdentifier marked critical',
    good: replaced(OID.authorityKeyIdentifier, hex('3005 8003 010203')),
    bad: replaced(OID.authorityKeyIdentifier, hex('3005 8003 010203'), true),
    entry: { extension: 'authorityKeyIdentifier', problem: /^x509: authority key identifier incorrectly marked critical$/, goRefuses: true },
  },
  {
    kind: 'nameConstraints with an IP mask that is not ones then zeros',
    good: withExtensions(base, (extensions) => [...extensions, extension(OID.nameConstraints, hex('300e a00c 300a 8708 c0a80000 ffff0000'), true)]),
    bad: withExtensions(base, (extensions) => [...extensions, extension(OID.nameConstraints, hex('300e a00c 300a 8708 c0a80000 ff00ff00'), true)]),
    entry: { extension: 'nameConstraints', problem: /^x509: IP constraint contained invalid mask$/, goRefuses: true },
  },
  {
    kind: 'an extension OID with an arc Go cannot hold, as a plain unknown extension',
    good: withExtensions(base, (extensions) => [...extensions, extension('1.3.6.1.4.1.99999.1', hex('0500'))]),
    bad: withExtensions(base, (extensions) => [...extensions, extension('1.3.6.1.4.1.4294967296', hex('0500'))]),
    entry: { extension: '1.3.6.1.4.1.4294967296', problem: /^x509: malformed extension OID field$/, goRefuses: true },
  },
];

/** Facts that do not come from the broken extension, so must be the same for both certificates. */
function unrelatedFacts(facts: CertificateFacts, derived: Derived | undefined): Partial<CertificateFacts> {
  const { fingerprint256: _fingerprint, malformedExtensions: _malformed, ...rest } = facts;
  const skip = new Set<string>(derived === 'sanDns' ? ['sanDns', 'sanIp', 'hasSan'] : derived ? [derived] : []);
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !skip.has(key)));
}

const metadata = loadRuleMetadata();
const now = new Date(DEFAULT_NOW);

/** The rule that reads each derived fact, and a file of the role that rule judges. */
const READERS: Record<Derived, { ruleId: string; file: typeof clientCert } | null> = {
  extendedKeyUsage: { ruleId: 'cert-eku-mismatch', file: clientCert },
  isCA: { ruleId: 'cert-is-ca', file: clientCert },
  sanDns: { ruleId: 'cert-no-san', file: serverCert },
  keyUsage: null,
};

/** The same for the live endpoint's leaf. */
const ENDPOINT_READERS: Record<Derived, string | null> = {
  extendedKeyUsage: 'tls-cert-no-server-auth-eku',
  isCA: 'tls-cert-is-ca',
  sanDns: 'tls-cert-hostname-mismatch',
  keyUsage: null,
};

for (const row of rows) {
  t.test(row.kind, async (t) => {
    const good = certificateFacts(row.good);
    const bad = certificateFacts(row.bad);
    t.same(good.malformedExtensions, [], 'the well-formed value: nothing malformed');
    t.match(bad.malformedExtensions, [row.entry], 'the broken value: one entry, naming it, saying what is wrong and whether Go refuses it');
    t.equal(bad.malformedExtensions.length, 1);
    t.same(unrelatedFacts(bad, row.derived?.fact), unrelatedFacts(good, row.derived?.fact), 'every other fact is kept');

    const expectedRule = row.entry.goRefuses ? 'cert-refused-by-go' : 'cert-malformed-extension';
    const finding = (facts: CertificateFacts, ruleId: string) =>
      evaluateFile(clientCert({ certificates: [facts] }), FILE_RULES.filter((rule) => rule.id === ruleId), metadata, { now }).findings;
    t.same(finding(good, expectedRule), [], `${expectedRule} is silent on the well-formed value`);
    t.equal(finding(bad, expectedRule).length, 1, `${expectedRule} reports the broken one`);

    if (!row.derived) return;
    const { fact, absent } = row.derived;
    t.same(good[fact], row.derived.good, `${fact} from the well-formed value`);
    t.same(bad[fact], absent, `${fact} holds its absent value`);
    const reader = READERS[fact];
    if (!reader) return;
    const rule = FILE_RULES.find((candidate) => candidate.id === reader.ruleId)!;
    const badFile = reader.file({ certificates: [bad] });
    t.same(evaluateFile(badFile, [rule], metadata, { now }).findings, [], `${reader.ruleId} says nothing about the broken extension`);
    t.match(fileDecision(rule, badFile, { now, params: {} }), { kind: 'not-checked', why: /is malformed/ }, `${reader.ruleId} decides nothing: not a pass`);
    t.same(fileDecision(rule, reader.file({ certificates: [good] }), { now, params: {} }), { kind: 'decided' }, `${reader.ruleId} decides on the well-formed value`);

    const endpointRule = ENDPOINT_RULES.find((candidate) => candidate.id === ENDPOINT_READERS[fact])!;
    const served = withLeaf(bad);
    t.same(evaluateEndpoint(served, [endpointRule], metadata, { now }).findings, [], `${endpointRule.id} says nothing about the broken extension`);
    t.match(endpointDecision(endpointRule, served, { now, params: {} }), { kind: 'not-checked', why: /is malformed/ }, `${endpointRule.id} decides nothing: not a pass`);
    t.same(endpointDecision(endpointRule, withLeaf(good), { now, params: {} }), { kind: 'decided' }, `${endpointRule.id} decides on the well-formed value`);
  });
}

t.test("goRefuses is Go's own verdict (the real docker CLI loading each certificate as its CA)", async (t) => {
  if (!canRunDockerCliTests(t)) return;
  for (const row of rows) {
    t.equal(goParsesCertificate(toPem(row.good)).parses, true, `${row.kind}: Go parses the well-formed value`);
    const verdict = goParsesCertificate(toPem(row.bad));
    t.equal(!verdict.parses, row.entry.goRefuses, `${row.kind}: Go ${verdict.parses ? 'parses' : 'refuses'} the broken one`);
  }
});

