import t from 'tap';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { diffReports } from '../../src/report/diff-reports.js';
import { scanScope } from '../support/report-scope-builder.js';
import { mtlsEndpoint } from '../support/observation-builder.js';
import { findingFingerprint } from '../../src/report/finding-fingerprint.js';
import type { Finding } from '../../src/report/finding.js';
import { gateFindings, OPEN_GATE } from '../../src/report/gate-findings.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { parseIgnoreFile } from '../../src/suppress/read-ignore-file.js';

const NOW = new Date('2026-11-23T10:00:00Z');

function finding(ruleId: string, severity: Finding['severity'], target: string, evidence: Finding['evidence'] = {}): Finding {
  return { ruleId, severity, title: ruleId, message: `${ruleId} at ${target}`, evidence, target };
}

function report(findings: Finding[], endpoints: EndpointObservation[] = []) {
  return buildScanReport({ startedAt: NOW, finishedAt: NOW, endpoints, findings, errors: [], summary: emptySummary(), scope: scanScope(endpoints.map((endpoint) => endpoint.target)) });
}

t.test('fingerprint: same rule, place and evidence agree across runs; days left do not count, the certificate does', async (t) => {
  const monday = findingFingerprint(finding('tls-cert-expiring', 'medium', 'h:2376', { notAfter: '2026-12-01', daysLeft: 8, thresholdDays: 30 }));
  const tuesday = findingFingerprint(finding('tls-cert-expiring', 'medium', 'h:2376', { notAfter: '2026-12-01', daysLeft: 7, thresholdDays: 14 }));
  const renewed = findingFingerprint(finding('tls-cert-expiring', 'medium', 'h:2376', { notAfter: '2027-01-01', daysLeft: 39, thresholdDays: 30 }));
  const elsewhere = findingFingerprint(finding('tls-cert-expiring', 'medium', 'g:2376', { notAfter: '2026-12-01', daysLeft: 8, thresholdDays: 30 }));
  t.match(monday, /^[0-9a-f]{32}$/);
  t.equal(monday, tuesday);
  t.not(monday, renewed);
  t.not(monday, elsewhere);
  const file = { ruleId: 'file-key-permissions', evidence: { mode: '0644' } };
  t.equal(findingFingerprint({ ...file, path: '/mnt/a/etc/docker/key.pem', systemPath: '/etc/docker/key.pem' }), findingFingerprint({ ...file, path: '/mnt/b/etc/docker/key.pem', systemPath: '/etc/docker/key.pem' }), 'the audited path counts, not the mount point');
  t.equal(
    findingFingerprint(finding('api-unauthenticated', 'critical', 'h:2375', { engineVersion: '20.10.24' })),
    findingFingerprint(finding('api-unauthenticated', 'critical', 'h:2375', { engineVersion: '27.3.1' })),
    'an open API upgraded is still the same open API',
  );
  const key = (mode: string) => findingFingerprint({ ruleId: 'file-key-permissions', path: '/etc/docker/key.pem', systemPath: '/etc/docker/key.pem', evidence: { mode, role: 'server-key' } });
  t.equal(key('0644'), key('0640'), 'a key readable by others is one finding whatever the exact mode');
  const checkout = (dir: string) => findingFingerprint({ ruleId: 'file-key-permissions', path: `${dir}/certs/key.pem`, systemPath: `${dir}/certs/key.pem`, evidence: {} }, dir);
  t.equal(checkout('/home/runner/work/a'), checkout('/builds/b'), 'the same repository in two CI checkouts');
  t.not(checkout('/home/runner/work/a'), findingFingerprint({ ruleId: 'file-key-permissions', path: '/etc/certs/key.pem', evidence: {} }, '/home/runner/work/a'), 'a file outside the working folder keeps its absolute path');
  t.equal(report([finding('api-unauthenticated', 'critical', 'h:2375')]).findings[0]!.fingerprint, findingFingerprint(finding('api-unauthenticated', 'critical', 'h:2375')), 'every report finding carries it');
});

t.test('gate: --severity, then the ignore file, then the baseline; the exit-relevant list and the counts agree', async (t) => {
  const metadata = loadRuleMetadata();
  const full = report([
    finding('api-unauthenticated', 'critical', 'a:2375'),
    finding('tls-cert-expiring', 'medium', 'b:2376'),
    finding('tls-cert-expiring', 'medium', 'c:2376'),
    finding('tls-legacy-protocol', 'medium', 'd:2376'),
    finding('api-no-authz-plugin', 'low', 'a:2375'),
  ]);
  t.same(gateFindings(full, OPEN_GATE, NOW).findings, full.findings, 'an open gate lists everything');

  const baseline = report([finding('tls-legacy-protocol', 'medium', 'd:2376')]);
  const gated = gateFindings(
    full,
    { severities: new Set(['critical', 'medium']), ignore: parseIgnoreFile('tls-cert-expiring b:2376 # OPS-7', 'ig', metadata), baseline },
    NOW,
  );
  t.same(gated.findings.map((f) => `${f.ruleId} ${f.target}`), ['api-unauthenticated a:2375', 'tls-cert-expiring c:2376']);
  t.same(gated.suppressed.map((f) => `${f.ruleId} ${f.target} ${f.suppressedBy.reason}`), ['tls-cert-expiring b:2376 OPS-7']);
  t.same(gated.omitted, { bySeverity: 1, byBaseline: 1 });
  t.same(gated.summary.findingsBySeverity, { critical: 1, high: 0, medium: 1, low: 0, info: 0 });
});

t.test('diff: new, resolved and unchanged by fingerprint; reports from before fingerprints still match', async (t) => {
  const old = report([finding('api-unauthenticated', 'critical', 'a:2375'), finding('tls-cert-expired', 'high', 'b:2376')]).findings;
  // Every endpoint scanned again, and fully checked.
  const rescanned = ['a:2375', 'b:2376', 'c:2376'].map((target) => mtlsEndpoint({ target, host: target.split(':')[0]!, port: Number(target.split(':')[1]) }));
  const newer = report([finding('api-unauthenticated', 'critical', 'a:2375'), finding('tls-legacy-protocol', 'medium', 'c:2376')], rescanned);
  const now = newer.findings;
  const diff = diffReports(old, newer);
  t.same(diff.added.map((f) => f.ruleId), ['tls-legacy-protocol']);
  t.same(diff.resolved.map((f) => f.ruleId), ['tls-cert-expired']);
  t.same(diff.unchanged.map((f) => f.ruleId), ['api-unauthenticated']);
  const legacy = old.map(({ fingerprint: _dropped, ...rest }) => rest);
  t.same(diffReports(legacy, newer).unchanged.map((f) => f.ruleId), ['api-unauthenticated'], 'a 1.2.0 report has no fingerprint field');
  t.same(diff.notChecked, []);
});
