import { COMPLIANCE_SCHEMA_VERSION, type ComplianceReport, type ControlEvidence, type ControlResult, type SubjectControlResult } from '../../src/compliance/compliance-report.js';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import { HARDENING_DIRECTIVES } from '../../src/config/hardening-directives.js';
import { executeAudit } from '../../src/cli/audit-command.js';
import { executeConfig, executeFiles } from '../../src/cli/local-commands.js';
import type { ClientEnvironment, ClientHome, ConfigFile, ConfigObservation, ConfigSource, DaemonConfig, DaemonHardening, DaemonJsonParseError, DockerContext, Listener, ProtectedFile, ProtectedObject, Setting, SshHostOption, TlsFileStatus } from '../../src/config/config-observation.js';
import type { FileKind, FileObservation, FileRole, FileRoleHint, FileStat, FileType, KeyFacts, KeyFormat, NamedBy, RoleSource } from '../../src/files/file-observation.js';
import type {
  AccessAttempt,
  AttemptName,
  ClientCertificateRequest,
  AttemptOutcome,
  DockerApiVerdict,
  DockerInfoFacts,
  DockerVersionFacts,
  EndpointObservation,
  EndpointState,
  LegacyOutcome,
  LegacyProtocol,
  LegacyProtocolProbe,
  ServiceKind,
  TlsObservation,
} from '../../src/network/endpoint-observation.js';
import type { Finding, ScanError, SuppressedFinding } from '../../src/report/finding.js';
import { REPORT_SCHEMA_PATH, reportSchema, undescribedFields, validateReport, type SchemaNode } from '../../src/report/report-schema.js';
import { buildScanReport, REPORT_SCHEMA_VERSION, type EndpointReportEntry, type FileReportEntry, type ReportShard, type ScanReport } from '../../src/report/scan-report.js';
import type { MachineEntry } from '../../src/machine/machine.js';
import { renderJson } from '../../src/reporters/json-reporter.js';
import type { Severity } from '../../src/severity.js';
import type { TargetSource } from '../../src/targets/target-spec.js';
import type { CertificateFacts, MalformedExtension, PublicKeyType } from '../../src/x509/certificate-facts.js';
import { startFakeDockerApi, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { assertValidReport, asJson, reportProblems } from '../helpers/report-validation.js';
import { config, context, home, setting, source, sshOption, stat } from '../support/config-observation-builder.js';
import { clientCert, fileStat, keyFacts, leftover, serverCert, serverKey, unknownFile } from '../support/file-observation-builder.js';
import { attempts, certFacts, mtlsEndpoint, plainEndpoint, tlsFacts } from '../support/observation-builder.js';
import { scanInProcess } from '../support/scan-in-process.js';

/**
 * The JSON report against its published schema (schema/report.schema.json, documented in
 * docs/report-format.md): what every command writes validates, mistakes are refused with a
 * readable line, and a field added to the code without the schema and the docs fails here.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG_FIXTURES = join(REPO, 'fixtures/config');
const DOCS = join(REPO, 'docs/report-format.md');
const ENV = { HOME: '/nonexistent' };
const LOCAL_FLAGS = { format: 'json', failOn: 'none' };

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-report-schema-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'));
const server = issueServerCert(pki, { name: 'server', sanIp: ['127.0.0.1', '127.0.0.61'] });
const client = issueClientCert(pki, { name: 'client' });

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

// ------------------------------------------------------------------ real reports validate

t.test('scan: closed, open plain and open TLS endpoints, a swept range and a targets file', async (t) => {
  const servers: LookalikeServer[] = [];
  t.teardown(() => Promise.all(servers.map((s) => s.close())));
  servers.push(await startFakeDockerApi({ host: '127.0.0.61', port: 0, info: { HttpsProxy: 'https://u:p@proxy.example:3129' } }));
  servers.push(await startFakeDockerApi({ host: '127.0.0.61', port: 0, tls: { cert: server.certPem, key: server.keyPem, anyClientCert: true }, authorizationPlugins: ['authz-broker'] }));
  const [plain, tls] = servers as [LookalikeServer, LookalikeServer];
  const targetsFile = join(dir, 'targets.txt');
  writeFileSync(targetsFile, `# schema test\n127.0.0.61:${plain.port}\n127.0.0.61:${tls.port}\n127.0.0.1:1\n127.0.0.60/30\n`);

  const closed = await scanInProcess(['127.0.0.1:1'], { timeout: '2000' });
  const closedReport = assertValidReport(t, closed.rendered, 'scan of a closed port');
  t.match(closedReport.endpoints, [{ target: '127.0.0.1:1', state: 'closed', source: null }]);

  const run = await scanInProcess([], { targetsFile, ports: '1', timeout: '3000', tlscacert: pki.ca.certPath, tlscert: client.certPath, tlskey: client.keyPath });
  const report = assertValidReport(t, run.rendered, 'scan of look-alikes from a targets file');
  const open = report.endpoints.filter((endpoint) => endpoint.state === 'open');
  t.equal(open.length, 2, 'both look-alikes answered');
  t.ok(open.some((endpoint) => endpoint.tls !== null && endpoint.tls.chain.length > 0), 'a TLS chain is in the report');
  t.ok(open.some((endpoint) => endpoint.info?.httpProxy !== undefined), 'info facts are in the report');
  t.ok(report.findings.some((finding) => finding.source?.file === targetsFile), 'findings name their targets-file line');
  t.ok(report.findings.every((finding) => /^[0-9a-f]{32}$/.test(finding.fingerprint ?? '')));
});

t.test('files: certificates, keys, leftovers, broken files, a followed link', async (t) => {
  const certs = join(dir, 'files');
  const clientDir = join(certs, '.docker');
  mkdirSync(clientDir, { recursive: true });
  for (const name of readdirSync(pki.dir)) copyFileSync(join(pki.dir, name), join(certs, name)); // CA, its key, server and client pairs, CSRs, extfiles
  copyFileSync(client.certPath, join(clientDir, 'cert.pem'));
  copyFileSync(client.keyPath, join(clientDir, 'key.pem'));
  copyFileSync(pki.ca.certPath, join(clientDir, 'ca.pem'));
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', join(certs, 'ec-key.pem')]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes256', '-pass', 'pass:schema-test', '-out', join(certs, 'encrypted-key.pem')]);
  writeFileSync(join(certs, 'ca.srl'), '3F2A9C\n');
  writeFileSync(join(certs, 'empty.pem'), '');
  writeFileSync(join(certs, 'junk.key'), Buffer.from([0, 1, 2, 255, 254, 0, 7]));
  writeFileSync(join(certs, 'huge.pem'), '');
  truncateSync(join(certs, 'huge.pem'), 2 * 1024 * 1024);
  symlinkSync('loop-b.pem', join(certs, 'loop-a.pem'));
  symlinkSync('loop-a.pem', join(certs, 'loop-b.pem'));
  const link = join(dir, 'server-link.pem');
  symlinkSync(join(certs, 'server-cert.pem'), link);

  const run = executeFiles([certs, link, join(dir, 'missing-folder')], { ...LOCAL_FLAGS, host: ['127.0.0.61', 'docker.example'] }, ENV);
  const report = assertValidReport(t, run.rendered, 'files report');
  const kinds = new Set(report.files.map((file) => file.kind));
  for (const kind of ['certificate', 'private-key', 'csr', 'openssl-config', 'serial', 'unparseable'] as const) t.ok(kinds.has(kind), `a ${kind} file is in the report`);
  t.ok(report.files.some((file) => file.key?.encrypted), 'an encrypted key is in the report');
  t.ok(report.files.some((file) => file.symlinkTarget !== undefined), 'a followed link is in the report');
  t.ok(report.errors.length > 0, 'what could not be read is an error entry');
});

t.test('config: every fixture root under fixtures/config', async (t) => {
  const roots = readdirSync(CONFIG_FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  t.ok(roots.length >= 9);
  for (const root of roots) {
    const run = executeConfig({ ...LOCAL_FLAGS, root: join(CONFIG_FIXTURES, root) }, ENV);
    const report = assertValidReport(t, run.rendered, `config --root fixtures/config/${root}`);
    t.not(report.config, null, `${root}: the config is in the report`);
  }
});

t.test('config: an ignore file, --severity and a baseline fill suppressed[], omitted and warnings', async (t) => {
  const ignorefile = join(dir, 'dockprobeignore');
  writeFileSync(
    ignorefile,
    [
      'client-tls-verify-disabled expires: 2999-12-31  # schema test: accepted until the context is rebuilt',
      'client-context-plaintext  # schema test: no end date',
      'daemon-tcp-no-tls expires: 2000-01-01  # long expired: a warning',
      '',
    ].join('\n'),
  );
  const gated = executeConfig({ ...LOCAL_FLAGS, root: join(CONFIG_FIXTURES, 'clients'), ignorefile, severity: 'critical,high' }, ENV);
  const report = assertValidReport(t, gated.rendered, 'config with an ignore file and --severity');
  t.ok(report.suppressed.some((finding) => finding.suppressedBy.expires === null), 'suppressed without an end date');
  t.ok(report.suppressed.some((finding) => finding.suppressedBy.expires === '2999-12-31'), 'suppressed until a date');
  t.ok(report.omitted.bySeverity > 0, 'omitted by --severity');
  t.ok(report.warnings.length > 0, 'the expired entry is a warning');

  const root = join(CONFIG_FIXTURES, 'flag-forms');
  const baseline = join(dir, 'baseline.json');
  writeFileSync(baseline, executeConfig({ ...LOCAL_FLAGS, root }, ENV).rendered);
  const again = assertValidReport(t, executeConfig({ ...LOCAL_FLAGS, root, baseline }, ENV).rendered, 'config against a baseline');
  t.ok(again.omitted.byBaseline > 0, 'omitted by --baseline');
});

t.test('audit --root: config, the files it names (systemPath differs from path), no scan', async (t) => {
  const root = join(dir, 'rootfs');
  const ssl = join(root, 'etc/docker/ssl');
  const alice = join(root, 'home/alice/.docker');
  mkdirSync(ssl, { recursive: true });
  mkdirSync(alice, { recursive: true });
  copyFileSync(pki.ca.certPath, join(ssl, 'ca.pem'));
  copyFileSync(pki.ca.keyPath, join(ssl, 'ca-key.pem'));
  copyFileSync(server.certPath, join(ssl, 'server-cert.pem'));
  copyFileSync(server.keyPath, join(ssl, 'server-key.pem'));
  copyFileSync(client.certPath, join(alice, 'cert.pem'));
  copyFileSync(client.keyPath, join(alice, 'key.pem'));
  writeFileSync(
    join(root, 'etc/docker/daemon.json'),
    `${JSON.stringify({ hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'], tlsverify: true, tlscacert: '/etc/docker/ssl/ca.pem', tlscert: '/etc/docker/ssl/server-cert.pem', tlskey: '/etc/docker/ssl/server-key.pem' }, null, 2)}\n`,
  );
  const run = await executeAudit({ ...LOCAL_FLAGS, root, timeout: '2000', scan: false }, ENV, () => {});
  const report = assertValidReport(t, run.rendered, 'audit --root');
  t.ok(report.files.some((file) => file.namedBy !== null && file.path !== file.systemPath), 'files named by the config, read under --root');
  t.ok(report.findings.some((finding) => finding.systemPath !== undefined), 'findings carry systemPath under --root');
});

// ------------------------------------------------------------------ every optional part, built by hand

const conf = (path: string, line: number | null, form: string): ConfigSource => ({ ...source(path, line, form), path: `/mnt/image${path}` });

/** A report with every optional field and every nullable part filled in, from the test builders. */
function fullReport(): ScanReport {
  const targetSource: TargetSource = { file: '/srv/inventory.txt', line: 3 };
  const endpoint = mtlsEndpoint({
    source: targetSource,
    docker: { version: '28.2.2', apiVersion: '1.50', minApiVersion: '1.24', gitCommit: 'e6534b4', os: 'linux', arch: 'amd64', kernelVersion: '6.1.0-18-amd64' },
    info: {
      name: 'docker1', serverVersion: '28.2.2', operatingSystem: 'Debian GNU/Linux 12', authorizationPlugins: [], securityOptions: ['name=seccomp,profile=builtin'], rootless: false, httpProxy: 'http://redacted@proxy.example:3128', httpsProxy: 'https://proxy.example:3129',
      liveRestoreEnabled: true, loggingDriver: 'journald', driver: 'overlay2', experimentalBuild: false, debug: false, insecureRegistries: ['10.0.0.0/8', 'registry.lan:5000'], defaultBridgeIcc: false,
    },
    attempts: attempts({ plaintext: 'not-docker', 'tls-no-client-cert': 'refused', 'tls-user-client-cert': 'api-access', 'tls-untrusted-client-cert': 'error' }).map((attempt) => ({ ...attempt, httpStatus: 200 })),
  });
  const failed: EndpointObservation = { ...plainEndpoint({ target: '[::1]:2375', host: '::1', address: null, state: 'error', service: null, dockerApi: 'unconfirmed', error: 'ECONNRESET', transport: null, docker: null, info: null, attempts: attempts({}) }) };
  const tls13Only = mtlsEndpoint({ target: '127.0.0.1:2377', port: 2377, tls: tlsFacts({ clientCertificateRequest: { kind: 'no-tls12', detail: 'the server refused a TLS 1.2 ClientHello with the alert protocol_version (70)' }, trustAnchor: 'system-store', chainVerified: false, chainError: 'SELF_SIGNED_CERT_IN_CHAIN', goVerdict: { verified: false, failure: { reason: 'unknown-authority', subject: 'CN=docker', detail: 'no trusted CA or presented intermediate issued "CN=docker"', presentedIndex: 1 }, pathIndexes: [0, 1] }, trust: { judged: false, reason: 'no CA given (--tlscacert)' }, chain: [certFacts({ extendedKeyUsage: null, malformedExtensions: [{ extension: 'extendedKeyUsage', oid: '2.5.29.37', problem: 'empty SEQUENCE: RFC 5280 requires at least one KeyPurposeId', goRefuses: false }] })] }) });
  const findings: Finding[] = [
    { ruleId: 'api-tls-untrusted-client-accepted', severity: 'critical', title: 'Docker API accepts a client certificate from an unknown CA', message: 'anyone with any certificate gets root', evidence: { attempt: 'tls-untrusted-client-cert', httpStatus: 200, granted: true, sans: ['a', 'b'], chainError: null }, target: endpoint.target, source: targetSource },
    { ruleId: 'daemon-tcp-no-tls', severity: 'critical', title: 'Daemon listens on TCP without TLS', message: 'tcp://0.0.0.0:2375 without TLS', evidence: { address: 'tcp://0.0.0.0:2375' }, path: '/mnt/image/etc/default/docker', line: 3, systemPath: '/etc/default/docker' },
  ];
  const errors: ScanError[] = [
    { kind: 'target', target: failed.target, source: { file: '/srv/inventory/hosts.txt', line: 7 }, message: '[::1]:2375: ECONNRESET' },
    { kind: 'sweep', message: '3 swept endpoint(s) could not be checked (EHOSTUNREACH), e.g. 10.0.0.1:2375' },
    { kind: 'rule', ruleId: 'cert-expired', path: '/etc/docker/ssl/ca.pem', message: 'rule cert-expired threw' },
    { kind: 'input', message: 'bad input' },
    { kind: 'file', path: '/etc/docker/ssl/key.pem', message: '/etc/docker/ssl/key.pem: EACCES' },
    { kind: 'config', path: '/home/bob/.docker/contexts/meta/broken/meta.json', message: 'not JSON' },
  ];
  const files: FileObservation[] = [
    serverCert({ path: '/mnt/image/etc/docker/ssl/server-cert.pem', systemPath: '/etc/docker/ssl/server-cert.pem', symlinkTarget: { path: '/mnt/image/etc/docker/ssl/real/server-cert.pem', systemPath: '/etc/docker/ssl/real/server-cert.pem' }, certificates: [certFacts({ fingerprint256: 'AB:CD:EF:01', serialNumber: '3F2A', publicKeyType: 'ec', publicKeyBits: 256, publicKeyCurve: 'explicit', goRefusesKey: 'explicit-curve', sanDns: [], sanIp: [], malformedExtensions: [{ extension: 'subjectAltName', oid: '2.5.29.17', problem: 'x509: cannot parse IP address of length 5', goRefuses: true }] })], chainVerified: false, chainError: 'name-not-permitted: DNS name "docker.example" is not permitted by any constraint', chainFailure: { reason: 'name-not-permitted', subject: 'CN=Docker CA', detail: 'DNS name "docker.example" is not permitted by any constraint', presentedIndex: null }, goVerdict: { verified: false, failure: { reason: 'name-not-permitted', subject: 'CN=Docker CA', detail: 'DNS name "docker.example" is not permitted by any constraint', presentedIndex: null }, pathIndexes: [0] } }),
    serverKey({ key: keyFacts({ format: 'encrypted-pkcs8', encrypted: true, type: null, bits: null, publicKeyFingerprint: null }), pairMatches: null }),
    serverKey({ path: '/etc/docker/ssl/ec-key.pem', key: keyFacts({ format: 'sec1', type: 'ec', bits: 256, publicKeyFingerprint: 'ab12cd34' }), stat: fileStat({ type: 'symlink', mode: 0o777 }) }),
    leftover('csr'),
    clientCert({ path: '/home/alice/.docker/broken.pem', kind: 'unparseable', parseError: 'truncated PEM', certificates: [], pairedWith: null, pairMatches: null, chainVerified: null }),
    clientCert({ path: '/home/alice/.docker/locked.pem', kind: 'unreadable', stat: null, readError: 'EACCES', certificates: [], roleSource: 'flag', expectedOwnerUid: null }),
    unknownFile({ checksWithoutRole: ['cert-eku-mismatch', 'file-key-owner'] }),
  ];
  const hint: FileRoleHint = {
    systemPath: '/etc/docker/ssl/server-cert.pem',
    role: 'server-cert',
    namedBy: { path: '/mnt/image/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json', line: 5, what: 'tlscert in daemon.json' },
    caSystemPath: '/etc/docker/ssl/ca.pem',
    keySystemPath: '/etc/docker/ssl/server-key.pem',
    consumer: 'daemon',
  };
  const observation: ConfigObservation = config({
    root: '/mnt/image',
    daemon: {
      daemonJsonError: { message: 'trailing comma', line: 4, column: 1 },
      duplicateKeys: [{ key: 'tlsverify', lines: [3, 9] }],
      tls: [setting(true, 'flag', 7)],
      conflicts: [{ directive: 'hosts', json: conf('/etc/docker/daemon.json', 2, 'daemon.json "hosts"'), flag: conf('/lib/systemd/system/docker.service', 10, '-H fd:// in ExecStart') }],
      socket: { path: '/mnt/image/var/run/docker.sock', systemPath: '/var/run/docker.sock', stat: stat(0o660, 0, 999, 'other') },
      dockerGroupGid: null,
      tlsFiles: [{ directive: 'tlskey', path: '/mnt/image/etc/docker/key.pem', systemPath: '/etc/docker/key.pem', source: conf('/etc/docker/daemon.json', 6, 'daemon.json'), problem: null, unverifiable: 'EACCES: run dockprobe as root' },
        { directive: 'tlscacert', path: '/mnt/image/root/.docker/ca.pem', systemPath: '/root/.docker/ca.pem', source: conf('/lib/systemd/system/docker.service', 12, '--tlsverify in ExecStart'), problem: 'does not exist', flagDefault: true }],
      files: [{ path: '/mnt/image/etc/default/docker', systemPath: '/etc/default/docker', kind: 'docker-default', stat: stat(0o666, 0, 0), readError: null }],
      // 1.8.0: section 2 directives of each kind, and section 3 objects found, absent and not checked.
      hardening: Object.fromEntries(
        HARDENING_DIRECTIVES.map(({ field, kind }, index) => [field, [setting(kind === 'boolean' ? false : kind === 'string' ? 'debug' : ['10.0.0.0/8', 'nofile=64000:64000'], index % 2 ? 'flag' : 'json', 8 + index)]]),
      ) as unknown as DaemonHardening,
      rootless: false,
      protectedFiles: [{ object: 'etc-docker', path: '/mnt/image/etc/docker', systemPath: '/etc/docker', stat: stat(0o755, 0, 0), problem: null }],
      protectedObjectsAbsent: ['docker.socket', 'etc-sysconfig-docker'],
      protectedObjectsUnknown: [{ object: 'registry-certificate', why: '/etc/docker/certs.d cannot be listed: permission denied (EACCES)' }],
      unreadSettings: [{ source: '/etc/systemd/system/docker.service.d', why: 'docker.service.d cannot be listed (permission denied (EACCES)); the drop-ins in it were not read' }],
    },
    homes: [home({ ownerUid: null, dockerDir: null, contexts: [context({ skipTlsVerify: true, tlsFolder: null })], sshOptions: [sshOption('StrictHostKeyChecking', 'no', 'build.example.org', 4)] })],
    environment: { DOCKER_HOST: 'tcp://docker1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_TLS: '1', DOCKER_CERT_PATH: '/home/alice/.docker' },
    fileHints: [hint],
    errors: [{ path: '/mnt/image/home/bob/.docker/contexts/meta/broken/meta.json', message: 'not JSON' }],
  });
  // A second daemon as full as the first: the snap's or a rootless user's (1.6.0).
  observation.otherDaemons = [{ ...observation.daemon, startup: { kind: 'known', by: 'rootless dockerd of /home/alice (systemd --user docker.service)' } }];
  const built = buildScanReport({
    startedAt: new Date('2026-11-23T10:00:00Z'),
    finishedAt: new Date('2026-11-23T10:00:05.250Z'),
    endpoints: [endpoint, failed, tls13Only],
    findings,
    errors,
    summary: { probes: 6, byState: { open: 1, closed: 2, filtered: 1, error: 2 }, dockerApis: 1, unlisted: 3 },
    warnings: ['~/.docker/cert.pem: no key beside it; scanning without a client certificate'],
    files,
    config: observation,
    shard: { index: 2, count: 4 },
    scope: { kind: 'audit', targets: ['docker1.example', '10.0.0.0/30'], ports: [2375, 2376], excluded: ['10.0.0.3'], configRoot: '/mnt/image', paths: ['/mnt/image/etc/docker/server-cert.pem'] },
    machine: { key: 'docker1/4f1c2b0e9d8a7f6e5d4c3b2a19081726', label: 'docker1', hostname: 'docker1', machineId: '4f1c2b0e9d8a7f6e5d4c3b2a19081726', source: 'system' },
  });
  const endpointFinding = built.findings.find((finding) => finding.target !== undefined)!;
  const configFinding = built.findings.find((finding) => finding.path !== undefined)!;
  const suppressed: SuppressedFinding = { ...configFinding, suppressedBy: { entry: '.dockprobeignore:2', reason: 'image rebuilt in December, OPS-123', expires: '2026-12-31' } };
  const compliance: ComplianceReport = {
    schemaVersion: COMPLIANCE_SCHEMA_VERSION,
    spec: { id: 'cis-docker-1.7.0', title: 'CIS Docker Benchmark v1.7.0', version: '1.7.0', source: 'public control lists', url: 'https://www.cisecurity.org/benchmark/docker' },
    reportType: 'all',
    subjects: [{ id: 'web-01', kind: 'machine', label: 'web-01' }, { id: endpoint.target, kind: 'endpoint', label: endpoint.target }],
    totals: { FAIL: 1, 'NOT CHECKED': 0, PASS: 0, 'NOT APPLICABLE': 1, MANUAL: 0 },
    controls: [
      {
        id: '2.7', title: 'Ensure TLS authentication for Docker daemon is configured', section: '2', level: 1, assessment: 'automated', rules: ['daemon-tcp-no-tls'], status: 'FAIL',
        counts: { FAIL: 1, 'NOT CHECKED': 0, PASS: 1, 'NOT APPLICABLE': 0, MANUAL: 0 },
        results: [
          { subject: 'web-01', status: 'FAIL', reasons: [], evidence: [{ ruleId: 'daemon-tcp-no-tls', message: 'tcp://0.0.0.0:2375 without TLS', place: '/etc/default/docker:3', details: { address: 'tcp://0.0.0.0:2375' }, fingerprint: 'abc', suppressedBy: { entry: '.dockprobeignore:2', reason: 'migration', expires: null } }] },
          { subject: endpoint.target, status: 'PASS', reasons: ['decided from what it answered'], evidence: [] },
        ],
      },
      { id: '3.23', title: 'containerd socket', section: '3', level: 1, assessment: 'automated', rules: ['daemon-file-owner'], object: 'containerd-sock', status: 'NOT APPLICABLE', counts: { FAIL: 0, 'NOT CHECKED': 0, PASS: 0, 'NOT APPLICABLE': 1, MANUAL: 0 }, results: [] },
    ],
  };
  return { ...built, suppressed: [suppressed, { ...endpointFinding, suppressedBy: { ...suppressed.suppressedBy, expires: null } }], omitted: { bySeverity: 2, byBaseline: 1 }, compliance };
}

/** Every field path the schema describes, array items as "*" (e.g. endpoints, any item, tls, chain, any item, subject). */
function schemaPaths(node: SchemaNode, path = ''): string[] {
  const branches = [node, ...(node.$ref ? [resolveSchema(node.$ref)] : []), ...(node.allOf ?? []), ...(node.anyOf ?? [])].filter((branch) => !branch.if);
  if (branches.length > 1) return [...new Set(branches.flatMap((branch, i) => (i === 0 ? ownPaths(branch, path) : schemaPaths(branch, path))))];
  return ownPaths(node, path);
}

function ownPaths(node: SchemaNode, path: string): string[] {
  const paths = Object.entries(node.properties ?? {}).flatMap(([key, child]) => [`${path}/${key}`, ...schemaPaths(child, `${path}/${key}`)]);
  if (node.items && !Array.isArray(node.items)) paths.push(...schemaPaths(node.items, `${path}/*`));
  return paths;
}

function valuePaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuePaths(item, `${path}/*`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [`${path}/${key}`, ...valuePaths(child, `${path}/${key}`)]);
}

t.test('a report with every optional part filled in, from the observation builders', async (t) => {
  const report = assertValidReport(t, renderJson(fullReport()), 'built report');
  t.equal(report.schemaVersion, REPORT_SCHEMA_VERSION);
  const filled = new Set(valuePaths(report).map((path) => path.replace(/^(\/(findings|suppressed)\/\*\/evidence)\/.*/, '$1')));
  const unfilled = [...new Set(schemaPaths(reportSchema()))].filter((path) => !filled.has(path));
  t.same(unfilled, [], 'every field the schema describes is filled in by fullReport() (add a new optional field there)');
});

// ------------------------------------------------------------------ mistakes are refused, readably

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mistakes are made on purpose here
type Json = Record<string, any>;

function mutated(change: (report: Json) => void): Json {
  const report = asJson(fullReport()) as Json;
  change(report);
  return report;
}

function problemsOf(value: unknown): string[] {
  const result = validateReport(value);
  return result.valid ? [] : result.problems;
}

t.test('a wrong enumeration value', async (t) => {
  t.same(problemsOf(mutated((r) => (r.findings[0].severity = 'severe'))), ['/findings/0/severity: must be one of "critical", "high", "medium", "low", "info" (got "severe")']);
  t.same(problemsOf(mutated((r) => (r.endpoints[1].service = 'ftp'))), ['/endpoints/1/service: must be one of "docker-api", "http", "tls", "other", null (got "ftp")']);
  t.same(problemsOf(mutated((r) => (r.errors[0].kind = 'timeout'))), ['/errors/0/kind: must be one of "target", "sweep", "rule", "input", "file", "config" (got "timeout")']);
  t.same(problemsOf(mutated((r) => (r.files[0].role = 'server'))), ['/files/0/role: must be one of "server-cert", "client-cert", "ca-cert", "server-key", "client-key", "ca-key", "unknown" (got "server")']);
});

t.test('a missing required field', async (t) => {
  t.same(problemsOf(mutated((r) => delete r.endpoints[0].state)), ['/endpoints/0/state: required, but missing']);
  t.same(problemsOf(mutated((r) => delete r.summary)), ['/summary: required, but missing']);
  t.same(problemsOf(mutated((r) => delete r.config.daemon.tlsFiles)), ['/config/daemon/tlsFiles: required, but missing'], 'no "must be null" noise from the null-or-object choice');
  t.same(problemsOf(mutated((r) => delete r.findings[0].fingerprint)), ['/findings/0/fingerprint: required, but missing'], 'a 1.3 report fingerprints every finding');
  t.same(problemsOf(mutated((r) => delete r.suppressed[0].suppressedBy.reason)), ['/suppressed/0/suppressedBy/reason: required, but missing']);
  t.same(problemsOf(mutated((r) => delete r.omitted)), ['/omitted: required, but missing']);
});

t.test('a wrong type', async (t) => {
  t.same(problemsOf(mutated((r) => (r.complete = 'yes'))), ['/complete: must be boolean (got "yes")']);
  t.same(problemsOf(mutated((r) => (r.endpoints[0].tls = 'TLSv1.3'))), ['/endpoints/0/tls: must be object or null (got "TLSv1.3")']);
  t.same(problemsOf(mutated((r) => (r.endpoints[0].tls.chainVerified = 'yes'))), ['/endpoints/0/tls/chainVerified: must be boolean (got "yes")']);
  t.same(problemsOf(mutated((r) => (r.endpoints[0].address = 17))), ['/endpoints/0/address: must be string or null (got 17)']);
  t.same(problemsOf(mutated((r) => (r.summary.byState.open = -1))), ['/summary/byState/open: must be >= 0 (got -1)']);
  t.same(problemsOf(mutated((r) => (r.shard.index = 0))), ['/shard/index: must be >= 1 (got 0)'], 'shards are counted from 1');
  t.same(problemsOf(mutated((r) => (r.shard = '2/4'))), ['/shard: must be object or null (got "2/4")']);
  t.same(problemsOf(mutated((r) => (r.findings[0].fingerprint = 'not-a-fingerprint'))), ['/findings/0/fingerprint: must be 32 lowercase hex characters (got "not-a-fingerprint")']);
  t.same(problemsOf(mutated((r) => (r.suppressed[0].suppressedBy.expires = '31.12.2026'))), ['/suppressed/0/suppressedBy/expires: must be a day as "YYYY-MM-DD", or null (got "31.12.2026")']);
  t.same(problemsOf(mutated((r) => (r.startedAt = 'yesterday'))), ['/startedAt: must be a UTC timestamp such as "2026-11-23T17:40:25.123Z" (got "yesterday")']);
  t.same(problemsOf(mutated((r) => (r.endpoints[0].target = '127.0.0.1'))), ['/endpoints/0/target: must be "host:port", an IPv6 address as "[addr]:port" (got "127.0.0.1")']);
  t.same(problemsOf(mutated((r) => (r.findings[0].evidence.nested = { a: 1 }))), ['/findings/0/evidence/nested: must be string or number or boolean or array or null (got an object)']);
  t.same(problemsOf([]), ['/: must be object (got an array)']);
  t.same(problemsOf(null), ['/: must be object (got null)']);
});

t.test('another major version, a malformed one, or a newer minor', async (t) => {
  const major = problemsOf(mutated((r) => (r.schemaVersion = '2.0.0')));
  t.equal(major.length, 1, 'one line: the rest of another format is not worth listing');
  t.match(major[0], /^\/schemaVersion: "2\.0\.0" is report format 2\.x; this dockprobe reads 1\.x/);
  t.same(problemsOf(mutated((r) => (r.schemaVersion = 'v1'))), [`/schemaVersion: must be a 1.x.y version such as "${REPORT_SCHEMA_VERSION}" (got "v1")`]);
  t.same(problemsOf(mutated((r) => (r.schemaVersion = '1.3'))), [`/schemaVersion: must be a 1.x.y version such as "${REPORT_SCHEMA_VERSION}" (got "1.3")`]);
  const newer = problemsOf(mutated((r) => ((r.schemaVersion = '1.99.0'), (r.complete = 1))));
  t.same(newer, ['/complete: must be boolean (got 1)', `/schemaVersion: "1.99.0" is newer than the ${REPORT_SCHEMA_VERSION} this dockprobe knows; a newer dockprobe may read it`]);
  t.equal(problemsOf('{"schemaVersion": "1.3.0"}').length, 1, 'JSON text is a string, not a report');
});

t.test('a garbage file gives a bounded list of problems', async (t) => {
  const problems = problemsOf({ schemaVersion: '1.3.0', findings: Array.from({ length: 50 }, () => ({})) });
  t.equal(problems.length, 21);
  t.match(problems.at(-1), /^…and \d+ more problems$/);
});

// ------------------------------------------------------------------ the 1.x compatibility promise

/** A 1.3 report cut back to what an older minor wrote. */
function asVersion(version: string): Json {
  const report = asJson(fullReport()) as Json;
  report.schemaVersion = version;
  const minor = Number(version.split('.')[1]);
  if (minor < 8) {
    const configs = [report.config, ...(report.machines ?? []).map((machine: Json) => machine.config)].filter(Boolean);
    for (const daemon of configs.flatMap((config: Json) => [config.daemon, ...(config.otherDaemons ?? [])])) {
      for (const field of ['hardening', 'rootless', 'protectedFiles', 'protectedObjectsAbsent', 'protectedObjectsUnknown', 'unreadSettings']) delete daemon[field];
    }
  }
  if (minor < 6) {
    for (const file of report.files ?? []) delete file.checksWithoutRole;
    for (const endpoint of report.endpoints) if (endpoint.tls) delete endpoint.tls.clientCertificateRequest;
    for (const endpoint of report.endpoints) delete endpoint.checked;
    delete report.scope;
  }
  if (minor < 5) {
    for (const endpoint of report.endpoints) delete endpoint.unfinished;
    if (report.config) delete report.config.daemon.duplicateKeys;
  }
  if (minor < 4) delete report.shard;
  if (minor < 3) {
    delete report.suppressed;
    delete report.omitted;
    for (const finding of report.findings) delete finding.fingerprint, delete finding.source;
    for (const endpoint of report.endpoints) delete endpoint.source;
  }
  if (minor < 2) {
    delete report.files;
    delete report.config;
    for (const finding of report.findings) delete finding.path, delete finding.line, delete finding.systemPath;
    report.errors = report.errors.filter((error: ScanError) => error.kind !== 'file' && error.kind !== 'config');
    report.findings = report.findings.filter((finding: Finding) => finding.target !== undefined);
  }
  if (minor < 1) delete report.warnings;
  return report;
}

t.test('every older 1.x report is accepted as it was written; fields are required from their minor on', async (t) => {
  for (const version of ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0', '1.6.0', '1.7.0']) t.same(problemsOf(asVersion(version)), [], `${version} as written then`);
  t.same(problemsOf({ ...asVersion('1.0.0'), schemaVersion: '1.1.0' }), ['/warnings: required, but missing'], 'a 1.1 report has warnings');
  t.same(problemsOf({ ...asVersion('1.1.0'), schemaVersion: '1.2.0' }), ['/files: required, but missing', '/config: required, but missing'], 'a 1.2 report has files and config');
  const lacking13 = problemsOf({ ...asVersion('1.2.0'), schemaVersion: '1.3.0' });
  for (const field of ['/suppressed', '/omitted', '/findings/0/fingerprint', '/endpoints/0/source']) t.ok(lacking13.includes(`${field}: required, but missing`), `a 1.3 report has ${field}`);
  t.same(problemsOf({ ...asVersion('1.3.0'), schemaVersion: '1.4.0' }), ['/shard: required, but missing'], 'a 1.4 report says whether it is a shard');
  t.same(problemsOf({ ...asVersion('1.4.0'), schemaVersion: '1.5.0' }), ['/endpoints/0/unfinished: required, but missing', '/endpoints/1/unfinished: required, but missing', '/endpoints/2/unfinished: required, but missing', '/config/daemon/duplicateKeys: required, but missing'], 'a 1.5 report says whether each endpoint was finished');
  const lacking16 = problemsOf({ ...asVersion('1.5.0'), schemaVersion: '1.6.0' });
  t.ok(lacking16.includes('/scope: required, but missing') && lacking16.includes('/endpoints/0/checked: required, but missing'), 'a 1.6 report says what it covered, and whether each endpoint was fully checked');
  t.ok(lacking16.every((problem) => /^\/scope: |^\/endpoints\/\d+\/checked: |^\/files\/\d+\/checksWithoutRole: |^\/endpoints\/\d+\/tls\/clientCertificateRequest: /.test(problem)), `and nothing else is new in 1.6 (${lacking16.join('; ')})`);
  // 1.8.0's CIS facts are written by every config 1.8 collects, yet not required: `report merge`
  // carries a config from a 1.7 report as it was written, without them (not observed, not "not set").
  t.same(problemsOf({ ...asVersion('1.7.0'), schemaVersion: '1.8.0' }), [], 'a 1.8 report may carry a daemon config from before 1.8.0');
});

t.test('a newer 1.x report with fields this schema does not know is accepted (consumers ignore them)', async (t) => {
  const newer = mutated((r) => {
    r.schemaVersion = '1.9.0';
    r.scanner = { host: 'ci-runner-7' };
    r.findings[0].cwe = 'CWE-306';
    r.config.daemon.userns = 'default';
  });
  t.same(problemsOf(newer), [], 'valid: minor versions only add');
  t.same(undescribedFields(newer).sort(), ['/config/daemon/userns', '/findings/0/cwe', '/scanner'], 'but the fields are not described');
});

// ------------------------------------------------------------------ the guard for the next field

t.test('a field in a report that the schema does not describe fails assertValidReport, saying what to update', async (t) => {
  const report = mutated((r) => {
    r.endpoints[0].tls.ocspStapled = true;
    r.files[0].certificates[0].policies = ['2.23.140.1.2.1'];
  });
  t.same(undescribedFields(report), ['/endpoints/0/tls/ocspStapled', '/files/0/certificates/0/policies']);
  const problems = reportProblems(report);
  t.equal(problems.length, 2);
  t.match(problems[0], /^\/endpoints\/0\/tls\/ocspStapled: not described by schema\/report\.schema\.json; update schema\/report\.schema\.json and docs\/report-format\.md/);
  t.same(undescribedFields(mutated((r) => (r.findings[0].evidence.anyRuleKey = 'x'))), [], 'evidence keys are each rule\'s own');
});

/** Every member of union T, listed: a member added to T and not here fails to compile. */
function all<T>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): readonly T[] => list;
}

