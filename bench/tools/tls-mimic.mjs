#!/usr/bin/env node
// A Node TLS server that answers like a mutual-TLS dockerd (GET /_ping, /version, /info), and
// counts what one client does to it: TCP connections, completed TLS handshakes (with and
// without a trusted client certificate), failed handshakes by reason, HTTP requests.
// Like dockerd 20.10 it speaks TLS 1.2 and 1.3 only and drops a client whose certificate it
// does not trust (Go sends an alert; we close, which a client sees the same way).
//
//   node bench/tools/tls-mimic.mjs --listen 127.0.80.200:2376 --cert s.pem --key s-key.pem --ca ca.pem
// Prints "ready"; on SIGTERM (or stdin closing) prints one JSON line of counts and exits.
import { readFileSync } from 'node:fs';
import https from 'node:https';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, word, i, all) => (word.startsWith('--') ? [...pairs, [word.slice(2), all[i + 1]]] : pairs), []));
const at = args.listen.lastIndexOf(':');
const counts = { tcpConnections: 0, handshakesCompleted: 0, completedTrusted: 0, completedUntrustedOrNoCert: 0, handshakesFailed: 0, failedBy: {}, httpRequests: 0, requestsByPath: {} };

const server = https.createServer({ cert: readFileSync(args.cert), key: readFileSync(args.key), ca: readFileSync(args.ca), requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' }, (req, res) => {
  counts.httpRequests++;
  counts.requestsByPath[req.url] = (counts.requestsByPath[req.url] ?? 0) + 1;
  const headers = { 'Api-Version': '1.41', 'Docker-Experimental': 'false', Ostype: 'linux', Server: 'Docker/20.10.24+dfsg1 (linux)', 'Content-Type': 'application/json' };
  if (req.url === '/_ping') {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('OK');
  }
  if (req.url === '/version') {
    res.writeHead(200, headers);
    return res.end(JSON.stringify({ Platform: { Name: '' }, Version: '20.10.24+dfsg1', ApiVersion: '1.41', MinAPIVersion: '1.12', GitCommit: '5d6db84', GoVersion: 'go1.19.8', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' }));
  }
  if (req.url === '/info') {
    res.writeHead(200, headers);
    return res.end(JSON.stringify({ Name: 'mimic', ServerVersion: '20.10.24+dfsg1', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', Plugins: { Authorization: null }, SecurityOptions: ['name=seccomp,profile=default'] }));
  }
  res.writeHead(404, headers);
  res.end('{"message":"page not found"}');
});
server.on('connection', () => counts.tcpConnections++);
server.on('secureConnection', (socket) => {
  counts.handshakesCompleted++;
  if (socket.authorized) counts.completedTrusted++;
  else {
    counts.completedUntrustedOrNoCert++;
    socket.destroy();
  }
});
server.on('tlsClientError', (error) => {
  counts.handshakesFailed++;
  const reason = error.code ?? error.message;
  counts.failedBy[reason] = (counts.failedBy[reason] ?? 0) + 1;
});
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen({ host: args.listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(args.listen.slice(at + 1)) }, resolve);
});
const finish = () => {
  process.stdout.write(`${JSON.stringify(counts)}\n`, () => process.exit(0));
};
process.on('SIGTERM', finish);
process.on('SIGINT', finish);
process.stdin.on('end', finish);
process.stdin.resume();
process.stdout.write('ready\n');
