/**
 * Look-alike servers on loopback for what a real dockerd cannot be made to do: other web
 * servers on Docker ports, a Docker API with chosen versions/plugins/info, legacy TLS, a
 * misconfigured client-certificate check, and endpoints that accept but never answer.
 *
 * Every server records the HTTP requests it receives, supports port 0, and close() destroys all
 * open sockets so teardown never hangs on a keep-alive or half-finished handshake.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type SecureVersion, type TLSSocket } from 'node:tls';
import { listenOnLoopback, type ListenOptions } from './loopback-listener.js';
import { LEGACY_TLS_CIPHERS } from './pki.js';
import { DIRECT_TEST_REQUEST_HEADER, logRequest } from './request-log.js';

export type { ListenOptions } from './loopback-listener.js';

/** PEM text, or a path to a PEM file. */
export type PemSource = string | Buffer;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Negotiated TLS version ('TLSv1.3', ...), null over plain HTTP. */
  tlsProtocol: string | null;
  /** CN of the client certificate presented, null when none (or plain HTTP). */
  clientCertCommonName: string | null;
}

export interface LookalikeServer {
  host: string;
  port: number;
  /** Every HTTP request received, in order (always empty for the tarpits). */
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Idempotent; destroys open sockets, never hangs. */
  close(): Promise<void>;
}

export interface TlsKeyPair {
  cert: PemSource;
  key: PemSource;
  /**
   * OpenSSL cipher string. Node refuses to even load a SHA-1 signed certificate ("ca md too
   * weak") unless this is LEGACY_TLS_CIPHERS.
   */
  ciphers?: string;
}

export interface FakeDockerTlsOptions extends TlsKeyPair {
  /** CA(s) that client certificates must chain to when requestCert is set. */
  ca?: PemSource | PemSource[];
  /** Require a client certificate signed by `ca` (like dockerd --tlsverify). */
  requestCert?: boolean;
  /** Ask for a client certificate but accept any, or none (rejectUnauthorized false) — a misconfigured server. */
  anyClientCert?: boolean;
  /**
   * Demand a client certificate but trust any issuer: connections without one are dropped,
   * a self-made one gets in. The mistake of a TLS proxy that checks presence, not the CA.
   */
  anyClientCertRequired?: boolean;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** Speak only TLS 1.0, with the OpenSSL security level lowered so Node can (overrides the three above). */
  legacy?: boolean;
  /**
   * Sit behind an nginx-like TLS front: plain HTTP sent to the port gets nginx's "400 The plain
   * HTTP request was sent to HTTPS port" page, not Go's wording. The Docker headers still come
   * through (as with `proxy_pass_header Server`).
   */
  nginxFront?: boolean;
}

export interface FakeDockerApiOptions extends ListenOptions {
  tls?: FakeDockerTlsOptions;
  /** Engine version, default '20.10.24'. */
  version?: string;
  /** Default '1.41'. */
  apiVersion?: string;
  /** Default '1.12'. */
  minApiVersion?: string;
  /** Plugins.Authorization in /info; null there when not given (as dockerd reports none). */
  authorizationPlugins?: string[];
  /** Shallow-merged over the default /info body. */
  info?: Record<string, unknown>;
  /**
   * The default bridge network of GET /networks/bridge: its Options are shallow-merged over those
   * of a stock dockerd's (enable_icc "true"); null for a daemon without one (dockerd
   * --bridge=none), which answers 404 "network bridge not found".
   */
  defaultBridge?: { options?: Record<string, unknown> } | null;
  /** Server kind in the suite-wide request log; default 'fake-docker-api' (or 'fake-docker-api-tls'). */
  logAs?: string;
}

const NGINX_SERVER = 'nginx/1.22.1';

function readPem(source: PemSource): string | Buffer {
  if (Buffer.isBuffer(source) || source.includes('-----BEGIN')) return source;
  return readFileSync(source);
}

function clientCertCommonName(socket: Socket): string | null {
  const tlsSocket = socket as TLSSocket;
  if (typeof tlsSocket.getPeerCertificate !== 'function') return null;
  const cn = tlsSocket.getPeerCertificate()?.subject?.CN;
  return typeof cn === 'string' ? cn : (Array.isArray(cn) ? (cn[0] ?? null) : null);
}

