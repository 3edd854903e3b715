/**
 * dockprobe's chain verifier must decide as Go's crypto/x509 decides, because Go (the docker CLI,
 * dockerd) is what will accept or refuse these chains in the field. Each row builds a chain with
 * openssl, shows it to the real docker CLI, and holds Go's verdict against the row's stated
 * expectation: so a changed openssl or docker that silently builds or decides something else
 * fails here, instead of quietly moving the reference.
 *
 * Every property has a row that passes and a row that fails, differing only in that property.
 * Then dockprobe's verifyChain judges the same certificates, in the order the server sent them,
 * against the same anchor, and must agree with Go on the verdict and the reason.
 */
import { existsSync } from 'node:fs';
import t from 'tap';
import type { ChainFailureReason } from '../../../src/x509/path/chain-verdict.js';
import { verifyChain } from '../../../src/x509/path/verify-chain.js';
import {
  buildChain, intermediateSpec, leafSpec, rootSpec, validDays, type BuiltChain, type CertSpec,
} from '../../helpers/constrained-chain.js';
import { DOCKER_CLI, goClientVerdict } from '../../helpers/go-client-verdict.js';

type Expected = { verified: true } | { verified: false; reason: ChainFailureReason };

interface Row {
  name: string;
  specs: (now: Date) => CertSpec[];
  /** Spec names the server sends, leaf first, in this order. */
  served: string[];
  /** Spec name of the --tlscacert. */
  anchor?: string;
  expected: Expected;
}

const VERIFIED: Expected = { verified: true };
const fails = (reason: ChainFailureReason): Expected => ({ verified: false, reason });

/** root → int → leaf, each part overridable: most rows change one field of one certificate. */
function rootIntLeaf(parts: { root?: Partial<CertSpec>; int?: Partial<CertSpec>; leaf?: Partial<CertSpec> } = {}) {
  return (now: Date): CertSpec[] => [
    rootSpec('root', now, { cn: 'Agreement Root', ...parts.root }),
    intermediateSpec('int', 'root', now, { cn: 'Agreement Intermediate', ...parts.int }),
    leafSpec('leaf', 'int', now, { cn: 'agreement leaf', ...parts.leaf }),
  ];
}
const LEAF_AND_INT = ['leaf', 'int'];

/** Once a CA names a permitted subtree of a type, every name of that type must fall in one: 127.0.0.1 needs its range. */
const LOOPBACK_PERMITTED = ['127.0.0.0/8'];

