/**
 * Everything the benchmark starts is registered here and undone in reverse order: on a normal
 * end, on a failure, on Ctrl-C / SIGTERM / SIGHUP, and (synchronously) on process exit.
 *
 * Child processes are spawned in their own process group (detached), so `/usr/bin/time`
 * wrappers and whatever they fork are stopped together by killing the group; a terminal
 * Ctrl-C therefore reaches them only through this registry, which is what we want.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

interface Step {
  name: string;
  done: boolean;
  /** Preferred, when the event loop still runs. */
  run: () => Promise<void> | void;
  /** For the 'exit' hook: no event loop any more. */
  runSync: () => void;
}

const steps: Step[] = [];
let installed = false;
let interrupted = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return; // a second Ctrl-C while cleaning up: keep cleaning
      interrupted = true;
      process.stderr.write(`\nbench: ${signal}, stopping everything the benchmark started...\n`);
      const hardStop = setTimeout(() => process.exit(130), 30_000);
      hardStop.unref();
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const step of [...steps].reverse()) {
      if (step.done) continue;
      step.done = true;
      try {
        step.runSync();
      } catch {
        // best effort: the remaining steps still run
      }
    }
  });
}

export function wasInterrupted(): boolean {
  return interrupted;
}

/** Registers an undo step; returns a function that runs it now (once). */
export function onCleanup(name: string, runSync: () => void, run?: () => Promise<void> | void): () => Promise<void> {
  install();
  const step: Step = { name, done: false, run: run ?? runSync, runSync };
  steps.push(step);
  return async () => {
    if (step.done) return;
    step.done = true;
    steps.splice(steps.indexOf(step), 1);
    try {
      await step.run();
    } catch (error) {
      process.stderr.write(`bench: cleanup "${name}" failed: ${(error as Error).message}\n`);
    }
  };
}

export async function cleanupAll(): Promise<void> {
  for (const step of [...steps].reverse()) {
    if (step.done) continue;
    step.done = true;
    try {
      await step.run();
    } catch (error) {
      process.stderr.write(`bench: cleanup "${step.name}" failed: ${(error as Error).message}\n`);
    }
  }
  steps.length = 0;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface TrackedChild {
  child: ChildProcess;
  /** SIGTERM to the group, SIGKILL after graceMs; resolves when the group is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/** spawn() in a new process group that the cleanup registry kills. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): TrackedChild {
  const child = spawn(command, args, { ...options, detached: true });
  child.on('error', () => {}); // reported through exit status / missing output
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  let stopping: Promise<void> | null = null;
  const stop = (graceMs = 2_000): Promise<void> => {
    stopping ??= (async () => {
      killGroup(pid, 'SIGTERM');
      for (let waited = 0; waited < graceMs && groupAlive(pid); waited += 50) await sleep(50);
      killGroup(pid, 'SIGKILL');
      for (let waited = 0; waited < 2_000 && groupAlive(pid); waited += 50) await sleep(50);
    })();
    return stopping;
  };
  const undo = onCleanup(`process ${command} (pid ${pid})`, () => killGroup(pid, 'SIGKILL'), () => stop());
  child.once('exit', () => {
    // The leader is gone; anything it left in its group still gets a SIGKILL from undo().
    void undo();
  });
  return { child, stop: async () => { await stop(); await undo(); } };
}
