#!/usr/bin/env node
// EXPERIMENTAL anchor: the same sweep as connect-sweep.mjs, but on Node's internal TCP handle
// (process.binding('tcp_wrap'): no net.Socket, no streams, no Error objects per refused
// connect). It shows how much of a Node sweep's cost is the JavaScript around connect():
// this is the floor a Node scanner could reach on one thread. Internal API (DEP0111):
// fine for a measurement, a decision for whoever would ship it.
//
//   node bench/tools/tcpwrap-sweep.cjs --targets 127.1.0.0/16 --ports 2375,2376 -c 256
// Prints one JSON line like connect-sweep.mjs. Probes that do not finish within 120 s fail the run.
'use strict';
process.noDeprecation = true;
const { TCP, TCPConnectWrap, constants } = process.binding('tcp_wrap');

const options = { targets: '', ports: '2375,2376', concurrency: 256 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--targets') options.targets = argv[++i];
  else if (argv[i] === '--ports' || argv[i] === '-p') options.ports = argv[++i];
  else if (argv[i] === '-c' || argv[i] === '--concurrency') options.concurrency = Number(argv[++i]);
  else throw new Error(`unknown argument ${argv[i]}`);
}
const ports = options.ports.split(',').flatMap((item) => {
  const [a, b] = item.split('-').map(Number);
  return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, k) => a + k);
});
const ranges = options.targets.split(',').map((target) => {
  const [base, prefix] = target.split('/');
  const bits = prefix === undefined ? 32 : Number(prefix);
  const p = base.split('.').map(Number);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { first: ((((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]) & mask) >>> 0, size: 2 ** (32 - bits) };
});
const total = ranges.reduce((sum, r) => sum + r.size * ports.length, 0);
const ECONNREFUSED = -111;
const started = process.hrtime.bigint();
const result = { probes: 0, open: [], closed: 0, filtered: 0, errors: {} };
let issued = 0;
let range = 0;
let offset = 0;

function nextTarget() {
  while (range < ranges.length && offset >= ranges[range].size * ports.length) {
    range++;
    offset = 0;
  }
  if (range >= ranges.length) return null;
  const r = ranges[range];
  const n = r.first + Math.floor(offset / ports.length);
  const port = ports[offset % ports.length];
  offset++;
  return [`${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, port];
}

function settle(handle, host, port, status) {
  result.probes++;
  if (status === 0) result.open.push(`${host}:${port}`);
  else if (status === ECONNREFUSED) result.closed++;
  else result.errors[status] = (result.errors[status] ?? 0) + 1;
  handle.close();
  if (result.probes === total) finish();
  else launch();
}

function launch() {
  const target = nextTarget();
  if (!target) return;
  issued++;
  const [host, port] = target;
  const handle = new TCP(constants.SOCKET);
  const request = new TCPConnectWrap();
  request.oncomplete = (status) => settle(handle, host, port, status);
  request.address = host;
  request.port = port;
  const error = handle.connect(request, host, port);
  if (error) settle(handle, host, port, error);
}

function finish() {
  clearTimeout(watchdog);
  result.open.sort();
  result.wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const watchdog = setTimeout(() => {
  process.stderr.write(`tcpwrap-sweep: ${total - result.probes} of ${total} probes unfinished after 120 s (issued ${issued})\n`);
  process.exit(1);
}, 120_000);
for (let k = 0; k < options.concurrency; k++) launch();
