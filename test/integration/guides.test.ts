/**
 * The three Docker TLS guides in ../shared/seeds, followed with openssl into filesystem roots,
 * then audited offline (`dockprobe audit --root`). Done as the guides say, with their own
 * advice taken (keys 0400, certificates 0444, CSRs and extension files removed, the CA key
 * kept off the hosts' certificate folders), a tree must give no high or critical finding.
 * Then each mistake the guides warn about is made on purpose and must be caught, by file.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import t from 'tap';
import { executeAudit } from '../../src/cli/audit-command.js';
import { executeFiles } from '../../src/cli/local-commands.js';
import type { ScanReport } from '../../src/report/scan-report.js';

const work = mkdtempSync(join(tmpdir(), 'dockprobe-guides-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

const ALICE = 1000;
const openssl = (cwd: string, ...args: string[]): void => {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
};

interface GuideTree {
  root: string;
  daemonDir: string;
  clientDir: string;
}

/** A root with a home for alice (uid 1000), so client files have an owner to be checked against. */
function emptyRoot(name: string, daemonDir: string): GuideTree {
  const root = join(work, name);
  const clientDir = join(root, 'home/alice/.docker');
  mkdirSync(join(root, daemonDir.slice(1)), { recursive: true });
  mkdirSync(clientDir, { recursive: true });
  mkdirSync(join(root, 'etc/docker'), { recursive: true });
  chownSync(join(root, 'home/alice'), ALICE, ALICE);
  return { root, daemonDir: join(root, daemonDir.slice(1)), clientDir };
}

function writeConfig(root: string, relative: string, text: string, mode = 0o644): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
}

/** The guides' advice applied: keys 0400, certificates 0444, owned by whoever uses them. */
function protect(files: string[], uid: number): void {
  for (const file of files) {
    chmodSync(file, /key/.test(file) ? 0o400 : 0o444);
    chownSync(file, uid, uid);
  }
}

