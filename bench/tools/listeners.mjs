#!/usr/bin/env node
// Open ports for the sweeps to find: a tiny HTTP server (not Docker: "Server: bench-listener")
// on every ADDRESS:PORT given. Prints "ready" once all listen; exits on SIGTERM/SIGINT or when
// stdin closes (so it never outlives the harness that started it).
//
//   node bench/tools/listeners.mjs 127.1.3.7:2375 10.77.0.9:2310
import http from 'node:http';

const servers = [];
for (const spec of process.argv.slice(2)) {
  const at = spec.lastIndexOf(':');
  const host = spec.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(spec.slice(at + 1));
  const server = http.createServer((req, res) => {
    res.writeHead(404, { Server: 'bench-listener', 'Content-Type': 'text/plain', Connection: 'close' });
    res.end('not a Docker API\n');
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, backlog: 4096 }, resolve);
  });
  servers.push(server);
}
const stop = () => {
  for (const server of servers) server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.stdout.write('ready\n');
