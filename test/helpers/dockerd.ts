/**
 * Real dockerd daemons for integration tests, each fully isolated in its own short temp dir
 * (data-root, exec-root, pidfile, unix socket, config file, log) and listening only on loopback.
 *
 * Cleanup is layered because a leaked dockerd keeps ports, mounts and a containerd alive:
 *   1. Daemon.stop() / stopAll() in test teardown (SIGTERM, then SIGKILL, then sweep).
 *   2. A process 'exit' hook that runs the same sweep synchronously.
 *   3. dockerd is started through `setpriv --pdeathsig TERM`, so even a SIGKILLed test process
 *      takes its daemons down (dockerd then stops its own containerd).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Test } from 'tap';
import { logRequest } from './request-log.js';

export type DockerdTlsMode = 'tls-no-verify' | 'tlsverify';

export interface DockerdTlsOptions {
  /**
   * 'tls-no-verify': `--tls --tlsverify=false` (server certificate only, no client auth).
   * 'tlsverify': `--tlsverify` (clients must present a certificate signed by cacert).
   *
   * Checked against dockerd 20.10.24: `--tls --tlscacert X` WITHOUT an explicit
   * `--tlsverify=false` verifies clients exactly like `--tlsverify`, hence the explicit false.
   * Either way dockerd speaks TLS 1.2 and 1.3 only (1.0/1.1 get a protocol_version alert).
   */
  mode: DockerdTlsMode;
  /** Paths. cacert is required for 'tlsverify'; with 'tls-no-verify' it is passed through if given. */
  cacert?: string;
  cert: string;
  key: string;
}

export interface StartDockerdOptions {
  /** Label for logs and error messages. */
  name: string;
  /**
   * TCP listeners on 127.0.0.0/8 only, e.g. ['tcp://127.0.0.21:2375']; inside `netns`,
   * tcp://[::1]:port too (that loopback belongs to the namespace alone).
   */
  listeners: string[];
  /** Run dockerd inside this network namespace: the argv prefix from helpers/netns.ts. */
  netns?: string[];
  /**
   * Run dockerd through this argv prefix, which must exec it in place (so the pid held is still
   * dockerd's): e.g. `unshare --mount` with files bind-mounted for this daemon alone. Outside
   * `netns`, its listeners are still the host's loopback.
   */
  prefix?: string[];
  /**
   * Keep dockerd's default bridge (docker0) instead of --bridge=none. Only inside `netns`: the
   * bridge, its address and its routes then exist in that namespace alone and go with it.
   */
  defaultBridge?: boolean;
  tls?: DockerdTlsOptions;
  /**
   * The daemon's config file (default `{}`). TLS set here, and not by a flag, is how dockerd
   * runs with `tlsverify` and no CA at all: a --tls/--tlsverify flag brings in the --tlscacert
   * default (~/.docker/ca.pem) instead (see src/config/default-client-ca.ts).
   */
  daemonJson?: Record<string, unknown>;
  /** Added to dockerd's environment (which otherwise has no DOCKER_* variables), e.g. SSL_CERT_FILE. */
  env?: Record<string, string>;
  /**
   * The test itself runs the docker CLI against this daemon. The CLI pings with HEAD /_ping,
   * which the suite-wide GET-only check must not blame on dockprobe: those entries are logged
   * as sent by the test. dockprobe's own requests are GETs, and stay checked.
   */
  dockerCliUsedByTest?: boolean;
  extraArgs?: string[];
  /** Default 30 s. */
  readyTimeoutMs?: number;
}

export interface Daemon {
  name: string;
  pid: number;
  /** Temp dir holding everything of this daemon; removed by stop(). */
  dir: string;
  execRoot: string;
  /** The `-H` values, TCP listeners first, then the private unix socket. */
  hosts: string[];
  socketPath: string;
  logPath: string;
  /** Last lines of the daemon log ('(no log)' once stopped: stop() removes the dir). */
  logTail(lines?: number): string;
  /** Idempotent; never rejects. */
  stop(): Promise<void>;
}

const READY_POLL_MS = 100;
const TERM_GRACE_MS = 10_000;
const KILL_GRACE_MS = 5_000;
const UNMOUNT_ROUNDS = 5;

