/**
 * The client side: a real dockerd (Go) verifying client certificate chains for clientAuth, the
 * way `dockerd --tlsverify --tlscacert` does in the field. The question behind it: does Go apply
 * a CA's name constraints to the subject CN of a leaf without SAN? It does not (verify.go checks
 * names only when the leaf has a SAN extension): a CN-only client leaf whose CN lies outside the
 * permitted subtree gets in, while the same name as a DNS SAN is refused.
 *
 * dockerd 20.10.24 is go1.19.8, not the CLI's go1.24.3: this is Go's behaviour on the daemon
 * side as deployed, and the check in the Go source is the same in both. dockprobe's verifyChain,
 * asked for clientAuth, must agree with dockerd on every row.
 */
import { join } from 'node:path';
import t from 'tap';
import type { ChainFailureReason } from '../../../src/x509/path/chain-verdict.js';
import { verifyChain } from '../../../src/x509/path/verify-chain.js';
import { buildChain, intermediateSpec, leafSpec, rootSpec, type CertSpec } from '../../helpers/constrained-chain.js';
import { canRunDockerdTests, startDockerd, type Daemon } from '../../helpers/dockerd.js';
import { goDaemonVerdict } from '../../helpers/go-daemon-verdict.js';

const ADDRESS = '127.0.0.201';
const HOST = `tcp://${ADDRESS}:2376`;

type Expected = { verified: true } | { verified: false; reason: ChainFailureReason };

interface ClientRow {
  name: string;
  leaf: Partial<CertSpec>;
  expected: Expected;
}

const OUTSIDE_NAME = 'outside.other.test';

const rows: ClientRow[] = [
  {
    name: 'CN-only client leaf, the CN outside the CA\'s permitted DNS subtree: Go does not check a CN',
    leaf: { cn: OUTSIDE_NAME, san: null },
    expected: { verified: true },
  },
  {
    name: 'the same name as a DNS SAN: refused by the name constraint',
    leaf: { cn: OUTSIDE_NAME, san: { dns: [OUTSIDE_NAME] } },
    expected: { verified: false, reason: 'name-not-permitted' },
  },
  {
    name: 'a DNS SAN inside the permitted subtree',
    leaf: { cn: 'client.example.test', san: { dns: ['client.example.test'] } },
    expected: { verified: true },
  },
  {
    name: 'a CN-only leaf with EKU serverAuth only: refused for clientAuth',
    leaf: { cn: 'client.example.test', san: null, extendedKeyUsage: ['serverAuth'] },
    expected: { verified: false, reason: 'incompatible-usage' },
  },
];

if (canRunDockerdTests(t)) {
  const now = new Date();
  const clientLeaf = (row: ClientRow, index: number) => leafSpec(`client-${index}`, 'client-int', now, { extendedKeyUsage: ['clientAuth'], ...row.leaf });
  const built = buildChain(t, [
    rootSpec('server-root', now, { cn: 'Daemon Server Root' }),
    leafSpec('server', 'server-root', now, { cn: 'daemon', san: { ip: [ADDRESS] } }),
    rootSpec('client-root', now, { cn: 'Client Root' }),
    intermediateSpec('client-int', 'client-root', now, { cn: 'Constrained Client CA', nameConstraints: { permittedDns: ['example.test'] } }),
    ...rows.map(clientLeaf),
  ]);

  let daemon: Daemon | undefined;
  t.teardown(() => daemon?.stop());
  t.before(async () => {
    daemon = await startDockerd({
      name: 'client-chain-verdicts',
      listeners: [HOST],
      tls: { mode: 'tlsverify', cacert: built['client-root']!.certPath, cert: built.server!.certPath, key: built.server!.keyPath },
      dockerCliUsedByTest: true,
    });
  });

  rows.forEach((row, index) => {
    t.test(row.name, async (t) => {
      const leaf = built[`client-${index}`]!;
      const intermediate = built['client-int']!;
      const go = await goDaemonVerdict(daemon!, HOST, {
        certsPem: [leaf.certPem, intermediate.certPem],
        keyPath: leaf.keyPath,
        chainPath: join(leaf.certPath, '..', `client-${index}-chain.pem`),
        serverAnchorPath: built['server-root']!.certPath,
        knownCertsPem: [leaf.certPem, intermediate.certPem, built['client-root']!.certPem],
      });
      const goSays = { verified: go.verified, ...(go.reason ? { reason: go.reason } : {}) };
      t.same(goSays, row.expected, `dockerd's Go decides as the row expects: ${go.evidence}`);

      const dockprobe = verifyChain([leaf.der, intermediate.der], built['client-root']!.certPem, { now: new Date(), purpose: 'clientAuth' });
      const dockprobeSays = { verified: dockprobe.verified, ...(dockprobe.failure ? { reason: dockprobe.failure.reason } : {}) };
      t.same(dockprobeSays, goSays, `dockprobe agrees with dockerd; dockprobe: ${JSON.stringify(dockprobe.failure)}`);
    });
  });
}
