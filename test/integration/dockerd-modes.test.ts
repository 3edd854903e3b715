import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import t from 'tap';
import { canRunDockerdTests, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { executeAudit } from '../../src/cli/audit-command.js';
import { renderReport } from '../../src/cli/report-output.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { checkMetrics } from '../helpers/promtool.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { endpointFor, ruleIdsFor, scanInProcess } from '../support/scan-in-process.js';

/**
 * Real dockerd in each mode a daemon can be run in, scanned the way a user would. Each
 * daemon has its own loopback address so one sweep covers them all.
 */
const PLAIN = '127.0.0.21';
const TLS_NO_VERIFY = '127.0.0.22';
const MUTUAL_TLS = '127.0.0.23';
const DEFECTIVE = '127.0.0.24';
const WEAK = '127.0.0.25';

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-modes-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const goodServer = issueServerCert(pki, { name: 'server', sanDns: ['localhost'], sanIp: [TLS_NO_VERIFY, MUTUAL_TLS] });
  // The two classic mistakes: no IP SAN for the address clients use, and the client's EKU on a server.
  const defectiveServer = issueServerCert(pki, { name: 'defective', sanDns: ['docker.local'], eku: ['clientAuth'] });
  // Everything a hand-rolled certificate can get wrong that a Go daemon still serves.
  const weakServer = issueServerCert(pki, { name: 'weak', sanIp: [WEAK], keyType: 'rsa1024', md: 'sha1', isCA: true, days: 3650 });
  const client = issueClientCert(pki, { name: 'client' });
  const clientFlags = { tlscacert: pki.ca.certPath, tlscert: client.certPath, tlskey: client.keyPath };

  const daemons: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
  });

  t.before(async () => {
    daemons.push(
      ...(await Promise.all([
        startDockerd({ name: 'plain', listeners: [`tcp://${PLAIN}:2375`, `tcp://${PLAIN}:2376`] }),
        startDockerd({ name: 'tls-no-verify', listeners: [`tcp://${TLS_NO_VERIFY}:2376`], tls: { mode: 'tls-no-verify', cert: goodServer.certPath, key: goodServer.keyPath } }),
        startDockerd({ name: 'mutual-tls', listeners: [`tcp://${MUTUAL_TLS}:2376`], tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: goodServer.certPath, key: goodServer.keyPath } }),
        startDockerd({ name: 'defective', listeners: [`tcp://${DEFECTIVE}:2376`], tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: defectiveServer.certPath, key: defectiveServer.keyPath } }),
        startDockerd({ name: 'weak', listeners: [`tcp://${WEAK}:2376`], tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: weakServer.certPath, key: weakServer.keyPath } }),
      ])),
    );
  });

  t.test('one sweep of four daemons with the user client certificate', async (t) => {
    const { report, exitCode } = await scanInProcess([PLAIN, TLS_NO_VERIFY, MUTUAL_TLS, DEFECTIVE], clientFlags);
    t.equal(exitCode, 1, 'critical findings fail the run at --fail-on high');
    t.same(
      report.endpoints.filter((e) => e.dockerApi === 'confirmed').map((e) => e.target),
      [`${PLAIN}:2375`, `${PLAIN}:2376`, `${TLS_NO_VERIFY}:2376`, `${MUTUAL_TLS}:2376`, `${DEFECTIVE}:2376`],
      'five Docker API listeners: two plain, three TLS',
    );
    t.equal(report.summary.dockerApis, 5);
    t.same(report.errors, [], 'nothing was left unobserved');

    const plain = endpointFor(report, `${PLAIN}:2375`);
    t.match(plain, { state: 'open', service: 'docker-api', dockerApi: 'confirmed', transport: 'plain', accessGrantedBy: ['plaintext'] });
    t.match(plain.docker, { version: /^20\.10\./, apiVersion: '1.41' });
    t.match(plain.exposure, /ROOT FOR ANYONE/);
    t.same(ruleIdsFor(report, `${PLAIN}:2375`), ['api-engine-eol', 'api-no-authz-plugin', 'api-unauthenticated']);
    t.same(ruleIdsFor(report, `${PLAIN}:2376`), ['api-engine-eol', 'api-no-authz-plugin', 'api-port-mismatch', 'api-unauthenticated']);

    const noVerify = endpointFor(report, `${TLS_NO_VERIFY}:2376`);
    t.match(noVerify, { service: 'docker-api', transport: 'tls' });
    t.ok(noVerify.accessGrantedBy.includes('tls-no-client-cert'), 'no client certificate is needed');
    t.match(noVerify.exposure, /ROOT FOR ANYONE: TLS without client certificate verification/);
    t.same(ruleIdsFor(report, `${TLS_NO_VERIFY}:2376`), ['api-engine-eol', 'api-no-authz-plugin', 'api-tls-no-client-verify']);
    const noVerifyFinding = report.findings.find((f) => f.target === `${TLS_NO_VERIFY}:2376` && f.ruleId === 'api-tls-no-client-verify');
    t.match(noVerifyFinding?.message, /--tlsverify=false/, 'the finding names what this daemon runs with (--tls --tlsverify=false)');
    t.equal(noVerify.tls?.chainVerified, true, 'the chain verifies against --tlscacert');

    const mutual = endpointFor(report, `${MUTUAL_TLS}:2376`);
    t.same(mutual.accessGrantedBy, ['tls-user-client-cert'], 'only the trusted client certificate gets in');
    t.match(mutual.attempts.find((a) => a.name === 'tls-no-client-cert'), { outcome: 'refused' });
    t.match(mutual.attempts.find((a) => a.name === 'tls-untrusted-client-cert'), { outcome: 'refused' });
    t.match(mutual.attempts.find((a) => a.name === 'plaintext'), { outcome: 'skipped', detail: /speaks TLS/ }, 'a 400 asking for HTTPS is the port speaking TLS, not a refusal');
    t.match(mutual.tls, { protocol: /^TLSv1\.[23]$/, trustAnchor: 'user-ca', chainVerified: true });
    t.same(mutual.tls?.legacyProtocols.map((p) => p.outcome), ['refused', 'refused'], 'dockerd refuses TLS 1.0 and 1.1');
    t.equal(mutual.tls?.chain[0]?.fingerprint256, new X509Certificate(goodServer.certPem).fingerprint256, 'the recorded leaf is the daemon certificate');
    t.match(mutual.exposure, /^protected/);
    t.same(ruleIdsFor(report, `${MUTUAL_TLS}:2376`), ['api-engine-eol', 'api-no-authz-plugin'], 'a correct mTLS daemon has no TLS finding');

    const defective = endpointFor(report, `${DEFECTIVE}:2376`);
    t.same(defective.accessGrantedBy, ['tls-user-client-cert']);
    t.match(defective.tls, { chainVerified: false, chainError: 'INVALID_PURPOSE' }, 'OpenSSL rejects the purpose, not the chain');
    t.same(ruleIdsFor(report, `${DEFECTIVE}:2376`), ['api-engine-eol', 'api-no-authz-plugin', 'tls-cert-hostname-mismatch', 'tls-cert-no-server-auth-eku']);
  });

  t.test('a daemon serving a weak, CA-flagged, ten-year certificate', async (t) => {
    const { report } = await scanInProcess([`${WEAK}:2376`], clientFlags);
    const weak = endpointFor(report, `${WEAK}:2376`);
    t.same(weak.accessGrantedBy, ['tls-user-client-cert'], 'access still works: the weaknesses are in the certificate');
    t.match(weak.tls?.chain[0], { publicKeyType: 'rsa', publicKeyBits: 1024, signatureHash: 'sha1', isCA: true });
    t.same(ruleIdsFor(report, `${WEAK}:2376`), [
      'api-engine-eol',
      'api-no-authz-plugin',
      'tls-cert-is-ca',
      'tls-cert-long-validity',
      'tls-weak-key',
      'tls-weak-signature',
    ]);
  });

  t.test('without a client certificate, mutual TLS is reported as protected but unconfirmed', async (t) => {
    const { report, exitCode } = await scanInProcess([`${MUTUAL_TLS}:2376`], { tlscacert: pki.ca.certPath });
    const mutual = endpointFor(report, `${MUTUAL_TLS}:2376`);
    t.equal(exitCode, 0);
    t.match(mutual, { service: 'tls', dockerApi: 'unconfirmed', accessGrantedBy: [] });
    t.match(mutual.attempts.find((a) => a.name === 'tls-user-client-cert'), { outcome: 'skipped' });
    t.match(mutual.exposure, /requires a trusted client certificate/);
    t.same(ruleIdsFor(report, `${MUTUAL_TLS}:2376`), [], 'TLS checks still run, and find nothing wrong');
    t.equal(mutual.tls?.chain[0]?.subject, 'CN=server', 'the chain is recorded even though access was refused');
    t.equal(mutual.tls?.chain.at(-1)?.isCA, true, 'and it leads to the CA');
  });

  t.test('without a CA the server trust is not judged: listed as not checked, not untrusted, and CI passes', async (t) => {
    // Only the client certificate and key: no --tlscacert, no --cert-path, and HOME has no ~/.docker/ca.pem.
    const { report, exitCode } = await scanInProcess([`${MUTUAL_TLS}:2376`], { tlscert: client.certPath, tlskey: client.keyPath });
    const mutual = endpointFor(report, `${MUTUAL_TLS}:2376`);
    t.match(mutual.tls, { trustAnchor: 'system-store', chainVerified: false }, 'the private CA is not in the system store');
    t.match(mutual.tls?.trust, { judged: false, reason: /^no CA given \(--tlscacert, or ca\.pem/ });
    t.same(ruleIdsFor(report, `${MUTUAL_TLS}:2376`), ['api-engine-eol', 'api-no-authz-plugin'], 'a correctly set-up daemon gets no tls-cert-untrusted');
    t.same(mutual.accessGrantedBy, ['tls-user-client-cert'], 'who gets in is still known');
    t.same(mutual.checked, { complete: true });
    t.equal(exitCode, 0, 'nothing at --fail-on high, and nothing the endpoint kept from being checked');
    const table = renderReport(report, 'table', loadRuleMetadata());
    const notChecked = table.slice(table.indexOf('Could not check'));
    t.match(notChecked, new RegExp(`^Could not check \\(these are not passes\\):\\n  - ${MUTUAL_TLS.replaceAll('.', '\\.')}:2376: whether its server certificate is trusted: no CA given`), 'the table says the trust was not checked');

    // The same daemon judged against a CA that did not sign it: untrusted, as before.
    const otherPki = makePki(join(dir, 'other-pki'));
    const wrongCa = await scanInProcess([`${MUTUAL_TLS}:2376`], { tlscacert: otherPki.ca.certPath, tlscert: client.certPath, tlskey: client.keyPath });
    t.match(endpointFor(wrongCa.report, `${MUTUAL_TLS}:2376`).tls, { trustAnchor: 'user-ca', chainVerified: false, trust: { judged: true } });
    t.ok(ruleIdsFor(wrongCa.report, `${MUTUAL_TLS}:2376`).includes('tls-cert-untrusted'), 'a CA given that did not sign it: untrusted');
    t.equal(wrongCa.exitCode, 1, 'and that fails at --fail-on high');
  });

  t.test('the machine audit: config, the files it names, and the endpoints it declares, in one report', async (t) => {
    // A root whose daemon.json describes the mutual-TLS daemon running on 127.0.0.23.
    const root = join(dir, 'audited-root');
    mkdirSync(join(root, 'etc/docker'), { recursive: true });
    copyFileSync(pki.ca.certPath, join(root, 'etc/docker/ca.pem'));
    copyFileSync(goodServer.certPath, join(root, 'etc/docker/server-cert.pem'));
    copyFileSync(goodServer.keyPath, join(root, 'etc/docker/server-key.pem'));
    chmodSync(join(root, 'etc/docker/ca.pem'), 0o444);
    chmodSync(join(root, 'etc/docker/server-cert.pem'), 0o444);
    chmodSync(join(root, 'etc/docker/server-key.pem'), 0o644); // the umask-022 mistake
    writeFileSync(join(root, 'etc/docker/daemon.json'), JSON.stringify({
      hosts: ['unix:///var/run/docker.sock', `tcp://${MUTUAL_TLS}:2376`],
      tlsverify: true,
      tlscacert: '/etc/docker/ca.pem',
      tlscert: '/etc/docker/server-cert.pem',
      tlskey: '/etc/docker/server-key.pem',
    }, null, 2));
    const run = await executeAudit({ root, scan: true, timeout: '3000', format: 'json', failOn: 'high' }, { HOME: '/nonexistent' }, () => {});
    const { report } = run;
    t.same(report.endpoints.map((e) => e.target), [`${MUTUAL_TLS}:2376`, '127.0.0.1:2375', '127.0.0.1:2376'], 'the declared listener, then this machine');
    t.match(endpointFor(report, `${MUTUAL_TLS}:2376`), { state: 'open', transport: 'tls', accessGrantedBy: [] });
    t.match(report.files.find((f) => f.systemPath === '/etc/docker/server-cert.pem'), { role: 'server-cert', roleSource: 'config', pairMatches: true, chainVerified: true });
    t.match(report.findings.find((f) => f.ruleId === 'file-key-permissions'), { systemPath: '/etc/docker/server-key.pem' });
    t.notOk(report.findings.some((f) => f.ruleId.startsWith('daemon-') && (f.severity === 'critical' || f.severity === 'high')), 'the config itself is sound');
    t.equal(run.exitCode, 1, 'the readable key is high');
    // The machine audit of a real daemon, as CI uploads it and as node_exporter reads it.
    const metadata = loadRuleMetadata();
    const sarif = renderReport(report, 'sarif', metadata, { sarifRoot: root });
    await assertValidSarif(t, sarif, 'machine audit with a real dockerd');
    const keyResult = JSON.parse(sarif).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'file-key-permissions');
    t.match(keyResult.locations[0].physicalLocation, { artifactLocation: { uri: 'etc/docker/server-key.pem' } }, 'the file, relative to --sarif-root');
    t.same(checkMetrics(renderReport(report, 'prometheus', metadata)), [], 'promtool accepts the audit as a textfile');
  });

  t.test('the sweep of every mode, as SARIF and as metrics, passes GitHub\'s and Prometheus\'s checkers', async (t) => {
    const { report } = await scanInProcess([PLAIN, TLS_NO_VERIFY, MUTUAL_TLS, DEFECTIVE, WEAK], clientFlags);
    const metadata = loadRuleMetadata();
    const sarif = JSON.parse(renderReport(report, 'sarif', metadata));
    await assertValidSarif(t, JSON.stringify(sarif), 'five real daemons');
    const resultsFor = (target: string) => sarif.runs[0].results.filter((r: { locations: { logicalLocations?: { fullyQualifiedName: string }[] }[] }) => r.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName === target);
    t.ok(resultsFor(`${WEAK}:2376`).some((r: { ruleId: string }) => r.ruleId === 'tls-weak-key'), 'a weak-certificate result names its endpoint');
    const metrics = renderReport(report, 'prometheus', metadata);
    t.same(checkMetrics(metrics), [], 'promtool accepts the textfile');
    t.match(metrics, new RegExp(`dockprobe_endpoint_unauthenticated_access\\{endpoint="${PLAIN.replaceAll('.', '\\.')}:2375"\\} 1`));
  });

  t.test('--at moves the clock for validity checks', async (t) => {
    const notAfter = new X509Certificate(goodServer.certPem).validTo;
    const tenDaysBefore = new Date(Date.parse(notAfter) - 10 * 86_400_000).toISOString();
    const dayAfter = new Date(Date.parse(notAfter) + 86_400_000).toISOString();
    const soon = await scanInProcess([`${MUTUAL_TLS}:2376`], { ...clientFlags, at: tenDaysBefore });
    t.ok(ruleIdsFor(soon.report, `${MUTUAL_TLS}:2376`).includes('tls-cert-expiring'), 'ten days left: expiring');
    t.notOk(ruleIdsFor(soon.report, `${MUTUAL_TLS}:2376`).includes('tls-cert-expired'));
    const late = await scanInProcess([`${MUTUAL_TLS}:2376`], { ...clientFlags, at: dayAfter });
    t.ok(ruleIdsFor(late.report, `${MUTUAL_TLS}:2376`).includes('tls-cert-expired'), 'a day after notAfter: expired');
    t.notOk(ruleIdsFor(late.report, `${MUTUAL_TLS}:2376`).includes('tls-cert-expiring'));
  });
}
