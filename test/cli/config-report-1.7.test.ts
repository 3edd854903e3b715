/**
 * Report format 1.8.0 added the CIS facts to each daemon's config. A config report written by a
 * 1.7 dockprobe has none of them, and `report convert`, `report diff` and `report merge` must still
 * read it, beside a 1.8 one, and a merge carries its config as written (the facts absent: not
 * observed), which the 1.8 schema accepts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { REPORT_SCHEMA_VERSION } from '../../src/report/scan-report.js';
import { runCli } from '../helpers/run-cli.js';
import { reportProblems } from '../helpers/report-validation.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const NEW_IN_1_8 = ['hardening', 'rootless', 'protectedFiles', 'protectedObjectsAbsent', 'protectedObjectsUnknown'];

t.test('a 1.7.0 config report without the 1.8 fields is read by report convert, diff and merge', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/docker/daemon.json', '{\n  "hosts": ["tcp://0.0.0.0:2375"],\n  "icc": false\n}\n');
  const work = scratchRoot(t, null);
  const current = join(work, 'new.json');
  const written = await runCli(['config', '--root', root, '-f', 'json', '-o', current, '--fail-on', 'none']);
  t.equal(written.status, 0, written.stderr);
  const report = JSON.parse(readFileSync(current, 'utf8'));
  t.equal(report.schemaVersion, REPORT_SCHEMA_VERSION, 'written as this dockprobe writes, 1.8 or later');
  t.same(report.config.daemon.hardening.icc.map((setting: { value: boolean }) => setting.value), [false], 'a 1.8 report carries the facts');

  // As 1.7.0 wrote it: the same report without the fields 1.8.0 added.
  const old = structuredClone(report);
  old.schemaVersion = '1.7.0';
  // Written a day earlier, so a merge takes the newer report's view of the machine.
  old.startedAt = new Date(Date.parse(report.startedAt) - 86_400_000).toISOString();
  old.finishedAt = new Date(Date.parse(report.finishedAt) - 86_400_000).toISOString();
  for (const config of [old.config, ...old.machines.map((machine: { config: unknown }) => machine.config)]) {
    if (!config) continue;
    for (const daemon of [config.daemon, ...config.otherDaemons]) for (const field of NEW_IN_1_8) delete daemon[field];
  }
  const previous = join(work, 'old.json');
  writeFileSync(previous, JSON.stringify(old));

  const converted = await runCli(['report', 'convert', previous, '-f', 'json']);
  t.equal(converted.status, 0, converted.stderr);
  t.equal(JSON.parse(converted.stdout).config.daemon.hardening, undefined, 'not made up: a 1.7 report did not observe them');
  const diff = await runCli(['report', 'diff', previous, current, '-f', 'json']);
  t.equal(diff.status, 0, diff.stderr);
  t.same(JSON.parse(diff.stdout).added, [], 'the same findings');
  const merged = await runCli(['report', 'merge', previous, current, '-f', 'json']);
  // Another machine, audited by 1.8: the 1.7 machine keeps its config as written.
  const otherRoot = scratchRoot(t, null);
  write(otherRoot, '/etc/docker/daemon.json', '{}\n');
  const otherReport = join(work, 'other.json');
  await runCli(['config', '--root', otherRoot, '-f', 'json', '-o', otherReport, '--fail-on', 'none']);
  const fleet = await runCli(['report', 'merge', previous, otherReport, '-f', 'json']);
  t.equal(fleet.status, 0, fleet.stderr);
  const machines = JSON.parse(fleet.stdout).machines as { config: { daemon: Record<string, unknown> } }[];
  t.equal(machines.length, 2);
  t.same(machines.map((machine) => machine.config.daemon.hardening === undefined).sort(), [false, true], 'the 1.7 machine is carried as written: its facts absent, not invented as "not set"');
  t.equal(merged.status, 0, merged.stderr);
  t.same(reportProblems(merged.stdout), [], 'the merged report is valid');
  t.equal(JSON.parse(merged.stdout).machines.length, 1, 'one machine audited twice');
  t.same(JSON.parse(merged.stdout).machines[0].config.daemon.hardening.icc.length, 1, "the newer report's config, with its facts");

});
