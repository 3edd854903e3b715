/**
 * The chain verifier decides as Go's crypto/x509 does. One table per property; each row holds
 * a chain Go accepts and one it refuses for the reason under test, so a row cannot pass by a
 * verifier that always says yes, or always no. (go-client-agreement.test.ts checks rows like
 * these against the real docker CLI.)
 */
import t, { type Test } from 'tap';
import { encodeSequence, encodeObjectIdentifier } from '../../../src/x509/der-writer.js';
import type { ChainFailureReason, ChainPurpose } from '../../../src/x509/path/chain-verdict.js';
import { verifyChain } from '../../../src/x509/path/verify-chain.js';
import { buildCertificate, newKey, type BuiltCertificate, type CertificateSpec } from '../../helpers/certificate-builder.js';

const DAY_MS = 86_400_000;
const now = new Date();

interface Chain {
  presented: BuiltCertificate[];
  anchors: BuiltCertificate[];
  purpose?: ChainPurpose;
}

interface Row {
  name: string;
  good: () => Chain;
  bad: () => Chain;
  reason: ChainFailureReason;
}

function judge(chain: Chain) {
  return verifyChain(
    chain.presented.map((certificate) => certificate.der),
    chain.anchors.map((certificate) => certificate.pem).join(''),
    { now, purpose: chain.purpose ?? 'serverAuth' },
  );
}

function runTable(t: Test, rows: Row[]) {
  for (const row of rows) {
    t.test(row.name, async (t) => {
      const good = judge(row.good());
      t.equal(good.verified, true, `Go accepts the good chain (${good.failure?.detail ?? ''})`);
      const bad = judge(row.bad());
      t.equal(bad.verified, false, 'Go refuses the bad chain');
      t.equal(bad.failure?.reason, row.reason, bad.failure?.detail ?? '');
    });
  }
}

const root = (spec: Partial<CertificateSpec> = {}) => buildCertificate({ commonName: 'Root CA', ...spec });
const intermediate = (issuer: BuiltCertificate, spec: Partial<CertificateSpec> = {}) =>
  buildCertificate({ commonName: 'Intermediate CA', issuer, ca: true, ...spec });
