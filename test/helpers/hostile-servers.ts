/**
 * Hostile servers on loopback: peers that try to hold, flood or confuse a scanner rather than
 * look like something else (that is lookalikes.ts, whose tarpits complete this set). Each is a
 * small raw `net` or `tls` server, so it can break HTTP and TLS in ways node:http never would:
 * drip an answer a byte at a time, pour out a body that never ends, send a status line with
 * letters in the code, lie about a chunk size, answer a ClientHello with noise, reset in the
 * middle of a handshake.
 *
 * Rules every server here keeps:
 * - it listens on 127.0.0.0/8 only, port 0 allowed;
 * - every HTTP request head it parses goes to the suite-wide request log (helpers/request-log.ts)
 *   under a 'hostile-…' kind, so the suite can prove dockprobe only ever sent GET;
 * - every loop is bounded: drips and endless bodies stop when the client goes away, and in any
 *   case after a cap; nothing keeps the test process alive;
 * - close() destroys every open socket and resolves, so teardown never hangs.
 *
 * The certificate makers at the end follow helpers/pki.ts (the openssl CLI, argument arrays, a
 * minimal config) and share one EC key, so a 100-certificate chain takes about a second.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { listenOnLoopback, type ListenOptions } from './loopback-listener.js';
import { DIRECT_TEST_REQUEST_HEADER, logRequest } from './request-log.js';

export type { ListenOptions } from './loopback-listener.js';

export interface TlsIdentity {
  /** PEM: the server certificate, optionally followed by intermediates. */
  cert: string;
  key: string;
}

export interface HostileRequest {
  method: string;
  url: string;
}

export interface HostileServer {
  /** The kind this server logs requests under, e.g. 'hostile-slow-drip'. */
  kind: string;
  host: string;
  port: number;
  /** "host:port", as dockprobe names the endpoint. */
  target: string;
  /** HTTP request heads parsed, in order (plaintext, or decrypted on a TLS server). */
  requests: HostileRequest[];
  /** TCP connections accepted. */
  readonly connections: number;
  /** Bytes this server handed to its sockets (application bytes, before TLS), over all connections. */
  readonly bytesWritten: number;
  /**
   * Connections the client closed while this server still had more to send: a drip or an endless
   * body the client walked away from. Proves the scanner hung up and the server's loop stopped.
   */
  readonly hangUps: number;
  /** Idempotent; destroys open sockets, never hangs. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------- plumbing

interface Counters {
  bytesWritten: number;
  hangUps: number;
}

/** One accepted connection, plaintext or TLS, with writes counted and its end known. */
class Connection {
  closed = false;

  constructor(
    readonly socket: Socket,
    private readonly counters: Counters,
  ) {
    socket.on('error', () => {}); // a scanner resetting us is the point of these tests
    socket.on('close', () => (this.closed = true));
  }

  /** Writes and counts; returns false when the caller should wait for 'drain' (or the socket is gone). */
  write(data: string | Buffer): boolean {
    if (this.closed || this.socket.destroyed) return false;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.counters.bytesWritten += bytes.length;
    return this.socket.write(bytes);
  }

  end(data?: string | Buffer): void {
    if (data !== undefined) this.write(data);
    if (!this.socket.destroyed) this.socket.end();
  }

