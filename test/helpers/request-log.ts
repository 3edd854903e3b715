/**
 * One log, for the whole test suite, of every HTTP request that a server used as a scan target
 * received: the look-alikes, the hostile servers, and (parsed from their --debug logs) real
 * dockerd daemons. test/zz-suite/scan-targets-saw-only-get.test.ts reads it at the end of the
 * run to prove dockprobe only ever sent GET and never followed a redirect; test/before-suite.ts
 * empties it when a run starts.
 *
 * Left out on purpose: test/helpers/webhook-receiver.ts. It stands for the user's own alert
 * endpoint (--notify), not a scan target, and legitimately receives POST.
 *
 * Appends are synchronous, one JSON line each, so nothing is lost when a test process exits or
 * is killed right after a request.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Inside .tap/, which is gitignored and belongs to the test runner. */
export const REQUEST_LOG_PATH = resolve(REPO_ROOT, '.tap', 'requests-seen-by-test-servers.jsonl');

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

/** Empties the log (creating .tap/ if needed); run once when a test run starts. */
export function resetRequestLog(path = REQUEST_LOG_PATH): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
}
