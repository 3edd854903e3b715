import t from 'tap';
import type { ScanReport } from '../../src/report/scan-report.js';
import { renderJson } from '../../src/reporters/json-reporter.js';
import { complianceTag } from '../../src/reporters/sarif-compliance.js';
import { renderSarif } from '../../src/reporters/sarif-reporter.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { TEST_SPEC, withCompliance } from '../support/compliance-report-builder.js';
import { fleetReport } from '../support/fleet-report-builder.js';

/**
 * --compliance in SARIF: what code scanning users filter and read by. Each rule carries the
 * controls it serves as tags ("CIS-Docker-1.7.0-2.7") and as a property with the fleet verdict,
 * a result behind a failed control names it, the run holds the per-control summary, and the
 * log still passes the SARIF schema and the multitool's SARIF and GitHub rules.
 */

const metadata = loadRuleMetadata();
const fleet = fleetReport();

interface Rule {
  id: string;
  properties: { tags: string[]; compliance?: { spec: string; control: string; title: string; status: string }[] };
}
interface Result {
  ruleId: string;
  locations: unknown[];
  suppressions?: unknown[];
  properties: { controls?: string[] };
}
interface Run {
  tool: { driver: { rules: Rule[] } };
  results: Result[];
  properties: { compliance?: { spec: { id: string }; totals: Record<string, number>; controls: { id: string; status: string; counts: Record<string, number> }[] } };
}

const runOf = (report: ScanReport): Run => (JSON.parse(renderSarif(report, metadata)) as { runs: Run[] }).runs[0]!;
const ruleOf = (run: Run, id: string): Rule => run.tool.driver.rules.find((rule) => rule.id === id)!;
const CONTROL_2_7 = TEST_SPEC.controls.find((control) => control.id === '2.7')!;

t.test('the tag names the benchmark and the control as auditors write it', async (t) => {
  t.equal(complianceTag('cis-docker-1.7.0', '2.7'), 'CIS-Docker-1.7.0-2.7');
  t.equal(complianceTag('cis-docker-1.7.0', '3.18'), 'CIS-Docker-1.7.0-3.18');
});

t.test('every rule a control names is tagged with it and lists it with the fleet verdict', async (t) => {
  const report = withCompliance(fleet);
  const run = runOf(report);
  for (const control of TEST_SPEC.controls) {
    const status = report.compliance!.controls.find((entry) => entry.id === control.id)!.status;
    for (const ruleId of control.rules) {
      const rule = ruleOf(run, ruleId);
      t.ok(rule, `${ruleId} has a descriptor`);
      t.ok(rule.properties.tags.includes(`CIS-Docker-1.7.0-${control.id}`), `${ruleId}: tagged CIS-Docker-1.7.0-${control.id}`);
      t.ok(rule.properties.tags.includes('security'), `${ruleId}: keeps its security tag`);
      t.same(new Set(rule.properties.tags).size, rule.properties.tags.length, `${ruleId}: no tag twice`);
      t.same(rule.properties.compliance?.find((ref) => ref.control === control.id), { spec: 'cis-docker-1.7.0', control: control.id, title: control.title, status }, `${ruleId}: lists ${control.id} (${status})`);
    }
  }
  t.equal(ruleOf(run, 'api-unauthenticated').properties.compliance![0]!.status, 'FAIL', 'the open APIs fail 2.7');
  const unnamed = ruleOf(run, 'tls-cert-expired');
  t.notOk(unnamed.properties.compliance, 'a rule no control names lists no control');
  t.notOk(unnamed.properties.tags.some((tag) => tag.startsWith('CIS-')), 'and gets no control tag');
  const plain = runOf(fleet);
  t.notOk(plain.tool.driver.rules.some((rule) => rule.properties.compliance || rule.properties.tags.some((tag) => tag.startsWith('CIS-'))), 'without --compliance, no rule carries a control');
  t.notOk(plain.properties.compliance, 'nor the run');
});

t.test('results behind a failed control name it; others do not', async (t) => {
  const report = withCompliance(fleet);
  const run = runOf(report);
  const behind = run.results.filter((result) => CONTROL_2_7.rules.includes(result.ruleId));
  t.ok(behind.length >= 3, 'the fleet has findings of 2.7\'s rules (api-unauthenticated and the open TLS endpoint\'s)');
  for (const result of behind) t.same(result.properties.controls, ['cis-docker-1.7.0:2.7'], `${result.ruleId}: names 2.7`);
  const others = run.results.filter((result) => !CONTROL_2_7.rules.includes(result.ruleId));
  t.ok(others.length > 0, 'and findings of other rules');
  for (const result of others) t.notOk(result.properties.controls, `${result.ruleId}: names no control`);
  t.notOk(runOf(fleet).results.some((result) => result.properties.controls), 'without --compliance no result names a control');
});

t.test('a suppressed finding still fails its control, and its result says so', async (t) => {
  const [hidden, ...rest] = [...fleet.findings].sort((a, b) => Number(b.ruleId === 'api-unauthenticated') - Number(a.ruleId === 'api-unauthenticated'));
  t.equal(hidden!.ruleId, 'api-unauthenticated');
  const accepted: ScanReport = { ...fleet, findings: rest, suppressed: [{ ...hidden!, suppressedBy: { entry: '.dockprobeignore:1', reason: 'lab host', expires: null } }] };
  const run = runOf(withCompliance(accepted));
  const result = run.results.find((entry) => entry.ruleId === 'api-unauthenticated')!;
  t.ok(result.suppressions, 'the result is suppressed');
  t.same(result.properties.controls, ['cis-docker-1.7.0:2.7'], 'and still names the control it fails');
});

t.test('the run carries the per-control summary', async (t) => {
  const report = withCompliance(fleet, 'summary');
  const summary = runOf(report).properties.compliance!;
  t.equal(summary.spec.id, 'cis-docker-1.7.0');
  t.same(summary.totals, report.compliance!.totals);
  t.same(summary.controls.map((control) => [control.id, control.status]), [['2.7', 'FAIL'], ['2.12', 'NOT CHECKED'], ['2.11', 'MANUAL'], ['3.18', 'NOT CHECKED']]);
  t.same(summary.controls[0]!.counts, report.compliance!.controls[0]!.counts, 'with the counts per verdict');
  t.notOk('results' in summary.controls[0]!, 'a summary, not every subject\'s verdict');
});

t.test('a compliance summary read back from JSON (no per-subject verdicts) still marks the results behind a failed control', async (t) => {
  const saved = JSON.parse(renderJson(withCompliance(fleet, 'summary'))) as ScanReport;
  t.notOk('results' in saved.compliance!.controls[0]!, 'the saved summary has no per-subject verdicts');
  const run = runOf(saved);
  const marked = run.results.filter((result) => result.properties.controls).map((result) => result.ruleId);
  t.same([...new Set(marked)].sort(), [...new Set(fleet.findings.map((finding) => finding.ruleId).filter((id) => CONTROL_2_7.rules.includes(id)))].sort());
});

t.test('the SARIF with compliance still validates (schema, multitool Sarif and Gh rules)', async (t) => {
  await assertValidSarif(t, renderSarif(withCompliance(fleet, 'all'), metadata), 'fleet SARIF with --compliance');
});
