import t from 'tap';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { certificateFacts, certificateFactsFromPem } from '../../src/x509/read-certificate.js';
import { OpensslWorkspace, type CertificateOptions } from './fixtures/openssl-workspace.js';

const workspace = new OpensslWorkspace(t);

const subject = (commonName: string): string => `/O=dockprobe tests/CN=${commonName}`;
/** How CertificateFacts writes the name `subject(commonName)` makes: Node's attributes, on one line. */
const nodeName = (commonName: string): string => `O=dockprobe tests, CN=${commonName}`;

const keys = {
  rsa2048: workspace.generateKey('RSA', ['rsa_keygen_bits:2048']),
  rsa1024: workspace.generateKey('RSA', ['rsa_keygen_bits:1024']),
  rsaPss2048: workspace.generateKey('RSA-PSS', ['rsa_keygen_bits:2048']),
  ecP256: workspace.generateKey('EC', ['ec_paramgen_curve:P-256']),
  ecP384: workspace.generateKey('EC', ['ec_paramgen_curve:P-384']),
  secp256k1: workspace.generateKey('EC', ['ec_paramgen_curve:secp256k1']),
  ed25519: workspace.generateKey('ED25519'),
  ed448: workspace.generateKey('ED448'),
  dsa1024: tryToMake(() => workspace.generateDsaKey(1024)),
};

const ca = {
  key: keys.ecP256,
  cert: workspace.selfSigned({
    key: keys.ecP256,
    subject: subject('Test CA'),
    digest: 'sha256',
    // Past 2049, so notAfter is a GeneralizedTime rather than a UTCTime.
    days: 9500,
    serial: '0x00c0ffee0000000000000000000000000000ee',
    extensions: ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign'],
  }),
};

/** The fields of CertificateFacts a case asks openssl for; the rest is read back from openssl. */
type Requested = Omit<CertificateFacts, 'serialNumber' | 'notBefore' | 'notAfter' | 'fingerprint256'>;

interface Case {
  name: string;
  make: () => string;
  expected: Requested;
  /** openssl prints "Public-Key: (N bit)" for RSA, DSA and EC keys only. */
  opensslPrintsKeyBits?: boolean;
}

const RSA_SHA256 = { signatureAlgorithm: 'sha256WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.11', signatureHash: 'sha256' };
const ECDSA_SHA256 = { signatureAlgorithm: 'ecdsa-with-SHA256', signatureAlgorithmOid: '1.2.840.10045.4.3.2', signatureHash: 'sha256' };
const NO_EXTENSIONS = { sanDns: [], sanIp: [], hasSan: false, isCA: false, keyUsage: null, extendedKeyUsage: null, malformedExtensions: [] };
/** Key facts of keys Go takes that are not EC. */
const NOT_EC = { publicKeyCurve: null, publicKeyCurveName: null, goRefusesKey: null };
const namedCurve = (name: string, goRefusesKey: CertificateFacts['goRefusesKey'] = null) => ({ publicKeyCurve: 'named' as const, publicKeyCurveName: name, goRefusesKey });

const selfSignedBy = (options: CertificateOptions) => () => workspace.selfSigned(options);
const signedByCa = (options: CertificateOptions) => () => workspace.signedBy(ca, options);