/** Docker docs, "Protect the Docker daemon socket": encrypted 4096-bit CA key, extfiles per usage. */
function dockerDocsGuide(name: string, options: { ipSans?: boolean; clientEkuOnServer?: boolean } = {}): GuideTree {
  const tree = emptyRoot(name, '/etc/docker/certs');
  const pki = join(work, `${name}-pki`); // the CA's own folder, off both hosts
  mkdirSync(pki);
  openssl(pki, 'genrsa', '-aes256', '-passout', 'pass:guide', '-out', 'ca-key.pem', '4096');
  openssl(pki, 'req', '-new', '-x509', '-days', '365', '-key', 'ca-key.pem', '-passin', 'pass:guide', '-sha256', '-subj', '/CN=docker.example', '-out', 'ca.pem');
  openssl(pki, 'genrsa', '-out', 'server-key.pem', '4096');
  openssl(pki, 'req', '-subj', '/CN=docker.example', '-sha256', '-new', '-key', 'server-key.pem', '-out', 'server.csr');
  const san = options.ipSans === false ? 'DNS:docker.example' : 'DNS:docker.example,IP:10.10.10.20,IP:127.0.0.1';
  writeFileSync(join(pki, 'extfile.cnf'), `subjectAltName = ${san}\nextendedKeyUsage = ${options.clientEkuOnServer ? 'clientAuth' : 'serverAuth'}\n`);
  openssl(pki, 'x509', '-req', '-days', '365', '-sha256', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-passin', 'pass:guide', '-CAcreateserial', '-out', 'server-cert.pem', '-extfile', 'extfile.cnf');
  openssl(pki, 'genrsa', '-out', 'key.pem', '4096');
  openssl(pki, 'req', '-subj', '/CN=client', '-new', '-key', 'key.pem', '-out', 'client.csr');
  writeFileSync(join(pki, 'extfile-client.cnf'), 'extendedKeyUsage = clientAuth\n');
  openssl(pki, 'x509', '-req', '-days', '365', '-sha256', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-passin', 'pass:guide', '-CAcreateserial', '-out', 'cert.pem', '-extfile', 'extfile-client.cnf');
  for (const file of ['ca.pem', 'server-cert.pem', 'server-key.pem']) copyFileSync(join(pki, file), join(tree.daemonDir, file));
  for (const file of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(join(pki, file), join(tree.clientDir, file));
  protect(['ca.pem', 'server-cert.pem', 'server-key.pem'].map((file) => join(tree.daemonDir, file)), 0);
  protect(['ca.pem', 'cert.pem', 'key.pem'].map((file) => join(tree.clientDir, file)), ALICE);
  writeConfig(tree.root, 'etc/docker/daemon.json', JSON.stringify({
    hosts: ['unix:///var/run/docker.sock', 'tcp://10.10.10.20:2376'],
    tlsverify: true,
    tlscacert: '/etc/docker/certs/ca.pem',
    tlscert: '/etc/docker/certs/server-cert.pem',
    tlskey: '/etc/docker/certs/server-key.pem',
  }, null, 2));
  return tree;
}

/** The CoreOS-era guide: one openssl.cnf with both usages, IP SANs, CA made in ~/.docker, certificates in /etc/docker/ssl. */
function coreosGuide(name: string): GuideTree {
  const tree = emptyRoot(name, '/etc/docker/ssl');
  const caDir = join(work, `${name}-ca`); // the CA key kept apart, as the guides' warnings ask
  mkdirSync(caDir);
  openssl(caDir, 'genrsa', '-out', 'ca-key.pem', '2048');
  openssl(caDir, 'req', '-x509', '-new', '-nodes', '-key', 'ca-key.pem', '-days', '10000', '-out', 'ca.pem', '-subj', '/CN=docker-CA');
  const v3 = '[req]\nreq_extensions = v3_req\ndistinguished_name = req_distinguished_name\n[req_distinguished_name]\n[ v3_req ]\nbasicConstraints = CA:FALSE\nkeyUsage = nonRepudiation, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth, clientAuth\n';
  writeFileSync(join(caDir, 'client.cnf'), v3);
  writeFileSync(join(caDir, 'server.cnf'), `${v3}subjectAltName = @alt_names\n\n[alt_names]\nDNS.1 = docker.local\nIP.1 = 172.17.8.101\nIP.2 = 127.0.0.1\n`);
  openssl(caDir, 'genrsa', '-out', 'client-key.pem', '2048');
  openssl(caDir, 'req', '-new', '-key', 'client-key.pem', '-out', 'client.csr', '-subj', '/CN=docker-client', '-config', 'client.cnf');
  openssl(caDir, 'x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'client-cert.pem', '-days', '365', '-extensions', 'v3_req', '-extfile', 'client.cnf');
  openssl(caDir, 'genrsa', '-out', 'server-key.pem', '2048');
  openssl(caDir, 'req', '-new', '-key', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=docker-server', '-config', 'server.cnf');
  openssl(caDir, 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server-cert.pem', '-days', '365', '-extensions', 'v3_req', '-extfile', 'server.cnf');
  // The guide names the daemon's files cert.pem/key.pem in /etc/docker/ssl: their role comes from the daemon's flags.
  copyFileSync(join(caDir, 'ca.pem'), join(tree.daemonDir, 'ca.pem'));
  copyFileSync(join(caDir, 'server-cert.pem'), join(tree.daemonDir, 'cert.pem'));
  copyFileSync(join(caDir, 'server-key.pem'), join(tree.daemonDir, 'key.pem'));
  copyFileSync(join(caDir, 'ca.pem'), join(tree.clientDir, 'ca.pem'));
  copyFileSync(join(caDir, 'client-cert.pem'), join(tree.clientDir, 'cert.pem'));
  copyFileSync(join(caDir, 'client-key.pem'), join(tree.clientDir, 'key.pem'));
  protect(['ca.pem', 'cert.pem', 'key.pem'].map((file) => join(tree.daemonDir, file)), 0);
  protect(['ca.pem', 'cert.pem', 'key.pem'].map((file) => join(tree.clientDir, file)), ALICE);
  writeConfig(tree.root, 'lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H fd://\n');
  writeConfig(tree.root, 'etc/systemd/system/docker.service.d/tls.conf', [
    '[Service]',
    'ExecStart=',
    'ExecStart=/usr/bin/dockerd -H fd:// -H tcp://172.17.8.101:2376 --tlsverify \\',
    '  --tlscacert=/etc/docker/ssl/ca.pem --tlscert=/etc/docker/ssl/cert.pem --tlskey=/etc/docker/ssl/key.pem',
    '',
  ].join('\n'));
  return tree;
}

/** The easy-rsa guide: ca.crt, server.crt/server.key, client.crt/client.key, named on dockerd's command line. */
function easyRsaGuide(name: string): GuideTree {
  const tree = emptyRoot(name, '/etc/docker/easy-rsa');
  const keys = join(work, `${name}-keys`);
  mkdirSync(keys);
  openssl(keys, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Easy-RSA CA');
  const server = 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\nsubjectAltName=DNS:docker.example,IP:127.0.0.1\n';
  const client = 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n';
  for (const [who, ext] of [['server', server], ['client', client]] as const) {
    writeFileSync(join(keys, `${who}.ext`), ext);
    openssl(keys, 'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/CN=${who}`);
    openssl(keys, 'x509', '-req', '-sha256', '-days', '825', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.crt`, '-extfile', `${who}.ext`);
  }
  for (const file of ['ca.crt', 'server.crt', 'server.key']) copyFileSync(join(keys, file), join(tree.daemonDir, file));
  protect(['ca.crt', 'server.crt', 'server.key'].map((file) => join(tree.daemonDir, file)), 0);
  writeConfig(tree.root, 'etc/default/docker', 'DOCKER_OPTS="--tlsverify --tlscacert=/etc/docker/easy-rsa/ca.crt --tlscert=/etc/docker/easy-rsa/server.crt --tlskey=/etc/docker/easy-rsa/server.key -H=tcp://127.0.0.1:2376"\n');
  return tree;
}

async function auditRoot(root: string): Promise<ScanReport> {
  const run = await executeAudit({ root, scan: false, timeout: '1000', format: 'json', failOn: 'high' }, {}, () => {});
  return run.report;
}

const atOrAboveHigh = (report: ScanReport) => report.findings.filter((finding) => finding.severity === 'critical' || finding.severity === 'high');
const found = (report: ScanReport, ruleId: string) => report.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.systemPath ?? finding.path);

t.test('each guide, followed with its own advice, gives no high or critical finding', async (t) => {
  for (const [name, build] of [['docker-docs', dockerDocsGuide], ['coreos', coreosGuide], ['easy-rsa', easyRsaGuide]] as const) {
    const tree = build(`${name}-good`);
    const report = await auditRoot(tree.root);
    t.same(atOrAboveHigh(report).map((f) => `${f.ruleId} ${f.systemPath ?? f.path}`), [], `${name}: nothing high`);
    t.same(report.errors, [], `${name}: everything could be read`);
    const roles = Object.fromEntries(report.files.filter((f) => f.kind !== 'other').map((f) => [f.systemPath, f.role]));
    t.ok(Object.values(roles).includes('server-cert') && Object.values(roles).includes('server-key') && Object.values(roles).includes('ca-cert'), `${name}: the daemon's files have their roles (${JSON.stringify(roles)})`);
  }
});

t.test('the daemon named by config gets its certificate checked as a server certificate, even as cert.pem', async (t) => {
  const tree = coreosGuide('coreos-roles');
  const report = await auditRoot(tree.root);
  t.match(report.files.find((f) => f.systemPath === '/etc/docker/ssl/cert.pem'), { role: 'server-cert', roleSource: 'config', pairMatches: true, chainVerified: true });
  t.match(report.files.find((f) => f.systemPath === '/home/alice/.docker/cert.pem'), { role: 'client-cert', pairMatches: true });
  t.same(found(report, 'cert-dual-use').sort(), ['/etc/docker/ssl/cert.pem', '/home/alice/.docker/cert.pem'], 'both usages on one leaf: low, and named');
});

t.test('the mistakes the guides warn about are caught, each on its file', async (t) => {
  const tree = dockerDocsGuide('docker-docs-bad', { ipSans: false, clientEkuOnServer: true });
  const certs = tree.daemonDir;
  chmodSync(join(certs, 'server-key.pem'), 0o644); // "with a default umask of 022, your secret keys are world-readable"
  chmodSync(join(tree.clientDir, 'key.pem'), 0o640);
  writeFileSync(join(certs, 'ca-key.pem'), '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n');
  chmodSync(join(certs, 'ca-key.pem'), 0o400);
  writeFileSync(join(certs, 'server.csr'), '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n');
  writeFileSync(join(certs, 'extfile.cnf'), 'extendedKeyUsage = serverAuth\n');
  chmodSync(join(certs, 'server-cert.pem'), 0o666);
  chownSync(join(tree.clientDir, 'key.pem'), 0, 0);
  const report = await auditRoot(tree.root);
  t.same(found(report, 'file-key-permissions').sort(), ['/etc/docker/certs/server-key.pem', '/home/alice/.docker/key.pem']);
  t.same(found(report, 'file-ca-key-on-host'), ['/etc/docker/certs/ca-key.pem']);
  t.same(found(report, 'file-leftover-csr').sort(), ['/etc/docker/certs/extfile.cnf', '/etc/docker/certs/server.csr']);
  t.same(found(report, 'file-cert-writable'), ['/etc/docker/certs/server-cert.pem']);
  t.same(found(report, 'file-key-owner'), ['/home/alice/.docker/key.pem'], 'a client key owned by root, not alice');
  t.same(found(report, 'cert-eku-mismatch'), ['/etc/docker/certs/server-cert.pem'], 'the client EKU on the server certificate');
  t.same(found(report, 'cert-host-not-covered'), ['/etc/docker/certs/server-cert.pem'], 'no IP SAN for 10.10.10.20, the address daemon.json listens on');
  t.equal(report.findings.find((f) => f.ruleId === 'file-key-permissions')?.path?.startsWith(tree.root), true, 'path is the real path read; systemPath the audited one');

  // The guide's certificates are made today with -days 365: a date 400 days on is past them, whenever the suite runs.
  const pastAYear = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  const later = executeFiles([certs], { format: 'json', failOn: 'high', at: pastAYear });
  t.same(later.report.findings.filter((f) => f.ruleId === 'cert-expired').map((f) => f.path).sort(), [join(certs, 'ca.pem'), join(certs, 'server-cert.pem')], '--at a date past a year: expired');
  t.equal(later.exitCode, 1);
});

t.test('a defective daemon config in the same tree is named with file and line', async (t) => {
  const tree = dockerDocsGuide('docker-docs-config');
  writeConfig(tree.root, 'etc/docker/daemon.json', '{\n  "hosts": ["tcp://0.0.0.0:2375"],\n  "tlscert": "/etc/docker/certs/missing.pem"\n}\n', 0o666);
  const report = await auditRoot(tree.root);
  t.match(report.findings.find((f) => f.ruleId === 'daemon-tcp-no-tls'), { systemPath: '/etc/docker/daemon.json', line: 2 });
  t.notOk(report.findings.some((f) => f.ruleId === 'daemon-tls-files-missing'), 'a stale tlscert with TLS off stops nothing');
  t.match(report.findings.find((f) => f.ruleId === 'daemon-config-permissions'), { systemPath: '/etc/docker/daemon.json' });
  t.match(report.findings.find((f) => f.ruleId === 'daemon-tcp-all-interfaces'), { line: 2 });

  writeConfig(tree.root, 'etc/docker/daemon.json', '{\n  "hosts": ["tcp://10.10.10.20:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/certs/ca.pem",\n  "tlscert": "/etc/docker/certs/missing.pem",\n  "tlskey": "/etc/docker/certs/server-key.pem"\n}\n');
  const withTls = await auditRoot(tree.root);
  t.match(withTls.findings.find((f) => f.ruleId === 'daemon-tls-files-missing'), { systemPath: '/etc/docker/daemon.json', line: 5, message: /missing\.pem does not exist/ });
});

t.test('a CA key beside a daemon certificate kept outside /etc/docker is still found', async (t) => {
  const tree = dockerDocsGuide('docker-docs-pki');
  const elsewhere = join(tree.root, 'etc/pki/docker');
  mkdirSync(elsewhere, { recursive: true });
  for (const file of ['ca.pem', 'server-cert.pem', 'server-key.pem']) copyFileSync(join(tree.daemonDir, file), join(elsewhere, file));
  rmSync(tree.daemonDir, { recursive: true });
  writeFileSync(join(elsewhere, 'ca-key.pem'), '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n');
  chmodSync(join(elsewhere, 'ca-key.pem'), 0o400);
  writeConfig(tree.root, 'etc/docker/daemon.json', JSON.stringify({
    hosts: ['tcp://10.10.10.20:2376'], tlsverify: true,
    tlscacert: '/etc/pki/docker/ca.pem', tlscert: '/etc/pki/docker/server-cert.pem', tlskey: '/etc/pki/docker/server-key.pem',
  }, null, 2));
  const report = await auditRoot(tree.root);
  t.same(found(report, 'file-ca-key-on-host'), ['/etc/pki/docker/ca-key.pem'], 'the folder of the named files is walked too');
});
