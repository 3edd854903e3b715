/**
 * What Go's crypto/x509 decides about a server chain, asked of the real docker CLI (go1.24.3 in
 * docker 28.2.2): a node:tls server on 127.0.0.1 sends the chain, `docker --tlsverify version`
 * connects, and its stderr says why it refused the chain, or shows that it got past TLS.
 *
 * Past TLS, the server answers every request with an HTTP error whose JSON message is a marker;
 * the CLI prints it as "Error response from daemon: <marker>". The marker in stderr, and a
 * handshake completed on the server side, together mean the chain verified: the client only
 * sends its Finished after it has verified the server's certificate, in TLS 1.2 and 1.3 alike.
 *
 * Go's words, observed with docker 28.2.2 and found in go1.24 src/crypto/x509/verify.go
 * (CertificateInvalidError.Error, UnknownAuthorityError.Error, checkNameConstraints) and
 * x509.go (CheckSignatureFrom, InsecureAlgorithmError, ConstraintViolationError):
 *   x509: certificate signed by unknown authority
 *   x509: certificate signed by unknown authority (possibly because of "<hint>" while trying to verify candidate authority certificate "<CN>")
 *   x509: invalid signature: parent certificate cannot sign this kind of certificate       (a hint)
 *   x509: cannot verify signature: insecure algorithm ECDSA-SHA1                            (a hint)
 *   x509: certificate is not authorized to sign other certificates
 *   x509: certificate has expired or is not yet valid: current time <t> is after|before <t>
 *   x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "<n>" is not permitted by any constraint
 *   … : IP address "<ip>" is excluded by constraint "<c>"
 *   x509: too many intermediates for path length constraint
 *   x509: certificate specifies an incompatible key usage
 *   x509: unhandled critical extension
 *   x509: signature check attempts limit reached while verifying certificate chain
 * and, before any verification, "tls: failed to parse certificate from server: x509: <why>"
 * (e.g. "negative serial number") for a certificate Go's parser refuses.
 */
import { execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import type { ChainFailureReason } from '../../src/x509/path/chain-verdict.js';
import { listenOnLoopback } from './loopback-listener.js';
import type { Teardownable } from './constrained-chain.js';

export const DOCKER_CLI = '/usr/local/bin/docker';

/** What the fake daemon answers once TLS is up; the CLI prints it after "Error response from daemon:". */
export const PAST_TLS_MARKER = 'dockprobe go-client-verdict: TLS handshake completed, this is not a Docker API';

const CLI_TIMEOUT_MS = 30_000;

/**
 * OpenSSL refuses to load a SHA-1-signed certificate as the server's own at its default security
 * level ("ca md too weak"); Go, not OpenSSL, must be the one to judge it.
 */
const SERVE_ANY_CERTIFICATE = 'DEFAULT:@SECLEVEL=0';

export interface GoClientVerdict {
  verified: boolean;
  /** null exactly when verified. */
  reason: ChainFailureReason | null;
  /** Go's x509 error, from "x509:" to the end of the line; null when verified. */
  x509Error: string | null;
  /** The stderr line the verdict was read from, for diagnostics. */
  stderrLine: string;
  /** TLS handshakes the server completed (each means the CLI accepted the chain). */
  handshakesCompleted: number;
}

export interface ServedChain {
  leafCertPem: string;
  leafKeyPem: string;
  /** Sent after the leaf, in this order, as a server sends its chain. */
  extraCertsPem: string[];
  /** The --tlscacert file. */
  anchorPath: string;
}

/**
 * Go refuses a candidate issuer with the same ConstraintViolationError for two reasons
 * (x509.go CheckSignatureFrom): basicConstraints without cA (or absent in a v3 certificate),
 * or keyUsage without keyCertSign. The hint names the candidate by CN; which of the two it was
 * is read from that certificate with openssl (Node's X509Certificate.ca folds keyUsage in too).
 */
function constraintViolationReason(candidateCn: string, candidatesPem: string[]): ChainFailureReason {
  const named = candidatesPem.filter((pem) => new X509Certificate(pem).subject === `CN=${candidateCn}`);
  if (named.length === 0) throw new Error(`Go named candidate "${candidateCn}", which is not among the certificates of this row`);
  const verdicts = new Set(named.map((pem) => {
    const text = execFileSync('openssl', ['x509', '-noout', '-ext', 'basicConstraints'], { input: pem, encoding: 'utf8' });
    return /CA:TRUE/.test(text) ? 'issuer-lacks-key-cert-sign' : 'issuer-not-ca';
  }));
  if (verdicts.size !== 1) throw new Error(`certificates named "${candidateCn}" differ in basicConstraints: cannot tell Go's reason`);
  return [...verdicts][0] as ChainFailureReason;
}

const UNKNOWN_AUTHORITY_HINT = /^x509: certificate signed by unknown authority \(possibly because of "(.*)" while trying to verify candidate authority certificate "(.*)"\)$/;

/** Go's x509 error → the verifier's typed reason. Throws on words it does not know, so a new Go message cannot pass unnoticed. */
export function reasonFromGoX509Error(message: string, candidatesPem: string[]): ChainFailureReason {
  const hint = UNKNOWN_AUTHORITY_HINT.exec(message);
  if (hint) {
    // Go refused the only issuer candidate before building a path; the hint says why.
    const [, hintError = '', candidateCn = ''] = hint;
    const unescaped = hintError.replace(/\\"/g, '"');
    if (unescaped === 'x509: invalid signature: parent certificate cannot sign this kind of certificate') return constraintViolationReason(candidateCn, candidatesPem);
    if (/^x509: cannot verify signature: insecure algorithm /.test(unescaped)) return 'insecure-signature-algorithm';
    if (unescaped === 'x509: cannot verify signature: algorithm unimplemented' || unescaped === 'x509: unknown public key algorithm') return 'unsupported-algorithm';
    if (/^(crypto\/rsa: verification error|x509: ECDSA verification failure|x509: Ed25519 verification failure)$/.test(unescaped)) return 'bad-signature';
    throw new Error(`unknown hint in Go's unknown-authority error: ${message}`);
  }
  const exact: Record<string, ChainFailureReason> = {
    'x509: certificate signed by unknown authority': 'unknown-authority',
    'x509: certificate is not authorized to sign other certificates': 'issuer-not-ca',
    'x509: too many intermediates for path length constraint': 'path-length-exceeded',
    'x509: certificate specifies an incompatible key usage': 'incompatible-usage',
    'x509: unhandled critical extension': 'unhandled-critical-extension',
  };
  if (exact[message]) return exact[message];
  if (/^x509: certificate has expired or is not yet valid: current time \S+ is after \S+$/.test(message)) return 'expired';
  if (/^x509: certificate has expired or is not yet valid: current time \S+ is before \S+$/.test(message)) return 'not-yet-valid';
  if (/^x509: a root or intermediate certificate is not authorized to sign for this name: .* is not permitted by any constraint$/.test(message)) return 'name-not-permitted';
  if (/^x509: a root or intermediate certificate is not authorized to sign for this name: .* is excluded by constraint .*$/.test(message)) return 'name-excluded';
  if (/^x509: signature check attempts limit reached while verifying certificate chain/.test(message)) return 'too-much-work';
  throw new Error(`Go x509 error with no reason mapped: ${message}`);
}

interface CliRun {
  stderr: string;
  timedOut: boolean;
}

/** The CLI with an empty DOCKER_CONFIG and HOME (no contexts, no config.json), no proxy or DOCKER_* variables. */
function runDockerVersion(port: number, anchorPath: string, configDir: string): Promise<CliRun> {
  const args = ['--tlsverify', '--tlscacert', anchorPath, '-H', `tcp://127.0.0.1:${port}`, 'version'];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: configDir, DOCKER_CONFIG: configDir };
  return new Promise((resolve) => {
    execFile(DOCKER_CLI, args, { env, timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, _stdout, stderr) => {
      resolve({ stderr, timedOut: (error as { killed?: boolean } | null)?.killed === true });
    });
  });
}

/** Serves the chain on 127.0.0.1:0 for one `docker version` run, and reads Go's verdict. */
export async function goClientVerdict(t: Teardownable, chain: ServedChain): Promise<GoClientVerdict> {
  const configDir = mkdtempSync(join(tmpdir(), 'dockprobe-docker-config-'));
  t.teardown(() => rmSync(configDir, { recursive: true, force: true }));

  let handshakesCompleted = 0;
  const body = JSON.stringify({ message: PAST_TLS_MARKER });
  const server = createServer(
    { cert: [chain.leafCertPem, ...chain.extraCertsPem].join(''), key: chain.leafKeyPem, ciphers: SERVE_ANY_CERTIFICATE },
    (socket) => {
      handshakesCompleted++;
      socket.once('data', () => {
        socket.end(`HTTP/1.1 418 Not A Docker API\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
    },
  );
  const listener = await listenOnLoopback(server, { host: '127.0.0.1', port: 0 });
  t.teardown(() => listener.close());
  let run: CliRun;
  try {
    run = await runDockerVersion(listener.port, chain.anchorPath, configDir);
  } finally {
    await listener.close();
  }
  if (run.timedOut) throw new Error(`docker version did not finish within ${CLI_TIMEOUT_MS} ms; stderr: ${run.stderr}`);

  const lines = run.stderr.split('\n');
  const x509Line = lines.find((line) => line.includes('tls: failed to verify certificate: x509: '));
  // crypto/tls parses every certificate before it verifies any: a certificate Go's parser refuses ends the handshake here.
  const parseLine = lines.find((line) => line.includes('tls: failed to parse certificate from server: x509: '));
  if (parseLine && !x509Line && handshakesCompleted === 0) {
    const x509Error = parseLine.slice(parseLine.indexOf('x509: '));
    return { verified: false, reason: 'unparseable-certificate', x509Error, stderrLine: parseLine, handshakesCompleted };
  }
  const pastTlsLine = lines.find((line) => line.includes(PAST_TLS_MARKER));
  // A refused chain never completes a handshake: the client sends an alert instead of its Finished.
  if (x509Line && !pastTlsLine && handshakesCompleted === 0) {
    const x509Error = x509Line.slice(x509Line.indexOf('x509: '));
    const candidates = [chain.leafCertPem, ...chain.extraCertsPem, ...pemBlocks(chain.anchorPath)];
    return { verified: false, reason: reasonFromGoX509Error(x509Error, candidates), x509Error, stderrLine: x509Line, handshakesCompleted };
  }
  if (pastTlsLine && !x509Line && handshakesCompleted > 0) {
    return { verified: true, reason: null, x509Error: null, stderrLine: pastTlsLine, handshakesCompleted };
  }
  throw new Error(`cannot read Go's verdict (handshakes completed: ${handshakesCompleted}); stderr:\n${run.stderr}`);
}

function pemBlocks(path: string): string[] {
  return readFileSync(path, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? [];
}
