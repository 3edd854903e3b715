import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { generateKeyPairSync } from 'node:crypto';
import { startFakeDockerApi, type LookalikeServer } from '../helpers/lookalikes.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

/**
 * A fleet audited as users audit one: `audit --root` (and `config`) of each machine image, a
 * scan in two shards, then `report merge`. Nothing is folded across machines, and nothing is
 * listed twice.
 */

interface Finding {
  ruleId: string;
  fingerprint: string;
  machine?: string;
  target?: string;
}
interface Report {
  findings: Finding[];
  machines: { key: string; label: string; config: unknown }[];
  endpoints: { target: string }[];
  files: { machine?: string; systemPath: string }[];
  warnings: string[];
  config: unknown;
}

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-fleet-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const PLAINTEXT_TCP = '{ "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"] }\n';

/** A machine image: its own names, and a daemon.json that opens plaintext TCP. */
function machineRoot(t: Test, hostname: string, machineId: string, extra: (root: string) => void = () => {}): string {
  const root = scratchRoot(t, null);
  write(root, '/etc/hostname', `${hostname}\n`);
  write(root, '/etc/machine-id', `${machineId}\n`);
  write(root, '/etc/docker/daemon.json', PLAINTEXT_TCP);
  extra(root);
  return root;
}

async function saved(name: string, args: string[]): Promise<{ path: string; report: Report; run: CliRun }> {
  const path = join(dir, name);
  const run = await runCli([...args, '-f', 'json', '-o', path]);
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return { path, report: JSON.parse(readFileSync(path, 'utf8')) as Report, run };
}

const perMachine = (findings: Finding[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.machine ?? finding.target!] = (counts[finding.machine ?? finding.target!] ?? 0) + 1;
  return counts;
};

t.test('two machines with the same daemon.json: merged, 4 findings, not 2', async (t) => {
  const one = await saved('one.json', ['config', '--root', machineRoot(t, 'docker-a', 'a'.repeat(32))]);
  const two = await saved('two.json', ['config', '--root', machineRoot(t, 'docker-b', 'b'.repeat(32))]);
  t.equal(one.report.findings.length, 2, 'each machine: plaintext TCP, on every interface');
  const merged = await runCli(['report', 'merge', one.path, two.path, '-f', 'json']);
  t.equal(merged.status, 0, merged.stderr);
  const report = JSON.parse(merged.stdout) as Report;
  t.equal(report.findings.length, 4);
  t.same(perMachine(report.findings), { [`docker-a/${'a'.repeat(32)}`]: 2, [`docker-b/${'b'.repeat(32)}`]: 2 });
  t.same(report.machines.map((machine) => machine.label), ['docker-a', 'docker-b']);
  t.ok(report.machines.every((machine) => machine.config !== null), 'each machine keeps its configuration');
  t.equal(report.config, null, 'several machines: no single top-level configuration');
  t.notMatch(merged.stderr + report.warnings.join('\n'), /keeps their findings|different host configurations/);

  const table = await runCli(['report', 'merge', one.path, two.path]);
  t.match(table.stdout, /docker-a: .*daemon\.json/s, 'the table says which machine each finding is on');
  t.match(table.stdout, /docker-b: .*daemon\.json/s);
});

t.test('three machine images and a scan in two shards, merged: exactly the union, per machine', async (t) => {
  const servers: LookalikeServer[] = [];
  t.teardown(() => Promise.all(servers.map((server) => server.close())));
  // Three open APIs: the two shards split them by a stable hash.
  for (const host of ['127.0.13.1', '127.0.13.2', '127.0.13.3']) servers.push(await startFakeDockerApi({ host, port: 0 }));
  const inventory = join(dir, 'inventory.txt');
  writeFileSync(inventory, servers.map((server) => `${server.host}:${server.port}`).join('\n') + '\n');

  const roots = [
    machineRoot(t, 'web-01', '1'.repeat(32)),
    machineRoot(t, 'web-02', '2'.repeat(32)),
    // web-03 also leaves its server key readable by everyone.
    machineRoot(t, 'web-03', '3'.repeat(32), (root) => {
      write(root, '/etc/docker/ssl/server-key.pem', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
      chmodSync(join(root, 'etc/docker/ssl/server-key.pem'), 0o644);
    }),
  ];
  const audits = await Promise.all(roots.map((root, index) => saved(`audit-${index + 1}.json`, ['audit', '--root', root])));
  const shards = [await saved('shard-1.json', ['scan', '--targets-file', inventory, '--shard', '1/2']), await saved('shard-2.json', ['scan', '--targets-file', inventory, '--shard', '2/2'])];
  t.equal(shards.flatMap((shard) => shard.report.endpoints).length, 3, 'the shards split the three endpoints');
  // The same machine audited again is the same findings: given twice, counted once.
  const again = await saved('audit-1-again.json', ['audit', '--root', roots[0]!]);

  const inputs = [...audits, ...shards, again];
  const run = await runCli(['report', 'merge', ...inputs.map((input) => input.path), '-f', 'json']);
  t.equal(run.status, 0, run.stderr);
  const merged = JSON.parse(run.stdout) as Report;

  const union = new Map(inputs.flatMap((input) => input.report.findings.map((finding) => [finding.fingerprint, finding] as const)));
  t.same(merged.findings.map((finding) => finding.fingerprint).sort(), [...union.keys()].sort(), 'the merged findings are exactly the union');
  t.equal(new Set(merged.findings.map((finding) => finding.fingerprint)).size, merged.findings.length, 'nothing twice');
  const expected = perMachine([...audits, ...shards].flatMap((input) => input.report.findings));
  t.same(perMachine(merged.findings), expected, 'counted per machine (and per endpoint), as each input counted it');
  t.equal(perMachine(merged.findings)[`web-03/${'3'.repeat(32)}`], 3, 'web-03: its two daemon findings and the readable key');
  t.same(merged.machines.map((machine) => machine.label), ['web-01', 'web-02', 'web-03']);
  t.same(merged.endpoints.map((endpoint) => endpoint.target).sort(), servers.map((server) => `${server.host}:${server.port}`).sort(), 'every endpoint of both shards');
  t.same(merged.files.map((file) => `${file.machine} ${file.systemPath}`), [`web-03/${'3'.repeat(32)} /etc/docker/ssl/server-key.pem`], 'each file under its machine');
});

t.test('--host-label names the machine in every local command; a bad one is a one-line error', async (t) => {
  const root = machineRoot(t, 'ip-10-0-3-7', 'c'.repeat(32));
  for (const command of [['config', '--root', root], ['audit', '--root', root], ['files', join(root, 'etc/docker'), '--root', root]]) {
    const { report } = await saved(`label-${command[0]}.json`, [...command, '--host-label', 'payments-build-3']);
    t.same(report.machines.map((machine) => [machine.key, machine.label]), [['payments-build-3', 'payments-build-3']], `${command[0]}: the label is the machine`);
  }
  const bad = await runCli(['config', '--root', root, '--host-label', ' ']);
  t.equal(bad.status, 2);
  t.match(bad.stderr, /^dockprobe: --host-label " ": give the machine's name as one line of 1 to 253 characters, e\.g\. --host-label web-01\n$/);
});
