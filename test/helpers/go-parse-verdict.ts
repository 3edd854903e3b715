/**
 * Go's own verdict on parsing a certificate, from the real docker CLI: given a certificate as
 * --tlscacert, the CLI loads it into a CertPool with AppendCertsFromPEM, which keeps only what
 * x509.ParseCertificate accepts, and says "ca.pem seems invalid" when nothing is left. So a
 * one-certificate file tells whether Go parses that certificate, before any connection. The
 * command then asks a daemon on 127.0.0.1:1 for its version: refused at once, and ignored.
 *
 * Like the real-dockerd tests: skipped on a developer machine without the docker CLI, failed
 * under CI, which installs it (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';
import { findOnPath } from './dockerd.js';

export interface GoParseVerdict {
  parses: boolean;
  /** The CLI's Go version ("go1.24.3"), when it got as far as printing it. */
  goVersion: string | null;
  output: string;
}

/** Whether this test file's docker CLI tests run. */
export function canRunDockerCliTests(t: Pick<Test, 'fail' | 'plan'>): boolean {
  if (findOnPath('docker')) return true;
  const why = 'the docker CLI is not installed (not on PATH)';
  if (process.env.CI) t.fail(`CI must run the docker CLI tests, but: ${why}. .ci/run installs docker.io.`);
  else t.plan(0, why);
  return false;
}

export function goParsesCertificate(pem: string): GoParseVerdict {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockprobe-go-parse-'));
  try {
    const caPath = path.join(dir, 'ca.pem');
    writeFileSync(caPath, pem);
    const run = spawnSync(
      findOnPath('docker') ?? 'docker',
      ['--tlsverify', '--tlscacert', caPath, '-H', 'tcp://127.0.0.1:1', 'version', '--format', '{{.Client.GoVersion}}'],
      // No DOCKER_* from the caller's environment, and an empty config folder.
      { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { PATH: process.env.PATH ?? '', HOME: dir, DOCKER_CONFIG: path.join(dir, 'config') } },
    );
    if (run.error) throw run.error;
    const output = `${run.stdout}${run.stderr}`;
    if (!/seems invalid|Cannot connect|connection refused|error during connect/i.test(output)) {
      throw new Error(`the docker CLI said neither that the CA is invalid nor that it could not connect: ${output.trim().slice(-500)}`);
    }
    return { parses: !/seems invalid/.test(output), goVersion: /^go\d+\.\d+(\.\d+)?$/m.exec(run.stdout)?.[0] ?? null, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
