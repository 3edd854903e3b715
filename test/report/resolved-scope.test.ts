/**
 * When a finding that left the report counts as resolved (the newer report looked at its place
 * and did not find it) and when it is only "not checked this time": endpoint by endpoint,
 * range by range, configuration and files.
 */
import t from 'tap';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { diffReports } from '../../src/report/diff-reports.js';
import type { Finding, ScanError } from '../../src/report/finding.js';
import type { ReportScope } from '../../src/report/report-scope.js';
import { buildScanReport, type ReportShard, type ScanReport } from '../../src/report/scan-report.js';
import { scopeDifferences } from '../../src/report/report-scope.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { shardOf } from '../../src/targets/shard.js';
import { mtlsEndpoint } from '../support/observation-builder.js';
import { config } from '../support/config-observation-builder.js';
import { unknownFile } from '../support/file-observation-builder.js';
import { scanScope } from '../support/report-scope-builder.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const OPEN_API: Finding = { ruleId: 'api-unauthenticated', severity: 'critical', title: 't', message: 'm', evidence: {}, target: '10.0.0.2:2375' };

function endpoint(target: string, overrides: Partial<EndpointObservation> = {}): EndpointObservation {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  return mtlsEndpoint({ target, host, address: host, port, ...overrides });
}

function newer(scope: ReportScope, parts: { endpoints?: EndpointObservation[]; errors?: ScanError[]; shard?: ReportShard; files?: ScanReport['files'] } = {}): ScanReport {
  return buildScanReport({ startedAt: NOW, finishedAt: NOW, endpoints: parts.endpoints ?? [], findings: [], errors: parts.errors ?? [], summary: emptySummary(), scope, shard: parts.shard ?? null, files: parts.files ?? [] });
}

function verdict(previous: Finding, report: ScanReport): string {
  const diff = diffReports([previous], report);
  if (diff.resolved.length === 1) return 'resolved';
  return `not checked: ${diff.notChecked[0]!.reason}`;
}

t.test('an endpoint', async (t) => {
  t.equal(verdict(OPEN_API, newer(scanScope(['10.0.0.2']), { endpoints: [endpoint('10.0.0.2:2375', { state: 'closed', attempts: [] })] })), 'resolved', 'named, closed now: gone');
  t.equal(verdict(OPEN_API, newer(scanScope(['10.0.0.2']), { endpoints: [endpoint('10.0.0.2:2375')] })), 'resolved', 'named, fully checked, and the API refuses now');
  t.match(
    verdict(OPEN_API, newer(scanScope(['10.0.0.2']), { endpoints: [endpoint('10.0.0.2:2375', { checked: { complete: false, reason: 'tls-no-client-cert got no whole answer' } })] })),
    /^not checked: not fully checked: tls-no-client-cert got no whole answer/,
  );
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.2']), { endpoints: [endpoint('10.0.0.2:2375', { state: 'filtered', attempts: [] })] })), /^not checked: no answer/);
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.3']))), /^not checked: not in this scan report's scope/, 'a target list without it');
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.2'], [2376]))), /^not checked: not in this scan report's scope/, 'its port not tried');
  t.match(verdict(OPEN_API, newer({ ...scanScope(['10.0.0.0/24']), excluded: ['10.0.0.2'] })), /^not checked: not in this scan report's scope/, 'excluded');
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.2']))), /^not checked: among the targets, but not probed/, 'named but missing: the run stopped first');
});