function resolveSchema(pointer: string): SchemaNode {
  let node: unknown = reportSchema();
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'object' || node === null) throw new Error(`schema/report.schema.json has nothing at ${pointer}`);
  return node as SchemaNode;
}

/** The properties a schema node describes, through $ref, allOf and anyOf (then-branches only require). */
function describedKeys(node: SchemaNode): string[] {
  const keys = new Set(Object.keys(node.properties ?? {}));
  if (node.$ref) describedKeys(resolveSchema(node.$ref)).forEach((key) => keys.add(key));
  for (const branch of [...(node.allOf ?? []), ...(node.anyOf ?? [])]) if (!branch.if) describedKeys(branch).forEach((key) => keys.add(key));
  return [...keys].sort();
}

function enumAt(node: SchemaNode): unknown[] {
  if (node.$ref) return enumAt(resolveSchema(node.$ref));
  if (!Array.isArray(node.enum)) throw new Error('no enum here');
  return node.enum as unknown[];
}

const sorted = (values: readonly unknown[]) => [...values].map(String).sort();

t.test('every field of the TypeScript report types is in the schema, and nothing else', async (t) => {
  type SummaryKeys = keyof ScanReport['summary'];
  type DaemonSocket = NonNullable<DaemonConfig['socket']>;
  const objects: [string, string, readonly string[]][] = [
    ['ScanReport', '#', all<keyof ScanReport>()(['schemaVersion', 'tool', 'startedAt', 'finishedAt', 'complete', 'summary', 'findings', 'endpoints', 'errors', 'warnings', 'files', 'config', 'machines', 'suppressed', 'omitted', 'shard', 'scope', 'compliance'])],
    ['ComplianceReport', '#/definitions/compliance', all<keyof ComplianceReport>()(['schemaVersion', 'spec', 'reportType', 'subjects', 'totals', 'controls'])],
    ['ControlResult', '#/definitions/compliance/properties/controls/items', all<keyof ControlResult>()(['id', 'title', 'section', 'level', 'assessment', 'rules', 'object', 'status', 'counts', 'results'])],
    ['SubjectControlResult', '#/definitions/compliance/properties/controls/items/properties/results/items', all<keyof SubjectControlResult>()(['subject', 'status', 'reasons', 'evidence'])],
    ['ControlEvidence', '#/definitions/compliance/properties/controls/items/properties/results/items/properties/evidence/items', all<keyof ControlEvidence>()(['ruleId', 'message', 'place', 'details', 'fingerprint', 'suppressedBy'])],
    ['MachineEntry', '#/definitions/machine', all<keyof MachineEntry>()(['key', 'label', 'hostname', 'machineId', 'source', 'root', 'config', 'paths', 'benchmarkRules'])],
    ['ScanReport.shard', '#/properties/shard/anyOf/1', all<keyof ReportShard>()(['index', 'count'])],
    ['ScanReport.tool', '#/properties/tool', all<keyof ScanReport['tool']>()(['name', 'version'])],
    ['ScanReport.omitted', '#/properties/omitted', all<keyof ScanReport['omitted']>()(['bySeverity', 'byBaseline'])],
    ['ScanReport.summary', '#/definitions/summary', all<SummaryKeys>()(['probes', 'byState', 'dockerApis', 'unlisted', 'findingsBySeverity'])],
    ['summary.byState', '#/definitions/summary/properties/byState', all<EndpointState>()(['open', 'closed', 'filtered', 'error'])],
    ['summary.findingsBySeverity', '#/definitions/summary/properties/findingsBySeverity', all<Severity>()(['critical', 'high', 'medium', 'low', 'info'])],
    ['Finding', '#/definitions/finding', all<keyof Finding>()(['ruleId', 'severity', 'title', 'message', 'evidence', 'target', 'path', 'line', 'systemPath', 'source', 'machine', 'fingerprint'])],
    ['SuppressedFinding', '#/definitions/suppressedFinding', all<keyof SuppressedFinding>()(['ruleId', 'severity', 'title', 'message', 'evidence', 'target', 'path', 'line', 'systemPath', 'source', 'machine', 'fingerprint', 'suppressedBy'])],
    ['SuppressedFinding.suppressedBy', '#/definitions/suppressedFinding/allOf/1/properties/suppressedBy', all<keyof SuppressedFinding['suppressedBy']>()(['entry', 'reason', 'expires'])],
    ['TargetSource', '#/definitions/targetSource', all<keyof TargetSource>()(['file', 'line'])],
    ['ScanError', '#/definitions/scanError', all<keyof ScanError>()(['kind', 'target', 'path', 'ruleId', 'source', 'message'])],
    ['EndpointReportEntry', '#/definitions/endpoint', all<keyof EndpointReportEntry>()(['target', 'host', 'address', 'port', 'named', 'state', 'service', 'dockerApi', 'error', 'transport', 'tls', 'attempts', 'docker', 'info', 'checked', 'unfinished', 'durationMs', 'source', 'accessGrantedBy', 'exposure', 'machine', 'benchmarkRules'])],
    ['AccessAttempt', '#/definitions/accessAttempt', all<keyof AccessAttempt>()(['name', 'outcome', 'detail', 'httpStatus'])],
    ['TlsObservation', '#/definitions/tlsObservation', all<keyof TlsObservation>()(['protocol', 'cipher', 'chain', 'trustAnchor', 'chainVerified', 'chainError', 'goVerdict', 'chainVerdictBy', 'trust', 'legacyProtocols', 'clientCertificateRequest'])],
    ['LegacyProtocolProbe', '#/definitions/tlsObservation/properties/legacyProtocols/items', all<keyof LegacyProtocolProbe>()(['protocol', 'outcome', 'detail'])],
    ['DockerVersionFacts', '#/definitions/dockerVersionFacts', all<keyof DockerVersionFacts>()(['version', 'apiVersion', 'minApiVersion', 'gitCommit', 'os', 'arch', 'kernelVersion'])],
    ['DockerInfoFacts', '#/definitions/dockerInfoFacts', all<keyof DockerInfoFacts>()(['name', 'serverVersion', 'operatingSystem', 'authorizationPlugins', 'securityOptions', 'rootless', 'httpProxy', 'httpsProxy', 'liveRestoreEnabled', 'loggingDriver', 'driver', 'experimentalBuild', 'debug', 'insecureRegistries', 'defaultBridgeIcc'])],
    ['CertificateFacts', '#/definitions/certificateFacts', all<keyof CertificateFacts>()(['subject', 'issuer', 'serialNumber', 'notBefore', 'notAfter', 'sanDns', 'sanIp', 'hasSan', 'publicKeyType', 'publicKeyBits', 'publicKeyCurve', 'publicKeyCurveName', 'goRefusesKey', 'signatureAlgorithm', 'signatureAlgorithmOid', 'signatureHash', 'isCA', 'keyUsage', 'extendedKeyUsage', 'malformedExtensions', 'selfSigned', 'fingerprint256'])],
    ['MalformedExtension', '#/definitions/malformedExtension', all<keyof MalformedExtension>()(['extension', 'oid', 'problem', 'goRefuses'])],
    ['FileReportEntry', '#/definitions/fileObservation', all<keyof FileReportEntry>()(['path', 'systemPath', 'machine', 'symlinkTarget', 'stat', 'readError', 'kind', 'parseError', 'role', 'roleSource', 'namedBy', 'expectedOwnerUid', 'certificates', 'key', 'pairedWith', 'pairMatches', 'caPath', 'chainVerified', 'chainError', 'chainFailure', 'goVerdict', 'chainPath', 'besideServerCert', 'besideClientCert', 'besidePrivateKey', 'checksWithoutRole'])],
    ['FileObservation.symlinkTarget', '#/definitions/fileObservation/properties/symlinkTarget', all<keyof NonNullable<FileObservation['symlinkTarget']>>()(['path', 'systemPath'])],
    ['FileStat', '#/definitions/fileStat', all<keyof FileStat>()(['type', 'mode', 'uid', 'gid', 'size'])],
    ['NamedBy', '#/definitions/namedBy', all<keyof NamedBy>()(['path', 'systemPath', 'line', 'what'])],
    ['KeyFacts', '#/definitions/keyFacts', all<keyof KeyFacts>()(['format', 'encrypted', 'type', 'bits', 'publicKeyFingerprint'])],
    ['ConfigObservation', '#/definitions/configObservation', all<keyof ConfigObservation>()(['root', 'daemon', 'otherDaemons', 'homes', 'environment', 'fileHints', 'errors'])],
    ['ConfigObservation.errors', '#/definitions/configObservation/properties/errors/items', all<keyof ConfigObservation['errors'][number]>()(['path', 'message'])],
    ['DaemonConfig', '#/definitions/daemonConfig', all<keyof DaemonConfig>()(['startup', 'files', 'daemonJsonPath', 'daemonJsonError', 'duplicateKeys', 'listeners', 'tls', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey', 'conflicts', 'socket', 'dockerGroupGid', 'tlsFiles', 'present', 'hardening', 'rootless', 'protectedFiles', 'protectedObjectsAbsent', 'protectedObjectsUnknown', 'unreadSettings'])],
    ['DaemonHardening', '#/definitions/daemonHardening', all<keyof DaemonHardening>()(['icc', 'logLevel', 'debug', 'iptables', 'insecureRegistries', 'storageDriver', 'defaultUlimits', 'usernsRemap', 'cgroupParent', 'authorizationPlugins', 'logDriver', 'noNewPrivileges', 'liveRestore', 'userlandProxy', 'seccompProfile', 'experimental', 'bridge'])],
    ['ProtectedFile', '#/definitions/protectedFile', all<keyof ProtectedFile>()(['object', 'path', 'systemPath', 'stat', 'problem'])],
    ['DaemonConfig.protectedObjectsUnknown', '#/definitions/daemonConfig/properties/protectedObjectsUnknown/items', all<keyof DaemonConfig['protectedObjectsUnknown'][number]>()(['object', 'why'])],
    ['DaemonConfig.unreadSettings', '#/definitions/daemonConfig/properties/unreadSettings/items', all<keyof DaemonConfig['unreadSettings'][number]>()(['source', 'why'])],
    ['Setting<string[]>', '#/definitions/stringListSetting', all<keyof Setting<string[]>>()(['value', 'source', 'origin'])],
    ['DaemonJsonParseError', '#/definitions/daemonConfig/properties/daemonJsonError/anyOf/1', all<keyof DaemonJsonParseError>()(['message', 'line', 'column'])],
    ['DaemonConfig.conflicts', '#/definitions/daemonConfig/properties/conflicts/items', all<keyof DaemonConfig['conflicts'][number]>()(['directive', 'json', 'flag'])],
    ['DaemonConfig.socket', '#/definitions/daemonConfig/properties/socket/anyOf/1', all<keyof DaemonSocket>()(['path', 'systemPath', 'stat'])],
    ['ConfigSource', '#/definitions/configSource', all<keyof ConfigSource>()(['path', 'systemPath', 'line', 'form'])],
    ['Setting<boolean>', '#/definitions/booleanSetting', all<keyof Setting<boolean>>()(['value', 'source', 'origin'])],
    ['Setting<string>', '#/definitions/stringSetting', all<keyof Setting<string>>()(['value', 'source', 'origin'])],
    ['Listener', '#/definitions/listener', all<keyof Listener>()(['address', 'scheme', 'host', 'port', 'source', 'origin'])],
    ['ConfigFile', '#/definitions/configFile', all<keyof ConfigFile>()(['path', 'systemPath', 'kind', 'stat', 'readError'])],
    ['TlsFileStatus', '#/definitions/tlsFileStatus', all<keyof TlsFileStatus>()(['directive', 'path', 'systemPath', 'source', 'problem', 'unverifiable', 'flagDefault'])],
    ['ClientHome', '#/definitions/clientHome', all<keyof ClientHome>()(['systemPath', 'path', 'ownerUid', 'contexts', 'sshOptions', 'dockerDir'])],
    ['DockerContext', '#/definitions/dockerContext', all<keyof DockerContext>()(['name', 'host', 'skipTlsVerify', 'tlsFolder', 'source'])],
    ['SshHostOption', '#/definitions/sshHostOption', all<keyof SshHostOption>()(['hostPattern', 'option', 'value', 'source'])],
    ['ClientEnvironment', '#/definitions/clientEnvironment', all<keyof ClientEnvironment>()(['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'])],
    ['FileRoleHint', '#/definitions/fileRoleHint', all<keyof FileRoleHint>()(['systemPath', 'role', 'namedBy', 'caSystemPath', 'keySystemPath', 'consumer'])],
  ];
  for (const [type, pointer, keys] of objects) {
    t.same(describedKeys(resolveSchema(pointer)), sorted(keys), `${type} (${pointer}): the schema describes exactly its fields; if not, update schema/report.schema.json and docs/report-format.md`);
  }
});

t.test('every enumeration of the TypeScript report types is the schema\'s', async (t) => {
  const enums: [string, string, readonly unknown[]][] = [
    ['Severity', '#/definitions/severity', all<Severity>()(['critical', 'high', 'medium', 'low', 'info'])],
    ['ScanError.kind', '#/definitions/scanError/properties/kind', all<ScanError['kind']>()(['target', 'sweep', 'rule', 'input', 'file', 'config'])],
    ['EndpointState', '#/definitions/endpoint/properties/state', all<EndpointState>()(['open', 'closed', 'filtered', 'error'])],
    ['ServiceKind | null', '#/definitions/endpoint/properties/service', all<ServiceKind | null>()(['docker-api', 'http', 'tls', 'other', null])],
    ['DockerApiVerdict', '#/definitions/endpoint/properties/dockerApi', all<DockerApiVerdict>()(['confirmed', 'not-docker', 'unconfirmed'])],
    ['transport', '#/definitions/endpoint/properties/transport', all<EndpointObservation['transport']>()(['plain', 'tls', null])],
    ['AttemptName', '#/definitions/attemptName', all<AttemptName>()(['plaintext', 'tls-no-client-cert', 'tls-user-client-cert', 'tls-untrusted-client-cert'])],
    ['AttemptOutcome', '#/definitions/accessAttempt/properties/outcome', all<AttemptOutcome>()(['api-access', 'refused', 'not-docker', 'error', 'skipped'])],
    ['trustAnchor', '#/definitions/tlsObservation/properties/trustAnchor', all<TlsObservation['trustAnchor']>()(['user-ca', 'system-store'])],
    ['LegacyProtocol', '#/definitions/tlsObservation/properties/legacyProtocols/items/properties/protocol', all<LegacyProtocol>()(['TLSv1', 'TLSv1.1'])],
    ['LegacyOutcome', '#/definitions/tlsObservation/properties/legacyProtocols/items/properties/outcome', all<LegacyOutcome>()(['accepted', 'refused', 'error'])],
    ['ClientCertificateRequest.kind', '#/definitions/tlsObservation/properties/clientCertificateRequest/properties/kind', all<ClientCertificateRequest['kind']>()(['requested', 'not-requested', 'no-tls12', 'error'])],
    ['ProtectedObject', '#/definitions/protectedObject', all<ProtectedObject>()(['docker.service', 'docker.socket', 'etc-docker', 'registry-certificate', 'tls-ca', 'tls-cert', 'tls-key', 'docker-sock', 'daemon.json', 'etc-default-docker', 'etc-sysconfig-docker', 'containerd-sock'])],
    ['PublicKeyType', '#/definitions/publicKeyType', all<PublicKeyType>()(['rsa', 'rsa-pss', 'ec', 'dsa', 'ed25519', 'ed448', 'unknown'])],
    ['CertificateFacts.publicKeyCurve', '#/definitions/certificateFacts/properties/publicKeyCurve', all<CertificateFacts['publicKeyCurve']>()(['named', 'explicit', null])],
    ['GoKeyRefusal | null', '#/definitions/certificateFacts/properties/goRefusesKey', all<CertificateFacts['goRefusesKey']>()(['explicit-curve', 'unsupported-curve', 'malformed-key', 'unsupported-key-type', 'rsa-under-1024', null])],
    ['KeyFacts.type', '#/definitions/keyFacts/properties/type', all<KeyFacts['type']>()(['rsa', 'rsa-pss', 'ec', 'dsa', 'ed25519', 'ed448', 'unknown', null])],
    ['KeyFormat', '#/definitions/keyFacts/properties/format', all<KeyFormat>()(['pkcs8', 'pkcs1', 'sec1', 'encrypted-pkcs8', 'legacy-encrypted-pem', 'der', 'unknown'])],
    ['FileRole', '#/definitions/fileRole', all<FileRole>()(['server-cert', 'client-cert', 'ca-cert', 'server-key', 'client-key', 'ca-key', 'unknown'])],
    ['RoleSource', '#/definitions/fileObservation/properties/roleSource', all<RoleSource>()(['config', 'flag', 'file-name', 'none'])],
    ['FileKind', '#/definitions/fileObservation/properties/kind', all<FileKind>()(['certificate', 'private-key', 'csr', 'openssl-config', 'serial', 'unparseable', 'unreadable', 'other'])],
    ['FileType', '#/definitions/fileStat/properties/type', all<FileType>()(['file', 'directory', 'symlink', 'other'])],
    ['Setting.origin', '#/definitions/origin', all<Setting<unknown>['origin']>()(['json', 'flag'])],
    ['Listener.scheme', '#/definitions/listener/properties/scheme', all<Listener['scheme']>()(['tcp', 'unix', 'fd', 'npipe', 'ssh', 'other'])],
    ['ConfigFile.kind', '#/definitions/configFile/properties/kind', all<ConfigFile['kind']>()(['daemon-json', 'systemd-unit', 'systemd-drop-in', 'environment-file', 'docker-default'])],
    ['TlsFileStatus.directive', '#/definitions/tlsDirective', all<TlsFileStatus['directive']>()(['tlscacert', 'tlscert', 'tlskey'])],
    ['SshHostOption.option', '#/definitions/sshHostOption/properties/option', all<SshHostOption['option']>()(['StrictHostKeyChecking', 'UserKnownHostsFile'])],
    ['FileRoleHint.consumer', '#/definitions/fileRoleHint/properties/consumer', all<NonNullable<FileRoleHint['consumer']>>()(['daemon', 'client'])],
  ];
  for (const [type, pointer, values] of enums) {
    t.same(sorted(enumAt(resolveSchema(pointer))), sorted(values), `${type} (${pointer}): same values in the schema; if not, update schema/report.schema.json and docs/report-format.md`);
  }
});

// ------------------------------------------------------------------ versions and docs

t.test('the schema\'s major is the report\'s; the docs changelog lists every minor up to this one', async (t) => {
  const schema = reportSchema();
  const [major, minor] = REPORT_SCHEMA_VERSION.split('.').map(Number) as [number, number];
  t.match(schema.$id, /^https:\/\/dockprobe\.dev\/schema\/report-\d+\.json$/);
  t.equal(/report-(\d+)\.json$/.exec(schema.$id ?? '')?.[1], String(major), '$id names the major of REPORT_SCHEMA_VERSION');
  t.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  t.ok(new RegExp(String((schema.properties!.schemaVersion as SchemaNode).pattern)).test(REPORT_SCHEMA_VERSION), 'the schemaVersion pattern accepts this version');

  const docs = readFileSync(DOCS, 'utf8');
  const changelog = /^## Changelog[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(docs)?.[1] ?? '';
  t.not(changelog, '', 'docs/report-format.md has a "## Changelog" section');
  t.match(changelog, new RegExp(`\\b${REPORT_SCHEMA_VERSION.replace(/\./g, '\\.')}\\b`), `the changelog mentions ${REPORT_SCHEMA_VERSION}; add the new version to docs/report-format.md`);
  for (let m = 0; m <= minor; m++) t.match(changelog, new RegExp(`\\b${major}\\.${m}\\.0\\b`), `the changelog has ${major}.${m}.0`);
  for (const field of Object.keys(schema.properties ?? {})) t.match(docs, `\`${field}\``, `docs/report-format.md describes top-level \`${field}\``);
  t.match(docs, 'schema/report.schema.json');
});

t.test('the schema is found from src/ and from dist/', async (t) => {
  t.equal(REPORT_SCHEMA_PATH, join(REPO, 'schema/report.schema.json'));
  t.ok(existsSync(REPORT_SCHEMA_PATH));
  const built = join(REPO, 'dist/report/report-schema.js');
  if (existsSync(built)) {
    const dist = (await import(pathToFileURL(built).href)) as { REPORT_SCHEMA_PATH: string };
    t.equal(dist.REPORT_SCHEMA_PATH, REPORT_SCHEMA_PATH, 'the built module finds the same file');
  } else {
    const fromDist = fileURLToPath(new URL('../../schema/report.schema.json', pathToFileURL(built)));
    t.equal(fromDist, REPORT_SCHEMA_PATH, 'dist/report/report-schema.js (not built yet) would find the same file');
  }
});
