/**
 * -o /dev/null, a FIFO, /dev/stdout: outputs that are not files are written straight in; only
 * regular files (and new paths) are written beside and renamed. A file dockprobe reads back
 * (--state) must still be a file.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { runCli } from '../helpers/run-cli.js';

const EMPTY_ROOT = fileURLToPath(new URL('../../fixtures/config/empty-root/', import.meta.url));
const CONFIG = ['config', '--root', EMPTY_ROOT];

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-streams-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('-o /dev/null and --report FORMAT:/dev/null discard the report, and /dev/null stays a device', async (t) => {
  const run = await runCli([...CONFIG, '-f', 'json', '-o', '/dev/null']);
  t.equal(run.status, 0, run.stderr);
  t.equal(run.stdout, '');
  t.match(run.stderr, /^dockprobe: report written to \/dev\/null/);
  const extra = await runCli([...CONFIG, '-f', 'json', '--report', 'sarif:/dev/null']);
  t.equal(extra.status, 0, extra.stderr);
  t.ok(statSync('/dev/null').isCharacterDevice(), 'not replaced by a file');
  const convert = await runCli(['report', 'convert', join(EMPTY_ROOT, '..', 'nope.json'), '-o', '/dev/null']);
  t.notMatch(convert.stderr, /not a regular file/, 'report commands take it too');
});

t.test('-o FIFO: the reader gets the whole report, and no temporary file is left', async (t) => {
  const fifo = join(dir, 'report.fifo');
  execFileSync('mkfifo', [fifo]);
  let received = '';
  const reader = new Promise<void>((resolve, reject) => {
    const stream = createReadStream(fifo, 'utf8');
    stream.on('data', (chunk) => (received += chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const run = await runCli([...CONFIG, '-f', 'json', '-o', fifo]);
  await reader;
  t.equal(run.status, 0, run.stderr);
  t.match(JSON.parse(received), { tool: { name: 'dockprobe' }, scope: { kind: 'config' } });
  t.same(readdirSync(dir), ['report.fifo'], 'the FIFO is still there, with nothing beside it');
  t.ok(statSync(fifo).isFIFO());
});

t.test('-o /dev/stdout writes to stdout, whatever it is', async (t) => {
  const run = await runCli([...CONFIG, '-f', 'json', '-o', '/dev/stdout']);
  t.equal(run.status, 0, run.stderr);
  t.match(JSON.parse(run.stdout), { scope: { kind: 'config' } });
  // The runner's stdout is a socket: /dev/stdout cannot be opened, and must not be renamed over.
  t.ok(lstatSync('/dev/stdout').isSymbolicLink(), '/dev/stdout is still the link it was, not a file');
});

t.test('--state must be a file: it is read back next run', async (t) => {
  const run = await runCli([...CONFIG, '--state', '/dev/null']);
  t.equal(run.status, 2);
  t.match(run.stderr, /^dockprobe: --state "\/dev\/null" is not a regular file, and dockprobe replaces the file it writes; give a file name\n$/);
});