t.test('a swept range: an address that stopped answering is gone, unless part of the sweep failed', async (t) => {
  t.equal(verdict(OPEN_API, newer(scanScope(['10.0.0.0/30']))), 'resolved', 'the range was swept and it answered closed or filtered');
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.0/30']), { errors: [{ kind: 'sweep', message: '1 swept endpoint(s) could not be checked (EMFILE)' }] })), /^not checked: in a swept range, but part of the sweep could not be checked/);
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.0/30']), { errors: [{ kind: 'sweep', message: 'stopped by --max-duration 1m after 2 probe(s)' }] })), /^not checked/);
  const count = 4;
  const home = shardOf('10.0.0.2:2375', count);
  t.equal(verdict(OPEN_API, newer(scanScope(['10.0.0.0/30']), { shard: { index: home, count } })), 'resolved', 'its own shard swept it');
  t.match(verdict(OPEN_API, newer(scanScope(['10.0.0.0/30']), { shard: { index: (home % count) + 1, count } })), /^not checked: not in this scan report's scope/, 'another shard did not');
});

t.test('configuration and files', async (t) => {
  const configFinding: Finding = { ruleId: 'daemon-tcp-no-tls', severity: 'critical', title: 't', message: 'm', evidence: {}, path: '/etc/docker/daemon.json', line: 2 };
  const fileFinding: Finding = { ruleId: 'file-key-permissions', severity: 'high', title: 't', message: 'm', evidence: {}, path: '/etc/docker/certs/key.pem' };
  t.match(verdict(configFinding, newer(scanScope(['10.0.0.2']))), /^not checked: the host configuration was not read by this scan report/);
  const observation = config();
  const configReport = (root: string) => ({ ...newer({ kind: 'config', targets: null, ports: null, excluded: [], configRoot: root, paths: null }), config: { ...observation, root } });
  t.equal(verdict(configFinding, configReport('/')), 'resolved', 'the configuration read again, and the listener is gone');
  t.match(verdict({ ...configFinding, path: '/mnt/a/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json' }, configReport('/mnt/b')), /^not checked: the configuration was read under another root/);
  t.match(verdict(fileFinding, newer(scanScope(['10.0.0.2']))), /^not checked: not audited by this scan report/);
  const files: ReportScope = { kind: 'files', targets: null, ports: null, excluded: [], configRoot: null, paths: ['/etc/docker/certs'] };
  t.equal(verdict(fileFinding, newer(files)), 'resolved', 'gone from a folder audited again');
  t.match(verdict(fileFinding, newer({ ...files, paths: ['/etc/docker/other'] })), /^not checked: not audited by this files report/);
  t.match(verdict(fileFinding, newer(files, { errors: [{ kind: 'file', path: '/etc/docker/certs/key.pem', message: 'EACCES' }] })), /^not checked: the file could not be read this time/);
});

t.test('a check that could not run this time resolves nothing', async (t) => {
  const configReport = (daemonOverrides: Parameters<typeof config>[0]) => ({ ...newer({ kind: 'config', targets: null, ports: null, excluded: [], configRoot: '/', paths: null }), config: config(daemonOverrides) });
  const listener: Finding = { ruleId: 'daemon-tcp-no-tls', severity: 'critical', title: 't', message: 'm', evidence: {}, path: '/etc/conf.d/docker', line: 7 };
  const unknown = { kind: 'unknown' as const, why: 'dockerd is installed (/usr/bin/dockerd, /etc/sv/docker), but no start-up dockprobe reads was found' };
  t.match(verdict(listener, configReport({ daemon: { startup: unknown } })), /^not checked: how dockerd is started could not be told this time/, 'the start-up moved where dockprobe cannot read it');
  t.equal(verdict(listener, configReport({})), 'resolved', 'the start-up read again, and the listener is gone');
  t.equal(verdict({ ...listener, ruleId: 'client-context-plaintext' }, configReport({ daemon: { startup: unknown } })), 'resolved', 'a client finding does not wait on the daemon');

  const files: ReportScope = { kind: 'files', targets: null, ports: null, excluded: [], configRoot: null, paths: ['/etc/docker/certs'] };
  const eku: Finding = { ruleId: 'cert-eku-mismatch', severity: 'high', title: 't', message: 'm', evidence: {}, path: '/etc/docker/certs/cert.pem' };
  const seen = (checksWithoutRole: string[]) => newer(files, { files: [{ ...unknownFile(), path: eku.path!, systemPath: eku.path!, checksWithoutRole }] });
  t.match(verdict(eku, seen(['cert-eku-mismatch', 'cert-no-san'])), /^not checked: the file's role was unknown this time, so cert-eku-mismatch did not run/, 'no --role this time');
  t.equal(verdict(eku, seen([])), 'resolved', 'the role known again, and the EKU fixed');

  const untrusted: Finding = { ruleId: 'tls-cert-untrusted', severity: 'high', title: 't', message: 'm', evidence: {}, target: '10.0.0.2:2376' };
  const scanned = (trust: NonNullable<EndpointObservation['tls']>['trust']) => {
    const base = endpoint('10.0.0.2:2376');
    return newer(scanScope(['10.0.0.2']), { endpoints: [{ ...base, tls: { ...base.tls!, trust } }] });
  };
  t.match(verdict(untrusted, scanned({ judged: false, reason: 'no CA given (--tlscacert)' })), /^not checked: the trust of its server certificate was not judged this time: no CA given/, 'scanned without the CA this time');
  t.equal(verdict(untrusted, scanned({ judged: true })), 'resolved', 'judged again against the CA, and it chains now');
  t.equal(verdict({ ...untrusted, ruleId: 'tls-cert-expired' }, scanned({ judged: false, reason: 'no CA given' })), 'resolved', 'an expiry finding does not wait on the CA');
});

t.test('what differs between two scopes is said', async (t) => {
  t.same(scopeDifferences(scanScope(['10.0.0.2', '10.0.0.3']), scanScope(['10.0.0.2'])), ['targets the newer run did not probe: 10.0.0.3']);
  t.same(scopeDifferences(scanScope(['10.0.0.2']), scanScope(['10.0.0.2'])), []);
  const config: ReportScope = { kind: 'config', targets: null, ports: null, excluded: [], configRoot: '/', paths: null };
  t.same(scopeDifferences(scanScope(['10.0.0.2']), config), ['the older report is a scan report, the newer a config report', 'targets the newer run did not probe: 10.0.0.2']);
  t.same(scopeDifferences(config, scanScope(['10.0.0.2'])), ['the older report is a config report, the newer a scan report', 'the newer run did not read the host configuration (the older read it under /)']);
  t.match(scopeDifferences(config, null), [/does not record what it covered/]);
});
