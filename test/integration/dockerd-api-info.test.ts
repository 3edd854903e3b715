/**
 * The CIS section 2 facts of the API (report format 1.8.0), read from real dockerd the way a
 * user scans it: over plain TCP, and over mutual TLS with the user's client certificate.
 *
 * The daemons' daemon.json sets what section 2 asks about: live restore, a syslog log driver,
 * experimental features, insecure registries (a name and a CIDR), and user-namespace remapping.
 * userns-remap needs subordinate id ranges in /etc/subuid and /etc/subgid; this test never edits
 * the host's: dockerd runs in a private mount namespace of its own (unshare --mount) where both
 * files are bind-mounted from the test's temp dir. It remaps to the existing user nobody, not
 * "default": that would make dockerd create a user dockremap on the host.
 *
 * The test helper starts dockerd with --debug (its request log is read from the debug output),
 * so Debug is true here; and with --bridge=none, so GET /networks/bridge answers 404 and icc is
 * unknown (null). A daemon with its default bridge runs only inside a network namespace of the
 * test (--iptables=false: dockerd refuses --icc=false without iptables, so only icc on is seen
 * from real dockerd; icc off is covered by the look-alike in api-info-facts.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { canRunDockerdTests, findOnPath, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { createNetns, netnsUnavailableReason, type Netns } from '../helpers/netns.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { runCli } from '../helpers/run-cli.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { endpointFor, scanInProcess } from '../support/scan-in-process.js';

const PLAIN = '127.0.0.152';
const MUTUAL_TLS = '127.0.0.153';
/** Subordinate ids for the remapped root, in the daemon's own view of /etc/subuid and /etc/subgid. */
const REMAP_USER = 'nobody';
const REMAP_GROUP = 'nogroup';
const SUBORDINATE = '200000:65536';

const SECTION_2_DAEMON_JSON = {
  'live-restore': true,
  'log-driver': 'syslog',
  experimental: true,
  'insecure-registries': ['registry.test:5000', '10.99.0.0/16'],
  'userns-remap': `${REMAP_USER}:${REMAP_GROUP}`,
};

/** What the probe must read from /info of such a daemon. */
const EXPECTED_FACTS = {
  liveRestoreEnabled: true,
  loggingDriver: 'syslog',
  driver: 'vfs',
  experimentalBuild: true,
  debug: true,
  insecureRegistries: ['10.99.0.0/16', 'registry.test:5000'],
  defaultBridgeIcc: null,
};

/** The routed API calls a daemon's --debug log shows, e.g. "GET /networks/bridge". */
function callsIn(daemon: Daemon): string[] {
  return [...readFileSync(daemon.logPath, 'utf8').matchAll(/level=debug msg="Calling ([A-Z]+) ([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-api-info-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: [MUTUAL_TLS] });
  const client = issueClientCert(pki, { name: 'client' });

  const subuid = join(dir, 'subuid');
  const subgid = join(dir, 'subgid');
  writeFileSync(subuid, `${REMAP_USER}:${SUBORDINATE}\n`);
  // dockerd 20.10 looks the group's ranges up under the user's name too.
  writeFileSync(subgid, `${REMAP_USER}:${SUBORDINATE}\n${REMAP_GROUP}:${SUBORDINATE}\n`);
  const ownSubordinateIds = [
    findOnPath('unshare')!, '--mount', '--propagation', 'private', '--',
    'sh', '-c', 'mount --bind "$1" /etc/subuid && mount --bind "$2" /etc/subgid && shift 2 && exec "$@"', 'sh', subuid, subgid,
  ];

  const daemons: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
  });

  t.test('plain TCP and mutual TLS: the daemon.json settings, as /info reports them', async (t) => {
    const [plain, mutual] = await Promise.all([
      startDockerd({ name: 'api-info-plain', listeners: [`tcp://${PLAIN}:2375`], daemonJson: SECTION_2_DAEMON_JSON, prefix: ownSubordinateIds }),
      startDockerd({
        name: 'api-info-mtls', listeners: [`tcp://${MUTUAL_TLS}:2376`], daemonJson: SECTION_2_DAEMON_JSON, prefix: ownSubordinateIds,
        tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath },
      }),
    ]);
    daemons.push(plain, mutual);

    const { report } = await scanInProcess([`${PLAIN}:2375`, `${MUTUAL_TLS}:2376`], { tlscacert: pki.ca.certPath, tlscert: client.certPath, tlskey: client.keyPath });
    const plainEntry = endpointFor(report, `${PLAIN}:2375`);
    const mutualEntry = endpointFor(report, `${MUTUAL_TLS}:2376`);
    t.same(plainEntry.accessGrantedBy, ['plaintext']);
    t.same(mutualEntry.accessGrantedBy, ['tls-user-client-cert'], 'in with the user\'s certificate, and only with it');

    for (const [name, entry] of [['plain', plainEntry], ['mutual TLS', mutualEntry]] as const) {
      t.match(entry.info, EXPECTED_FACTS, `${name}: every fact`);
      t.ok(entry.info?.securityOptions.includes('name=userns'), `${name}: user-namespace remapping shows in SecurityOptions`);
      t.equal(entry.info?.rootless, false, `${name}: a rootful daemon`);
      t.same(entry.checked, { complete: true }, `${name}: fully checked, without a default bridge`);
      const access = entry.attempts.find((attempt) => attempt.outcome === 'api-access');
      t.match(access?.detail, /no default bridge network \(GET \/networks\/bridge answered HTTP 404\)/, `${name}: why icc is unknown`);
    }

    // dockerd logs every call it routes: the probe's are GETs, the bridge request last.
    for (const daemon of [plain, mutual]) {
      const calls = callsIn(daemon);
      t.ok(calls.includes('GET /networks/bridge'), `${daemon.name} was asked GET /networks/bridge`);
      t.same(calls.filter((call) => !call.startsWith('GET ')), [], `${daemon.name} got nothing but GET`);
    }
    t.equal(callsIn(mutual).filter((call) => call === 'GET /networks/bridge').length, 1, 'only the way in that got access asked for the bridge');
  });

  t.test('a daemon with its default bridge, in a network namespace of the test: icc read from it', async (t) => {
    const unavailable = netnsUnavailableReason();
    if (unavailable) {
      if (process.env.CI) t.fail(`CI must run this: ${unavailable}`);
      else t.plan(0, unavailable);
      return;
    }
    const netns: Netns = createNetns('bridge');
    t.teardown(() => netns.remove());
    const daemon = await startDockerd({ name: 'api-info-bridge', netns: netns.exec, listeners: ['tcp://127.0.0.1:2375'], defaultBridge: true });
    daemons.push(daemon);
    // The built CLI, run inside the namespace where the daemon and its bridge are.
    const run = await runCli(['scan', '127.0.0.1:2375', '-f', 'json', '--fail-on', 'none'], { prefix: netns.exec, timeoutMs: 60_000 });
    t.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as ScanReport;
    const entry = endpointFor(report, '127.0.0.1:2375');
    t.equal(entry.info?.defaultBridgeIcc, true, 'dockerd\'s default --icc=true, as the default bridge carries it');
    t.same(entry.checked, { complete: true });
    // The bridge exists in the namespace alone, and goes when the namespace is removed.
    t.match(execFileSync('ip', ['-n', netns.name, '-br', 'link', 'show', 'type', 'bridge'], { encoding: 'utf8' }), /^docker0\b/m, 'docker0 inside the namespace');
  });
}
