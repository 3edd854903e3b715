import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { canRunDockerdTests, startDockerd, type Daemon } from '../helpers/dockerd.js';
import { startNginxLike, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { runCli } from '../helpers/run-cli.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { canRunBrowserTests, launchChromium } from '../helpers/chromium.js';
import { write } from '../support/scratch-config-root.js';

/**
 * The fleet run of issue 13, end to end, as a fleet owner runs it: nmap discovers the open
 * ports, `dockprobe scan` reads nmap's XML in two shards, `audit --root` reads three machine
 * images, `report merge` makes one report of all five, which renders to SARIF that GitHub
 * accepts and to an HTML page opened in Chromium. The report shows every machine's findings and
 * every endpoint, nothing twice.
 * Real dockerd (plain TCP, and mutual TLS) and one non-Docker web server are the fleet.
 */
const PLAIN = '127.0.16.1';
const MUTUAL_TLS = '127.0.16.2';
const WEB = '127.0.16.3';
const PORTS = { plain: 2375, tls: 2376 };

interface Report {
  findings: { ruleId: string; fingerprint: string; machine?: string; target?: string }[];
  machines: { key: string; label: string; config: unknown }[];
  endpoints: { target: string; accessGrantedBy: string[]; source: { file: string; line: number } | null }[];
  complete: boolean;
}

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-fleet-e2e-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: [MUTUAL_TLS] });
  const client = issueClientCert(pki, { name: 'client' });
  const daemons: Daemon[] = [];
  let web: LookalikeServer | null = null;
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
    await web?.close();
  });

  t.before(async () => {
    daemons.push(
      ...(await Promise.all([
        startDockerd({ name: 'fleet-plain', listeners: [`tcp://${PLAIN}:${PORTS.plain}`] }),
        startDockerd({ name: 'fleet-mtls', listeners: [`tcp://${MUTUAL_TLS}:${PORTS.tls}`], tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath } }),
      ])),
    );
    web = await startNginxLike({ host: WEB, port: PORTS.plain });
  });

  /** A machine image: its names, a daemon.json, and what else the test gives it. */
  function image(name: string, machineId: string, daemonJson: string, extra: (root: string) => void = () => {}): string {
    const root = mkdtempSync(join(dir, `image-${name}-`));
    write(root, '/etc/hostname', `${name}\n`);
    write(root, '/etc/machine-id', `${machineId}\n`);
    write(root, '/etc/docker/daemon.json', daemonJson);
    extra(root);
    return root;
  }

  async function json(name: string, args: string[]): Promise<{ path: string; report: Report }> {
    const path = join(dir, name);
    // report merge judges nothing (no --fail-on); the runs are gated by exit code below.
    const gate = args[0] === 'report' ? [] : ['--fail-on', 'none'];
    const run = await runCli([...args, '-f', 'json', '-o', path, ...gate], { timeoutMs: 120_000 });
    if (run.status !== 0 && run.status !== 4) throw new Error(`dockprobe ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
    return { path, report: JSON.parse(readFileSync(path, 'utf8')) as Report };
  }

  t.test('nmap discovery, a scan in two shards, three machine images: one report, SARIF GitHub accepts', async (t) => {
    // Discovery: every address on both Docker ports; only what is open becomes a target.
    const discovered = join(dir, 'discovery.xml');
    execFileSync('nmap', ['-n', '-Pn', '-sT', '-p', `${PORTS.plain},${PORTS.tls}`, '-oX', discovered, PLAIN, MUTUAL_TLS, WEB], { stdio: 'ignore', timeout: 60_000 });

    const clientFlags = ['--tlscacert', pki.ca.certPath, '--tlscert', client.certPath, '--tlskey', client.keyPath];
    const shards = [
      await json('shard-1.json', ['scan', '--targets-file', discovered, '--shard', '1/2', ...clientFlags]),
      await json('shard-2.json', ['scan', '--targets-file', discovered, '--shard', '2/2', ...clientFlags]),
    ];
    const scanned = shards.flatMap((shard) => shard.report.endpoints.map((endpoint) => endpoint.target)).sort();
    t.same(scanned, [`${PLAIN}:${PORTS.plain}`, `${MUTUAL_TLS}:${PORTS.tls}`, `${WEB}:${PORTS.plain}`].sort(), 'exactly the open ports nmap found, each in one shard');

    const images = [
      image('web-01', '1'.repeat(32), '{ "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"] }\n'),
      image('web-02', '2'.repeat(32), '{ "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"] }\n'),
      image('build-01', '3'.repeat(32), '{ "hosts": ["unix:///var/run/docker.sock", "tcp://10.0.0.7:2376"], "tlsverify": true, "tlscacert": "/etc/docker/ssl/ca.pem", "tlscert": "/etc/docker/ssl/server-cert.pem", "tlskey": "/etc/docker/ssl/server-key.pem" }\n', (root) => {
        for (const [from, to] of [[pki.ca.certPath, 'ca.pem'], [server.certPath, 'server-cert.pem'], [server.keyPath, 'server-key.pem']] as const) write(root, `/etc/docker/ssl/${to}`, readFileSync(from));
        chmodSync(join(root, 'etc/docker/ssl/server-key.pem'), 0o644);
      }),
    ];
    const audits = await Promise.all(images.map((root, index) => json(`audit-${index + 1}.json`, ['audit', '--root', root])));

    const inputs = [...shards, ...audits];
    const merged = await json('fleet.json', ['report', 'merge', ...inputs.map((input) => input.path)]);
    const fleet = merged.report;

    t.same(fleet.machines.map((machine) => machine.label), ['build-01', 'web-01', 'web-02'], 'every machine, once');
    t.ok(fleet.machines.every((machine) => machine.config !== null), 'each with its configuration');
    const union = new Set(inputs.flatMap((input) => input.report.findings.map((finding) => finding.fingerprint)));
    t.same(fleet.findings.map((finding) => finding.fingerprint).sort(), [...union].sort(), 'every finding of every input');
    t.equal(new Set(fleet.findings.map((finding) => finding.fingerprint)).size, fleet.findings.length, 'nothing twice');
    for (const machine of fleet.machines) {
      const own = audits.find((audit) => audit.report.machines[0]!.key === machine.key)!.report.findings.length;
      t.equal(fleet.findings.filter((finding) => finding.machine === machine.key).length, own, `${machine.label}: its ${own} findings`);
    }
    t.ok(fleet.findings.some((finding) => finding.machine?.startsWith('build-01/') && finding.ruleId === 'file-key-permissions'), 'build-01: the key readable by everyone');
    t.same(fleet.endpoints.map((endpoint) => endpoint.target).sort(), scanned, 'every endpoint, once');
    const plain = fleet.endpoints.find((endpoint) => endpoint.target === `${PLAIN}:${PORTS.plain}`)!;
    t.ok(plain.accessGrantedBy.includes('plaintext'), 'the plain daemon hands out root');
    t.equal(plain.source?.file, discovered, 'and its finding points at the nmap file');
    t.ok((plain.source?.line ?? 0) > 1, 'at the line where nmap recorded the host');
    const mtls = fleet.endpoints.find((endpoint) => endpoint.target === `${MUTUAL_TLS}:${PORTS.tls}`)!;
    t.same(mtls.accessGrantedBy, ['tls-user-client-cert'], 'the mutual-TLS daemon lets in only our client certificate');

    const sarif = await runCli(['report', 'convert', merged.path, '-f', 'sarif', '--sarif-category', 'fleet', '--sarif-root', dir]);
    t.equal(sarif.status, 0, sarif.stderr);
    await assertValidSarif(t, sarif.stdout, 'the fleet SARIF');
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { properties?: { machine?: string }; message: { text: string } }[] }[] }).runs[0]!.results;
    t.equal(results.length, fleet.findings.length, 'one SARIF result per finding');
    t.ok(results.filter((result) => result.properties?.machine === 'web-01').every((result) => result.message.text.includes('web-01: ')), 'each local result says whose it is');

    // The same report as a page, opened in Debian's Chromium: every machine and endpoint, no request.
    const page = join(dir, 'fleet.html');
    const html = await runCli(['report', 'convert', merged.path, '-f', 'html', '-o', page]);
    t.equal(html.status, 0, html.stderr);
    if (!canRunBrowserTests(t)) return;
    const browser = await launchChromium(t, { javaScriptEnabled: false });
    const tab = await browser.newPage();
    const requests: string[] = [];
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(pathToFileURL(page).href);
    const matrix = await tab.locator('#matrix').innerText();
    for (const machine of ['web-01', 'web-02', 'build-01']) t.match(matrix, machine, `the matrix has a row for ${machine}`);
    const endpoints = await tab.locator('#endpoints').innerText();
    for (const target of scanned) t.match(endpoints, target, `the page lists ${target}`);
    t.same(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:')), [], 'the page made no network request');
  });
}