  /** Counts the client walking away, if it does before `stillSending()` turns false. */
  countHangUp(stillSending: () => boolean): void {
    this.socket.once('close', () => {
      if (stillSending()) this.counters.hangUps++;
    });
  }
}

interface ParsedRequest extends HostileRequest {
  headers: Record<string, string>;
}

interface Behaviour {
  /** Called for each complete request head, in order (dockprobe sends one at a time, keep-alive). */
  onRequest?: (request: ParsedRequest, connection: Connection) => void;
  /**
   * Called once with the first bytes when they are not an HTTP/1 request head (a TLS
   * ClientHello to a plain server, say). Default: a plain "400 Bad Request" and close, as Go
   * and nginx answer noise. Requests are not parsed on that connection afterwards.
   */
  onNotHttp?: (firstBytes: Buffer, connection: Connection) => void;
  /** Called once with the first bytes of every connection, HTTP or not, before parsing. */
  onFirstData?: (firstBytes: Buffer, connection: Connection) => void;
}

const REQUEST_HEAD = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n([\s\S]*?)\r\n\r\n/;
const METHOD_PREFIX = /^[A-Z]{1,16}(?: |$)/;
const MAX_HEAD_BYTES = 16 * 1024;

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 11\r\n\r\n400 Bad Req';

/** Reads request heads off a connection, logs each, and hands them to the behaviour. */
function serveRaw(kind: string, requests: HostileRequest[], connection: Connection, behaviour: Behaviour): void {
  const { socket } = connection;
  let buffered = '';
  let first = true;
  const onData = (chunk: Buffer): void => {
    if (first) {
      first = false;
      behaviour.onFirstData?.(chunk, connection);
    }
    buffered += chunk.toString('latin1');
    for (let match = REQUEST_HEAD.exec(buffered); match; match = REQUEST_HEAD.exec(buffered)) {
      buffered = buffered.slice(match[0].length);
      const headers = parseHeaders(match[3] ?? '');
      const request: ParsedRequest = { method: match[1]!, url: match[2]!, headers };
      logRequest({
        server: kind,
        host: socket.localAddress ?? '',
        port: socket.localPort ?? 0,
        method: request.method,
        url: request.url,
        hostHeader: headers.host,
        userAgent: headers['user-agent'],
        sentByTestDirectly: headers[DIRECT_TEST_REQUEST_HEADER] !== undefined,
      });
      requests.push({ method: request.method, url: request.url });
      behaviour.onRequest?.(request, connection);
    }
    if (buffered !== '' && (!METHOD_PREFIX.test(buffered) || buffered.length > MAX_HEAD_BYTES)) {
      socket.off('data', onData);
      const noise = Buffer.from(buffered, 'latin1');
      buffered = '';
      (behaviour.onNotHttp ?? ((_bytes, c) => c.end(BAD_REQUEST)))(noise, connection);
    }
  };
  socket.on('data', onData);
}

/** Listens on loopback (loopback-listener.ts) and builds the handle. */
async function listenHostile(kind: string, server: Server, opts: ListenOptions, counters: Counters, requests: HostileRequest[]): Promise<HostileServer> {
  const listener = await listenOnLoopback(server, opts);
  return {
    kind,
    host: opts.host,
    port: listener.port,
    target: `${opts.host}:${listener.port}`,
    requests,
    get connections() {
      return listener.connections();
    },
    get bytesWritten() {
      return counters.bytesWritten;
    },
    get hangUps() {
      return counters.hangUps;
    },
    close: listener.close,
  };
}

/** A plain (or, given `tls`, TLS) server whose connections are served by `behaviour`. */
function startRaw(kind: string, opts: ListenOptions & { tls?: TlsIdentity }, behaviour: Behaviour): Promise<HostileServer> {
  const counters: Counters = { bytesWritten: 0, hangUps: 0 };
  const requests: HostileRequest[] = [];
  const serve = (socket: Socket): void => serveRaw(kind, requests, new Connection(socket, counters), behaviour);
  const server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, serve) : createNetServer(serve);
  return listenHostile(kind, server, opts, counters, requests);
}

// ---------------------------------------------------------------- HTTP pieces

/** The headers dockerd 20.10 puts on every answer; what dockprobe's /_ping check looks for. */
export const DOCKER_HEADERS: Readonly<Record<string, string>> = {
  'Api-Version': '1.41',
  'Docker-Experimental': 'false',
  Ostype: 'linux',
  Server: 'Docker/20.10.24 (linux)',
};

