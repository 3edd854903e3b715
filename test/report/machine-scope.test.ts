/**
 * "Resolved" in a fleet: a local finding is looked for again only on its own machine, and a
 * finding from before machines were recorded (1.7.0) is neither resolved nor new by accident.
 */
import t from 'tap';
import { diffReports } from '../../src/report/diff-reports.js';
import type { Finding } from '../../src/report/finding.js';
import { gateFindings, OPEN_GATE } from '../../src/report/gate-findings.js';
import { mergeReports } from '../../src/report/merge-reports.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import type { MachineIdentity } from '../../src/machine/machine.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { config } from '../support/config-observation-builder.js';
import { plainEndpoint } from '../support/observation-builder.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const WEB_01: MachineIdentity = { key: 'web-01', label: 'web-01', hostname: 'web-01', machineId: null, source: 'system' };
const WEB_02: MachineIdentity = { key: 'web-02', label: 'web-02', hostname: 'web-02', machineId: null, source: 'system' };
const OPEN_TCP: Finding = { ruleId: 'daemon-tcp-no-tls', severity: 'critical', title: 't', message: 'm', evidence: { address: 'tcp://0.0.0.0:2375' }, path: '/etc/docker/daemon.json', line: 1 };

function configReport(machine: MachineIdentity | undefined, findings: Finding[], at: Date = NOW): ScanReport {
  return buildScanReport({
    startedAt: at,
    finishedAt: at,
    endpoints: [],
    findings,
    errors: [],
    summary: emptySummary(),
    config: config({ root: '/' }),
    scope: { kind: 'config', targets: null, ports: null, excluded: [], configRoot: '/', paths: null },
    ...(machine ? { machine } : {}),
  });
}

/** As a report written before 1.7.0 reads back: no machines, no machine on findings. */
function beforeMachines(report: ScanReport): ScanReport {
  const old = JSON.parse(JSON.stringify(report)) as ScanReport & { machines?: unknown };
  delete (old as { machines?: unknown }).machines;
  old.schemaVersion = '1.6.0';
  for (const finding of old.findings) {
    delete finding.machine;
    delete finding.fingerprint;
  }
  return old;
}

t.test('a finding on web-01 is not resolved by auditing web-02', async (t) => {
  const older = configReport(WEB_01, [OPEN_TCP]);
  const otherMachine = diffReports(older.findings, configReport(WEB_02, []));
  t.same(otherMachine.resolved, []);
  t.match(otherMachine.notChecked, [{ reason: /the machine web-01 is not among the machines this config report audited/ }]);

  const sameMachine = diffReports(older.findings, configReport(WEB_01, []));
  t.equal(sameMachine.resolved.length, 1, 'web-01 read again, and the setting is gone: resolved');

  const fleet = mergeReports([{ label: 'a.json', report: configReport(WEB_01, []) }, { label: 'b.json', report: configReport(WEB_02, [OPEN_TCP]) }]).report;
  const inFleet = diffReports(older.findings, fleet);
  t.equal(inFleet.resolved.length, 1, 'a fleet report that audited web-01 again resolves it');
  t.equal(inFleet.added.length, 1, 'and web-02\'s same setting is a new finding of its own');
});

t.test('a report before 1.7.0 compared with a newer audit of one machine: the same findings, not resolved plus new', async (t) => {
  const older = beforeMachines(configReport(WEB_01, [OPEN_TCP]));
  const same = diffReports(older.findings, configReport(WEB_01, [OPEN_TCP]), older);
  t.equal(same.unchanged.length, 1);
  t.same([same.added.length, same.resolved.length], [0, 0]);

  const gated = gateFindings(configReport(WEB_01, [OPEN_TCP]), { ...OPEN_GATE, baseline: older }, NOW);
  t.same(gated.findings, [], '--baseline from before 1.7.0 still knows the finding');
  t.equal(gated.omitted.byBaseline, 1);

  const fleet = mergeReports([{ label: 'a.json', report: configReport(WEB_01, []) }, { label: 'b.json', report: configReport(WEB_02, []) }]).report;
  const unplaced = diffReports(older.findings, fleet, older);
  t.same(unplaced.resolved, [], 'against several machines it cannot be placed: never resolved');
  t.match(unplaced.notChecked, [{ reason: /does not say which machine it is on/ }]);
});

t.test('merging reports from before 1.7.0: each kept as its own machine, never folded', async (t) => {
  const one = beforeMachines(configReport(WEB_01, [OPEN_TCP]));
  // Written a minute apart: two runs, not one file given twice.
  const two = beforeMachines(configReport(WEB_02, [OPEN_TCP], new Date(NOW.getTime() + 60_000)));
  const merged = mergeReports([{ label: 'one.json', report: one }, { label: 'two.json', report: two }]);
  t.equal(merged.report.findings.length, 2);
  t.same(merged.report.findings.map((finding) => finding.machine).sort(), ['unidentified:one.json', 'unidentified:two.json']);
});

t.test('a 1.7.0 scan finding on loopback names no machine on purpose: never placed on an audited machine', async (t) => {
  const scanned: Finding = { ruleId: 'api-unauthenticated', severity: 'critical', title: 't', message: 'm', evidence: {}, target: '127.0.0.1:2375' };
  const scan = buildScanReport({ startedAt: NOW, finishedAt: NOW, endpoints: [], findings: [scanned], errors: [], summary: emptySummary(), scope: { kind: 'scan', targets: ['127.0.0.1:2375'], ports: [2375], excluded: [], configRoot: null, paths: null } });
  // web-02's audit found its own 127.0.0.1:2375 closed: that says nothing of the scanner's loopback.
  const closed = plainEndpoint({ target: '127.0.0.1:2375', host: '127.0.0.1', address: '127.0.0.1', state: 'closed', service: null, dockerApi: 'unconfirmed', transport: null, docker: null, info: null, attempts: [] });
  const audit = buildScanReport({ startedAt: NOW, finishedAt: NOW, endpoints: [closed], findings: [], errors: [], summary: emptySummary(), machine: WEB_02, scope: { kind: 'audit', targets: ['127.0.0.1:2375'], ports: [2375, 2376], excluded: [], configRoot: '/', paths: [] } });
  const diff = diffReports(scan.findings, audit, scan);
  t.same(diff.resolved, [], 'web-02\'s own loopback does not resolve the scanner\'s');
  t.equal(diff.notChecked.length, 1);
});
