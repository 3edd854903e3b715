/**
 * Without a command: `dockprobe` alone and `dockprobe -f json` audit this machine;
 * `dockprobe 10.0.0.5` and `dockprobe --targets-file x` scan; a typo of a command is named as one.
 * Decided in one place (src/cli/choose-command.ts); judged here by what the report says it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { runCli } from '../helpers/run-cli.js';

const EMPTY_ROOT = fileURLToPath(new URL('../../fixtures/config/empty-root/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-default-command-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function kindOf(t: Test, args: string[]): Promise<string> {
  const run = await runCli(args);
  t.not(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout).scope.kind;
}

t.test('options alone: an audit of this machine', async (t) => {
  t.equal(await kindOf(t, ['-f', 'json', '--root', EMPTY_ROOT, '--no-scan']), 'audit');
  t.equal(await kindOf(t, ['--format=json', '--root', EMPTY_ROOT, '--no-scan']), 'audit');
  const alone = await runCli([], { timeoutMs: 120_000 });
  t.match(alone.stdout, /^Configuration/m, '`dockprobe` alone audits: the config section comes first after any endpoints');
});

t.test('a target, or an option only scan has: a scan', async (t) => {
  t.equal(await kindOf(t, ['127.0.0.42', '-f', 'json', '--timeout', '200']), 'scan');
  t.equal(await kindOf(t, ['-f', 'json', '127.0.0.42', '--timeout', '200']), 'scan', 'a value-taking option before the target');
  const inventory = join(dir, 'inventory.txt');
  writeFileSync(inventory, '127.0.0.42\n');
  t.equal(await kindOf(t, ['--targets-file', inventory, '-f', 'json', '--timeout', '200']), 'scan');
  t.equal(await kindOf(t, ['-p', '2375', '-f', 'json', '--timeout', '200']), 'scan', '--ports is scan-only: this machine, scanned');
});

t.test('commands, help and typos', async (t) => {
  t.equal(await kindOf(t, ['config', '--root', EMPTY_ROOT, '-f', 'json']), 'config');
  const help = await runCli(['help']);
  t.equal(help.status, 0);
  t.match(help.stdout, /^Usage: dockprobe/);
  const typo = await runCli(['aduit']);
  t.equal(typo.status, 2);
  t.match(typo.stderr, /^dockprobe: "aduit" is not a command; did you mean "audit"\?/);
});
