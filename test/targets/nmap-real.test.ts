/**
 * Real Debian nmap, on loopback, writing the -oX and -oG files --targets-file reads: one port a
 * listener holds open, one closed. Exactly the open one must be taken, on the line nmap named it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import t from 'tap';
import { readTargetsFile } from '../../src/targets/read-targets-file.js';
import { canRunDiscoveryToolTests, lineOf, runTool } from '../helpers/discovery-tools.js';
import { startFakeDockerApi } from '../helpers/lookalikes.js';
import { listenOnLoopback } from '../helpers/loopback-listener.js';
import { runCli } from '../helpers/run-cli.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { targetsFolder } from '../support/targets-file-fixture.js';

const HOST = '127.0.0.131';
const NMAP_TIMEOUT_MS = 120_000;

/** A port nothing listens on: one just held and released again on an address no other test uses. */
async function closedPort(): Promise<number> {
  const listener = await listenOnLoopback(createServer(), { host: HOST, port: 0 });
  await listener.close();
  return listener.port;
}

function nmap(ports: number[], xml: string, grepable: string): void {
  // -n: no DNS; -Pn: loopback needs no ping; bounded retries and host time so it cannot hang.
  runTool(['nmap', '-n', '-Pn', '--max-retries', '1', '--host-timeout', '60s', '-p', ports.join(','), '-oX', xml, '-oG', grepable, HOST], NMAP_TIMEOUT_MS);
}

if (canRunDiscoveryToolTests(t, 'nmap')) {
  const folder = targetsFolder(t);

  t.test('nmap -oX and -oG: exactly the open port, on the line nmap named the host', async (t) => {
    const listener = await listenOnLoopback(createServer(), { host: HOST, port: 0 });
    t.teardown(() => listener.close());
    const closed = await closedPort();
    const xml = folder.write('scan.xml', '');
    const grepable = folder.write('scan.gnmap', '');
    nmap([listener.port, closed], xml, grepable);

    const xmlText = readFileSync(xml, 'utf8');
    t.match(xmlText, new RegExp(`portid="${closed}"><state state="closed"`), 'nmap saw the other port closed');
    t.same(readTargetsFile(xml), [
      { kind: 'host', input: `${HOST}:${listener.port}`, host: HOST, port: listener.port, source: { file: xml, line: lineOf(xmlText, new RegExp(`<address addr="${HOST.replace(/\./g, '\\.')}" addrtype="ipv4"`)) } },
    ]);

    const grepableText = readFileSync(grepable, 'utf8');
    t.same(readTargetsFile(grepable), [
      { kind: 'host', input: `${HOST}:${listener.port}`, host: HOST, port: listener.port, source: { file: grepable, line: lineOf(grepableText, /\tPorts: /) } },
    ]);
  });

  t.test('nothing open: no targets from either file, and no error', async (t) => {
    const xml = folder.write('closed.xml', '');
    const grepable = folder.write('closed.gnmap', '');
    nmap([await closedPort()], xml, grepable);
    t.same(readTargetsFile(xml), []);
    t.same(readTargetsFile(grepable), []);
  });

  t.test('scan --targets-file with nmap -oX: the finding\'s SARIF location is the XML line of the host', async (t) => {
    const api = await startFakeDockerApi({ host: HOST, port: 0 });
    t.teardown(() => api.close());
    const closed = await closedPort();
    const xml = folder.write('fleet.xml', '');
    nmap([api.port, closed], xml, folder.write('fleet.gnmap', ''));
    const addressLine = lineOf(readFileSync(xml, 'utf8'), new RegExp(`<address addr="${HOST.replace(/\./g, '\\.')}"`));

    // --ports names neither port: the targets come with their own, from nmap.
    const run = await runCli(['scan', '--targets-file', 'fleet.xml', '--ports', '1', '--timeout', '3000', '-f', 'sarif'], { cwd: folder.dir });
    t.equal(run.status, 1, `a finding: exit 1 (stderr: ${run.stderr})`);
    t.ok(api.requests.length > 0, 'the open port was probed');
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[] };
    const results = sarif.runs[0]!.results;
    const unauthenticated = results.find((result) => result.ruleId === 'api-unauthenticated');
    t.ok(unauthenticated, 'the unauthenticated API is found');
    t.same(unauthenticated!.locations[0]!.physicalLocation, { artifactLocation: { uri: 'fleet.xml', uriBaseId: '%SRCROOT%' }, region: { startLine: addressLine } }, 'the nmap XML line of the <address>');
    t.equal(unauthenticated!.locations[0]!.logicalLocations[0]!.fullyQualifiedName, `${HOST}:${api.port}`);
    await assertValidSarif(t, run.stdout, 'SARIF from nmap -oX targets');

    const json = await runCli(['scan', '--targets-file', 'fleet.gnmap', '--ports', '1', '--timeout', '3000', '-f', 'json'], { cwd: folder.dir });
    const report = JSON.parse(json.stdout) as { summary: { probes: number }; endpoints: { target: string; source?: { file: string; line: number } }[] };
    t.equal(report.summary.probes, 1, 'from -oG too, one probe: neither the closed port nor the --ports port');
    t.same(report.endpoints.map((endpoint) => [endpoint.target, endpoint.source]), [[`${HOST}:${api.port}`, { file: `${folder.dir}/fleet.gnmap`, line: lineOf(readFileSync(`${folder.dir}/fleet.gnmap`, 'utf8'), /\tPorts: /) }]]);
  });
}
