/**
 * Runs last (tap sorts files by path and package.json sets jobs 1) and reads what every scan
 * target of the whole run received: look-alikes, hostile servers and real dockerd daemons
 * (helpers/request-log.ts). dockprobe promises GET /_ping, /version, /info and /networks/bridge
 * only, and never a followed redirect; this holds the suite's servers to it.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import t from 'tap';
import { dockerdUnavailableReason } from '../helpers/dockerd.js';
import { readRequestLog, REPO_ROOT, REQUEST_LOG_PATH, type RequestLogEntry } from '../helpers/request-log.js';

/** A full run logs several hundred; far fewer means most of the suite did not run. */
const MIN_ENTRIES = 100;
const REQUIRED_KINDS = ['fake-docker-api', 'redirector', ...(dockerdUnavailableReason() === null ? ['dockerd'] : [])];
const DOCKPROBE_PATHS = new Set(['/_ping', '/version', '/info', '/networks/bridge']);
const RUN_ALL = 'this check reads what the whole suite\'s servers saw: run `npm test`';

const entries = readRequestLog();
const bySuite = entries.filter((entry) => !entry.sentByTestDirectly);
const describe = (entry: RequestLogEntry) =>
  `${entry.method} ${entry.url} to ${entry.server} ${entry.host}:${entry.port} (Host ${entry.hostHeader ?? '-'}, User-Agent ${entry.userAgent ?? '-'}) in ${entry.testFile}`;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return testFiles(path);
    return item.name.endsWith('.test.ts') ? [relative(REPO_ROOT, path)] : [];
  });
}

t.test('this file runs after every other test file', async (t) => {
  const sorted = testFiles(join(REPO_ROOT, 'test')).sort((a, b) => a.localeCompare(b, 'en'));
  t.equal(sorted.at(-1), relative(REPO_ROOT, process.argv[1]!), 'last in the order tap runs files (path order); rename whatever now sorts after it');
});

t.test('the log holds a whole run', async (t) => {
  if (entries.length === 0) {
    t.fail(`no requests recorded in ${relative(REPO_ROOT, REQUEST_LOG_PATH)}; ${RUN_ALL}`);
    return;
  }
  t.ok(entries.length >= MIN_ENTRIES, `${entries.length} requests recorded, expected at least ${MIN_ENTRIES}; ${RUN_ALL}`);
  const kinds = new Set(entries.map((entry) => entry.server));
  for (const kind of REQUIRED_KINDS) t.ok(kinds.has(kind), `requests seen by a '${kind}' server (kinds seen: ${[...kinds].sort().join(', ')}); ${RUN_ALL}`);
  t.ok(entries.some((entry) => entry.userAgent === 'dockprobe'), `some requests came from dockprobe (User-Agent dockprobe); ${RUN_ALL}`);
});

t.test('scan targets received nothing but GET', async (t) => {
  const other = bySuite.filter((entry) => entry.method !== 'GET');
  t.same(other.map(describe), [], 'every request not sent by a test itself (helpers/fetch-once.ts marks those) is a GET');
});

t.test('dockprobe asked for /_ping, /version, /info and /networks/bridge only', async (t) => {
  const fromDockprobe = bySuite.filter((entry) => entry.userAgent === 'dockprobe');
  t.same(fromDockprobe.filter((entry) => !DOCKPROBE_PATHS.has(entry.url)).map(describe), [], 'no other path, and no path a redirect pointed at');
});

t.test('no redirect was followed', async (t) => {
  t.same(bySuite.filter((entry) => entry.server === 'redirect-target').map(describe), [], 'nothing reached a server that only redirects point at');
});
