import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { checkRangeSizes, countProbes, expandProbes } from '../../src/targets/expand-targets.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { readTargetsFile } from '../../src/targets/read-targets-file.js';
import { UsageError } from '../../src/usage-error.js';

t.test('host forms users write', async (t) => {
  const cases: [string, string, number | null][] = [
    ['docker1.example.org', 'docker1.example.org', null],
    ['Docker1.Example.org:2376', 'docker1.example.org', 2376],
    ['10.0.0.5', '10.0.0.5', null],
    ['10.0.0.5:2375', '10.0.0.5', 2375],
    ['[::1]:2376', '::1', 2376],
    ['[::1]', '::1', null],
    ['::1', '::1', null],
    ['fd00:0:0:0::0a', 'fd00::a', null],
    ['tcp://127.0.0.1:2376', '127.0.0.1', 2376],
    ['https://docker.local:2376/', 'docker.local', 2376],
    ['tcp://[fd00::1]:2375', 'fd00::1', 2375],
  ];
  for (const [input, host, port] of cases) {
    const spec = parseTarget(input);
    t.equal(spec.kind, 'host', input);
    if (spec.kind === 'host') {
      t.equal(spec.host, host, `${input} -> host`);
      t.equal(spec.port, port, `${input} -> port`);
    }
  }
});

t.test('CIDR ranges, v4 and v6', async (t) => {
  const v4 = parseTarget('10.1.2.77/24');
  t.match(v4, { kind: 'range', family: 4, prefixLength: 24, size: 256n });
  const v6 = parseTarget('fd00::/120');
  t.match(v6, { kind: 'range', family: 6, size: 256n });
  const hosts = [...expandProbes([parseTarget('192.0.2.0/30')], [2375])].map((p) => p.host);
  t.same(hosts, ['192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3'], 'a range is walked from its network address');
  const v6hosts = [...expandProbes([parseTarget('fd00::ff/127')], [2376])].map((p) => p.host);
  t.same(v6hosts, ['fd00::fe', 'fd00::ff']);
  const probes = [...expandProbes([parseTarget('192.0.2.0/31')], [2375, 2376])];
  t.equal(probes.length, 4, 'every port on every address');
  t.notOk(probes[0]!.named, 'swept addresses are not named targets');
});

t.test('ranges are lazy: a /8 is counted, not built', async (t) => {
  const slash8 = parseTarget('10.0.0.0/8');
  t.equal(countProbes([slash8], [2375, 2376]), 2n ** 25n);
  const iterator = expandProbes([slash8], [2375]);
  t.equal(iterator.next().value?.host, '10.0.0.0');
  t.equal(iterator.next().value?.host, '10.0.0.1');
  t.throws(() => checkRangeSizes([slash8], false), /larger than a \/16.*--allow-large/);
  t.doesNotThrow(() => checkRangeSizes([slash8], true));
  t.doesNotThrow(() => checkRangeSizes([parseTarget('10.0.0.0/16')], false), 'a /16 is allowed by default');
  t.throws(() => checkRangeSizes([parseTarget('fd00::/96')], false), /--allow-large/);
});

t.test('bad targets get one clear line naming the input', async (t) => {
  const bad: [string, RegExp][] = [
    ['host:0', /port "0".*1-65535/],
    ['host:65536', /port "65536"/],
    ['10.0.0.300', /not a valid IPv4/],
    ['10.0.0.0/33', /prefix length.*0-32/],
    ['nothost/24', /not an IP address/],
    ['unix:///var/run/docker.sock', /local socket/],
    ['ssh://me@host', /ssh:\/\//],
    ['ftp://host', /unknown scheme/],
    ['exa mple', /not a valid hostname/],
    ['[10.0.0.1]:2375', /not an IPv6/],
    ['', /empty target/],
  ];
  for (const [input, message] of bad) {
    t.throws(() => parseTarget(input), message, input);
    try {
      parseTarget(input);
    } catch (error) {
      t.type(error, UsageError, `${input}: a usage error, not a crash`);
      t.notMatch((error as Error).message, /\n/, `${input}: one line`);
    }
  }
});

t.test('--targets-file keeps line numbers and skips comments', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-targets-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'inventory.txt');
  writeFileSync(file, '# fleet\n\ndocker1.example.org:2376  # prod\n10.0.0.0/30\n');
  const specs = readTargetsFile(file);
  t.equal(specs.length, 2);
  t.same(specs[0]!.source, { file, line: 3 });
  t.same(specs[1]!.source, { file, line: 4 });
  writeFileSync(file, 'good.example\nbad host\n');
  t.throws(() => readTargetsFile(file), new RegExp(`${file}:2`), 'a bad line is named by file and line');
  t.throws(() => readTargetsFile(join(dir, 'missing.txt')), /--targets-file .*ENOENT/);
});
