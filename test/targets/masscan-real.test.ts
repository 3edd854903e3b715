/**
 * Real Debian masscan writing the -oJ and -oL files --targets-file reads. masscan cannot scan
 * loopback (it has its own TCP/IP stack), so it scans across a veth pair between two network
 * namespaces this test creates: a listener in one holds a port open, another port is closed,
 * and masscan runs in the other. Exactly the open port must be taken, on masscan's line.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { readTargetsFile } from '../../src/targets/read-targets-file.js';
import { canRunDiscoveryToolTests, lineOf, runTool } from '../helpers/discovery-tools.js';
import { createVethPair, listenInNetns } from '../helpers/veth-pair.js';
import { targetsFolder } from '../support/targets-file-fixture.js';

const MASSCAN_TIMEOUT_MS = 120_000;

if (canRunDiscoveryToolTests(t, 'masscan')) {
  const folder = targetsFolder(t);
  const pair = createVethPair('masscan');

  /** masscan from the scanner namespace, as its own host on the link, answering ARP for it. */
  const masscan = (ports: number[], output: string[]): void => {
    runTool(
      [
        ...pair.scanner.exec,
        'masscan', '-e', pair.scannerInterface, '--source-ip', pair.spareAddress, '--router-mac', pair.targetMac,
        '-p', ports.join(','), pair.targetAddress, '--wait', '1', ...output,
      ],
      MASSCAN_TIMEOUT_MS,
    );
  };

  // Started first, and kept for the whole file: its heartbeat lets every masscan run end promptly.
  const listening = listenInNetns(pair.target, pair.targetAddress, pair.scannerAddress);
  t.teardown(async () => {
    await listening.then((listener) => listener.close(), () => {});
    pair.remove();
  });

  t.test('masscan -oJ and -oL: exactly the open port, on the line masscan named it', async (t) => {
    const listener = await listening;
    // A fresh namespace has nothing else listening: the next port is closed.
    const closed = listener.port === 65535 ? listener.port - 1 : listener.port + 1;
    const json = folder.write('scan.json', '');
    const list = folder.write('scan.lst', '');
    masscan([listener.port, closed], ['-oJ', json]);
    masscan([listener.port, closed], ['-oL', list]);
    const expected = { kind: 'host', input: `${pair.targetAddress}:${listener.port}`, host: pair.targetAddress, port: listener.port };

    const jsonText = readFileSync(json, 'utf8');
    t.same(readTargetsFile(json), [{ ...expected, source: { file: json, line: lineOf(jsonText, new RegExp(`"port": ${listener.port}\\b`)) } }], `-oJ:\n${jsonText}`);

    const listText = readFileSync(list, 'utf8');
    t.same(readTargetsFile(list), [{ ...expected, source: { file: list, line: lineOf(listText, new RegExp(`^open tcp ${listener.port} `)) } }], `-oL:\n${listText}`);
  });

  t.test('masscan with nothing open writes an empty file: a usage error, never a scan of this machine', async (t) => {
    const json = folder.write('closed.json', 'stale content masscan must replace');
    const listener = await listening;
    masscan([listener.port === 1 ? 2 : 1], ['-oJ', json]);
    t.equal(readFileSync(json, 'utf8').trim(), '', 'masscan 1.3 leaves the file empty');
    t.same(readTargetsFile(json), [], 'read as an empty plain list, which scan refuses (see no-open-ports-scan.test.ts)');
  });
}