const cases: Case[] = [
  {
    name: 'RSA 2048 sha256, self-signed daemon certificate with SAN, keyUsage and serverAuth',
    make: selfSignedBy({
      key: keys.rsa2048,
      subject: subject('docker.local'),
      digest: 'sha256',
      serial: '0x80ff',
      extensions: [
        'subjectAltName = DNS:docker.local, DNS:localhost, IP:127.0.0.1, IP:::1',
        // No keyCertSign: still self-signed, though OpenSSL's checkIssued() says otherwise.
        'keyUsage = critical, digitalSignature, keyEncipherment',
        'extendedKeyUsage = serverAuth',
      ],
    }),
    expected: {
      subject: nodeName('docker.local'),
      issuer: nodeName('docker.local'),
      sanDns: ['docker.local', 'localhost'],
      sanIp: ['127.0.0.1', '::1'],
      hasSan: true,
      publicKeyType: 'rsa',
      ...NOT_EC,
      malformedExtensions: [],
      publicKeyBits: 2048,
      ...RSA_SHA256,
      isCA: false,
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['serverAuth'],
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'RSA 1024 sha1, version 1 certificate without extensions',
    make: selfSignedBy({ key: keys.rsa1024, subject: subject('old'), digest: 'sha1' }),
    expected: {
      subject: nodeName('old'),
      issuer: nodeName('old'),
      ...NO_EXTENSIONS,
      publicKeyType: 'rsa',
      ...NOT_EC,
      publicKeyBits: 1024,
      signatureAlgorithm: 'sha1WithRSAEncryption',
      signatureAlgorithmOid: '1.2.840.113549.1.1.5',
      signatureHash: 'sha1',
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'RSA 2048 md5 with clientAuth only',
    make: selfSignedBy({
      key: keys.rsa2048,
      subject: subject('md5 client'),
      digest: 'md5',
      extensions: ['extendedKeyUsage = clientAuth'],
    }),
    expected: {
      subject: nodeName('md5 client'),
      issuer: nodeName('md5 client'),
      ...NO_EXTENSIONS,
      extendedKeyUsage: ['clientAuth'],
      publicKeyType: 'rsa',
      ...NOT_EC,
      publicKeyBits: 2048,
      signatureAlgorithm: 'md5WithRSAEncryption',
      signatureAlgorithmOid: '1.2.840.113549.1.1.4',
      signatureHash: 'md5',
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'EC P-256 CA, CA:TRUE, keyCertSign and cRLSign, valid past 2049',
    make: () => ca.cert,
    expected: {
      subject: nodeName('Test CA'),
      issuer: nodeName('Test CA'),
      ...NO_EXTENSIONS,
      isCA: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
      publicKeyType: 'ec',
      ...namedCurve('prime256v1'),
      publicKeyBits: 256,
      ...ECDSA_SHA256,
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'EC P-384 leaf signed by the CA with sha384, serverAuth and clientAuth, IPv6 SANs',
    make: signedByCa({
      key: keys.ecP384,
      subject: subject('both'),
      digest: 'sha384',
      serial: '0x0123456789abcdef0123456789abcdef01234567',
      extensions: [
        'subjectAltName = DNS:docker.example.com, IP:10.0.0.1, IP:2001:db8:0:0:0:0:0:1, IP:2001:db8:0:0:1:0:0:1, IP:1:0:0:1:0:0:0:1, IP:fe80:0:0:0:0:0:0:0, IP:2001:db8:1:2:3:4:5:6, IP:0:0:0:0:0:ffff:a00:1',
        'basicConstraints = CA:FALSE',
        'keyUsage = digitalSignature, keyAgreement',
        'extendedKeyUsage = serverAuth, clientAuth',
      ],
    }),
    expected: {
      subject: nodeName('both'),
      issuer: nodeName('Test CA'),
      sanDns: ['docker.example.com'],
      // RFC 5952: the longest run of zero groups is compressed, the first one on a tie.
      sanIp: ['10.0.0.1', '2001:db8::1', '2001:db8::1:0:0:1', '1:0:0:1::1', 'fe80::', '2001:db8:1:2:3:4:5:6', '::ffff:a00:1'],
      hasSan: true,
      isCA: false,
      keyUsage: ['digitalSignature', 'keyAgreement'],
      extendedKeyUsage: ['serverAuth', 'clientAuth'],
      publicKeyType: 'ec',
      ...namedCurve('secp384r1'),
      malformedExtensions: [],
      publicKeyBits: 384,
      signatureAlgorithm: 'ecdsa-with-SHA384',
      signatureAlgorithmOid: '1.2.840.10045.4.3.3',
      signatureHash: 'sha384',
      selfSigned: false,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'RSA leaf with CA:TRUE and no keyUsage or EKU, signed by the CA',
    make: signedByCa({
      key: keys.rsa2048,
      subject: subject('leaf that claims CA'),
      digest: 'sha256',
      extensions: ['basicConstraints = CA:TRUE'],
    }),
    expected: {
      subject: nodeName('leaf that claims CA'),
      issuer: nodeName('Test CA'),
      ...NO_EXTENSIONS,
      isCA: true,
      publicKeyType: 'rsa',
      ...NOT_EC,
      publicKeyBits: 2048,
      ...ECDSA_SHA256,
      selfSigned: false,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'version 1 leaf signed by the CA with ecdsa-with-SHA1',
    make: signedByCa({ key: keys.secp256k1, subject: subject('v1 leaf'), digest: 'sha1' }),
    expected: {
      subject: nodeName('v1 leaf'),
      issuer: nodeName('Test CA'),
      ...NO_EXTENSIONS,
      publicKeyType: 'ec',
      // Go implements P-224, P-256, P-384 and P-521 only.
      ...namedCurve('secp256k1', 'unsupported-curve'),
      publicKeyBits: 256,
      signatureAlgorithm: 'ecdsa-with-SHA1',
      signatureAlgorithmOid: '1.2.840.10045.4.1',
      signatureHash: 'sha1',
      selfSigned: false,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'every keyUsage bit, EKU by name and by unknown OID',
    make: selfSignedBy({
      key: keys.ecP256,
      subject: subject('everything'),
      digest: 'sha512',
      extensions: [
        'keyUsage = digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly',
        'extendedKeyUsage = codeSigning, emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage, 1.3.6.1.4.1.99999.1',
        'subjectAltName = email:admin@example.com',
      ],
    }),
    expected: {
      subject: nodeName('everything'),
      issuer: nodeName('everything'),
      // A SAN with neither DNS names nor IPs still counts as a SAN.
      sanDns: [],
      sanIp: [],
      hasSan: true,
      isCA: false,
      keyUsage: [
        'digitalSignature',
        'nonRepudiation',
        'keyEncipherment',
        'dataEncipherment',
        'keyAgreement',
        'keyCertSign',
        'cRLSign',
        'encipherOnly',
        'decipherOnly',
      ],
      extendedKeyUsage: ['codeSigning', 'emailProtection', 'timeStamping', 'OCSPSigning', 'anyExtendedKeyUsage', '1.3.6.1.4.1.99999.1'],
      publicKeyType: 'ec',
      ...namedCurve('prime256v1'),
      malformedExtensions: [],
      publicKeyBits: 256,
      signatureAlgorithm: 'ecdsa-with-SHA512',
      signatureAlgorithmOid: '1.2.840.10045.4.3.4',
      signatureHash: 'sha512',
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'Ed25519',
    make: selfSignedBy({ key: keys.ed25519, subject: subject('ed25519') }),
    expected: {
      subject: nodeName('ed25519'),
      issuer: nodeName('ed25519'),
      ...NO_EXTENSIONS,
      publicKeyType: 'ed25519',
      ...NOT_EC,
      publicKeyBits: 256,
      signatureAlgorithm: 'ED25519',
      signatureAlgorithmOid: '1.3.101.112',
      signatureHash: null,
      selfSigned: true,
    },
  },
  {
    name: 'Ed448',
    make: selfSignedBy({ key: keys.ed448, subject: subject('ed448') }),
    expected: {
      subject: nodeName('ed448'),
      issuer: nodeName('ed448'),
      ...NO_EXTENSIONS,
      publicKeyType: 'ed448',
      ...NOT_EC,
      // Go parses it as an unknown key, which crypto/tls does not use.
      goRefusesKey: 'unsupported-key-type',
      publicKeyBits: 448,
      signatureAlgorithm: 'ED448',
      signatureAlgorithmOid: '1.3.101.113',
      signatureHash: null,
      selfSigned: true,
    },
  },
  {
    name: 'RSASSA-PSS signature with SHA-256 parameters',
    make: selfSignedBy({
      key: keys.rsa2048,
      subject: subject('pss sha256'),
      digest: 'sha256',
      sigopts: ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32'],
    }),
    expected: {
      subject: nodeName('pss sha256'),
      issuer: nodeName('pss sha256'),
      ...NO_EXTENSIONS,
      publicKeyType: 'rsa',
      ...NOT_EC,
      publicKeyBits: 2048,
      signatureAlgorithm: 'rsassaPss',
      signatureAlgorithmOid: '1.2.840.113549.1.1.10',
      signatureHash: 'sha256',
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'RSASSA-PSS signature with SHA-1, whose hash parameter is left out as the default',
    make: selfSignedBy({
      key: keys.rsa2048,
      subject: subject('pss sha1'),
      digest: 'sha1',
      sigopts: ['rsa_padding_mode:pss'],
    }),
    expected: {
      subject: nodeName('pss sha1'),
      issuer: nodeName('pss sha1'),
      ...NO_EXTENSIONS,
      publicKeyType: 'rsa',
      ...NOT_EC,
      publicKeyBits: 2048,
      signatureAlgorithm: 'rsassaPss',
      signatureAlgorithmOid: '1.2.840.113549.1.1.10',
      signatureHash: 'sha1',
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
  {
    name: 'RSA-PSS key',
    make: selfSignedBy({ key: keys.rsaPss2048, subject: subject('rsa-pss key'), digest: 'sha256' }),
    expected: {
      subject: nodeName('rsa-pss key'),
      issuer: nodeName('rsa-pss key'),
      ...NO_EXTENSIONS,
      publicKeyType: 'rsa-pss',
      ...NOT_EC,
      // Go reads id-RSASSA-PSS keys as unknown ones.
      goRefusesKey: 'unsupported-key-type',
      publicKeyBits: 2048,
      signatureAlgorithm: 'rsassaPss',
      signatureAlgorithmOid: '1.2.840.113549.1.1.10',
      signatureHash: 'sha256',
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  },
];

if (keys.dsa1024 !== null) {
  const dsaKey = keys.dsa1024;
  const dsaCase = (digest: string, signature: Pick<Requested, 'signatureAlgorithm' | 'signatureAlgorithmOid' | 'signatureHash'>): Case => ({
    name: `DSA 1024 ${digest}`,
    make: selfSignedBy({ key: dsaKey, subject: subject(`dsa ${digest}`), digest }),
    expected: {
      subject: nodeName(`dsa ${digest}`),
      issuer: nodeName(`dsa ${digest}`),
      ...NO_EXTENSIONS,
      publicKeyType: 'dsa',
      ...NOT_EC,
      goRefusesKey: 'unsupported-key-type',
      publicKeyBits: 1024,
      ...signature,
      selfSigned: true,
    },
    opensslPrintsKeyBits: true,
  });
  cases.push(
    dsaCase('sha1', { signatureAlgorithm: 'dsaWithSHA1', signatureAlgorithmOid: '1.2.840.10040.4.3', signatureHash: 'sha1' }),
    dsaCase('sha256', { signatureAlgorithm: 'dsa_with_SHA256', signatureAlgorithmOid: '2.16.840.1.101.3.4.3.2', signatureHash: 'sha256' }),
  );
} else {
  t.skip('DSA 1024: this openssl would not generate DSA parameters', async () => {});
}

for (const testCase of cases) {
  t.test(testCase.name, async (t) => {
    const certPath = testCase.make();
    const facts = certificateFactsFromPem(fs.readFileSync(certPath, 'utf8'));
    t.equal(facts.length, 1, 'one certificate in the PEM');
    const opensslView = workspace.describe(certPath);
    t.strictSame(facts[0], {
      ...testCase.expected,
      serialNumber: opensslView.serial,
      notBefore: opensslView.notBefore,
      notAfter: opensslView.notAfter,
      fingerprint256: opensslView.fingerprint256,
    });
    t.equal(facts[0]?.signatureAlgorithm, opensslView.signatureAlgorithm, 'signature algorithm named as openssl names it');
    if (testCase.opensslPrintsKeyBits) {
      t.equal(facts[0]?.publicKeyBits, opensslView.publicKeyBits, 'key size as openssl prints it');
    }
  });
}

t.test('a subject equal to the issuer is not enough to be self-signed', async (t) => {
  const impostorKey = keys.rsa1024;
  const impostorCa = {
    key: impostorKey,
    cert: workspace.selfSigned({ key: impostorKey, subject: subject('same name'), digest: 'sha256' }),
  };
  const certPath = workspace.signedBy(impostorCa, { key: keys.ecP256, subject: subject('same name'), digest: 'sha256' });
  const [facts] = certificateFactsFromPem(fs.readFileSync(certPath, 'utf8'));
  t.equal(facts?.subject, facts?.issuer);
  t.equal(facts?.selfSigned, false);
});

t.test('validity period matches -days', async (t) => {
  const certPath = workspace.selfSigned({ key: keys.ecP256, subject: subject('ten days'), digest: 'sha256', days: 10 });
  const [facts] = certificateFactsFromPem(fs.readFileSync(certPath, 'utf8'));
  const span = Date.parse(facts!.notAfter) - Date.parse(facts!.notBefore);
  t.equal(span, 10 * 24 * 60 * 60 * 1000);
  t.ok(Math.abs(Date.parse(facts!.notBefore) - Date.now()) < 5 * 60 * 1000, 'notBefore is about now');
});

t.test('DER input gives the same facts as PEM', async (t) => {
  const derPath = workspace.path('ca.der');
  workspace.openssl(['x509', '-in', ca.cert, '-outform', 'DER', '-out', derPath]);
  const fromDer = certificateFacts(fs.readFileSync(derPath));
  t.strictSame(fromDer, certificateFactsFromPem(fs.readFileSync(ca.cert, 'utf8'))[0]);
});

t.test('a PEM bundle yields every certificate in order and skips other blocks', async (t) => {
  const leafPath = workspace.signedBy(ca, { key: keys.ecP384, subject: subject('bundled'), digest: 'sha256' });
  const bundle = [
    fs.readFileSync(leafPath, 'utf8'),
    fs.readFileSync(keys.ecP384, 'utf8'),
    'some text between blocks\n',
    fs.readFileSync(ca.cert, 'utf8'),
  ].join('');
  const facts = certificateFactsFromPem(bundle);
  t.strictSame(
    facts.map((f) => f.subject),
    [nodeName('bundled'), nodeName('Test CA')],
  );
  t.strictSame(certificateFactsFromPem('no certificates here'), []);
});

t.test('input Node cannot parse is an Error that says so', async (t) => {
  t.throws(() => certificateFacts(Buffer.from('not a certificate')), /not a certificate Node can parse/);
  t.throws(() => certificateFacts(Buffer.alloc(0)), /not a certificate Node can parse/);
  t.throws(
    () => certificateFactsFromPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
    /not a certificate Node can parse/,
  );
});

t.test('an extension Node accepts but cannot be decoded is reported as malformed, and the other facts are kept', async (t) => {
  // OpenSSL decodes extensions lazily, so Node accepts this truncated keyUsage BIT STRING.
  const certPath = workspace.selfSigned({
    key: keys.ecP256,
    subject: subject('broken keyUsage'),
    digest: 'sha256',
    extensions: ['2.5.29.15 = critical, DER:03:05:00', 'extendedKeyUsage = serverAuth'],
  });
  const [facts] = certificateFactsFromPem(fs.readFileSync(certPath, 'utf8'));
  t.match(facts?.malformedExtensions, [{ extension: 'keyUsage', oid: '2.5.29.15', problem: /claims 5 bytes/, goRefuses: true }]);
  t.equal(facts?.keyUsage, null, 'no bits guessed');
  t.same(facts?.extendedKeyUsage, ['serverAuth'], 'the other extensions are still read');
  t.equal(facts?.subject, nodeName('broken keyUsage'));
});

t.test('mutated certificates fail only with the errors certificateFacts documents', async (t) => {
  const originals = [cases[0]!, cases[4]!, cases[7]!].map((testCase) => {
    const derPath = workspace.path(`fuzz-${cases.indexOf(testCase)}.der`);
    workspace.openssl(['x509', '-in', testCase.make(), '-outform', 'DER', '-out', derPath]);
    return fs.readFileSync(derPath);
  });
  const documented = /^(not a certificate Node can parse|malformed certificate|certificate not(Before|After) )/;
  let parsed = 0;
  let undocumented = 0;
  for (let round = 0; round < 3000; round++) {
    const mutated = Buffer.from(originals[round % originals.length]!);
    for (let flip = 0; flip <= round % 3; flip++) {
      mutated[randomInt(mutated.length)] = randomInt(256);
    }
    try {
      certificateFacts(mutated);
      parsed++;
    } catch (error) {
      if (!(error instanceof Error) || error.constructor !== Error || !documented.test(error.message)) {
        undocumented++;
        t.fail(`undocumented failure for ${mutated.toString('hex')}: ${String(error)}`);
      }
    }
  }
  t.equal(undocumented, 0);
  t.ok(parsed > 0, `${parsed} mutations were still readable certificates`);
});

function tryToMake<T>(make: () => T): T | null {
  try {
    return make();
  } catch {
    return null;
  }
}
