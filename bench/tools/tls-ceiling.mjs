#!/usr/bin/env node
// The machine's raw TLS handshake ceiling against given servers: full handshakes (no session
// resumption: every connection starts without a session), C at a time, round-robin over the
// targets, counted on 'secureConnect', for --duration ms after a --warmup. With --cert/--key the
// handshakes are mutual (the client signs too), as a Docker client's are.
//
//   node bench/tools/tls-ceiling.mjs --targets 127.0.80.1:2376,127.0.80.2:2376 -c 64 \
//        --duration 5000 --warmup 1000 [--ca ca.pem --cert cert.pem --key key.pem] [--request]
//
// --request also sends GET /_ping on each connection and waits for the answer, so the server
// has certainly finished its side (client certificate verified) before the next handshake.
// Prints one JSON line: { handshakesPerSecond, handshakes, errors, durationMs, concurrency }.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

const options = { targets: '', concurrency: 64, duration: 5000, warmup: 1000, ca: null, cert: null, key: null, request: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--request') options.request = true;
  else if (arg === '--targets') options.targets = argv[++i];
  else if (arg === '-c' || arg === '--concurrency') options.concurrency = Number(argv[++i]);
  else if (arg === '--duration') options.duration = Number(argv[++i]);
  else if (arg === '--warmup') options.warmup = Number(argv[++i]);
  else if (arg === '--ca') options.ca = readFileSync(argv[++i]);
  else if (arg === '--cert') options.cert = readFileSync(argv[++i]);
  else if (arg === '--key') options.key = readFileSync(argv[++i]);
  else throw new Error(`unknown argument ${arg}`);
}
const targets = options.targets.split(',').map((spec) => {
  const at = spec.lastIndexOf(':');
  return { host: spec.slice(0, at), port: Number(spec.slice(at + 1)) };
});
// One context for every connection, as a well-built client would have: what is measured is
// the handshake, not re-parsing PEM files.
const secureContext = tls.createSecureContext({ ca: options.ca ?? undefined, cert: options.cert ?? undefined, key: options.key ?? undefined });

let counting = false;
let stopping = false;
let handshakes = 0;
let errors = 0;
let next = 0;

function once() {
  return new Promise((resolve) => {
    const target = targets[next++ % targets.length];
    const socket = tls.connect({ host: target.host, port: target.port, secureContext, rejectUnauthorized: false });
    let settled = false;
    const done = (ok) => {
      if (settled) return;
      settled = true;
      if (counting) ok ? handshakes++ : errors++;
      socket.destroy();
      resolve();
    };
    socket.setTimeout(10_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('secureConnect', () => {
      if (!options.request) return done(true);
      socket.write(`GET /_ping HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`);
      socket.once('data', () => done(true));
    });
  });
}

async function worker() {
  while (!stopping) await once();
}

const workers = Array.from({ length: options.concurrency }, worker);
await new Promise((resolve) => setTimeout(resolve, options.warmup));
counting = true;
const started = process.hrtime.bigint();
await new Promise((resolve) => setTimeout(resolve, options.duration));
counting = false;
const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
stopping = true;
await Promise.all(workers);
process.stdout.write(`${JSON.stringify({ handshakesPerSecond: (handshakes * 1000) / durationMs, handshakes, errors, durationMs, concurrency: options.concurrency, mutual: !!options.cert, request: options.request })}\n`);
