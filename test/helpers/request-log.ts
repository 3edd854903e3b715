/**
 * One log per `tap` run of every HTTP request that a server used as a scan target received:
 * the look-alikes, the hostile servers, and (parsed from their --debug logs) real dockerd
 * daemons. test/zz-suite/scan-targets-saw-only-get.test.ts reads it at the end of the run to
 * prove dockprobe only ever sent GET and never followed a redirect; test/suite-before.ts (tap's
 * `before` script) starts it empty.
 *
 * Left out on purpose: test/helpers/webhook-receiver.ts. It stands for the user's own alert
 * endpoint (--notify), not a scan target, and legitimately receives POST.
 *
 * Appends are synchronous, one JSON line each, so nothing is lost when a test process exits or
 * is killed right after a request.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProcessAlive } from './process-alive.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Inside .tap/, which is gitignored and belongs to the test runner. */
const LOG_DIR = resolve(REPO_ROOT, '.tap');
const LOG_NAME = /^requests-seen-by-test-servers\.(\d+)\.jsonl$/;
/** Handed down to processes a test starts, so a helper process logs into the same run. */
const LOG_VARIABLE = '_DOCKPROBE_TEST_REQUEST_LOG';

/**
 * The log of the `tap` run with this runner pid. One file per run, not one for the repo: two
 * runs at once (a single file checked while the suite runs) must not empty each other's log.
 */
export function requestLogPathOfRun(runnerPid: number): string {
  return join(LOG_DIR, `requests-seen-by-test-servers.${runnerPid}.jsonl`);
}

/**
 * This process's run: tap spawns every test file (TAP_CHILD_ID set) and the `before` script
 * itself, so their parent is the runner. Outside tap, a file of its own.
 */
export const REQUEST_LOG_PATH =
  process.env[LOG_VARIABLE] ?? (process.env.TAP_CHILD_ID !== undefined ? requestLogPathOfRun(process.ppid) : join(LOG_DIR, 'requests-seen-outside-tap.jsonl'));
process.env[LOG_VARIABLE] = REQUEST_LOG_PATH;

/**
 * Header that test/helpers/fetch-once.ts puts on the requests a test sends itself (a HEAD or a
 * POST to check that a look-alike answers like the real thing). Requests carrying it were not
 * sent by dockprobe, so the suite check leaves them out of "only GET".
 */
export const DIRECT_TEST_REQUEST_HEADER = 'x-dockprobe-test-direct';

export interface RequestLogInput {
  /**
   * Kind of server: 'nginx-like', 'fake-docker-api', 'dockerd', ... A server that only
   * redirects point at must log as 'redirect-target': the suite check requires that it never
   * got a request other than a test's own.
   */
  server: string;
  host: string;
  port: number;
  method: string;
  url: string;
  hostHeader?: string;
  userAgent?: string;
  /** True when the test itself sent the request (see DIRECT_TEST_REQUEST_HEADER). */
  sentByTestDirectly?: boolean;
  /** Anything a reader of the log should know about this entry's source. */
  note?: string;
}

export interface RequestLogEntry extends RequestLogInput {
  /** The test file whose process ran the server, relative to the repo root. */
  testFile: string;
  pid: number;
  time: string;
}

function currentTestFile(): string {
  const script = process.argv[1];
  if (!script) return '(unknown)';
  const fromRoot = relative(REPO_ROOT, script);
  return fromRoot.startsWith('..') ? script : fromRoot;
}

export function logRequest(entry: { server: string; host: string; port: number; method: string; url: string; hostHeader?: string } & Partial<RequestLogInput>): void {
  const line: RequestLogEntry = {
    ...entry,
    testFile: currentTestFile(),
    pid: process.pid,
    time: new Date().toISOString(),
  };
  mkdirSync(dirname(REQUEST_LOG_PATH), { recursive: true });
  appendFileSync(REQUEST_LOG_PATH, `${JSON.stringify(line)}\n`);
}

/** Every entry so far, in append order; [] when the log does not exist. Unparseable lines throw. */
export function readRequestLog(path = REQUEST_LOG_PATH): RequestLogEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as RequestLogEntry;
      } catch {
        throw new Error(`${path}:${index + 1} is not JSON: ${line.slice(0, 200)}`);
      }
    });
}

/** How long the log of a finished run is kept, to look into after a failure. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

/**
 * Starts the log of the run with this runner pid empty, and removes the logs of runs whose
 * runner is gone and that are over an hour old (a live runner may be another run in
 * progress). For tap's `before` script.
 */
export function startRunLog(runnerPid: number): string {
  mkdirSync(LOG_DIR, { recursive: true });
  for (const name of readdirSync(LOG_DIR)) {
    const pid = Number(LOG_NAME.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === runnerPid || isProcessAlive(pid)) continue;
    const path = join(LOG_DIR, name);
    const stat = statSync(path, { throwIfNoEntry: false }); // another run's before script may have taken it
    if (stat && Date.now() - stat.mtimeMs > KEEP_FINISHED_MS) rmSync(path, { force: true });
  }
  const path = requestLogPathOfRun(runnerPid);
  writeFileSync(path, '');
  return path;
}