const rows: Row[] = [
  {
    name: 'name constraints, permitted DNS: the leaf name is inside the subtree',
    specs: rootIntLeaf({
      int: { nameConstraints: { permittedDns: ['example.test'], permittedIp: LOOPBACK_PERMITTED } },
      leaf: { san: { dns: ['api.example.test'], ip: ['127.0.0.1'] } },
    }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'name constraints, permitted DNS: the leaf name is outside the subtree',
    specs: rootIntLeaf({
      int: { nameConstraints: { permittedDns: ['example.test'], permittedIp: LOOPBACK_PERMITTED } },
      leaf: { san: { dns: ['api.other.test'], ip: ['127.0.0.1'] } },
    }),
    served: LEAF_AND_INT,
    expected: fails('name-not-permitted'),
  },
  {
    name: 'name constraints, excluded DNS: the leaf name is clear of the excluded subtree',
    specs: rootIntLeaf({
      int: { nameConstraints: { excludedDns: ['blocked.test'] } },
      leaf: { san: { dns: ['api.allowed.test'], ip: ['127.0.0.1'] } },
    }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'name constraints, excluded DNS: the leaf name is inside the excluded subtree',
    specs: rootIntLeaf({
      int: { nameConstraints: { excludedDns: ['blocked.test'] } },
      leaf: { san: { dns: ['api.blocked.test'], ip: ['127.0.0.1'] } },
    }),
    served: LEAF_AND_INT,
    expected: fails('name-excluded'),
  },
  {
    name: 'name constraints, permitted IP: 127.0.0.1 inside 127.0.0.0/8',
    specs: rootIntLeaf({ int: { nameConstraints: { permittedIp: LOOPBACK_PERMITTED } } }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'name constraints, permitted IP: 127.0.0.1 outside 10.0.0.0/8',
    specs: rootIntLeaf({ int: { nameConstraints: { permittedIp: ['10.0.0.0/8'] } } }),
    served: LEAF_AND_INT,
    expected: fails('name-not-permitted'),
  },
  {
    name: 'pathLenConstraint 0 on the root, no intermediate below it',
    specs: (now) => [
      rootSpec('root', now, { cn: 'Agreement Root', basicConstraints: { ca: true, pathLen: 0 } }),
      leafSpec('leaf', 'root', now, { cn: 'agreement leaf' }),
    ],
    served: ['leaf'],
    expected: VERIFIED,
  },
  {
    name: 'pathLenConstraint 0 on the root, one intermediate below it',
    specs: rootIntLeaf({ root: { basicConstraints: { ca: true, pathLen: 0 } } }),
    served: LEAF_AND_INT,
    expected: fails('path-length-exceeded'),
  },
  {
    name: 'intermediate with basicConstraints cA:TRUE',
    specs: rootIntLeaf(),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'intermediate with basicConstraints cA:FALSE',
    specs: rootIntLeaf({ int: { basicConstraints: { ca: false } } }),
    served: LEAF_AND_INT,
    expected: fails('issuer-not-ca'),
  },
  {
    name: 'intermediate keyUsage with keyCertSign (and nothing else)',
    specs: rootIntLeaf({ int: { keyUsage: ['keyCertSign'] } }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'intermediate keyUsage without keyCertSign',
    specs: rootIntLeaf({ int: { keyUsage: ['digitalSignature', 'cRLSign'] } }),
    served: LEAF_AND_INT,
    expected: fails('issuer-lacks-key-cert-sign'),
  },
  {
    name: 'EKU nesting: intermediate EKU serverAuth, leaf serverAuth',
    specs: rootIntLeaf({ int: { extendedKeyUsage: ['serverAuth'] } }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'EKU nesting: intermediate EKU clientAuth only, leaf serverAuth',
    specs: rootIntLeaf({ int: { extendedKeyUsage: ['clientAuth'] } }),
    served: LEAF_AND_INT,
    expected: fails('incompatible-usage'),
  },
  {
    name: 'an expired certificate the server sends but no path uses',
    specs: (now) => [
      ...rootIntLeaf()(now),
      rootSpec('stale', now, { cn: 'Long Retired CA', ...validDays(now, -400, -30) }),
    ],
    served: ['leaf', 'int', 'stale'],
    expected: VERIFIED,
  },
  {
    name: 'an expired intermediate on the path',
    specs: (now) => rootIntLeaf({ int: validDays(now, -400, -30) })(now),
    served: LEAF_AND_INT,
    expected: fails('expired'),
  },
  {
    name: 'a leaf not yet valid',
    specs: (now) => rootIntLeaf({ leaf: validDays(now, 2, 30) })(now),
    served: LEAF_AND_INT,
    expected: fails('not-yet-valid'),
  },
  ...crossSignedRows(),
  ...refusedIssuerThenExpiredRows(),
  {
    name: 'SHA-1 on the self-signed root only (Go never checks an anchor\'s own signature)',
    specs: rootIntLeaf({ root: { hash: 'sha1' } }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'SHA-1 signature on the leaf',
    specs: rootIntLeaf({ leaf: { hash: 'sha1' } }),
    served: LEAF_AND_INT,
    expected: fails('insecure-signature-algorithm'),
  },
  {
    name: 'an unknown extension on the leaf, not critical',
    specs: rootIntLeaf({ leaf: { unknownExtension: { critical: false } } }),
    served: LEAF_AND_INT,
    expected: VERIFIED,
  },
  {
    name: 'an unknown extension on the leaf, critical',
    specs: rootIntLeaf({ leaf: { unknownExtension: { critical: true } } }),
    served: LEAF_AND_INT,
    expected: fails('unhandled-critical-extension'),
  },
  {
    name: 'the anchor is another root',
    specs: (now) => [...rootIntLeaf()(now), rootSpec('stranger', now, { cn: 'Some Other Root' })],
    served: LEAF_AND_INT,
    anchor: 'stranger',
    expected: fails('unknown-authority'),
  },
  {
    name: 'the intermediate sent has the issuer\'s name but another key',
    specs: (now) => [
      ...rootIntLeaf()(now),
      intermediateSpec('impostor', 'root', now, { cn: 'Agreement Intermediate' }),
    ],
    served: ['leaf', 'impostor'],
    expected: fails('bad-signature'),
  },
];

/**
 * One intermediate key and subject ('Cross CA') under two issuers: the root, and an outsider
 * root the client does not trust. The server sends the outsider's copies first, so Go meets
 * them first and has to back out of them. Go keeps the error of the last candidate that failed
 * (verify.go buildChains assigns err for every candidate), so when all fail, the order sent
 * decides which reason is reported.
 */
function crossSignedRows(): Row[] {
  const specs = (now: Date): CertSpec[] => [
    rootSpec('root', now, { cn: 'Agreement Root' }),
    rootSpec('outsider', now, { cn: 'Outsider Root' }),
    intermediateSpec('cross', 'root', now, { cn: 'Cross CA' }),
    intermediateSpec('cross-expired', 'outsider', now, { sameKeyAs: 'cross', ...validDays(now, -400, -30) }),
    intermediateSpec('cross-dead-end', 'outsider', now, { sameKeyAs: 'cross' }),
    leafSpec('leaf', 'cross', now, { cn: 'agreement leaf' }),
  ];
  return [
    {
      name: 'cross-signed: the first candidate is expired, the second chains to the anchor',
      specs,
      served: ['leaf', 'cross-expired', 'cross'],
      expected: VERIFIED,
    },
    {
      name: 'cross-signed: the first candidate leads to an untrusted root, the second chains to the anchor',
      specs,
      served: ['leaf', 'cross-dead-end', 'cross'],
      expected: VERIFIED,
    },
    {
      name: 'cross-signed: only the expired copy is sent',
      specs,
      served: ['leaf', 'cross-expired'],
      expected: fails('expired'),
    },
    {
      name: 'cross-signed, every candidate fails: expired first, dead end last',
      specs,
      served: ['leaf', 'cross-expired', 'cross-dead-end'],
      expected: fails('unknown-authority'),
    },
    {
      name: 'cross-signed, every candidate fails: dead end first, expired last',
      specs,
      served: ['leaf', 'cross-dead-end', 'cross-expired'],
      expected: fails('expired'),
    },
  ];
}

/**
 * Two copies of the intermediate (one key, one subject), both refused, for different kinds of
 * reason: one fails CheckSignatureFrom (cA:FALSE), which Go only keeps as the hint of an
 * unknown-authority error, and only if no later candidate sets the error; the other fails
 * isValid (expired), which Go keeps as the error itself.
 */
function refusedIssuerThenExpiredRows(): Row[] {
  const specs = (now: Date): CertSpec[] => [
    rootSpec('root', now, { cn: 'Agreement Root' }),
    intermediateSpec('int-expired', 'root', now, { cn: 'Agreement Intermediate', ...validDays(now, -400, -30) }),
    intermediateSpec('int-not-ca', 'root', now, { sameKeyAs: 'int-expired', basicConstraints: { ca: false } }),
    leafSpec('leaf', 'int-expired', now, { cn: 'agreement leaf' }),
  ];
  return [
    {
      name: 'two copies of the issuer, both refused: not a CA first, expired last',
      specs,
      served: ['leaf', 'int-not-ca', 'int-expired'],
      expected: fails('expired'),
    },
    {
      name: 'two copies of the issuer, both refused: expired first, not a CA last',
      specs,
      served: ['leaf', 'int-expired', 'int-not-ca'],
      expected: fails('expired'),
    },
  ];
}

function anchor(built: BuiltChain, row: Row) {
  return built[row.anchor ?? 'root']!;
}

if (!existsSync(DOCKER_CLI)) {
  // Under CI (.ci/run) a missing client is a failure: the agreement would otherwise pass unchecked.
  if (process.env.CI) t.fail(`the docker CLI (${DOCKER_CLI}) is not installed, so Go's verdicts cannot be compared`);
  else t.plan(0, `the docker CLI (${DOCKER_CLI}) is not installed`);
} else {
  const now = new Date();
  for (const row of rows) {
    t.test(row.name, async (t) => {
      const built = buildChain(t, row.specs(now));
      const [leafName, ...extraNames] = row.served as [string, ...string[]];
      const go = await goClientVerdict(t, {
        leafCertPem: built[leafName]!.certPem,
        leafKeyPem: built[leafName]!.keyPem,
        extraCertsPem: extraNames.map((name) => built[name]!.certPem),
        anchorPath: anchor(built, row).certPath,
      });
      const goSays = { verified: go.verified, ...(go.reason ? { reason: go.reason } : {}) };
      t.same(goSays, row.expected, `Go (docker CLI) decides as the row expects; it said: ${go.stderrLine}`);

      const dockprobe = verifyChain(row.served.map((name) => built[name]!.der), anchor(built, row).certPem, { now: new Date(), purpose: 'serverAuth' });
      const dockprobeSays = { verified: dockprobe.verified, ...(dockprobe.failure ? { reason: dockprobe.failure.reason } : {}) };
      t.same(dockprobeSays, goSays, `dockprobe agrees with Go; dockprobe: ${JSON.stringify(dockprobe.failure)}; Go: ${go.x509Error ?? 'verified'}`);
    });
  }
}
