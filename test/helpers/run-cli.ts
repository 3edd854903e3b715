/**
 * The built CLI (dist/cli.js), run as a user runs it, in a child process. Asynchronous on
 * purpose: look-alike servers and webhook receivers live in the test process and must keep
 * answering while the CLI talks to them.
 *
 * When stdout is a JSON report it must match schema/report.schema.json: every report the
 * suite's CLI runs print is checked, and a mismatch fails the awaiting test.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { throwIfInvalidReportOutput } from './report-validation.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** HOME points nowhere, so the ~/.docker of the machine running the tests never leaks in. */
export const EMPTY_HOME: NodeJS.ProcessEnv = { HOME: '/nonexistent', PATH: process.env.PATH ?? '/usr/bin:/bin' };

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run through this argv prefix, e.g. nsenter into a network namespace. */
  prefix?: string[];
  timeoutMs?: number;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const argv = [...(options.prefix ?? []), process.execPath, CLI, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: options.env ?? EMPTY_HOME, cwd: options.cwd, timeout: options.timeoutMs ?? 90_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => {
      try {
        throwIfInvalidReportOutput(stdout);
      } catch (error) {
        reject(error as Error);
        return;
      }
      resolve({ status, stdout, stderr });
    });
  });
}
