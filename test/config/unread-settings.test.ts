/**
 * Settings dockprobe could not read are never a pass: a drop-in folder closed to the scanner
 * (run as nobody, as an unprivileged `dockprobe config` runs) leaves every section 2 control
 * that the daemon's settings decide NOT CHECKED, and the report names the folder in
 * daemonConfig.unreadSettings.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCliAsNobody } from '../helpers/run-cli.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';
import { HARDENED_DAEMON_JSON } from '../support/hardened-daemon-json.js';

const AUTOMATED = ['2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.9', '2.12', '2.13', '2.14', '2.15', '2.16'];

t.test('a drop-in folder closed to the scanner (run as nobody): section 2 is NOT CHECKED, never PASS', { skip: process.getuid?.() === 0 ? false : 'needs root to run the CLI as nobody' }, async (t) => {
  const root = scratchRoot(t, null);
  chmodSync(root, 0o755);
  write(root, '/etc/docker/daemon.json', `${JSON.stringify(HARDENED_DAEMON_JSON, null, 2)}\n`);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nType=notify\nExecStart=/usr/bin/dockerd -H fd://\n');
  // What the scanner cannot see: this drop-in opens the API to the network and turns icc on.
  write(root, '/etc/systemd/system/docker.service.d/o.conf', '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --icc=true\n');
  chmodSync(join(root, 'etc/systemd/system/docker.service.d'), 0o700);
  const run = runCliAsNobody(['config', '--root', root, '--compliance', 'cis-docker-1.7.0', '-f', 'json']);
  t.equal(run.stderr, '', 'no stack trace');
  t.equal(run.status, 4, 'incomplete, not a pass');
  const report = assertValidReport(t, run.stdout) as unknown as {
    config: { daemon: { unreadSettings: { source: string; why: string }[] } };
    compliance: { controls: { id: string; status: string }[] };
  };
  t.match(report.config.daemon.unreadSettings, [{ source: '/etc/systemd/system/docker.service.d', why: /cannot be listed \(permission denied/ }], 'the folder is named as not read');
  for (const id of AUTOMATED) {
    t.equal(report.compliance.controls.find((control) => control.id === id)?.status, 'NOT CHECKED', `${id} not checked`);
  }
});
