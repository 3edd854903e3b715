import t from 'tap';
import { loadTargetsFile, readTargetsFile } from '../../src/targets/read-targets-file.js';
import { targetLines, targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);

t.test('"open tcp" lines, each on its line; closed, UDP and banner lines are not targets', async (t) => {
  const file = folder.write(
    'scan.lst',
    [
      '#masscan',
      'open tcp 2375 10.3.0.5 1767600000',
      'closed tcp 2376 10.3.0.5 1767600001',
      'open udp 53 10.3.0.5 1767600002',
      'banner tcp 2375 10.3.0.5 1767600003 http "HTTP/1.1 200 OK"',
      'open tcp 2376 fd00::c 1767600004',
      '# end',
      '',
    ].join('\n'),
  );
  const { format, specs } = loadTargetsFile(file);
  t.equal(format, 'masscan-list');
  t.same(targetLines(specs), [
    { input: '10.3.0.5:2375', port: 2375, line: 2 },
    { input: '[fd00::c]:2376', port: 2376, line: 6 },
  ]);
  t.same(specs[0]!.source, { file, line: 2 });
});

t.test('recognised without the #masscan header, by its first result line', async (t) => {
  const file = folder.write('open.txt', 'open tcp 2375 127.0.0.1 1767600000\n');
  t.same(targetLines(readTargetsFile(file)), [{ input: '127.0.0.1:2375', port: 2375, line: 1 }]);
});

t.test('nothing open: no targets, no error', async (t) => {
  t.same(loadTargetsFile(folder.write('none.lst', '#masscan\n# end\n')), { format: 'masscan-list', specs: [] });
});

t.test('a line masscan does not write: one line naming file, format and line', async (t) => {
  const file = folder.write('edited.lst', '#masscan\nopen tcp 2375 10.3.0.5 1767600000\nopen tcp 2375 10.3.0.6\n# end\n');
  t.throws(() => readTargetsFile(file), {
    name: 'UsageError',
    message: `--targets-file "${file}": read as masscan list output (-oL), but line 3: "open tcp 2375 10.3.0.6" is not masscan's "STATE PROTOCOL PORT ADDRESS TIMESTAMP" line; give masscan's -oL output unchanged, or a plain list of targets`,
  });
  const badAddress = folder.write('address.lst', '#masscan\nopen tcp 2375 10.3.0.300 1767600000\n');
  t.throws(() => readTargetsFile(badAddress), { message: /line 2: "10\.3\.0\.300" is not an IPv4 or IPv6 address/ });
});
