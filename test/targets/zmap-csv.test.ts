import t from 'tap';
import { loadTargetsFile, readTargetsFile } from '../../src/targets/read-targets-file.js';
import { targetLines, targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);

t.test('with sport: each answering host on the port that answered, on its row\'s line', async (t) => {
  const file = folder.write(
    'zmap.csv',
    ['saddr,sport,classification,success', '10.5.0.5,2375,synack,1', '10.5.0.6,2375,rst,0', '10.5.0.7,2375,rst,1', '10.5.0.8,2376,synack,1', ''].join('\n'),
  );
  const { format, specs } = loadTargetsFile(file);
  t.equal(format, 'zmap-csv');
  t.same(targetLines(specs), [
    { input: '10.5.0.5:2375', port: 2375, line: 2 },
    { input: '10.5.0.8:2376', port: 2376, line: 5 },
  ], 'rows that say the port was closed (success 0, classification rst) are not targets');
  t.same(specs[0]!.source, { file, line: 2 });
});

t.test('saddr alone (zmap\'s default field): the host without a port, so every --ports port is tried', async (t) => {
  const file = folder.write('zmap-default.csv', 'saddr\n10.5.0.9\n10.5.0.10\n');
  t.same(targetLines(readTargetsFile(file)), [
    { input: '10.5.0.9', port: null, line: 2 },
    { input: '10.5.0.10', port: null, line: 3 },
  ]);
});

t.test('a header only: no targets, no error', async (t) => {
  t.same(loadTargetsFile(folder.write('none.csv', 'saddr,sport\n')), { format: 'zmap-csv', specs: [] });
});

t.test('plain zmap output without a header is a plain list', async (t) => {
  const { format, specs } = loadTargetsFile(folder.write('zmap.txt', '10.5.0.11\n10.5.0.12\n'));
  t.equal(format, 'plain');
  t.equal(specs.length, 2);
});

t.test('a row zmap does not write: one line naming file, format and line', async (t) => {
  const short = folder.write('short.csv', 'saddr,sport\n10.5.0.5,2375\n10.5.0.6\n');
  t.throws(() => readTargetsFile(short), {
    name: 'UsageError',
    message: `--targets-file "${short}": read as zmap CSV (-O csv), but line 3: 1 fields where the header on line 1 names 2; give zmap's -O csv output unchanged, or a plain list of targets`,
  });
  const name = folder.write('name.csv', 'saddr,sport\ndocker1.example,2375\n');
  t.throws(() => readTargetsFile(name), { message: /read as zmap CSV \(-O csv\), but line 2: "docker1\.example" is not an IPv4 or IPv6 address/ });
});