/** A /version body dockprobe accepts (ApiVersion, Version, GitCommit), as a 20.10.24 daemon sends it. */
export const VALID_VERSION_BODY = `${JSON.stringify({
  Platform: { Name: 'Docker Engine - Community' },
  Version: '20.10.24',
  ApiVersion: '1.41',
  MinAPIVersion: '1.12',
  GitCommit: '5d6db84',
  GoVersion: 'go1.19.8',
  Os: 'linux',
  Arch: 'amd64',
  KernelVersion: '6.1.0-18-amd64',
  BuildTime: '2023-04-04T10:00:00.000000000+00:00',
})}\n`;

function head(status: string, headers: Record<string, string>): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

/** A whole, well-formed answer with Content-Length, so the connection stays usable (keep-alive). */
function answer(status: string, headers: Record<string, string>, body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(head(status, { ...headers, 'Content-Length': String(bytes.length) }), 'latin1'), bytes]);
}

function routeOf(url: string): string {
  const path = url.split('?')[0] ?? url;
  return /^\/v\d+\.\d+(\/.*)$/.exec(path)?.[1] ?? path;
}

const PING_ANSWER = answer('200 OK', { ...DOCKER_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, no-store, must-revalidate' }, 'OK');
const NOT_FOUND = answer('404 Not Found', { ...DOCKER_HEADERS, 'Content-Type': 'application/json' }, '{"message":"page not found"}\n');

/**
 * Sends `bytes` one at a time, the first at once and then one every `intervalMs`, until done or
 * the client leaves; then `after`.
 */
function drip(connection: Connection, bytes: Buffer, intervalMs: number, after?: () => void): void {
  let index = 0;
  connection.countHangUp(() => index < bytes.length);
  const next = (): void => {
    if (connection.closed || index >= bytes.length) {
      clearInterval(timer);
      if (!connection.closed) after?.();
      return;
    }
    connection.write(bytes.subarray(index, index + 1));
    index++;
  };
  const timer = setInterval(next, intervalMs);
  connection.socket.once('close', () => clearInterval(timer));
  next();
}

// ---------------------------------------------------------------- slow drip

export interface SlowDripOptions extends ListenOptions {
  /**
   * 'status-line': whatever arrives (a GET, a ClientHello), the answer's status line and headers
   * come one byte per interval. 'version-body': /_ping answers at once like dockerd, and GET
   * /version sends its headers at once and then its body one byte per interval.
   */
  where: 'status-line' | 'version-body';
  /** Default 1000 ms: one byte per second. */
  intervalMs?: number;
}

/**
 * Answers, but a byte at a time: a client whose timeout restarts on every byte would wait for
 * as long as the server likes. The drip ends when the answer is complete (a few hundred bytes,
 * so a few minutes at most) or the client closes.
 */
export function startSlowDrip(opts: SlowDripOptions): Promise<HostileServer> {
  const intervalMs = opts.intervalMs ?? 1000;
  const kind = 'hostile-slow-drip';
  if (opts.where === 'status-line') {
    const whole = answer('200 OK', { ...DOCKER_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, 'OK');
    return startRaw(kind, opts, {
      // Starts on the first bytes of anything, so a TLS attempt is dripped at too.
      onFirstData: (_first, connection) => drip(connection, whole, intervalMs, () => connection.end()),
      onNotHttp: () => {},
    });
  }
  const body = Buffer.from(VALID_VERSION_BODY, 'utf8');
  return startRaw(kind, opts, {
    onRequest: (request, connection) => {
      const route = routeOf(request.url);
      if (route === '/_ping') return void connection.write(PING_ANSWER);
      if (route !== '/version') return void connection.write(NOT_FOUND);
      connection.write(head('200 OK', { ...DOCKER_HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(body.length) }));
      drip(connection, body, intervalMs);
    },
  });
}

// ---------------------------------------------------------------- endless body

export interface EndlessBodyOptions extends ListenOptions {
  /** Which GET never ends; /_ping (and /version, when /info is endless) answer like dockerd. */
  endless: '/version' | '/info';
  /** The server stops on its own after this many body bytes; default 50 MiB. */
  capBytes?: number;
}

const ENDLESS_CHUNK = 64 * 1024;

/**
 * A body that never ends: chunked encoding, a JSON object that opens like dockerd's and then
 * pads forever. Written as fast as the client reads (backpressure respected), until the client
 * closes or `capBytes` is reached. `bytesWritten` tells how much the client let through.
 */
export function startEndlessBody(opts: EndlessBodyOptions): Promise<HostileServer> {
  const capBytes = opts.capBytes ?? 50 * 1024 * 1024;
  const opening = opts.endless === '/version'
    ? '{"Version":"20.10.24","ApiVersion":"1.41","GitCommit":"5d6db84","Padding":"'
    : '{"Name":"endless","ServerVersion":"20.10.24","Padding":"';
  const chunk = (data: Buffer): Buffer => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
  const padding = chunk(Buffer.alloc(ENDLESS_CHUNK, 'a'));
  return startRaw('hostile-endless-body', opts, {
    onRequest: (request, connection) => {
      const route = routeOf(request.url);
      if (route === '/_ping') return void connection.write(PING_ANSWER);
      if (route === '/version' && opts.endless === '/info') {
        return void connection.write(answer('200 OK', { ...DOCKER_HEADERS, 'Content-Type': 'application/json' }, VALID_VERSION_BODY));
      }
      if (route !== opts.endless) return void connection.write(NOT_FOUND);
      connection.write(head('200 OK', { ...DOCKER_HEADERS, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
      let sent = 0;
      connection.countHangUp(() => sent < capBytes);
      const pour = (): void => {
        while (!connection.closed) {
          if (sent >= capBytes) return connection.end('0\r\n\r\n');
          const piece = sent === 0 ? chunk(Buffer.from(opening)) : padding;
          sent += piece.length;
          if (!connection.write(piece)) {
            connection.socket.once('drain', pour);
            return;
          }
        }
      };
      pour();
    },
  });
}

// ---------------------------------------------------------------- malformed HTTP

export type HttpFlaw =
  /** "HTTP/1.1 2OO OK": letters where the status code goes. */
  | 'bad-status-line'
  /** 200 KB of headers before the blank line (clients cap headers at 16 KiB or so). */
  | 'header-bomb'
  /** Chunked body announcing a chunk far longer than what follows, then close. */
  | 'chunked-short'
  /** Chunked body whose chunk size is not hex. */
  | 'chunked-non-hex'
  /** No status line at all, HTTP/0.9 style: bytes, then close. */
  | 'http09';

function flawedAnswer(flaw: HttpFlaw): Buffer {
  const dockerish = { ...DOCKER_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
  switch (flaw) {
    case 'bad-status-line':
      return Buffer.from(`HTTP/1.1 2OO OK\r\n${Object.entries(dockerish).map(([n, v]) => `${n}: ${v}\r\n`).join('')}Content-Length: 2\r\n\r\nOK`, 'latin1');
    case 'header-bomb': {
      const filler = Array.from({ length: 2000 }, (_, i) => `X-Filler-${i}: ${'b'.repeat(84)}\r\n`).join(''); // about 200 KB
      return Buffer.from(`HTTP/1.1 200 OK\r\n${Object.entries(dockerish).map(([n, v]) => `${n}: ${v}\r\n`).join('')}${filler}Content-Length: 2\r\n\r\nOK`, 'latin1');
    }
    case 'chunked-short':
      return Buffer.from(`${head('200 OK', { ...dockerish, 'Transfer-Encoding': 'chunked' })}100000\r\nOK, and then nothing`, 'latin1');
    case 'chunked-non-hex':
      return Buffer.from(`${head('200 OK', { ...dockerish, 'Transfer-Encoding': 'chunked' })}zz\r\nOK\r\n0\r\n\r\n`, 'latin1');
    case 'http09':
      return Buffer.from('<html><body><h1>It works</h1>\n\x00\x01\x02 no status line here\n</body></html>\n', 'latin1');
  }
}

/**
 * Answers anything (a request or a ClientHello) with the same broken bytes, then closes: a
 * server with a bug, or something that is not HTTP at all. `header-bomb` is about 200 KB.
 */
export function startMalformedHttp(opts: ListenOptions & { flaw: HttpFlaw }): Promise<HostileServer> {
  const bytes = flawedAnswer(opts.flaw);
  const answered = new WeakSet<Connection>();
  const once = (connection: Connection): void => {
    if (answered.has(connection)) return;
    answered.add(connection);
    connection.end(bytes);
  };
  return startRaw('hostile-malformed-http', opts, { onRequest: (_request, connection) => once(connection), onNotHttp: (_bytes, connection) => once(connection) });
}

// ---------------------------------------------------------------- Docker-looking, with bad bodies

export interface BadBodiesOptions extends ListenOptions {
  /** GET /version body, sent with Content-Length; default VALID_VERSION_BODY. */
  version?: string | Buffer;
  /** GET /info body; default a small valid one. */
  info?: string | Buffer;
  /**
   * GET /networks/bridge: this body (200), or 'no-answer' to read the request and never reply
   * (the connection stays open until the client leaves or close()); default dockerd's 404.
   */
  bridge?: string | Buffer | 'no-answer';
}

/**
 * /_ping like dockerd, then /version, /info and /networks/bridge with whatever bodies the test gives: not JSON,
 * JSON over a MiB, nesting hundreds of thousands deep. Every answer is well framed, so only
 * the body is on trial.
 */
export function startDockerWithBodies(opts: BadBodiesOptions): Promise<HostileServer> {
  const json = { ...DOCKER_HEADERS, 'Content-Type': 'application/json' };
  const version = opts.version ?? VALID_VERSION_BODY;
  const info = opts.info ?? '{"Name":"bodies","ServerVersion":"20.10.24","SecurityOptions":[]}\n';
  return startRaw('hostile-bad-body', opts, {
    onRequest: (request, connection) => {
      const route = routeOf(request.url);
      if (route === '/_ping') connection.write(PING_ANSWER);
      else if (route === '/version') connection.write(answer('200 OK', json, version));
      else if (route === '/info') connection.write(answer('200 OK', json, info));
      else if (route === '/networks/bridge' && opts.bridge === 'no-answer') return;
      else if (route === '/networks/bridge' && opts.bridge !== undefined) connection.write(answer('200 OK', json, opts.bridge));
      else connection.write(NOT_FOUND);
    },
  });
}

/** `depth` levels of `[` and then as many `]`: valid JSON, 2 × depth bytes. */
export function deeplyNestedJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A /version dockprobe would accept but for its size: valid JSON, ApiVersion and all, padded past `bytes`. */
export function hugeVersionJson(bytes: number): string {
  const fields = JSON.parse(VALID_VERSION_BODY) as Record<string, unknown>;
  return JSON.stringify({ ...fields, Padding: 'p'.repeat(bytes) });
}

// ---------------------------------------------------------------- proxy asking for credentials

export interface AuthProxyOptions extends ListenOptions {
  status: 401 | 403;
  /** Serve over TLS with this identity (any client certificate or none); plain HTTP otherwise. */
  tls?: TlsIdentity;
}

/**
 * An nginx in front of the daemon that wants credentials (401 with a Basic challenge) or
 * refuses outright (403), on every path. A plain version answers noise with nginx's 400.
 */
export function startAuthProxy(opts: AuthProxyOptions): Promise<HostileServer> {
  const page = (line: string): string => `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`;
  const headers: Record<string, string> = { Server: 'nginx/1.22.1', 'Content-Type': 'text/html' };
  const refusal = opts.status === 401
    ? answer('401 Unauthorized', { ...headers, 'WWW-Authenticate': 'Basic realm="Docker API"' }, page('401 Authorization Required'))
    : answer('403 Forbidden', headers, page('403 Forbidden'));
  return startRaw('hostile-auth-proxy', opts, { onRequest: (_request, connection) => void connection.write(refusal) });
}

// ---------------------------------------------------------------- TLS gone wrong

/**
 * Answers the first bytes of a connection (a ClientHello, or a plain GET) with `bytes` random
 * bytes, then closes. Byte 1 is forced to 0xff so the noise cannot pass as a TLS record header
 * (type, then version 0x03 0x0X): a client must say "not TLS" rather than wait for a record.
 */
export function startTlsGarbage(opts: ListenOptions & { bytes?: number }): Promise<HostileServer> {
  const size = opts.bytes ?? 4096;
  return startRaw('hostile-tls-garbage', opts, {
    onFirstData: (_first, connection) => {
      const noise = randomBytes(size);
      noise[1] = 0xff;
      connection.end(noise);
    },
    onNotHttp: () => {},
  });
}

/** What Go's TLS server (dockerd's TLS port) writes to a plain-HTTP request, byte for byte. */
export const GO_PLAIN_TO_TLS_ANSWER = 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';

/**
 * Answers plain HTTP exactly as dockerd does on its TLS port, and swallows a ClientHello
 * without a word: a TLS port whose handshake never finishes (a stalled or overloaded daemon, a
 * path too slow for --timeout). Nothing here ever says whether anyone gets in.
 */
export function startTlsHintThenSilence(opts: ListenOptions): Promise<HostileServer> {
  return startRaw('hostile-tls-hint-then-silence', opts, {
    onRequest: (_request, connection) => connection.end(GO_PLAIN_TO_TLS_ANSWER),
    onNotHttp: () => {},
  });
}

/**
 * Reads the first bytes (a ClientHello, or a GET) and answers with a TCP reset
 * (socket.resetAndDestroy): a firewall or a crashing TLS terminator.
 */
export function startResetMidHandshake(opts: ListenOptions): Promise<HostileServer> {
  return startRaw('hostile-tls-reset', opts, {
    onFirstData: (_first, connection) => {
      // After parsing: the request head (if any) is logged before the reset.
      setImmediate(() => connection.socket.resetAndDestroy());
    },
    onNotHttp: () => {},
  });
}

/** Completes the TLS handshake, then closes at once (close_notify and FIN), before any request. */
export function startTlsCloseAfterHandshake(opts: ListenOptions & TlsIdentity): Promise<HostileServer> {
  const counters: Counters = { bytesWritten: 0, hangUps: 0 };
  const server = createTlsServer({ cert: opts.cert, key: opts.key }, (socket) => {
    socket.on('error', () => {});
    socket.end();
  });
  return listenHostile('hostile-tls-close-after-handshake', server, opts, counters, []);
}

// ---------------------------------------------------------------- certificates

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}

const CERT_CONFIG = [
  '[ req ]',
  'distinguished_name = dn',
  'prompt = no',
  '[ dn ]',
  '[ ca ]',
  'basicConstraints = critical,CA:TRUE',
  'keyUsage = critical,keyCertSign,cRLSign',
  '[ leaf ]',
  'basicConstraints = CA:FALSE',
  'keyUsage = critical,digitalSignature',
  'extendedKeyUsage = serverAuth',
  'subjectAltName = DNS:localhost,IP:127.0.0.1',
  '',
];

interface CertWorkspace {
  dir: string;
  keyPath: string;
  keyPem: string;
  configPath: string;
}

/** One EC P-256 key for every certificate in `dir`: key generation is the slow part. */
function workspace(dir: string, extraConfig: string[] = []): CertWorkspace {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, 'shared-key.pem');
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath]);
  const configPath = join(dir, 'hostile-certs.cnf');
  writeFileSync(configPath, [...CERT_CONFIG, ...extraConfig, ''].join('\n'));
  return { dir, keyPath, keyPem: readFileSync(keyPath, 'utf8'), configPath };
}

/** `openssl req -x509` signing with the shared key: self-signed, or issued by `issuerPath`. */
function makeCert(space: CertWorkspace, stem: string, commonName: string, extensions: string, issuerPath?: string): string {
  const out = join(space.dir, `${stem}.pem`);
  const issuer = issuerPath ? ['-CA', issuerPath, '-CAkey', space.keyPath] : [];
  openssl(['req', '-config', space.configPath, '-new', '-x509', '-key', space.keyPath, '-subj', `/CN=${commonName}`, '-extensions', extensions, '-days', '30', ...issuer, '-out', out]);
  return out;
}

export interface LongChain {
  /** The self-signed root; not sent by the server. */
  rootPem: string;
  /** Leaf first, then every intermediate up to (not including) the root: what the server sends. */
  chainPem: string;
  keyPem: string;
  /** Certificates in chainPem (leaf + intermediates). */
  length: number;
}

/**
 * root → intermediate 1 → … → intermediate N → leaf, all on one key. With N = 99 the server
 * sends 100 certificates (about 40 KB). Takes about a second.
 */
export function makeLongChain(dir: string, intermediates = 99): LongChain {
  const space = workspace(dir);
  let issuer = makeCert(space, 'root', 'hostile chain root', 'ca');
  const rootPem = readFileSync(issuer, 'utf8');
  const sent: string[] = [];
  for (let i = 1; i <= intermediates; i++) {
    issuer = makeCert(space, `intermediate-${i}`, `hostile intermediate ${i}`, 'ca', issuer);
    sent.unshift(readFileSync(issuer, 'utf8'));
  }
  const leaf = readFileSync(makeCert(space, 'leaf', 'hostile chain leaf', 'leaf', issuer), 'utf8');
  return { rootPem, chainPem: [leaf, ...sent].join(''), keyPem: space.keyPem, length: intermediates + 1 };
}

export type OddCertificate =
  /** A 50 KB unknown, non-critical extension (an OCTET STRING under a private OID). */
  | 'huge-extension'
  /** An unknown extension marked critical: a verifier must reject the chain, a reader must not choke. */
  | 'unknown-critical-extension'
  /** A subjectAltName with 1,000 DNS names. */
  | 'thousand-san';

export const ODD_CERTIFICATES: readonly OddCertificate[] = ['huge-extension', 'unknown-critical-extension', 'thousand-san'];

/**
 * One self-signed server certificate per kind in `kinds`, made with an openssl config file at
 * test time; all share one key. Each also covers DNS:localhost and IP:127.0.0.1.
 */
export function makeOddCertificates(dir: string, kinds: readonly OddCertificate[] = ODD_CERTIFICATES): { keyPem: string; certs: Record<OddCertificate, string> } {
  const base = ['basicConstraints = CA:FALSE', 'extendedKeyUsage = serverAuth'];
  const sections: Record<OddCertificate, string[]> = {
    'huge-extension': ['[ huge-extension ]', ...base, 'subjectAltName = DNS:localhost,IP:127.0.0.1', `1.3.6.1.4.1.55555.1 = ASN1:FORMAT:HEX,OCTETSTRING:${'ab'.repeat(50 * 1024)}`],
    'unknown-critical-extension': ['[ unknown-critical-extension ]', ...base, 'subjectAltName = DNS:localhost,IP:127.0.0.1', '1.3.6.1.4.1.55555.2 = critical,ASN1:UTF8String:dockprobe must not choke on this'],
    'thousand-san': [
      '[ thousand-san ]', ...base, 'subjectAltName = @thousand_names',
      '[ thousand_names ]', 'DNS.1 = localhost', 'IP.1 = 127.0.0.1',
      ...Array.from({ length: 998 }, (_, i) => `DNS.${i + 2} = host-${i + 1}.hostile.test`),
    ],
  };
  const space = workspace(dir, kinds.flatMap((kind) => sections[kind]));
  const certs = {} as Record<OddCertificate, string>;
  for (const kind of kinds) certs[kind] = readFileSync(makeCert(space, kind, `hostile ${kind}`, kind), 'utf8');
  return { keyPem: space.keyPem, certs };
}