function recordRequest(kind: string, requests: RecordedRequest[], req: IncomingMessage): void {
  const socket = req.socket as TLSSocket;
  logRequest({
    server: kind,
    host: req.socket.localAddress ?? '',
    port: req.socket.localPort ?? 0,
    method: req.method ?? '',
    url: req.url ?? '',
    hostHeader: req.headers.host,
    userAgent: req.headers['user-agent'],
    sentByTestDirectly: req.headers[DIRECT_TEST_REQUEST_HEADER] !== undefined,
  });
  requests.push({
    method: req.method ?? '',
    url: req.url ?? '',
    headers: req.headers,
    tlsProtocol: typeof socket.getProtocol === 'function' ? socket.getProtocol() : null,
    clientCertCommonName: clientCertCommonName(req.socket),
  });
}

/** Listens on loopback (loopback-listener.ts) and builds the handle. */
async function listenTracked(server: Server, opts: ListenOptions, requests: RecordedRequest[]): Promise<LookalikeServer> {
  const listener = await listenOnLoopback(server, opts);
  return {
    host: opts.host,
    port: listener.port,
    requests,
    get connections() {
      return listener.connections();
    },
    close: listener.close,
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** `kind` names the server in the suite-wide request log (helpers/request-log.ts). */
function recording(kind: string, requests: RecordedRequest[], handler: Handler): Handler {
  return (req, res) => {
    recordRequest(kind, requests, req);
    handler(req, res);
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string, method?: string): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(method === 'HEAD' ? undefined : body);
}

// ---------------------------------------------------------------- nginx

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function nginxErrorPage(statusLine: string): string {
  return `<html>\r\n<head><title>${statusLine}</title></head>\r\n<body>\r\n<center><h1>${statusLine}</h1></center>\r\n<hr><center>${NGINX_SERVER}</center>\r\n</body>\r\n</html>\r\n`;
}

/** Plain HTTP answering like a default nginx: welcome page on /, 404 elsewhere (so also on /_ping and /version). */
export async function startNginxLike(opts: ListenOptions): Promise<LookalikeServer> {
  const requests: RecordedRequest[] = [];
  const headers = { Server: NGINX_SERVER, 'Content-Type': 'text/html' };
  const server = createHttpServer(
    recording('nginx-like', requests, (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const readOnly = req.method === 'GET' || req.method === 'HEAD';
      if (path === '/' && readOnly) return send(res, 200, headers, NGINX_WELCOME, req.method);
      if (path === '/' || path === '/index.html') return send(res, 405, headers, nginxErrorPage('405 Not Allowed'), req.method);
      send(res, 404, headers, nginxErrorPage('404 Not Found'), req.method);
    }),
  );
  return listenTracked(server, opts, requests);
}

// ---------------------------------------------------------------- HTTPS, not Docker

const APACHE_NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

/** An HTTPS service that is not Docker: `Server: Apache`, JSON {"status":"ok"} on /, 404 elsewhere (incl. /_ping). */
export async function startTlsNonDocker(opts: ListenOptions & TlsKeyPair): Promise<LookalikeServer> {
  const requests: RecordedRequest[] = [];
  const server = createHttpsServer(
    { cert: readPem(opts.cert), key: readPem(opts.key), ciphers: opts.ciphers },
    recording('tls-non-docker', requests, (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/') return send(res, 200, { Server: 'Apache', 'Content-Type': 'application/json' }, '{"status":"ok"}', req.method);
      send(res, 404, { Server: 'Apache', 'Content-Type': 'text/html; charset=iso-8859-1' }, APACHE_NOT_FOUND, req.method);
    }),
  );
  return listenTracked(server, opts, requests);
}

// ---------------------------------------------------------------- fake Docker Engine API

function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

interface EngineIdentity {
  version: string;
  apiVersion: string;
  minApiVersion: string;
}

/** Shaped after a real dockerd 20.10.24 answer, with host details replaced by fixed values. */
function versionBody({ version, apiVersion, minApiVersion }: EngineIdentity): object {
  const engine = {
    Version: version,
    ApiVersion: apiVersion,
    MinAPIVersion: minApiVersion,
    GitCommit: '5d6db84',
    GoVersion: 'go1.19.8',
    Os: 'linux',
    Arch: 'amd64',
    KernelVersion: '6.1.0-18-amd64',
    BuildTime: '2023-04-04T10:00:00.000000000+00:00',
  };
  return {
    Platform: { Name: 'Docker Engine - Community' },
    Components: [
      {
        Name: 'Engine',
        Version: version,
        Details: {
          ApiVersion: apiVersion, Arch: 'amd64', BuildTime: engine.BuildTime, Experimental: 'false', GitCommit: engine.GitCommit,
          GoVersion: engine.GoVersion, KernelVersion: engine.KernelVersion, MinAPIVersion: minApiVersion, Os: 'linux',
        },
      },
      { Name: 'containerd', Version: '1.6.20', Details: { GitCommit: '2806fc1057397dbaeefbea0e4e17bddfbd388f38' } },
      { Name: 'runc', Version: '1.1.5', Details: { GitCommit: 'v1.1.5-0-gf19387a' } },
      { Name: 'docker-init', Version: '0.19.0', Details: { GitCommit: 'de40ad0' } },
    ],
    ...engine,
  };
}

function infoBody(identity: EngineIdentity, opts: FakeDockerApiOptions, endpoint: string): object {
  const plainHttp = !opts.tls;
  return {
    ID: 'FAKE:DOCK:PROB:E000:0000:0000:0000:0000:0000:0000:0000:0000',
    Containers: 3, ContainersRunning: 1, ContainersPaused: 0, ContainersStopped: 2, Images: 7,
    Driver: 'overlay2',
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Native Overlay Diff', 'true']],
    Plugins: {
      Volume: ['local'],
      Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
      Authorization: opts.authorizationPlugins ?? null,
      Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'logentries', 'splunk', 'syslog'],
    },
    MemoryLimit: true, SwapLimit: true, Debug: false, NFd: 30, NGoroutines: 40,
    SystemTime: new Date().toISOString(),
    LoggingDriver: 'json-file', CgroupDriver: 'systemd', CgroupVersion: '2',
    KernelVersion: '6.1.0-18-amd64', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', OSVersion: '12', OSType: 'linux',
    Architecture: 'x86_64', IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: [], AllowNondistributableArtifactsHostnames: [], InsecureRegistryCIDRs: ['127.0.0.0/8'],
      IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, Mirrors: [],
    },
    NCPU: 4, MemTotal: 8_242_319_360, GenericResources: null, DockerRootDir: '/var/lib/docker',
    HttpProxy: 'http://user:secretpass@proxy.example:3128', HttpsProxy: '', NoProxy: 'localhost,127.0.0.1',
    Name: 'fake-docker-host', Labels: [], ExperimentalBuild: false,
    ServerVersion: identity.version,
    Runtimes: { 'io.containerd.runc.v2': { path: 'runc' }, runc: { path: 'runc' } }, DefaultRuntime: 'runc',
    Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    LiveRestoreEnabled: false, Isolation: '', InitBinary: 'docker-init',
    SecurityOptions: ['name=apparmor', 'name=seccomp,profile=default', 'name=cgroupns'],
    Warnings: plainHttp
      ? [`WARNING: API is accessible on http://${endpoint} without encryption.\n         Access to the remote API is equivalent to root access on the host. Refer\n         to the 'Docker daemon attack surface' section in the documentation for\n         more information: https://docs.docker.com/go/attack-surface/`]
      : null,
    ...opts.info,
  };
}