export function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, binary))) return join(dir, binary);
  }
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin']) {
    if (existsSync(join(dir, binary))) return join(dir, binary);
  }
  return null;
}

/**
 * Whether this test file's real-dockerd tests run: without dockerd they are skipped on a
 * developer's machine, and fail under CI, which must run them (.ci/run installs docker.io).
 */
export function canRunDockerdTests(t: Pick<Test, 'fail' | 'plan'>): boolean {
  const unavailable = dockerdUnavailableReason();
  if (unavailable && process.env.CI) t.fail(`CI must run the real-dockerd tests, but: ${unavailable}. .ci/run installs docker.io; run CI as root.`);
  else if (unavailable) t.plan(0, unavailable);
  return unavailable === null;
}

/** Why real-dockerd tests cannot run here, or null when they can. */
export function dockerdUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'real dockerd tests need Linux';
  if (process.getuid?.() !== 0) return 'real dockerd tests need root';
  if (!findOnPath('dockerd')) return 'dockerd is not installed (not on PATH)';
  return null;
}

export function dockerdAvailable(): boolean {
  return dockerdUnavailableReason() === null;
}

interface Endpoint {
  host: string;
  port: number;
}

function parseLoopbackListener(listener: string, inNetns: boolean): Endpoint {
  const v6 = /^tcp:\/\/\[::1\]:(\d{1,5})$/.exec(listener);
  if (v6 && inNetns) return { host: '::1', port: Number(v6[1]) };
  const match = /^tcp:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}):(\d{1,5})$/.exec(listener);
  if (!match || match[1]!.split('.').some((octet) => Number(octet) > 255)) {
    throw new Error(`listener must be tcp://127.x.y.z:port (loopback only), got ${JSON.stringify(listener)}`);
  }
  const port = Number(match[2]);
  if (port < 1 || port > 65535) throw new Error(`bad port in listener ${listener}`);
  return { host: match[1]!, port };
}

function tlsArgs(tls: DockerdTlsOptions | undefined): string[] {
  if (!tls) return [];
  const files = ['--tlscert', tls.cert, '--tlskey', tls.key];
  if (tls.mode === 'tlsverify') {
    if (!tls.cacert) throw new Error("tls mode 'tlsverify' needs cacert");
    return ['--tlsverify', '--tlscacert', tls.cacert, ...files];
  }
  return ['--tls', '--tlsverify=false', ...(tls.cacert ? ['--tlscacert', tls.cacert] : []), ...files];
}

/** A child environment without DOCKER_* variables: DOCKER_TLS_VERIFY / DOCKER_CERT_PATH change dockerd's flag defaults. */
function daemonEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOCKER_'))), ...extra };
}

