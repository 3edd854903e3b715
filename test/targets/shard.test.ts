import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { expandProbes, type Probe } from '../../src/targets/expand-targets.js';
import { formatHostPort, numberToIpv4 } from '../../src/targets/ip-address.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { formatShard, inShard, parseShard, parseShardFlag, shardHash, shardOf, shardProbes, type Shard } from '../../src/targets/shard.js';
import { UsageError } from '../../src/usage-error.js';

/**
 * --shard K/N and the Kubernetes Indexed Job environment: which inputs are accepted and how
 * each mistake is refused, and the hash that splits targets: even, a partition, and the same in
 * every process.
 */

t.test('--shard K/N counts from 1; JOB_COMPLETION_INDEX counts from 0', async (t) => {
  const ok: [string, { shard?: string; shardCount?: string }, NodeJS.ProcessEnv, Shard | null][] = [
    ['nothing: not sharded', {}, {}, null],
    ['empty variables are unset ones', {}, { JOB_COMPLETION_INDEX: '', DOCKPROBE_SHARD_COUNT: ' ' }, null],
    ['--shard 1/4', { shard: '1/4' }, {}, { index: 1, count: 4 }],
    ['--shard 4/4', { shard: '4/4' }, {}, { index: 4, count: 4 }],
    ['--shard " 2 / 4 "', { shard: ' 2 / 4 ' }, {}, { index: 2, count: 4 }],
    ['--shard 1/1', { shard: '1/1' }, {}, { index: 1, count: 1 }],
    ['--shard with the same --shard-count', { shard: '3/4', shardCount: '4' }, {}, { index: 3, count: 4 }],
    ['--shard overrides DOCKPROBE_SHARD_COUNT', { shard: '3/8' }, { DOCKPROBE_SHARD_COUNT: '4' }, { index: 3, count: 8 }],
    ['--shard agreeing with JOB_COMPLETION_INDEX', { shard: '2/4' }, { JOB_COMPLETION_INDEX: '1' }, { index: 2, count: 4 }],
    ['pod 0 of an Indexed Job is shard 1', {}, { JOB_COMPLETION_INDEX: '0', DOCKPROBE_SHARD_COUNT: '4' }, { index: 1, count: 4 }],
    ['pod 3 of 4 is shard 4', {}, { JOB_COMPLETION_INDEX: '3', DOCKPROBE_SHARD_COUNT: '4' }, { index: 4, count: 4 }],
    ['--shard-count gives the count to JOB_COMPLETION_INDEX', { shardCount: '4' }, { JOB_COMPLETION_INDEX: '2' }, { index: 3, count: 4 }],
    ['--shard-count overrides DOCKPROBE_SHARD_COUNT', { shardCount: '8' }, { JOB_COMPLETION_INDEX: '5', DOCKPROBE_SHARD_COUNT: '4' }, { index: 6, count: 8 }],
  ];
  for (const [label, flags, env, expected] of ok) t.same(parseShard(flags, env), expected, label);
  t.equal(formatShard({ index: 2, count: 4 }), '2/4');
});

