import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { ScanReport } from '../../src/report/scan-report.js';
import { runCli } from '../helpers/run-cli.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

/**
 * A machine audited twice: `config` without --compliance (its configuration, no hardening
 * checks), then `files` with it (hardening checks, but no configuration). The merge keeps the
 * configuration of the first; the hardening checks never ran on it, so its controls cannot pass.
 */
t.test('merge: the hardening checks count only for the configuration they ran on', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H fd://\n');
  write(root, '/etc/docker/daemon.json', '{\n  "icc": true,\n  "live-restore": false\n}\n');
  write(root, '/etc/docker/certs/README', 'no certificates here\n');
  const out = scratchRoot(t, null);
  const config = join(out, 'config.json');
  const files = join(out, 'files.json');
  const common = ['--root', root, '--host-label', 'web1', '-f', 'json', '--fail-on', 'none'];
  t.equal((await runCli(['config', ...common, '-o', config])).status, 0);
  t.equal((await runCli(['files', ...common, '--compliance', 'cis-docker-1.7.0', '-o', files, '/etc/docker/certs'])).status, 0);
  const merged = await runCli(['report', 'merge', config, files, '--compliance', 'cis-docker-1.7.0', '--report', 'all', '-f', 'json']);
  t.equal(merged.status, 0, merged.stderr);
  const report = JSON.parse(merged.stdout) as ScanReport;
  t.equal(report.machines.length, 1);
  t.equal(report.machines[0]!.benchmarkRules, false, 'the configuration kept is the one read without the hardening checks');
  for (const id of ['2.2', '2.15']) {
    const control = report.compliance!.controls.find((entry) => entry.id === id)!;
    t.equal(control.status, 'NOT CHECKED', `${id}: not a pass`);
    t.match(control.results[0]!.reasons.join(' '), /run only with --compliance/);
  }
  t.ok(readFileSync(config, 'utf8').includes('"benchmarkRules": false'));
});

t.test('a daemon whose storage driver is not set: 2.6 is for the API to decide, not a pass', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H fd://\n');
  write(root, '/etc/docker/daemon.json', '{\n  "live-restore": true\n}\n');
  const run = await runCli(['config', '--root', root, '--compliance', 'cis-docker-1.7.0', '--report', 'all', '-f', 'json', '--fail-on', 'none']);
  const control = (JSON.parse(run.stdout) as ScanReport).compliance!.controls.find((entry) => entry.id === '2.6')!;
  t.equal(control.status, 'NOT CHECKED');
  t.match(control.results[0]!.reasons.join(' '), /dockerd picks one at start/);
  write(root, '/etc/docker/daemon.json', '{\n  "storage-driver": "overlay2"\n}\n');
  const set = await runCli(['config', '--root', root, '--compliance', 'cis-docker-1.7.0', '--report', 'all', '-f', 'json', '--fail-on', 'none']);
  t.equal((JSON.parse(set.stdout) as ScanReport).compliance!.controls.find((entry) => entry.id === '2.6')!.status, 'PASS', 'set to overlay2: decided');
});