function isProcessAlive(pid: number): boolean {
  try {
    // A zombie still answers kill(pid, 0); only the state in /proc tells it is gone.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Processes (other than us) whose command line mentions `needle`, e.g. the daemon's containerd. */
function pidsWithCommandLineContaining(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/** Mount points at or below `dir`, deepest first. mountinfo escapes spaces etc. as \040. */
function mountPointsUnder(dir: string): string[] {
  const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => unescape(line.split(' ')[4] ?? ''))
    .filter((point) => point === dir || point.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

function unmountAllUnder(dir: string): void {
  for (let round = 0; round < UNMOUNT_ROUNDS; round++) {
    const points = mountPointsUnder(dir);
    if (points.length === 0) return;
    for (const point of points) {
      try {
        execFileSync('umount', ['-l', point], { stdio: 'ignore' });
      } catch {
        // may already be gone with its parent
      }
    }
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}

class RunningDaemon implements Daemon {
  readonly hosts: string[];
  readonly socketPath: string;
  readonly logPath: string;
  readonly execRoot: string;
  readonly pid: number;
  private stopping: Promise<void> | null = null;
  private removed = false;

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly child: ChildProcess,
    readonly endpoints: Endpoint[],
    listeners: string[],
    private readonly dockerCliUsedByTest = false,
  ) {
    this.execRoot = join(dir, 'exec');
    this.socketPath = join(dir, 'docker.sock');
    this.logPath = join(dir, 'dockerd.log');
    this.hosts = [...listeners, `unix://${this.socketPath}`];
    this.pid = child.pid!;
  }

  logTail(lines = 30): string {
    return tail(this.logPath, lines);
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopGracefully().catch(() => {
      try {
        this.stopSync();
      } catch {
        // teardown must not fail a test; leftovers show up in the harness tests
      }
    });
    return this.stopping;
  }

  /** Signals dockerd only while it is provably still ours, so a recycled pid is never hit. */
  private signalDaemon(sig: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null && isProcessAlive(this.pid)) signal(this.pid, sig);
  }

  private killLeftovers(): number[] {
    const leftovers = pidsWithCommandLineContaining(this.execRoot);
    for (const pid of leftovers) signal(pid, 'SIGKILL');
    return leftovers;
  }

  private async stopGracefully(): Promise<void> {
    this.signalDaemon('SIGTERM');
    await this.waitForExit([this.pid], TERM_GRACE_MS);
    this.signalDaemon('SIGKILL');
    const leftovers = this.killLeftovers();
    await this.waitForExit([this.pid, ...leftovers], KILL_GRACE_MS);
    this.removeFiles();
  }

  private async waitForExit(pids: number[], timeoutMs: number): Promise<void> {
    for (let waited = 0; waited < timeoutMs && pids.some(isProcessAlive); waited += READY_POLL_MS) {
      await sleep(READY_POLL_MS);
    }
  }

  /** The same sweep without the event loop, for the process 'exit' hook. */
  stopSync(): void {
    if (this.removed) return;
    this.signalDaemon('SIGTERM');
    for (let waited = 0; waited < TERM_GRACE_MS && isProcessAlive(this.pid); waited += READY_POLL_MS) sleepSync(READY_POLL_MS);
    this.signalDaemon('SIGKILL');
    const leftovers = this.killLeftovers();
    for (let waited = 0; waited < KILL_GRACE_MS && [this.pid, ...leftovers].some(isProcessAlive); waited += READY_POLL_MS) {
      sleepSync(READY_POLL_MS);
    }
    this.removeFiles();
  }

  private removeFiles(): void {
    if (this.removed) return;
    this.removed = true;
    running.delete(this);
    this.logApiCalls();
    unmountAllUnder(this.dir);
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  /**
   * Copies each API call from the --debug log into the suite-wide request log before the dir
   * goes. dockerd names neither the listener nor the Host header, and logs only calls that
   * match one of its routes: a request to an unknown path, or with a method a path has no
   * route for, leaves no line (it gets a 404 or 405 unseen).
   */
  private logApiCalls(): void {
    let log: string;
    try {
      log = readFileSync(this.logPath, 'utf8');
    } catch {
      return;
    }
    const first = /^tcp:\/\/\[?([^\]]+?)\]?:(\d+)$/.exec(this.hosts[0] ?? '');
    for (const match of log.matchAll(DEBUG_API_CALL)) {
      const cliPing = this.dockerCliUsedByTest && match[1] === 'HEAD' && unescapeLogfmt(match[2]!) === '/_ping';
      logRequest({
        ...(cliPing ? { sentByTestDirectly: true } : {}),
        server: 'dockerd',
        host: first?.[1] ?? 'unix',
        port: Number(first?.[2] ?? 0),
        method: match[1]!,
        url: unescapeLogfmt(match[2]!),
        note: `dockerd '${this.name}' (any of ${this.hosts.join(', ')}; its log does not say which)`,
      });
    }
  }
}

/** `level=debug msg="Calling GET /v1.41/version"`, as dockerd 20.10 logs every routed API call. */
const DEBUG_API_CALL = /level=debug msg="Calling ([A-Z]+) ((?:[^"\\]|\\.)*)"/g;

function unescapeLogfmt(quoted: string): string {
  return quoted.replace(/\\(.)/g, '$1');
}

const running = new Set<RunningDaemon>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const daemon of [...running]) daemon.stopSync();
  });
}

/** Stops every daemon this process started. Safe to call from any teardown. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((daemon) => daemon.stop()));
}

function tcpAccepts({ host, port }: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * dockerd binds its listeners before it finishes initialising, so a TCP connect alone can
 * succeed while requests would still hang; the private unix socket answering /_ping proves the
 * API is served (all listeners are served together).
 */
