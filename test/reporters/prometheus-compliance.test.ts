import t from 'tap';
import { CONTROL_STATUSES } from '../../src/compliance/control-status.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { renderPrometheus } from '../../src/reporters/prometheus-reporter.js';
import { checkMetrics, parseSample, type ParsedSample } from '../helpers/promtool.js';
import { TEST_SPEC, withCompliance } from '../support/compliance-report-builder.js';
import { fleetReport, MACHINES } from '../support/fleet-report-builder.js';

/**
 * --compliance as Prometheus gauges: one series per control and status, 1 for the verdict and
 * 0 for the rest (so `== 1` alerts keep their series), the totals, and the per-machine and
 * per-endpoint series only with --report all; promtool and the textfile collector accept it.
 */

const fleet = fleetReport();

function samples(text: string, name: string): ParsedSample[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`)).map(parseSample);
}
const label = (sample: ParsedSample, name: string): string | undefined => sample.labels.find(([key]) => key === name)?.[1];

t.test('one series per control and status, 1 for the fleet verdict, 0 for the others', async (t) => {
  const report = withCompliance(fleet, 'summary');
  const text = renderPrometheus(report);
  const series = samples(text, 'dockprobe_compliance_control_status');
  t.equal(series.length, TEST_SPEC.controls.length * CONTROL_STATUSES.length, 'five series per control');
  for (const control of report.compliance!.controls) {
    const own = series.filter((sample) => label(sample, 'control') === control.id);
    t.same(own.map((sample) => label(sample, 'status')).sort(), [...CONTROL_STATUSES].sort(), `${control.id}: every status`);
    t.same(own.filter((sample) => sample.value === '1').map((sample) => label(sample, 'status')), [control.status], `${control.id}: 1 only for ${control.status}`);
    t.ok(own.every((sample) => label(sample, 'spec') === 'cis-docker-1.7.0'), `${control.id}: names the spec`);
  }
  t.match(text, /^dockprobe_compliance_control_status\{spec="cis-docker-1\.7\.0",control="2\.7",status="FAIL"\} 1$/m, 'the failing control, as an alert reads it');
  t.match(text, /^dockprobe_compliance_control_status\{spec="cis-docker-1\.7\.0",control="2\.12",status="FAIL"\} 0$/m, 'a control that does not fail has its FAIL series at 0');
  const totals = samples(text, 'dockprobe_compliance_controls');
  t.same(Object.fromEntries(totals.map((sample) => [label(sample, 'status'), Number(sample.value)])), report.compliance!.totals, 'the totals, every status');
  t.same(samples(text, 'dockprobe_compliance_subject_control_status'), [], 'with --report summary: no per-subject series');
  t.same(checkMetrics(text), [], 'promtool and the textfile collector accept it');
});

t.test('with --report all: each machine and endpoint, one series per status', async (t) => {
  const report = withCompliance(fleet, 'all');
  const text = renderPrometheus(report);
  const series = samples(text, 'dockprobe_compliance_subject_control_status');
  const subjects = report.compliance!.subjects;
  t.equal(series.length, TEST_SPEC.controls.length * subjects.length * CONTROL_STATUSES.length, 'controls × subjects × statuses');
  for (const machine of MACHINES) {
    t.ok(series.some((sample) => label(sample, 'subject') === machine.label && label(sample, 'kind') === 'machine'), `${machine.label} by its label`);
  }
  t.ok(series.some((sample) => label(sample, 'subject') === '10.20.0.5:2376' && label(sample, 'kind') === 'endpoint'), 'an endpoint by its target');
  const webApi = series.filter((sample) => label(sample, 'subject') === 'web-01 127.0.0.1:2375' && label(sample, 'control') === '2.7');
  t.same(webApi.filter((sample) => sample.value === '1').map((sample) => label(sample, 'status')), ['FAIL'], 'web-01\'s open API fails 2.7');
  const webMachine = series.filter((sample) => label(sample, 'subject') === 'web-01' && label(sample, 'control') === '2.7');
  t.same(webMachine.filter((sample) => sample.value === '1').map((sample) => label(sample, 'status')), ['NOT CHECKED'], 'its configuration was not read: NOT CHECKED');
  t.same(checkMetrics(text), [], 'promtool and the textfile collector accept it');
});

t.test('a hostile machine label stays one label value, read back as it was', async (t) => {
  const hostile = 'web"01\\\n} 1';
  const renamed: ScanReport = { ...fleet, machines: fleet.machines!.map((machine, index) => (index === 0 ? { ...machine, label: hostile } : machine)) };
  const text = renderPrometheus(withCompliance(renamed, 'all'));
  t.ok(samples(text, 'dockprobe_compliance_subject_control_status').some((sample) => label(sample, 'subject') === hostile), 'the label reads back unchanged');
  t.same(checkMetrics(text), [], 'and the exposition stays valid');
});

t.test('without --compliance, no compliance series', async (t) => {
  t.notMatch(renderPrometheus(fleet), /dockprobe_compliance_/);
});