t.test('bad values: one line naming the input and what to do', async (t) => {
  const bad: [string, { shard?: string; shardCount?: string }, NodeJS.ProcessEnv, RegExp][] = [
    ['0/4', { shard: '0/4' }, {}, /^--shard "0\/4": shards are counted from 1, so use 1\/4 \.\. 4\/4 \(only JOB_COMPLETION_INDEX counts from 0\)$/],
    ['5/4', { shard: '5/4' }, {}, /^--shard "5\/4": there is no shard 5 of 4; K must be from 1 to 4$/],
    ['1/0', { shard: '1/0' }, {}, /^--shard "1\/0": the number of shards N must be from 1 to 100000/],
    ['x', { shard: 'x' }, {}, /^--shard "x": write K\/N, shard K of N counted from 1, e.g. --shard 1\/4 \.\. --shard 4\/4$/],
    ['empty', { shard: '' }, {}, /^--shard "": write K\/N/],
    ['1/4/2', { shard: '1/4/2' }, {}, /^--shard "1\/4\/2": write K\/N/],
    ['-1/4', { shard: '-1/4' }, {}, /^--shard "-1\/4": write K\/N/],
    ['1.5/4', { shard: '1.5/4' }, {}, /^--shard "1\.5\/4": write K\/N/],
    ['too many shards', { shard: '1/100001' }, {}, /^--shard "1\/100001": the number of shards N must be from 1 to 100000/],
    ['index without count', {}, { JOB_COMPLETION_INDEX: '2' }, /^JOB_COMPLETION_INDEX=2 is set \(a Kubernetes Indexed Job\) but the number of shards is not: set DOCKPROBE_SHARD_COUNT to the Job's completions or pass --shard-count N; to scan every target in this pod, unset JOB_COMPLETION_INDEX$/],
    ['--shard disagreeing with JOB_COMPLETION_INDEX', { shard: '1/4' }, { JOB_COMPLETION_INDEX: '1', DOCKPROBE_SHARD_COUNT: '4' }, /^--shard "1\/4" disagrees with JOB_COMPLETION_INDEX=1 \(a Kubernetes Indexed Job's pod, counted from 0, so shard 2\); in an Indexed Job leave --shard out/],
    ['--shard taking JOB_COMPLETION_INDEX as 1-based', { shard: '0/4' }, { JOB_COMPLETION_INDEX: '0' }, /^--shard "0\/4": shards are counted from 1/],
    ['--shard and --shard-count disagree', { shard: '1/4', shardCount: '3' }, {}, /^--shard "1\/4" and --shard-count "3" disagree on the number of shards; give --shard K\/N alone$/],
    ['--shard-count alone', { shardCount: '4' }, {}, /^--shard-count "4" needs the shard's index: give --shard K\/4 instead \(K from 1 to 4\), or run as a Kubernetes Indexed Job, which sets JOB_COMPLETION_INDEX$/],
    ['DOCKPROBE_SHARD_COUNT alone', {}, { DOCKPROBE_SHARD_COUNT: '4' }, /^DOCKPROBE_SHARD_COUNT="4" is set but JOB_COMPLETION_INDEX is not: run as a Kubernetes Indexed Job/],
    ['--shard-count 0', { shardCount: '0' }, { JOB_COMPLETION_INDEX: '0' }, /^--shard-count "0": the number of shards must be a whole number from 1 to 100000, e.g. 4$/],
    ['--shard-count x', { shard: '1/4', shardCount: 'x' }, {}, /^--shard-count "x": the number of shards must be a whole number/],
    ['DOCKPROBE_SHARD_COUNT=four', {}, { JOB_COMPLETION_INDEX: '0', DOCKPROBE_SHARD_COUNT: 'four' }, /^DOCKPROBE_SHARD_COUNT="four": the number of shards must be a whole number from 1 to 100000/],
    ['index out of range', {}, { JOB_COMPLETION_INDEX: '4', DOCKPROBE_SHARD_COUNT: '4' }, /^JOB_COMPLETION_INDEX=4 is out of range for 4 shard\(s\) \(DOCKPROBE_SHARD_COUNT=4\): pod indexes count from 0 to 3; set the shard count to the Job's completions$/],
    ['index out of range of --shard-count', { shardCount: '2' }, { JOB_COMPLETION_INDEX: '2' }, /^JOB_COMPLETION_INDEX=2 is out of range for 2 shard\(s\) \(--shard-count 2\)/],
    ['index not a number', {}, { JOB_COMPLETION_INDEX: 'abc', DOCKPROBE_SHARD_COUNT: '4' }, /^JOB_COMPLETION_INDEX="abc": not a pod index/],
    ['index not a number, with --shard', { shard: '1/4' }, { JOB_COMPLETION_INDEX: '-1' }, /^JOB_COMPLETION_INDEX="-1": not a pod index/],
  ];
  for (const [label, flags, env, message] of bad) {
    try {
      parseShard(flags, env);
      t.fail(`${label}: accepted`);
    } catch (error) {
      t.type(error, UsageError, label);
      t.match((error as Error).message, message, label);
      t.notMatch((error as Error).message, /\n/, `${label}: one line`);
    }
  }
  t.throws(() => parseShardFlag('2/1'), UsageError);
});

t.test('every target is in exactly one shard', async (t) => {
  const targets = ['127.0.0.1:2375', '[::1]:2376', 'docker1.example:2376', '10.0.0.5:2375', '[fd00::a]:2375'];
  for (const count of [1, 2, 3, 4, 7, 16]) {
    for (const target of targets) {
      const owners = Array.from({ length: count }, (_, k) => k + 1).filter((index) => inShard({ index, count }, target));
      t.same(owners, [shardOf(target, count)], `${target} of ${count}`);
    }
  }
});

t.test('even: a /16 on two ports splits within a few percent of 1/N per shard', async (t) => {
  const targets: string[] = [];
  for (let value = 0; value < 1 << 16; value++) {
    const host = numberToIpv4(((10 << 24) | (20 << 16) | value) >>> 0);
    targets.push(`${host}:2375`, `${host}:2376`);
  }
  for (const count of [2, 3, 4, 7, 16]) {
    const sizes = new Array<number>(count).fill(0);
    for (const target of targets) sizes[shardOf(target, count) - 1]!++;
    const expected = targets.length / count;
    const worst = Math.max(...sizes.map((size) => Math.abs(size - expected) / expected));
    t.ok(worst < 0.03, `${count} shards: sizes ${sizes.join(', ')} (worst ${(worst * 100).toFixed(2)}% off ${expected.toFixed(0)})`);
  }
  // Consecutive addresses must not land in the same shard in runs, or one pod gets a whole subnet.
  let longestRun = 0;
  let run = 0;
  for (let i = 1; i < 4096; i++) {
    run = shardOf(targets[i * 2]!, 4) === shardOf(targets[(i - 1) * 2]!, 4) ? run + 1 : 0;
    longestRun = Math.max(longestRun, run);
  }
  t.ok(longestRun < 12, `no long runs of neighbours in one shard (longest ${longestRun})`);

  const v6 = Array.from({ length: 1 << 14 }, (_, i) => `[fd00::${i.toString(16)}]:2376`);
  const sizes = [0, 0, 0, 0];
  for (const target of v6) sizes[shardOf(target, 4) - 1]!++;
  t.ok(sizes.every((size) => Math.abs(size - v6.length / 4) / (v6.length / 4) < 0.05), `IPv6 /114 in 4 shards: ${sizes.join(', ')}`);
});

// Fixed values: if these change, endpoints move between shards, and pods of two dockprobe
// versions would scan overlapping, incomplete slices. That is a breaking change (docs/fleet.md).
const GOLDEN: [string, number, number][] = [
  // target, shardHash, shard of 4
  ['10.0.0.1:2375', 0xdfda76a9, 2],
  ['[fd00::1]:2376', 0x5d713bdc, 1],
  ['docker1.example:2376', 0x33f5c2ff, 4],
  ['dockér.example:1', 0x1b41aca3, 4],
];

/** FNV-1a 32 + fmix32, written out with BigInt, independently of src/targets/shard.ts. */
function reference(text: string): number {
  let h = 2166136261;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Number((BigInt(h) * 16777619n) & 0xffffffffn);
  }
  const mul = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) & 0xffffffffn);
  h = (h ^ (h >>> 16)) >>> 0;
  h = mul(h, 0x85ebca6b);
  h = (h ^ (h >>> 13)) >>> 0;
  h = mul(h, 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h;
}

t.test('stable: published values, an independent implementation, and the same in another process', async (t) => {
  for (const [target, hash, shard] of GOLDEN) {
    t.equal(shardHash(target), hash, `${target}: the published hash`);
    t.equal(shardOf(target, 4), shard, `${target}: shard ${shard} of 4`);
  }
  for (let i = 0; i < 2000; i++) {
    const target = `${numberToIpv4((0x0a000000 + i * 7919) >>> 0)}:${2375 + (i % 3)}`;
    if (shardHash(target) !== reference(target)) t.fail(`${target}: differs from the reference FNV-1a + fmix32`);
  }
  t.pass('2000 targets agree with the reference implementation');
  // Another process: no per-process seed, no Math.random, nothing read from the environment.
  const loader = process.execArgv.find((arg) => arg.includes('@tapjs/typescript'));
  const module = pathToFileURL(new URL('../../src/targets/shard.ts', import.meta.url).pathname).href;
  const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(JSON.stringify(${JSON.stringify(GOLDEN.map(([target]) => target))}.map(m.shardHash))))`;
  const output = execFileSync(process.execPath, [...(loader ? [loader] : []), '--input-type=module', '-e', script], { env: { PATH: process.env.PATH, LANG: 'tr_TR.UTF-8', TZ: 'Asia/Kolkata' }, encoding: 'utf8' });
  t.same(JSON.parse(output), GOLDEN.map(([, hash]) => hash), 'a child process with another locale and time zone gets the same values');
});

t.test('shardProbes: by the target text of the report, lazily, over named hosts, ranges and files alike', async (t) => {
  const specs = ['127.0.9.0/28', 'docker1.example', '[fd00::1]:2376', '10.0.0.5:2375', 'fd00::/124'].map((text) => parseTarget(text));
  const ports = [2375, 2376];
  const all = [...expandProbes(specs, ports)];
  const key = (probe: Probe) => formatHostPort(probe.host, probe.port);
  const shards = [1, 2, 3, 4].map((index) => [...shardProbes(expandProbes(specs, ports), { index, count: 4 })]);
  t.same(shards.flat().map(key).sort(), all.map(key).sort(), 'the four shards together are every probe, once');
  for (const [i, shard] of shards.entries()) {
    t.ok(shard.length > 0, `shard ${i + 1} is not empty`);
    t.ok(shard.every((probe) => shardOf(key(probe), 4) === i + 1), `shard ${i + 1} holds only its own`);
  }
  t.ok(shards.flat().some((probe) => key(probe) === '[fd00::1]:2376'), 'IPv6 in brackets, as reports write targets');
  t.same([...shardProbes(expandProbes(specs, ports), null)].map(key), all.map(key), 'null: every probe, in order');
  // A /8 is not walked to find the first few probes of a shard.
  const big = shardProbes(expandProbes([parseTarget('10.0.0.0/8')], ports), { index: 3, count: 4 });
  const firstFew = Array.from({ length: 5 }, () => big.next().value as Probe);
  t.ok(firstFew.every((probe) => probe.host.startsWith('10.0.0.')), 'the first probes of a /8 come straight away');
});