function unixSocketPings(socketPath: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function waitUntilReady(daemon: RunningDaemon, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(daemon.pid)) {
      throw new Error(`dockerd '${daemon.name}' (dir ${daemon.dir}) exited during startup:\n${daemon.logTail()}`);
    }
    if (existsSync(daemon.socketPath) && (await unixSocketPings(daemon.socketPath, 1_000))) {
      const accepting = await Promise.all(daemon.endpoints.map((endpoint) => tcpAccepts(endpoint, 1_000)));
      if (accepting.every(Boolean)) return;
    }
    await sleep(READY_POLL_MS);
  }
  throw new Error(`dockerd '${daemon.name}' (dir ${daemon.dir}) not ready after ${timeoutMs} ms:\n${daemon.logTail()}`);
}

/** Starts a real dockerd and resolves once every listener answers; rejects (after cleaning up) otherwise. */
export async function startDockerd(opts: StartDockerdOptions): Promise<Daemon> {
  const unavailable = dockerdUnavailableReason();
  if (unavailable) throw new Error(unavailable);
  if (opts.listeners.length === 0) throw new Error('startDockerd needs at least one tcp:// listener');
  const endpoints = opts.listeners.map((listener) => parseLoopbackListener(listener, opts.netns !== undefined));
  const tlsFlags = tlsArgs(opts.tls); // validate everything before creating anything
  if (opts.defaultBridge && !opts.netns) throw new Error('a default bridge only inside a network namespace of the test (netns), never on the host');

  // Short on purpose: containerd's socket lives under exec-root and unix paths max out at 108 bytes.
  const dir = mkdtempSync('/tmp/dpx-');
  // A remapped root must be able to walk into its data-root; mkdtemp's 0700 would stop dockerd at start.
  if (opts.daemonJson?.['userns-remap'] !== undefined) chmodSync(dir, 0o711);
  const configPath = join(dir, 'daemon.json');
  writeFileSync(configPath, `${JSON.stringify(opts.daemonJson ?? {})}\n`); // never pick up /etc/docker/daemon.json
  const dockerdArgs = [
    '--config-file', configPath,
    '--data-root', join(dir, 'data'),
    '--exec-root', join(dir, 'exec'),
    '--pidfile', join(dir, 'dockerd.pid'),
    '-H', `unix://${join(dir, 'docker.sock')}`,
    ...opts.listeners.flatMap((listener) => ['-H', listener]),
    '--iptables=false', '--ip6tables=false', '--ip-forward=false', '--ip-masq=false', ...(opts.defaultBridge ? [] : ['--bridge=none']),
    // vfs needs no kernel overlay support (e.g. CI inside a container) and we never run containers.
    '--storage-driver=vfs',
    // Logs "Calling GET /_ping" per API call: the suite-wide request log is read from it at stop().
    '--debug',
    ...tlsFlags,
    ...(opts.extraArgs ?? []),
  ];
  const dockerd = findOnPath('dockerd')!;
  const setpriv = findOnPath('setpriv');
  const daemonArgv = [...(opts.prefix ?? []), ...(setpriv ? [setpriv, '--pdeathsig', 'TERM', '--', dockerd, ...dockerdArgs] : [dockerd, ...dockerdArgs])];
  // nsenter (like setpriv) execs in place, so the pid we hold is still dockerd's.
  const argv = opts.netns ? [...opts.netns, ...daemonArgv] : daemonArgv;
  const [command, ...args] = argv as [string, ...string[]];

  const logFd = openSync(join(dir, 'dockerd.log'), 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { stdio: ['ignore', logFd, logFd], env: daemonEnvironment(opts.env) });
  } finally {
    closeSync(logFd);
  }
  // Never keep the test process alive for a forgotten daemon: the 'exit' hook cleans it up.
  child.unref();
  // The exit status is read from /proc; swallow spawn errors here and report them via the log check.
  child.on('error', () => {});
  if (child.pid === undefined) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not spawn dockerd '${opts.name}'`);
  }

  // From outside a namespace its listeners cannot be reached; the unix socket proves readiness there.
  const daemon = new RunningDaemon(opts.name, dir, child, opts.netns ? [] : endpoints, opts.listeners, opts.dockerCliUsedByTest);
  running.add(daemon);
  installExitHook();
  try {
    await waitUntilReady(daemon, opts.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}
