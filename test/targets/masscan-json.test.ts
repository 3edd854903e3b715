import t from 'tap';
import { loadTargetsFile, readTargetsFile } from '../../src/targets/read-targets-file.js';
import { targetLines, targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);

function result(ip: string, ports: object[]): string {
  return `{   "ip": "${ip}",   "timestamp": "1767600000", "ports": ${JSON.stringify(ports)} }`;
}
const open = (port: number) => ({ port, proto: 'tcp', status: 'open', reason: 'syn-ack', ttl: 64 });

t.test('masscan 1.3 layout: objects on their own lines, "," lines between; open TCP only', async (t) => {
  const file = folder.write(
    'scan.json',
    [
      '[',
      result('10.4.0.5', [open(2375)]),
      ',',
      result('10.4.0.5', [{ port: 2376, proto: 'tcp', status: 'closed', reason: 'rst', ttl: 64 }]),
      ',',
      result('10.4.0.6', [{ port: 53, proto: 'udp', status: 'open', reason: 'udp', ttl: 64 }]),
      ',',
      result('10.4.0.5', [{ port: 2375, proto: 'tcp', service: { name: 'http', banner: 'HTTP/1.1 200 OK' } }]),
      ',',
      result('FD00::0D', [open(2376)]),
      ']',
      '',
    ].join('\n'),
  );
  const { format, specs } = loadTargetsFile(file);
  t.equal(format, 'masscan-json');
  t.same(targetLines(specs), [
    { input: '10.4.0.5:2375', port: 2375, line: 2 },
    { input: '[fd00::d]:2376', port: 2376, line: 10 },
  ], 'closed, UDP and banner entries are not targets; each target on its object\'s line');
  t.same(specs[0]!.source, { file, line: 2 });
});

t.test('masscan 1.0 layout: trailing commas and the {finished: 1} line, which is not JSON', async (t) => {
  const file = folder.write('old.json', ['[', `${result('10.4.0.7', [open(2375)])},`, `${result('10.4.0.8', [open(4243)])},`, '{finished: 1}', ']', ''].join('\n'));
  t.same(targetLines(readTargetsFile(file)), [
    { input: '10.4.0.7:2375', port: 2375, line: 2 },
    { input: '10.4.0.8:4243', port: 4243, line: 3 },
  ]);
});

t.test('one object per line without brackets (masscan -oD) is read the same way', async (t) => {
  const file = folder.write('scan.ndjson', `${result('10.4.0.9', [open(2375)])}\n`);
  t.same(targetLines(readTargetsFile(file)), [{ input: '10.4.0.9:2375', port: 2375, line: 1 }]);
});

t.test('nothing open: no targets, no error', async (t) => {
  t.same(loadTargetsFile(folder.write('none.json', '[\n]\n')), { format: 'masscan-json', specs: [] });
});

t.test('JSON that does not parse, a cut-short file, other objects: one line naming file, format and line', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['broken.json', `[\n${result('10.4.0.5', [open(2375)])}\n,\n{ "ip": "10.4.0.6", "ports": [ {"port": 2375\n]\n`, /but line 4: not one JSON object per line as masscan writes it \(/],
    ['cut.json', `[\n${result('10.4.0.5', [open(2375)])}\n,\n`, /but line 4: the file ends before masscan's closing "\]": it is cut short/],
    ['other.json', '[\n{"host": "10.4.0.5", "port": 2375}\n]\n', /but line 2: an object without masscan's "ip" and "ports"/],
    ['after.json', `[\n]\n${result('10.4.0.5', [open(2375)])}\n`, /but line 3: more after the closing "\]" on line 2/],
    ['address.json', `[\n${result('10.4.0.500', [open(2375)])}\n]\n`, /but line 2: "10\.4\.0\.500" is not an IPv4 or IPv6 address/],
    ['port.json', `[\n${result('10.4.0.5', [open(0)])}\n]\n`, /but line 2: port "0" is not a port number/],
  ];
  for (const [name, content, expected] of cases) {
    const file = folder.write(name, content);
    t.throws(() => readTargetsFile(file), { name: 'UsageError', message: expected }, name);
    t.throws(() => readTargetsFile(file), { message: new RegExp(`^--targets-file "${file}": read as masscan JSON \\(-oJ\\), but line \\d+: [^\\n]*; give masscan's -oJ output unchanged, or a plain list of targets$`) }, `${name}: one line naming file, format and what to do`);
  }
});
