import type { FileObservation } from '../../src/files/file-observation.js';
import type { MachineIdentity } from '../../src/machine/machine.js';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import type { Finding, ScanError } from '../../src/report/finding.js';
import { mergeReports } from '../../src/report/merge-reports.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { checksWithoutRole, evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { caKey, daemonCa, serverCert, serverKey, unknownFile } from './file-observation-builder.js';
import { attempts, caFacts, certFacts, mtlsEndpoint, plainEndpoint, tlsFacts } from './observation-builder.js';

/**
 * A fleet as `report merge` sees it: the audits of three machines and a network scan, judged by
 * the real rules, merged. Built to hold what a fleet report must show: an open plain API (root
 * for anyone), a protected mTLS endpoint, a TLS endpoint without client verification, a
 * certificate expiring within days and one expired, an endpoint that could not be checked, a
 * config error, a file of unknown role, and hostile text in a certificate subject and a path.
 */
export const FLEET_NOW = new Date('2026-11-23T10:00:00.000Z');
export const HOSTILE_SUBJECT = 'CN=<img src=x onerror=alert(1)>"><script>alert(2)</script>';
export const HOSTILE_PATH = '/etc/docker/ssl/</td><script>alert(3)</script>.pem';

export const MACHINES: MachineIdentity[] = [
  { key: 'web-01/00000000000000000000000000000001', label: 'web-01', hostname: 'web-01', machineId: '00000000000000000000000000000001', source: 'system' },
  { key: 'db-02/00000000000000000000000000000002', label: 'db-02', hostname: 'db-02', machineId: '00000000000000000000000000000002', source: 'system' },
  { key: 'build-03/00000000000000000000000000000003', label: 'build-03', hostname: 'build-03', machineId: '00000000000000000000000000000003', source: 'system' },
];

const metadata = loadRuleMetadata();
const days = (n: number): string => new Date(FLEET_NOW.getTime() + n * 86_400_000).toISOString();

function judged(endpoints: EndpointObservation[], files: FileObservation[]): { findings: Finding[]; errors: ScanError[]; files: FileObservation[] } {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const endpoint of endpoints) {
    const result = evaluateEndpoint(endpoint, ENDPOINT_RULES, metadata, { now: FLEET_NOW });
    findings.push(...result.findings);
    errors.push(...result.errors);
  }
  for (const file of files) {
    const result = evaluateFile(file, FILE_RULES, metadata, { now: FLEET_NOW });
    findings.push(...result.findings);
    errors.push(...result.errors);
  }
  return { findings, errors, files: files.map((file) => ({ ...file, checksWithoutRole: checksWithoutRole(file, FILE_RULES) })) };
}

function audit(machine: MachineIdentity, endpoints: EndpointObservation[], files: FileObservation[], extraErrors: ScanError[] = [], minutes = 0): ScanReport {
  const result = judged(endpoints, files);
  return buildScanReport({
    startedAt: new Date(FLEET_NOW.getTime() - 60_000 + minutes * 60_000),
    finishedAt: new Date(FLEET_NOW.getTime() + minutes * 60_000),
    endpoints,
    findings: result.findings,
    errors: [...result.errors, ...extraErrors],
    summary: { ...emptySummary(), probes: endpoints.length },
    files: result.files,
    scope: { kind: 'audit', targets: ['127.0.0.1'], ports: [2375, 2376], excluded: [], configRoot: '/', paths: files.map((file) => file.path) },
    machine,
  });
}

export function fleetReport(): ScanReport {
  // web-01: dockerd on plain TCP, and its server certificate ends in 12 days.
  const web = audit(MACHINES[0]!, [plainEndpoint()], [serverCert({ certificates: [certFacts({ subject: 'CN=web-01', notAfter: days(12), fingerprint256: 'W1' })] }), serverKey(), daemonCa()], [], 1);
  // db-02: mutual TLS done right; a stray certificate of unknown role with a hostile subject; a CA key left on the host.
  const db = audit(
    MACHINES[1]!,
    [mtlsEndpoint({ tls: tlsFacts({ chain: [certFacts({ subject: 'CN=db-02', notAfter: days(300), fingerprint256: 'D1' }), caFacts({ fingerprint256: 'CA' })] }) })],
    [unknownFile({ path: HOSTILE_PATH, systemPath: HOSTILE_PATH, certificates: [certFacts({ subject: HOSTILE_SUBJECT, notAfter: days(200), fingerprint256: 'H1' })] }), caKey()],
    [],
    2,
  );
  // build-03: the daemon's config could not be read, and its endpoint stopped answering mid-way.
  const build = audit(
    MACHINES[2]!,
    [mtlsEndpoint({ checked: { complete: false, reason: 'the endpoint deadline (10000 ms) passed before the untrusted-certificate attempt' }, unfinished: 'the endpoint deadline (10000 ms) passed before the untrusted-certificate attempt', attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-user-client-cert': 'api-access', 'tls-untrusted-client-cert': 'error' }) })],
    [],
    [{ kind: 'config', path: '/etc/docker/daemon.json', message: 'could not read /etc/docker/daemon.json: permission denied (EACCES)' }],
    3,
  );
  // The network scan: a TLS API that verifies no client, with an expired certificate; a host that did not answer.
  const openTls = mtlsEndpoint({
    target: '10.20.0.5:2376',
    host: '10.20.0.5',
    address: '10.20.0.5',
    tls: tlsFacts({ chain: [certFacts({ subject: 'CN=ci-runner', notAfter: days(-20), fingerprint256: 'E1' })], chainVerified: false, chainError: 'CERT_HAS_EXPIRED', clientCertificateRequest: { kind: 'not-requested' } }),
    attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'api-access', 'tls-untrusted-client-cert': 'api-access' }),
  });
  const silent = mtlsEndpoint({ target: '10.20.0.9:2375', host: '10.20.0.9', address: '10.20.0.9', port: 2375, state: 'error', service: null, dockerApi: 'unconfirmed', transport: null, tls: null, attempts: attempts({}), docker: null, info: null, error: 'connection reset', checked: { complete: false, reason: 'connection reset' } });
  const scanned = judged([openTls, silent], []);
  const scan = buildScanReport({
    startedAt: new Date(FLEET_NOW.getTime() - 120_000),
    finishedAt: FLEET_NOW,
    endpoints: [openTls, silent],
    findings: scanned.findings,
    errors: [...scanned.errors, { kind: 'target', target: silent.target, message: '10.20.0.9:2375: connection reset before the TLS handshake' }],
    summary: { ...emptySummary(), probes: 2 },
    scope: { kind: 'scan', targets: ['10.20.0.5', '10.20.0.9'], ports: [2375, 2376], excluded: [], configRoot: null, paths: null },
  });
  return mergeReports([
    { label: 'web-01.json', report: web },
    { label: 'db-02.json', report: db },
    { label: 'build-03.json', report: build },
    { label: 'scan.json', report: scan },
  ]).report;
}
