/**
 * The discovery engines users run before dockprobe (nmap, masscan), run for real by the tests
 * of --targets-file so the files read are the files these tools write, not our idea of them.
 * Like the real-dockerd tests: skipped on a developer machine without the tool, failed under
 * CI, which installs them (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import type { Test } from 'tap';
import { findOnPath } from './dockerd.js';
import { netnsUnavailableReason } from './netns.js';

export type DiscoveryTool = 'nmap' | 'masscan';

/** Why this tool's tests cannot run here, or null when they can. */
export function discoveryToolUnavailableReason(tool: DiscoveryTool): string | null {
  if (!findOnPath(tool)) return `${tool} is not installed (not on PATH)`;
  // masscan has its own TCP/IP stack and cannot scan loopback: it scans across a veth pair
  // between two network namespaces the test creates.
  if (tool === 'masscan') return netnsUnavailableReason();
  return null;
}

/** Whether this test file's real-tool tests run (see canRunDockerdTests for the pattern). */
export function canRunDiscoveryToolTests(t: Pick<Test, 'fail' | 'plan'>, tool: DiscoveryTool): boolean {
  const unavailable = discoveryToolUnavailableReason(tool);
  if (unavailable && process.env.CI) t.fail(`CI must run the real ${tool} tests, but: ${unavailable}. .ci/run installs ${tool}; run CI as root.`);
  else if (unavailable) t.plan(0, unavailable);
  return unavailable === null;
}

/** Runs a tool to completion, killed after timeoutMs; throws with its stderr when it fails. */
export function runTool(argv: string[], timeoutMs: number): { stdout: string; stderr: string } {
  const run = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : `exit ${run.status ?? run.signal}`;
    throw new Error(`${argv.join(' ')} failed (${why}): ${(run.stderr ?? '').trim().slice(-2000)}`);
  }
  return { stdout: run.stdout, stderr: run.stderr };
}

/** The 1-based line of `text` that first matches, for asserting where a target was named. */
export function lineOf(text: string, pattern: RegExp): number {
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line matches ${pattern} in:\n${text}`);
  return index + 1;
}