/** GET /networks/bridge as dockerd 20.10 answers it for the default bridge of a stock daemon. */
function defaultBridgeBody(options: Record<string, unknown> = {}): object {
  return {
    Name: 'bridge', Id: '7b2e0c6a5f1d4c0e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f', Created: '2026-11-23T16:08:48.123456789Z',
    Scope: 'local', Driver: 'bridge', EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
    Internal: false, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false, Containers: {},
    Options: {
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': 'docker0',
      'com.docker.network.driver.mtu': '1500',
      ...options,
    },
    Labels: {},
  };
}

function tlsServerOptions(tls: FakeDockerTlsOptions): HttpsServerOptions {
  const cas = tls.ca === undefined ? undefined : (Array.isArray(tls.ca) ? tls.ca : [tls.ca]).map(readPem);
  if (tls.requestCert && !cas && !tls.anyClientCert) throw new Error('requestCert needs ca (the CA client certificates must chain to)');
  const legacy = tls.legacy
    ? { minVersion: 'TLSv1' as const, maxVersion: 'TLSv1' as const, ciphers: LEGACY_TLS_CIPHERS }
    : { minVersion: tls.minVersion, maxVersion: tls.maxVersion, ciphers: tls.ciphers };
  return {
    cert: readPem(tls.cert),
    key: readPem(tls.key),
    ca: cas,
    requestCert: Boolean(tls.requestCert || tls.anyClientCert || tls.anyClientCertRequired),
    rejectUnauthorized: !(tls.anyClientCert || tls.anyClientCertRequired),
    ...legacy,
  };
}

