import t from 'tap';
import { resolveTargets } from '../../src/cli/scan-command.js';
import { scanInProcess } from '../support/scan-in-process.js';
import { targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);
const NOTHING_OPEN = '<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n<host><status state="up"/><address addr="127.0.0.1" addrtype="ipv4"/><ports><port protocol="tcp" portid="2375"><state state="closed"/></port></ports></host>\n</nmaprun>\n';

t.test('a discovery file with no open port: nothing scanned, and the report says why', async (t) => {
  const file = folder.write('nothing-open.xml', NOTHING_OPEN);
  // DOCKER_HOST would otherwise be the fallback target: it must not stand in for the file.
  const { report, exitCode } = await scanInProcess([], { targetsFile: file }, { DOCKER_HOST: 'tcp://127.0.0.1:2375' });
  t.equal(report.summary.probes, 0, 'neither DOCKER_HOST nor this machine is probed instead');
  t.same(report.scope?.targets, []);
  t.same(report.warnings, [
    `--targets-file "${file}" (nmap XML (-oX)) names no open TCP port, so nothing from it was scanned: this is not an all-clear; check that the nmap scan covered the Docker ports (2375, 2376) and reached the hosts`,
  ]);
  t.equal(exitCode, 0, 'not a usage error: the discovery scan ran and found nothing open');

  const { rendered } = await scanInProcess([], { targetsFile: file, format: 'table' });
  t.match(rendered, /Warnings:\n {2}- --targets-file .* names no open TCP port/, 'the table shows it');
  t.match(rendered, /No endpoint was probed\./);
});

t.test('with other targets named too, those are scanned and the warning is still given', async (t) => {
  const file = folder.write('nothing-open-2.xml', NOTHING_OPEN);
  const warnings: string[] = [];
  const specs = resolveTargets(['127.0.0.1:1'], file, {}, warnings);
  t.same(specs.map((spec) => spec.input), ['127.0.0.1:1']);
  t.equal(warnings.length, 1);
  t.match(warnings[0], /names no open TCP port/);
});

t.test('an empty plain list is still a usage error, with a word about masscan\'s empty files', async (t) => {
  const file = folder.write('empty.txt', '');
  t.throws(() => resolveTargets([], file, {}), { name: 'UsageError', message: /holds no targets; .*an empty file is what masscan writes when it found no open port/ });
});
