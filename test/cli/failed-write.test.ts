/**
 * A report write that fails half-way (a full disk) keeps the previous report whole, leaves no
 * temporary file, and still shows the new report on stdout. The disk is a real, tiny tmpfs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { writeFileAtomic } from '../../src/cli/atomic-write.js';
import { runCli } from '../helpers/run-cli.js';

if (process.getuid?.() !== 0) {
  // Counted as a failure by .ci/run: CI runs as root, and this must be checked there.
  t.fail('mounting a tmpfs needs root');
} else {
  const mountPoint = mkdtempSync(join(tmpdir(), 'dockprobe-full-disk-'));
  // One page: the previous report fills it, so the next write runs out of space.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k,mode=0755', 'tmpfs', mountPoint]);
  t.teardown(() => {
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  const previous = `${JSON.stringify({ previous: 'report', padding: 'x'.repeat(100) })}\n`;

  t.test('writeFileAtomic on a full disk: throws ENOSPC, the old file is untouched, no temporary file', async (t) => {
    const path = join(mountPoint, 'report.json');
    writeFileSync(path, previous);
    t.throws(() => writeFileAtomic(path, 'y'.repeat(64 * 1024)), { code: 'ENOSPC' });
    t.equal(readFileSync(path, 'utf8'), previous);
    t.same(readdirSync(mountPoint), ['report.json']);
  });

  t.test('the CLI: exit 2 with one line, the report on stdout instead, the previous report whole', async (t) => {
    const path = join(mountPoint, 'report.json');
    writeFileSync(path, previous);
    const run = await runCli(['scan', '127.0.0.74', '-f', 'json', '-o', path, '--timeout', '500']);
    t.equal(run.status, 2);
    t.match(run.stderr, /^dockprobe: --output ".*report\.json": cannot write it \(ENOSPC\); the report was printed instead\n$/);
    t.match(JSON.parse(run.stdout), { tool: { name: 'dockprobe' }, endpoints: [{ target: '127.0.0.74:2375' }, { target: '127.0.0.74:2376' }] }, 'nothing gathered is lost');
    t.equal(readFileSync(path, 'utf8'), previous, 'the previous report is not truncated');
    t.same(readdirSync(mountPoint), ['report.json'], 'no temporary file left behind');
  });
}