const leaf = (issuer: BuiltCertificate, spec: Partial<CertificateSpec> = {}) =>
  buildCertificate({ commonName: 'docker.example.com', issuer, sanDns: ['docker.example.com'], sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'], ...spec });

/** A leaf under an intermediate under a root, the intermediate shaped by `spec`. */
function throughIntermediate(intermediateSpec: Partial<CertificateSpec>, leafSpec: Partial<CertificateSpec> = {}, rootSpec: Partial<CertificateSpec> = {}): Chain {
  const anchor = root(rootSpec);
  const middle = intermediate(anchor, intermediateSpec);
  return { presented: [leaf(middle, leafSpec), middle], anchors: [anchor] };
}

t.test('name constraints: a CA may issue only for the names it is permitted, and never for excluded ones', async (t) => {
  runTable(t, [
    {
      name: 'permitted DNS subtree',
      good: () => throughIntermediate({ nameConstraints: { permittedDns: ['example.com'], permittedIp: ['127.0.0.0/8'] } }),
      bad: () => throughIntermediate({ nameConstraints: { permittedDns: ['example.org'], permittedIp: ['127.0.0.0/8'] } }),
      reason: 'name-not-permitted',
    },
    {
      name: 'a leading dot permits subdomains only',
      good: () => throughIntermediate({ nameConstraints: { permittedDns: ['.example.com'] } }),
      bad: () => throughIntermediate({ nameConstraints: { permittedDns: ['.example.com'] } }, { sanDns: ['example.com'] }),
      reason: 'name-not-permitted',
    },
    {
      name: 'labels compare case-insensitively',
      good: () => throughIntermediate({ nameConstraints: { permittedDns: ['EXAMPLE.com'] } }),
      bad: () => throughIntermediate({ nameConstraints: { permittedDns: ['ample.com'] } }),
      reason: 'name-not-permitted',
    },
    {
      name: 'excluded DNS subtree',
      good: () => throughIntermediate({ nameConstraints: { excludedDns: ['internal.example.com'] } }),
      bad: () => throughIntermediate({ nameConstraints: { excludedDns: ['example.com'] } }),
      reason: 'name-excluded',
    },
    {
      name: 'excluded wins over permitted',
      good: () => throughIntermediate({ nameConstraints: { permittedDns: ['example.com'], excludedDns: ['other.example.com'] } }),
      bad: () => throughIntermediate({ nameConstraints: { permittedDns: ['example.com'], excludedDns: ['docker.example.com'] } }),
      reason: 'name-excluded',
    },
    {
      name: 'permitted IP range',
      good: () => throughIntermediate({ nameConstraints: { permittedIp: ['127.0.0.0/8'] } }),
      bad: () => throughIntermediate({ nameConstraints: { permittedIp: ['10.0.0.0/8'] } }),
      reason: 'name-not-permitted',
    },
    {
      name: 'excluded IP range',
      good: () => throughIntermediate({ nameConstraints: { excludedIp: ['10.0.0.0/8'] } }),
      bad: () => throughIntermediate({ nameConstraints: { excludedIp: ['127.0.0.1/32'] } }),
      reason: 'name-excluded',
    },
    {
      name: 'an IPv4 address never falls in an IPv6 range',
      good: () => throughIntermediate({ nameConstraints: { excludedIp: ['::/0'] } }),
      bad: () => throughIntermediate({ nameConstraints: { permittedIp: ['::/0'] } }),
      reason: 'name-not-permitted',
    },
    {
      name: "the root's constraints bind the whole path",
      good: () => throughIntermediate({}, {}, { nameConstraints: { permittedDns: ['example.com'] } }),
      bad: () => throughIntermediate({}, {}, { nameConstraints: { permittedDns: ['example.net'] } }),
      reason: 'name-not-permitted',
    },
  ]);
});

t.test('pathLenConstraint: how many intermediate CAs may follow', async (t) => {
  runTable(t, [
    {
      name: 'pathLen 0 on the root',
      good: () => {
        const anchor = root({ pathLength: 0 });
        return { presented: [leaf(anchor)], anchors: [anchor] };
      },
      bad: () => throughIntermediate({}, {}, { pathLength: 0 }),
      reason: 'path-length-exceeded',
    },
    {
      name: 'pathLen 0 on an intermediate',
      good: () => throughIntermediate({ pathLength: 0 }),
      bad: () => {
        const anchor = root();
        const upper = intermediate(anchor, { commonName: 'Upper CA', pathLength: 0 });
        const lower = intermediate(upper, { commonName: 'Lower CA' });
        return { presented: [leaf(lower), lower, upper], anchors: [anchor] };
      },
      reason: 'path-length-exceeded',
    },
    {
      name: 'pathLen 1 on the root',
      good: () => throughIntermediate({}, {}, { pathLength: 1 }),
      bad: () => {
        const anchor = root({ pathLength: 1 });
        const upper = intermediate(anchor, { commonName: 'Upper CA' });
        const lower = intermediate(upper, { commonName: 'Lower CA' });
        return { presented: [leaf(lower), lower, upper], anchors: [anchor] };
      },
      reason: 'path-length-exceeded',
    },
  ]);
});

t.test('only CAs sign: basicConstraints cA and keyUsage keyCertSign', async (t) => {
  runTable(t, [
    {
      name: 'an intermediate with cA false',
      good: () => throughIntermediate({ ca: true }),
      bad: () => throughIntermediate({ ca: false, keyUsage: ['keyCertSign'] }),
      reason: 'issuer-not-ca',
    },
    {
      name: 'an intermediate without basicConstraints',
      good: () => throughIntermediate({}),
      bad: () => throughIntermediate({ ca: null }),
      reason: 'issuer-not-ca',
    },
    {
      name: 'an intermediate whose keyUsage lacks keyCertSign',
      good: () => throughIntermediate({ keyUsage: ['keyCertSign', 'digitalSignature'] }),
      bad: () => throughIntermediate({ keyUsage: ['digitalSignature', 'cRLSign'] }),
      reason: 'issuer-lacks-key-cert-sign',
    },
    {
      name: 'an intermediate without keyUsage may sign; a root without keyCertSign may not',
      good: () => throughIntermediate({ keyUsage: null }),
      bad: () => throughIntermediate({}, {}, { keyUsage: ['digitalSignature'] }),
      reason: 'issuer-lacks-key-cert-sign',
    },
  ]);
});

t.test('extendedKeyUsage nests through the path, as Go checks it', async (t) => {
  runTable(t, [
    {
      name: 'an intermediate limited to clientAuth cannot vouch for a server',
      good: () => throughIntermediate({ extendedKeyUsage: ['serverAuth', 'clientAuth'] }),
      bad: () => throughIntermediate({ extendedKeyUsage: ['clientAuth'] }),
      reason: 'incompatible-usage',
    },
    {
      name: 'anyExtendedKeyUsage and no EKU restrict nothing; a leaf for clients only is not a server',
      good: () => throughIntermediate({ extendedKeyUsage: ['anyExtendedKeyUsage'] }, { extendedKeyUsage: null }),
      bad: () => throughIntermediate({}, { extendedKeyUsage: ['clientAuth'] }),
      reason: 'incompatible-usage',
    },
    {
      name: "a root's EKU binds too",
      good: () => throughIntermediate({}, {}, { extendedKeyUsage: ['serverAuth'] }),
      bad: () => throughIntermediate({}, {}, { extendedKeyUsage: ['codeSigning'] }),
      reason: 'incompatible-usage',
    },
    {
      name: 'a client certificate is judged for clientAuth',
      good: () => ({ ...throughIntermediate({}, { extendedKeyUsage: ['clientAuth'] }), purpose: 'clientAuth' }),
      bad: () => ({ ...throughIntermediate({}, { extendedKeyUsage: ['serverAuth'] }), purpose: 'clientAuth' }),
      reason: 'incompatible-usage',
    },
  ]);
});

t.test('validity: every certificate on the path, and only those', async (t) => {
  const past = { notBefore: new Date(now.getTime() - 60 * DAY_MS), notAfter: new Date(now.getTime() - DAY_MS) };
  runTable(t, [
    {
      name: 'an expired intermediate on the path',
      good: () => throughIntermediate({}),
      bad: () => throughIntermediate(past),
      reason: 'expired',
    },
    {
      name: 'a leaf not yet valid',
      good: () => throughIntermediate({}),
      bad: () => throughIntermediate({}, { notBefore: new Date(now.getTime() + DAY_MS), notAfter: new Date(now.getTime() + 9 * DAY_MS) }),
      reason: 'not-yet-valid',
    },
    {
      name: 'an expired certificate the path does not use is not judged; an expired root is',
      good: () => {
        const chain = throughIntermediate({});
        const stale = buildCertificate({ commonName: 'Old Unrelated CA', ...past });
        return { ...chain, presented: [...chain.presented, stale] };
      },
      bad: () => throughIntermediate({}, {}, past),
      reason: 'expired',
    },
  ]);

  t.test('the path used is reported by index, leaving out what it did not use', async (t) => {
    const chain = throughIntermediate({});
    const stale = buildCertificate({ commonName: 'Old Unrelated CA', ...past });
    const verdict = judge({ ...chain, presented: [chain.presented[0]!, stale, chain.presented[1]!] });
    t.same(verdict.pathIndexes, [0, 2]);
  });
});

t.test('path building: every candidate issuer is tried (backtracking)', async (t) => {
  // The same intermediate (subject and key) signed twice: once by a root the client trusts, once by another.
  const crossSigned = (firstIssuerTrusted: boolean, trustedSpec: Partial<CertificateSpec> = {}): Chain => {
    const trusted = root({ commonName: 'Trusted Root' });
    const other = root({ commonName: 'Other Root' });
    const key = newKey();
    // One name for both copies, so both are candidates for the leaf.
    const viaTrusted = intermediate(trusted, { key, ...trustedSpec });
    const viaOther = intermediate(other, { key });
    const end = leaf(viaTrusted);
    return { presented: firstIssuerTrusted ? [end, viaTrusted, viaOther] : [end, viaOther, viaTrusted], anchors: [trusted] };
  };
  runTable(t, [
    {
      name: 'a cross-signed intermediate: the copy that leads nowhere comes first',
      good: () => crossSigned(false),
      bad: () => {
        const chain = crossSigned(false);
        return { ...chain, presented: chain.presented.slice(0, 2) };
      },
      reason: 'unknown-authority',
    },
    {
      name: 'a re-issued intermediate: the expired copy first, the current one after',
      good: () => {
        const trusted = root();
        const key = newKey();
        const expired = intermediate(trusted, { key, notBefore: new Date(now.getTime() - 90 * DAY_MS), notAfter: new Date(now.getTime() - DAY_MS) });
        const current = intermediate(trusted, { key });
        return { presented: [leaf(current), expired, current], anchors: [trusted] };
      },
      bad: () => {
        const trusted = root();
        const key = newKey();
        const expired = intermediate(trusted, { key, notBefore: new Date(now.getTime() - 90 * DAY_MS), notAfter: new Date(now.getTime() - DAY_MS) });
        return { presented: [leaf(expired), expired], anchors: [trusted] };
      },
      reason: 'expired',
    },
    {
      name: 'without key identifiers the issuer is still found by name and signature; a stranger is not',
      good: () => throughIntermediate({ omitKeyIdentifiers: true }, { omitKeyIdentifiers: true }),
      bad: () => {
        const anchor = root();
        const stranger = root({ commonName: 'Root CA' });
        return { presented: [leaf(stranger)], anchors: [anchor] };
      },
      reason: 'bad-signature',
    },
  ]);

  t.test('Go gives up after 100 signature checks', async (t) => {
    const anchor = root();
    const decoys = Array.from({ length: 101 }, () => intermediate(root({ commonName: 'Decoy Root' }), { commonName: 'Busy CA' }));
    const end = leaf(buildCertificate({ commonName: 'Busy CA', issuer: anchor, ca: true }));
    const verdict = judge({ presented: [end, ...decoys], anchors: [anchor] });
    t.equal(verdict.failure?.reason, 'too-much-work', verdict.failure?.detail ?? '');
  });
});

t.test('algorithms, extensions and parsing Go refuses', async (t) => {
  runTable(t, [
    {
      name: 'a SHA-1 signature',
      good: () => throughIntermediate({}, { hash: 'sha256' }),
      bad: () => throughIntermediate({}, { hash: 'sha1' }),
      reason: 'insecure-signature-algorithm',
    },
    {
      name: 'an unknown critical extension',
      good: () => throughIntermediate({}, { extraExtensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: false, value: encodeSequence() }] }),
      bad: () => throughIntermediate({}, { extraExtensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: true, value: encodeSequence() }] }),
      reason: 'unhandled-critical-extension',
    },
    {
      name: 'a duplicated extension makes the certificate unparseable, even one the path does not use',
      good: () => throughIntermediate({}),
      bad: () => {
        const chain = throughIntermediate({});
        const broken = buildCertificate({
          commonName: 'Broken',
          extraExtensions: [{ oid: '2.5.29.37', critical: false, value: encodeSequence(encodeObjectIdentifier('1.3.6.1.5.5.7.3.1')) }],
          extendedKeyUsage: ['serverAuth'],
        });
        return { ...chain, presented: [...chain.presented, broken] };
      },
      reason: 'unparseable-certificate',
    },
    {
      name: 'a certificate signed by another key than its issuer’s',
      good: () => throughIntermediate({}),
      bad: () => {
        const anchor = root();
        const impostor = root({ commonName: 'Root CA' });
        const middle = intermediate(impostor);
        return { presented: [leaf(middle), middle], anchors: [anchor] };
      },
      reason: 'bad-signature',
    },
    {
      name: 'no issuer at all',
      good: () => throughIntermediate({}),
      bad: () => {
        const chain = throughIntermediate({});
        return { ...chain, presented: chain.presented.slice(0, 1) };
      },
      reason: 'unknown-authority',
    },
  ]);

  t.test('a trusted leaf verifies on its own; nothing presented is a verdict too', async (t) => {
    const selfSigned = buildCertificate({ commonName: 'self', sanIp: ['127.0.0.1'] });
    t.equal(judge({ presented: [selfSigned], anchors: [selfSigned] }).verified, true);
    t.equal(verifyChain([], null, { now, purpose: 'serverAuth' }).failure?.reason, 'no-certificate');
    t.equal(verifyChain([Buffer.from('not DER')], null, { now, purpose: 'serverAuth' }).failure?.reason, 'unparseable-certificate');
  });
});
