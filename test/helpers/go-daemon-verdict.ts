/**
 * What a real dockerd's Go decides about a client certificate chain. The docker CLI presents
 * the chain (the --tlscert file holds the leaf, then its intermediates); dockerd verifies it
 * against its --tlscacert for clientAuth. Refused, the CLI only sees "remote error: tls: bad
 * certificate", so the reason is read where Go wrote it: dockerd's log, which the HTTP server
 * writes every failed handshake to, e.g.
 *   http: TLS handshake error from 127.0.0.1:56164: tls: failed to verify client certificate: x509: … is not permitted by any constraint
 * (dockerd 20.10.24 is built with go1.19.8: "failed to verify client certificate" is its wording;
 * Go 1.20 and later say "failed to verify certificate").
 */
import { execFile } from 'node:child_process';
import { readFileSync, watch, writeFileSync } from 'node:fs';
import type { Daemon } from './dockerd.js';
import type { ChainFailureReason } from '../../src/x509/path/chain-verdict.js';
import { DOCKER_CLI, reasonFromGoX509Error } from './go-client-verdict.js';

const CLI_TIMEOUT_MS = 30_000;
/** dockerd writes the line right after its alert; the CLI retries twice after the first alert, so it is there long before this. */
const LOG_LINE_TIMEOUT_MS = 5_000;
const REFUSAL = 'tls: failed to verify client certificate: x509: ';

export interface GoDaemonVerdict {
  verified: boolean;
  reason: ChainFailureReason | null;
  /** The dockerd log line (refused) or the server version the CLI printed (verified). */
  evidence: string;
}

export interface ClientChain {
  /** Leaf first, then intermediates, as the client sends them. */
  certsPem: string[];
  keyPath: string;
  /** Where the combined --tlscert file is written. */
  chainPath: string;
  /** The --tlscacert the CLI checks dockerd's own certificate against. */
  serverAnchorPath: string;
  /** Every certificate Go may name in an error: the chain and dockerd's client CA. */
  knownCertsPem: string[];
}

function logSize(daemon: Daemon): number {
  try {
    return readFileSync(daemon.logPath).length;
  } catch {
    return 0;
  }
}

export async function goDaemonVerdict(daemon: Daemon, host: string, chain: ClientChain): Promise<GoDaemonVerdict> {
  writeFileSync(chain.chainPath, chain.certsPem.join(''));
  const logStart = logSize(daemon);
  const args = [
    '--tlsverify', '--tlscacert', chain.serverAnchorPath, '--tlscert', chain.chainPath, '--tlskey', chain.keyPath,
    '-H', host, 'version', '--format', '{{.Server.Version}}',
  ];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent' };
  const run = await new Promise<{ ok: boolean; stdout: string; stderr: string }>((resolve) => {
    execFile(DOCKER_CLI, args, { env, timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr }));
  });
  const newLog = () => readFileSync(daemon.logPath).subarray(logStart).toString('utf8');
  const refusalLine = () => newLog().split('\n').find((line) => line.includes(REFUSAL));
  // The CLI can exit before dockerd's goroutine has logged: wait (bounded) for the line to land.
  const refusal = run.ok ? refusalLine() : await awaitLine(daemon.logPath, refusalLine);
  const version = run.stdout.trim();
  if (run.ok && /^\d+\.\d+\./.test(version) && !refusal) return { verified: true, reason: null, evidence: `server version ${version}` };
  if (!run.ok && refusal) {
    const x509Error = refusal.slice(refusal.indexOf('x509: '));
    return { verified: false, reason: reasonFromGoX509Error(x509Error, chain.knownCertsPem), evidence: refusal };
  }
  throw new Error(`cannot read dockerd's verdict; CLI ${run.ok ? 'succeeded' : 'failed'}: ${run.stderr.trim()}\nnew dockerd log:\n${newLog()}`);
}

/** Resolves to the line once `find` sees it in the file (checked on every change), or undefined after the timeout. */
function awaitLine(path: string, find: () => string | undefined): Promise<string | undefined> {
  const found = find();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const watcher = watch(path);
    const finish = (line: string | undefined) => {
      clearTimeout(timer);
      watcher.close();
      resolve(line);
    };
    const timer = setTimeout(() => finish(find()), LOG_LINE_TIMEOUT_MS);
    watcher.on('change', () => {
      const line = find();
      if (line) finish(line);
    });
    watcher.on('error', () => finish(find()));
  });
}
