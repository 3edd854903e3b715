/**
 * A network namespace per section, made with the test suite's helper (test/helpers/netns.ts:
 * `dockprobe-<label>-<pid>`, orphans of killed runs removed, deleted on exit), plus what the
 * benchmark adds inside it: addresses, firewall rules, listeners. Everything added lives in the
 * namespace, so deleting it undoes all of it; nothing touches the host's interfaces or firewall.
 */
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createNetns } from '../../test/helpers/netns.js';
import { onCleanup, spawnTracked, type TrackedChild } from './cleanup.js';

export interface BenchNetns {
  name: string;
  /** argv prefix that runs a command inside (nsenter execs in place: the pid stays the command's). */
  exec: string[];
  run(argv: string[]): string;
  remove(): Promise<void>;
}

export function benchNetns(label: string): BenchNetns {
  if (!/^[a-z0-9]+$/.test(label)) throw new Error(`netns label must be [a-z0-9]+ (orphan cleanup matches it), got ${label}`);
  const ns = createNetns(label);
  const undo = onCleanup(`netns ${ns.name}`, () => ns.remove());
  return {
    name: ns.name,
    exec: ns.exec,
    run: (argv) => execFileSync(ns.exec[0]!, [...ns.exec.slice(1), ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    remove: undo,
  };
}

export const LISTENERS_SCRIPT = fileURLToPath(new URL('../tools/listeners.mjs', import.meta.url));

/** HTTP listeners (bench/tools/listeners.mjs) on ADDRESS:PORT, inside `prefix` when given; resolves once all listen. */
export async function startListeners(endpoints: string[], prefix: string[] = []): Promise<TrackedChild> {
  const argv = [...prefix, process.execPath, LISTENERS_SCRIPT, ...endpoints];
  const tracked = spawnTracked(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  tracked.child.stderr!.on('data', (chunk) => (stderr += chunk));
  const ready = await new Promise<boolean>((resolve) => {
    const lines = createInterface({ input: tracked.child.stdout! });
    lines.once('line', (line) => resolve(line.trim() === 'ready'));
    tracked.child.once('exit', () => resolve(false));
    setTimeout(() => resolve(false), 10_000).unref();
  });
  if (!ready) {
    await tracked.stop();
    throw new Error(`listeners did not start on ${endpoints.join(' ')}: ${stderr.trim()}`);
  }
  return tracked;
}
