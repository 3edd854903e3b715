#!/usr/bin/env node
// The plain-Node anchor for discovery: a bare net.connect sweep with a fixed worker pool, the
// least any Node scanner has to do per probe. No reports, no rules, no per-probe objects kept.
//
//   node bench/tools/connect-sweep.mjs --targets 127.1.0.0/16 --ports 2375,2376 -c 64 --timeout 3000
//
// Targets: IPv4 literals or IPv4 CIDR ranges, comma-separated. Ports: list with a-b ranges.
// Prints one JSON line: { probes, open: ["ip:port", ...], closed, filtered, errors: {CODE: n}, wallMs }.
import { Socket } from 'node:net';

function parseArgs(argv) {
  const out = { targets: '', ports: '2375,2376', concurrency: 64, timeout: 3000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--targets') (out.targets = value), i++;
    else if (arg === '--ports' || arg === '-p') (out.ports = value), i++;
    else if (arg === '--concurrency' || arg === '-c') (out.concurrency = Number(value)), i++;
    else if (arg === '--timeout') (out.timeout = Number(value)), i++;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!out.targets) throw new Error('--targets is required');
  return out;
}

function ipv4ToNumber(text) {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 literal: ${text}`);
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

const numberToIpv4 = (n) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

function parsePorts(text) {
  return text.split(',').flatMap((item) => {
    const [a, b] = item.split('-').map(Number);
    if (b === undefined) return [a];
    return Array.from({ length: b - a + 1 }, (_, k) => a + k);
  });
}

function* probes(targets, ports) {
  for (const target of targets.split(',')) {
    const [base, prefix] = target.split('/');
    const bits = prefix === undefined ? 32 : Number(prefix);
    const size = 2 ** (32 - bits);
    const first = (ipv4ToNumber(base) & (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0)) >>> 0;
    for (let k = 0; k < size; k++) {
      const host = numberToIpv4(first + k);
      for (const port of ports) yield [host, port];
    }
  }
}

function connectOnce(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = new Socket();
    let done = false;
    const finish = (state) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => finish('filtered'), timeoutMs);
    socket.once('connect', () => finish('open'));
    socket.once('error', (error) => finish(error.code === 'ECONNREFUSED' ? 'closed' : error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH' ? 'filtered' : `error:${error.code}`));
    socket.connect({ host, port });
  });
}

const options = parseArgs(process.argv.slice(2));
const started = process.hrtime.bigint();
const result = { probes: 0, open: [], closed: 0, filtered: 0, errors: {} };
const iterator = probes(options.targets, parsePorts(options.ports));
async function worker() {
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const [host, port] = next.value;
    const state = await connectOnce(host, port, options.timeout);
    result.probes++;
    if (state === 'open') result.open.push(`${host}:${port}`);
    else if (state === 'closed') result.closed++;
    else if (state === 'filtered') result.filtered++;
    else result.errors[state.slice(6)] = (result.errors[state.slice(6)] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: options.concurrency }, worker));
result.open.sort();
result.wallMs = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(`${JSON.stringify(result)}\n`);
