/**
 * CIS Docker section 2, decided twice for one real dockerd: from its configuration (an image of
 * the machine: its daemon.json and the unit that starts it, read with `audit --root`) and from
 * its API over mutual TLS (`scan` with the user's client certificate, GET only). Wherever both
 * sides could decide a control, they must give the same verdict; where only one could, the other
 * must say NOT CHECKED (or NOT APPLICABLE), never PASS. docs/compliance-sources.md says which
 * side decides what, and why they can disagree on a live system (a daemon.json edited since the
 * daemon started).
 *
 * userns-remap needs subordinate ids: as in dockerd-api-info.test.ts, dockerd runs in a private
 * mount namespace where /etc/subuid and /etc/subgid are the test's own files.
 */
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { ControlResult } from '../../src/compliance/compliance-report.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { canRunDockerdTests, findOnPath, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { runCli } from '../helpers/run-cli.js';
import { write } from '../support/scratch-config-root.js';

const ADDRESS = '127.0.0.154';
const TARGET = `${ADDRESS}:2376`;
const DAEMON_JSON = {
  'userns-remap': 'nobody:nogroup',
  'live-restore': true,
  'no-new-privileges': true,
  'insecure-registries': ['registry.test:5000'],
};

/** Section 2 controls both sides decide for this daemon, with the verdict each must give. */
const BOTH_DECIDE: Record<string, 'PASS' | 'FAIL'> = {
  '2.3': 'FAIL', // the test daemon runs with --debug (the helper reads its request log)
  '2.5': 'FAIL', // registry.test:5000
  '2.6': 'PASS', // vfs, not aufs
  '2.7': 'PASS', // mutual TLS
  '2.9': 'PASS', // userns-remap
  '2.12': 'FAIL', // no authorization plugin
  '2.13': 'FAIL', // json-file: the logs stay on the host
  '2.15': 'PASS', // live-restore
};

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-local-remote-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: [ADDRESS] });
  const client = issueClientCert(pki, { name: 'client' });
  const subuid = join(dir, 'subuid');
  const subgid = join(dir, 'subgid');
  writeFileSync(subuid, 'nobody:200000:65536\n');
  writeFileSync(subgid, 'nobody:200000:65536\nnogroup:200000:65536\n');
  const ownSubordinateIds = [
    findOnPath('unshare')!, '--mount', '--propagation', 'private', '--',
    'sh', '-c', 'mount --bind "$1" /etc/subuid && mount --bind "$2" /etc/subgid && shift 2 && exec "$@"', 'sh', subuid, subgid,
  ];
  let daemon: Daemon | null = null;
  t.teardown(async () => daemon?.stop());

  /** The machine as an image: the same daemon.json, and a unit starting dockerd with the flags the test daemon got. */
  function machineImage(): string {
    const root = join(dir, 'root');
    write(root, '/etc/docker/daemon.json', `${JSON.stringify(DAEMON_JSON, null, 2)}\n`);
    write(root, '/lib/systemd/system/docker.service', [
      '[Unit]', 'Description=Docker Application Container Engine', '', '[Service]', 'Type=notify',
      `ExecStart=/usr/bin/dockerd -H tcp://${TARGET} --tlsverify --tlscacert=/etc/docker/ca.pem --tlscert=/etc/docker/server-cert.pem --tlskey=/etc/docker/server-key.pem --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs --debug`,
      '', '[Install]', 'WantedBy=multi-user.target', '',
    ].join('\n'));
    for (const [from, to, mode] of [[pki.ca.certPath, 'ca.pem', 0o444], [server.certPath, 'server-cert.pem', 0o444], [server.keyPath, 'server-key.pem', 0o400]] as const) {
      copyFileSync(from, join(root, 'etc/docker', to));
      chmodSync(join(root, 'etc/docker', to), mode);
    }
    return root;
  }

  const section2 = (report: ScanReport, subject: (id: string) => boolean): Map<string, ControlResult['results'][number]> => new Map(
    report.compliance!.controls.filter((control) => control.id.startsWith('2.')).map((control) => [control.id, control.results.find((result) => subject(result.subject))!]),
  );

  t.test('the same daemon judged from its configuration and from its API: the same verdicts where both decide', async (t) => {
    daemon = await startDockerd({
      name: 'local-remote', listeners: [`tcp://${TARGET}`], daemonJson: DAEMON_JSON, prefix: ownSubordinateIds,
      tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath },
    });
    const common = ['--compliance', 'cis-docker-1.7.0', '--report', 'all', '-f', 'json', '--fail-on', 'none'];
    const local = await runCli(['audit', '--root', machineImage(), '--host-label', 'local-remote', ...common]);
    t.equal(local.status, 0, local.stderr);
    const remote = await runCli(['scan', TARGET, '--tlscacert', pki.ca.certPath, '--tlscert', client.certPath, '--tlskey', client.keyPath, ...common]);
    t.equal(remote.status, 0, remote.stderr);

    const fromConfig = section2(JSON.parse(local.stdout) as ScanReport, (subject) => subject === 'local-remote');
    const fromApi = section2(JSON.parse(remote.stdout) as ScanReport, (subject) => subject === TARGET);
    t.equal(fromConfig.size, 18, 'every section 2 control, judged on the machine');
    t.equal(fromApi.size, 18, 'and on the endpoint');

    for (const [id, expected] of Object.entries(BOTH_DECIDE)) {
      t.equal(fromConfig.get(id)?.status, expected, `${id} from the configuration: ${fromConfig.get(id)?.reasons.join('; ') || fromConfig.get(id)?.evidence.map((e) => e.place).join(', ')}`);
      t.equal(fromApi.get(id)?.status, expected, `${id} from the API: ${fromApi.get(id)?.reasons.join('; ') || fromApi.get(id)?.evidence.map((e) => e.place).join(', ')}`);
    }
    for (const [id, config] of fromConfig) {
      const api = fromApi.get(id)!;
      const decided = (status: string) => status === 'PASS' || status === 'FAIL';
      if (decided(config.status) && decided(api.status)) t.equal(api.status, config.status, `${id}: where both decide, they agree`);
    }
    // What only the configuration shows: the API side says it could not check, and why.
    const configOnly: Record<string, 'PASS' | 'FAIL'> = { '2.4': 'FAIL' /* --iptables=false */, '2.14': 'PASS' /* no-new-privileges */, '2.16': 'FAIL' /* userland proxy on by default */ };
    for (const [id, expected] of Object.entries(configOnly)) {
      t.equal(fromConfig.get(id)?.status, expected, `${id} decided from the configuration`);
      t.equal(fromApi.get(id)?.status, 'NOT CHECKED', `${id}: the API does not show it`);
      t.match(fromApi.get(id)?.reasons.join(' '), /no dockprobe check decides this control from the Docker API/);
    }
    // The configuration's evidence points at the line to change.
    t.match(fromConfig.get('2.5')?.evidence, [{ ruleId: 'daemon-insecure-registry', place: /\/etc\/docker\/daemon\.json:\d+$/ }]);
    t.match(fromApi.get('2.5')?.evidence, [{ ruleId: 'api-insecure-registry', place: TARGET }]);
  });
}
