/** Severity names are names: --fail-on HIGH means --fail-on high, as --severity CRITICAL always did. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { runCli } from '../helpers/run-cli.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));
// Three high findings and two low ones, no critical.
const WITH_HIGHS = ['config', '--root', join(FIXTURES, 'flag-forms')];

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-severity-case-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('--fail-on and --severity in any case', async (t) => {
  const high = await runCli([...WITH_HIGHS, '--fail-on', 'HIGH']);
  t.equal(high.status, 1, `HIGH gates on the high findings (${high.stderr})`);
  const critical = await runCli([...WITH_HIGHS, '--fail-on', 'Critical']);
  t.equal(critical.status, (await runCli([...WITH_HIGHS, '--fail-on', 'critical'])).status, 'Critical is critical');
  t.not(critical.status, 1, 'and nothing is critical');
  const listed = await runCli([...WITH_HIGHS, '--severity', 'LOW', '--fail-on', 'None', '-f', 'json']);
  t.same([...new Set(JSON.parse(listed.stdout).findings.map((f: { severity: string }) => f.severity))], ['low']);
  const bad = await runCli([...WITH_HIGHS, '--fail-on', 'Severe']);
  t.equal(bad.status, 2);
  t.match(bad.stderr, /^dockprobe: --fail-on "Severe": must be one of critical, high, medium, low, info, none \(in any case\)\n$/, 'named as typed');
});

t.test('report diff --fail-on in any case', async (t) => {
  const before = join(dir, 'before.json');
  const after = join(dir, 'after.json');
  writeFileSync(before, (await runCli(['config', '--root', join(FIXTURES, 'empty-root'), '-f', 'json'])).stdout);
  writeFileSync(after, (await runCli([...WITH_HIGHS, '-f', 'json', '--fail-on', 'none'])).stdout);
  t.equal((await runCli(['report', 'diff', before, after, '--fail-on', 'HIGH'])).status, 1, 'new high findings fail at HIGH');
  t.equal((await runCli(['report', 'diff', before, after, '--fail-on', 'CRITICAL'])).status, 0, 'and pass at CRITICAL');
});
