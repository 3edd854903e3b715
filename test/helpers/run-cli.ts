/**
 * The built CLI (dist/cli.js), run as a user runs it, in a child process. Asynchronous on
 * purpose: look-alike servers and webhook receivers live in the test process and must keep
 * answering while the CLI talks to them.
 *
 * When stdout is a JSON report it must match schema/report.schema.json: every report the
 * suite's CLI runs print is checked, and a mismatch fails the awaiting test.
 */
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * The built CLI as `nobody` (uid/gid 65534): root reads every directory, so only an unprivileged
 * run can meet one it may not list. tap puts its process tracking into every child through
 * NODE_OPTIONS, and that writes under .tap/, where nobody may not: `env -u` keeps it out.
 */
export function runCliAsNobody(args: string[]): CliRun {
  const run = spawnSync('env', ['-u', 'NODE_OPTIONS', process.execPath, CLI, ...args], { uid: 65534, gid: 65534, env: EMPTY_HOME, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