/**
 * A Docker Engine API look-alike: GET /_ping, /version, /info, /networks/bridge (also under /vX.Y/), the headers
 * dockerd puts on every response, 404 {"message":"page not found"} for other GETs, 405 for any
 * other method (HEAD /_ping is answered, as dockerd does), and dockerd's 400 for an API version
 * prefix outside [minApiVersion, apiVersion].
 */
export async function startFakeDockerApi(opts: FakeDockerApiOptions): Promise<LookalikeServer> {
  const identity: EngineIdentity = {
    version: opts.version ?? '20.10.24',
    apiVersion: opts.apiVersion ?? '1.41',
    minApiVersion: opts.minApiVersion ?? '1.12',
  };
  const requests: RecordedRequest[] = [];
  let endpoint = '';
  const dockerHeaders = {
    'Api-Version': identity.apiVersion,
    'Docker-Experimental': 'false',
    Ostype: 'linux',
    Server: `Docker/${identity.version} (linux)`,
  };
  const json = (res: ServerResponse, status: number, body: object, method?: string) =>
    send(res, status, { ...dockerHeaders, 'Content-Type': 'application/json' }, `${JSON.stringify(body)}\n`, method);

  const handler = recording(opts.logAs ?? (opts.tls ? 'fake-docker-api-tls' : 'fake-docker-api'), requests, (req, res) => {
    if (opts.tls?.anyClientCertRequired && !hasClientCertificate(req)) {
      req.socket.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
    const route = versioned ? versioned[2] : path;
    const requested = versioned?.[1];
    if (requested && compareApiVersions(requested, identity.apiVersion) > 0) {
      return json(res, 400, { message: `client version ${requested} is too new. Maximum supported API version is ${identity.apiVersion}` });
    }
    if (requested && compareApiVersions(requested, identity.minApiVersion) < 0) {
      return json(res, 400, {
        message: `client version ${requested} is too old. Minimum supported API version is ${identity.minApiVersion}, please upgrade your client to a newer version`,
      });
    }
    if (route === '/_ping' && (req.method === 'GET' || req.method === 'HEAD')) {
      const pingHeaders = { ...dockerHeaders, 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache', 'Content-Type': 'text/plain; charset=utf-8' };
      return send(res, 200, pingHeaders, 'OK', req.method);
    }
    if (req.method !== 'GET') return json(res, 405, { message: `method ${req.method} not allowed on this read-only fake` });
    if (route === '/version') return json(res, 200, versionBody(identity));
    if (route === '/info') return json(res, 200, infoBody(identity, opts, endpoint));
    if (route === '/networks/bridge') {
      if (opts.defaultBridge === null) return json(res, 404, { message: 'network bridge not found' });
      return json(res, 200, defaultBridgeBody(opts.defaultBridge?.options));
    }
    json(res, 404, { message: 'page not found' });
  });

  const server = opts.tls ? createHttpsServer(tlsServerOptions(opts.tls), handler) : createHttpServer(handler);
  const handle = await listenTracked(opts.tls?.nginxFront ? nginxTlsFront(server) : server, opts, requests);
  endpoint = `${handle.host}:${handle.port}`;
  return handle;
}

/**
 * Peeks at the first byte as nginx does: a TLS ClientHello (0x16) goes on to the HTTPS server,
 * anything else gets nginx's answer to plain HTTP on an HTTPS port.
 */
function nginxTlsFront(https: Server): Server {
  https.on('tlsClientError', () => {});
  return createNetServer((socket) => {
    socket.once('data', (first: Buffer) => {
      if (first[0] === 0x16) {
        socket.pause();
        socket.unshift(first);
        https.emit('connection', socket);
        return;
      }
      const body = nginxErrorPage('400 The plain HTTP request was sent to HTTPS port');
      socket.end(`HTTP/1.1 400 Bad Request\r\nServer: ${NGINX_SERVER}\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
  });
}

function hasClientCertificate(req: IncomingMessage): boolean {
  const socket = req.socket as TLSSocket;
  return typeof socket.getPeerCertificate === 'function' && Object.keys(socket.getPeerCertificate() ?? {}).length > 0;
}

// ---------------------------------------------------------------- tarpits

const REQUEST_HEAD = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n([\s\S]*?)\r\n\r\n/;
const MAX_HEAD_BYTES = 16 * 1024;

/**
 * A tarpit never answers, yet what it is sent still belongs in the suite-wide request log:
 * reads each connection's first request head (plain bytes, or decrypted ones on a TLS socket).
 * Anything that is not an HTTP/1 request head (a ClientHello to the plain tarpit) is not a request.
 */
function logRequestHeadOf(kind: string, socket: Socket): void {
  let head = '';
  const onData = (chunk: Buffer): void => {
    head += chunk.toString('latin1');
    const match = REQUEST_HEAD.exec(head);
    if (!match && head.length < MAX_HEAD_BYTES) return;
    socket.off('data', onData);
    if (!match) return;
    const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(match[3] ?? '')?.[1]?.trim();
    logRequest({
      server: kind,
      host: socket.localAddress ?? '',
      port: socket.localPort ?? 0,
      method: match[1]!,
      url: match[2]!,
      hostHeader: header('host'),
      userAgent: header('user-agent'),
      sentByTestDirectly: header(DIRECT_TEST_REQUEST_HEADER) !== undefined,
    });
  };
  socket.on('data', onData);
}

/** Accepts TCP connections and never sends a byte. */
export async function startTarpit(opts: ListenOptions): Promise<LookalikeServer> {
  return listenTracked(createNetServer((socket) => logRequestHeadOf('tarpit', socket)), opts, []);
}

/** Completes the TLS handshake, then never answers. */
export async function startTlsTarpit(opts: ListenOptions & TlsKeyPair): Promise<LookalikeServer> {
  const server = createTlsServer({ cert: readPem(opts.cert), key: readPem(opts.key), ciphers: opts.ciphers }, (socket) => logRequestHeadOf('tls-tarpit', socket));
  return listenTracked(server, opts, []);
}

// ---------------------------------------------------------------- redirects

export interface RedirectorOptions extends ListenOptions {
  /** Sent as the Location header of every answer, e.g. the address of startRedirectTarget. */
  location: string;
  /** Default 307, which asks a client to repeat the same method at the new place. */
  status?: 301 | 302 | 303 | 307 | 308;
}

/**
 * Answers every request with a redirect, as an nginx in front of a moved API would. A client
 * that follows it shows up in the request log of whatever `location` points at.
 */
export async function startRedirector(opts: RedirectorOptions): Promise<LookalikeServer> {
  const requests: RecordedRequest[] = [];
  const status = opts.status ?? 307;
  const server = createHttpServer(
    recording('redirector', requests, (req, res) => {
      send(res, status, { Server: NGINX_SERVER, 'Content-Type': 'text/html', Location: opts.location }, nginxErrorPage(`${status} Redirect`), req.method);
    }),
  );
  return listenTracked(server, opts, requests);
}

/**
 * Where redirects point: a plain-HTTP Docker API (so following the redirect would pay off for
 * a careless client), logged as 'redirect-target' so the suite check can require that it never
 * received a request from dockprobe.
 */
export async function startRedirectTarget(opts: ListenOptions): Promise<LookalikeServer> {
  return startFakeDockerApi({ ...opts, logAs: 'redirect-target' });
}
