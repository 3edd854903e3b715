/**
 * The client-CA fallback on real dockerd. With `"tlsverify": true` and a certificate and key
 * but no tlscacert, dockerd starts, and Go verifies client certificates against the system
 * trust store. SSL_CERT_FILE points dockerd's Go at a CA of this test's own, standing in for
 * that store: a client certificate from it gets in with the real docker CLI. dockprobe must
 * catch it from inside (the config rule) and from outside (the scan reads the empty CA list of
 * the CertificateRequest); a daemon with tlscacert must be caught by neither, and the scan
 * names its CA.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { renderReport } from '../../src/cli/report-output.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { canRunDockerdTests, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { runCli } from '../helpers/run-cli.js';
import { endpointFor, ruleIdsFor, scanInProcess } from '../support/scan-in-process.js';

const FALLBACK = '127.0.0.31';
const WITH_CA = '127.0.0.32';
const PORT = 2376;

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-client-ca-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // The CA meant for client certificates (and the server's issuer), and the "system store".
  const pki = makePki(join(dir, 'pki'), { caCommonName: 'Docker Client CA' });
  const systemStore = makePki(join(dir, 'system'), { caCommonName: 'Stand-in System Root' });
  const server = issueServerCert(pki, { name: 'server', sanIp: [FALLBACK, WITH_CA] });
  const fromSystemCa = issueClientCert(systemStore, { name: 'client-from-system-ca' });
  const fromClientCa = issueClientCert(pki, { name: 'client-from-client-ca' });
  const dockerdEnv = { SSL_CERT_FILE: systemStore.ca.certPath };

  const daemons: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
  });

  t.before(async () => {
    daemons.push(
      ...(await Promise.all([
        // TLS from the config file only: no TLS flag, so dockerd's --tlscacert default never applies.
        startDockerd({ name: 'no-client-ca', listeners: [`tcp://${FALLBACK}:${PORT}`], daemonJson: { tlsverify: true, tlscert: server.certPath, tlskey: server.keyPath }, env: dockerdEnv, dockerCliUsedByTest: true }),
        startDockerd({ name: 'with-client-ca', listeners: [`tcp://${WITH_CA}:${PORT}`], tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath }, env: dockerdEnv, dockerCliUsedByTest: true }),
      ])),
    );
  });

  /** The real docker CLI, as a user with that client certificate runs it; resolves to its exit code. */
  function dockerVersion(address: string, client: { certPath: string; keyPath: string }): Promise<{ code: number; output: string }> {
    const home = mkdtempSync(join(dir, 'home-'));
    const args = ['-H', `tcp://${address}:${PORT}`, '--tlsverify', '--tlscacert', pki.ca.certPath, '--tlscert', client.certPath, '--tlskey', client.keyPath, 'version', '--format', '{{.Server.Version}}'];
    return new Promise((resolve) => {
      execFile('docker', args, { env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 30_000 }, (error, stdout, stderr) => {
        const exitCode = (error as { code?: unknown } | null)?.code;
        resolve({ code: error ? (typeof exitCode === 'number' ? exitCode : 1) : 0, output: `${stdout}${stderr}`.trim() });
      });
    });
  }

  t.test('the real docker CLI: a certificate from the "system" CA gets in where no tlscacert is set, and only there', async (t) => {
    const fallback = await dockerVersion(FALLBACK, fromSystemCa);
    t.equal(fallback.code, 0, `docker version with a system-CA client certificate succeeds on the daemon without tlscacert (${fallback.output})`);
    t.match(fallback.output, /^20\.10\./);
    const refused = await dockerVersion(WITH_CA, fromSystemCa);
    t.not(refused.code, 0, `the daemon with tlscacert refuses the same certificate (${refused.output})`);
    const allowed = await dockerVersion(WITH_CA, fromClientCa);
    t.equal(allowed.code, 0, `and serves its own CA's client (${allowed.output})`);
  });

  t.test('the scan: the endpoint that names no client CA is caught, the one with tlscacert names its CA', async (t) => {
    const { report } = await scanInProcess([FALLBACK, WITH_CA], { ports: String(PORT), tlscacert: pki.ca.certPath, tlscert: fromSystemCa.certPath, tlskey: fromSystemCa.keyPath });
    t.same(report.errors, [], 'both endpoints fully checked');

    const fallback = endpointFor(report, `${FALLBACK}:${PORT}`);
    t.same(fallback.tls?.clientCertificateRequest, { kind: 'requested', caNames: [] }, 'no client CA names sent');
    t.ok(fallback.accessGrantedBy.includes('tls-user-client-cert'), 'the system-CA certificate got in');
    t.notOk(fallback.accessGrantedBy.includes('tls-untrusted-client-cert'), 'a throwaway CA does not: the hole is the system store, not "any certificate"');
    t.ok(ruleIdsFor(report, `${FALLBACK}:${PORT}`).includes('api-tls-client-ca-system-store'));
    const finding = report.findings.find((f) => f.ruleId === 'api-tls-client-ca-system-store');
    t.match(finding, { severity: 'critical', target: `${FALLBACK}:${PORT}`, message: /names no CA.*any CA in its system trust store/, evidence: { clientCaNames: [] } });

    const withCa = endpointFor(report, `${WITH_CA}:${PORT}`);
    t.same(withCa.tls?.clientCertificateRequest, { kind: 'requested', caNames: ['CN=Docker Client CA'] }, 'the CA it accepts client certificates from');
    t.same(withCa.accessGrantedBy, [], 'nobody got in with the system-CA certificate');
    t.notOk(ruleIdsFor(report, `${WITH_CA}:${PORT}`).includes('api-tls-client-ca-system-store'));

    t.match(fallback.exposure, /^ROOT FOR ANY HOLDER OF A CLIENT CERTIFICATE FROM A CA IN ITS SYSTEM TRUST STORE/, 'never "protected"');
    t.match(withCa.exposure, /^requires a trusted client certificate/);
    // The table's narrow TLS column (the 4th) wraps; read it alone, line by line.
    const tlsColumn = renderReport(report, 'table', loadRuleMetadata()).split('\n').map((line) => line.split('│')[4]?.trim() ?? '').filter(Boolean).join(' ');
    t.match(tlsColumn, /client CAs: none named \(system store\)/, 'the table says the fallback daemon names no client CA');
    t.match(tlsColumn, /client CAs: CN=Docker Client CA/, 'and names the CA of the sound one');
  });

  /** An audited root holding the daemon.json each daemon above runs with, and its files. */
  function auditedRoot(name: string, daemonJson: Record<string, unknown>): string {
    const root = join(dir, name);
    mkdirSync(join(root, 'etc/docker'), { recursive: true });
    copyFileSync(pki.ca.certPath, join(root, 'etc/docker/ca.pem'));
    copyFileSync(server.certPath, join(root, 'etc/docker/server-cert.pem'));
    copyFileSync(server.keyPath, join(root, 'etc/docker/server-key.pem'));
    writeFileSync(join(root, 'etc/docker/daemon.json'), `${JSON.stringify(daemonJson, null, 2)}\n`);
    return root;
  }

  t.test('dockprobe config: tlsverify without tlscacert is the config rule; with tlscacert it is not', async (t) => {
    const files = { tlscert: '/etc/docker/server-cert.pem', tlskey: '/etc/docker/server-key.pem' };
    const noCa = await runCli(['config', '--root', auditedRoot('root-no-ca', { hosts: [`tcp://${FALLBACK}:${PORT}`], tlsverify: true, ...files }), '--format', 'json']);
    const noCaReport = JSON.parse(noCa.stdout);
    const hit = noCaReport.findings.find((f: { ruleId: string }) => f.ruleId === 'daemon-tls-verify-no-client-ca');
    t.match(hit, { severity: 'critical', systemPath: '/etc/docker/daemon.json', line: 5, message: /system store/ }, 'pointed at "tlsverify": true');
    t.equal(noCa.status, 1, `critical finding fails the run (${noCa.stderr})`);

    const withCa = await runCli(['config', '--root', auditedRoot('root-with-ca', { hosts: [`tcp://${WITH_CA}:${PORT}`], tlsverify: true, tlscacert: '/etc/docker/ca.pem', ...files }), '--format', 'json']);
    const withCaReport = JSON.parse(withCa.stdout);
    t.same(withCaReport.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('daemon-tls')), [], 'no TLS finding for the sound daemon');
  });

  t.test('--tlsverify as a flag with no tlscacert and no default ca.pem: dockerd refuses to start, as the config collector says', async (t) => {
    const emptyCertPath = mkdtempSync(join(dir, 'cert-path-'));
    const started = startDockerd({
      name: 'flag-default-ca-missing',
      listeners: ['tcp://127.0.0.33:2376'],
      extraArgs: ['--tlsverify', '--tlscert', server.certPath, '--tlskey', server.keyPath],
      env: { DOCKER_CERT_PATH: emptyCertPath },
      readyTimeoutMs: 20_000,
    });
    await t.rejects(started, /exited during startup[\s\S]*ca\.pem/, 'dockerd exits, naming the default CA it could not read');
  });
}
