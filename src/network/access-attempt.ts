import { certificateFacts } from '../x509/read-certificate.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';
import type { ChainVerdict } from '../x509/path/chain-verdict.js';
import { verifyChain } from '../x509/path/verify-chain.js';
import { isPlainRequestToTlsPort, parseDockerVersion, pingLooksLikeDocker } from './docker-api-identity.js';
import { extractInfoFacts } from './docker-info.js';
import { DEFAULT_BRIDGE_PATH, defaultBridgeIcc } from './default-bridge.js';
import { redactUrlCredentials } from '../redact-url-credentials.js';
import type { AccessAttempt, AttemptName, ChainVerdictSource, DockerInfoFacts, DockerVersionFacts } from './endpoint-observation.js';
import { HttpConversation, MAX_BODY_LABEL, type HttpFailure, type HttpFailureKind, type HttpResult, type TlsClientSettings } from './http-get.js';
import type { TlsSnapshot } from './tls-snapshot.js';

/** What the TLS layer showed us, taken the moment the handshake finished. */
export interface HandshakeFacts {
  protocol: string | null;
  cipher: string | null;
  chain: CertificateFacts[];
  chainVerified: boolean;
  chainError: string | null;
  /** What a docker client (Go's crypto/x509) decides for the chain, judged by dockprobe; null when the chain was not read. */
  goVerdict: ChainVerdict | null;
  chainVerdictBy: ChainVerdictSource;
  /** false when the server refused the handshake after sending its chain (TLS 1.2 client-cert refusal). */
  completed: boolean;
  /** false when this attempt left the chain unread, since an earlier one recorded it (chain is then empty). */
  chainRead: boolean;
}

export interface AttemptResult {
  attempt: AccessAttempt;
  handshake: HandshakeFacts | null;
  docker: DockerVersionFacts | null;
  info: DockerInfoFacts | null;
  /** The peer answered plain HTTP in a way that says "speak TLS to me". */
  tlsHint: boolean;
  /** The peer gave no whole HTTP answer before the deadline (in plain HTTP, or after a finished handshake: never). */
  silent: boolean;
  /** What a silent peer did send before the deadline: 0 for a tarpit, a few for a drip. */
  bytesBeforeTimeout: number;
  /** The peer answered HTTP (of any kind) on this attempt. */
  answeredHttp: boolean;
  /**
   * The attempt got a whole answer: the Docker API, a refusal, something else, or proof on the
   * first request that the port speaks another protocol. false when it timed out, was reset
   * or stopped part-way: then its outcome is not a verdict (endpoint-checked.ts).
   */
  wholeAnswer: boolean;
  /** What ended the attempt without a response; null when responses came. */
  failure: HttpFailureKind | null;
}

export interface AttemptTarget {
  address: string;
  port: number;
  hostHeader: string;
  timeoutMs: number;
  /** The clock chains are judged at (--at; injected in tests). */
  now: Date;
  /** Aborted by the endpoint's deadline or an interrupt: every request still open ends at once. */
  stop?: AbortSignal;
}

function readableFacts(chainDer: Buffer[], read: (der: Buffer) => CertificateFacts): CertificateFacts[] {
  const facts: CertificateFacts[] = [];
  for (const der of chainDer) {
    try {
      facts.push(read(der));
    } catch {
      // A certificate Node delivered but we cannot read is skipped; the rest of the chain still counts.
    }
  }
  return facts;
}

/** What an attempt that left the chain unread says about it: never a verdict, so never chosen over the attempt that read it. */
export const CHAIN_NOT_READ_AGAIN = 'not read again: an earlier attempt on this endpoint recorded the chain of a finished handshake';

/** null when the verifier itself failed: a bug costs Go's verdict (not judged), never the attempt. */
function goVerdictOf(chainDer: Buffer[], trustedPem: string | null, now: Date): ChainVerdict | null {
  try {
    return verifyChain(chainDer, trustedPem, { now, purpose: 'serverAuth' });
  } catch {
    return null;
  }
}

function handshakeFacts(snapshot: TlsSnapshot, trustedPem: string | null, read: (der: Buffer) => CertificateFacts, now: Date): HandshakeFacts {
  const common = { protocol: snapshot.protocol, cipher: snapshot.cipher, chain: readableFacts(snapshot.chainDer, read), completed: snapshot.completed, chainRead: snapshot.chainRead };
  if (!snapshot.chainRead) return { ...common, chainVerified: false, chainError: CHAIN_NOT_READ_AGAIN, goVerdict: null, chainVerdictBy: 'none' };
  // A server's chain is judged for serverAuth, as the docker CLI asks Go to judge it.
  const goVerdict = goVerdictOf(snapshot.chainDer, trustedPem, now);
  // OpenSSL's verdict stands where it gave one; a disagreement with Go's is reported as a warning (verifier-disagreement.ts).
  if (snapshot.completed) return { ...common, chainVerified: snapshot.authorized, chainError: snapshot.authorizationError, goVerdict, chainVerdictBy: 'openssl' };
  // With RSA key exchange the server proves it holds the certificate's key only at the end
  // of the handshake, which it broke off: the chain could be anyone's, replayed.
  if (!/^(ECDHE|DHE)-|^TLS_/.test(snapshot.cipher ?? '')) {
    return { ...common, chainVerified: false, chainError: `KEY_POSSESSION_UNPROVEN (the server ended the handshake before proving it holds the certificate's key; cipher ${snapshot.cipher ?? 'unknown'})`, goVerdict, chainVerdictBy: 'none' };
  }
  // OpenSSL gives no verdict for a handshake the server broke off; Go's, judged by dockprobe, is the verdict.
  if (goVerdict === null) return { ...common, chainVerified: false, chainError: 'not judged: the server ended the handshake before OpenSSL gave its verdict, and dockprobe\'s chain verifier failed', goVerdict, chainVerdictBy: 'none' };
  return {
    ...common,
    chainVerified: goVerdict.verified,
    chainError: goVerdict.failure && `${goVerdict.failure.reason}: ${goVerdict.failure.detail} (checked by dockprobe as a Go client would: the server ended the handshake before OpenSSL gave its verdict)`,
    goVerdict,
    chainVerdictBy: 'go-rules',
  };
}

function failureDetail(failure: HttpFailure): string {
  return `${failure.code}: ${failure.message}`;
}

/** Why GET /info gave no facts, in a clause to append to the attempt's detail; '' when it did. */
function infoShortfall(info: HttpResult): string {
  if (!info.ok) return `; GET /info failed (${failureDetail(info.failure)}), so its facts are missing`;
  if (info.response.truncated) return `; GET /info was longer than the ${MAX_BODY_LABEL} read cap, so reading stopped and its facts are missing`;
  if (info.response.status !== 200) return `; GET /info answered HTTP ${info.response.status}, so its facts are missing`;
  return '';
}

/**
 * One way in: plain HTTP, or TLS with a given client identity. Reads /_ping, then /version
 * and /info only once /_ping looks like Docker, and /networks/bridge once /info was read.
 * Every outcome is recorded, including "could not tell".
 */
export async function attemptAccess(name: AttemptName, target: AttemptTarget, tls: TlsClientSettings | null): Promise<AttemptResult> {
  const conversation = new HttpConversation(target.address, target.port, target.hostHeader, target.timeoutMs, tls, target.stop);
  const result: AttemptResult = {
    attempt: { name, outcome: 'error', detail: '' },
    handshake: null,
    docker: null,
    info: null,
    tlsHint: false,
    silent: false,
    bytesBeforeTimeout: 0,
    answeredHttp: false,
    wholeAnswer: false,
    failure: null,
  };
  try {
    const ping = await conversation.get('/_ping');
    if (!ping.ok) {
      const failure = ping.failure;
      result.failure = failure.kind;
      // A refusal is an answer, and so is the wrong protocol on the first request.
      result.wholeAnswer = failure.kind === 'tls-refused' || failure.kind === 'protocol-mismatch';
      result.silent = failure.kind === 'timeout' && !conversation.handshakeCompleted;
      result.bytesBeforeTimeout = failure.bytesReceived ?? 0;
      result.attempt.outcome = failure.kind === 'tls-refused' ? 'refused' : 'error';
      result.attempt.detail = failure.kind === 'tls-refused' ? `refused: ${failureDetail(failure)}` : failureDetail(failure);
      if (failure.kind === 'stopped') result.attempt.detail = failure.message;
      if (failure.kind === 'protocol-mismatch') result.attempt.detail = tls ? `not TLS: ${failureDetail(failure)}` : `not plain HTTP: ${failureDetail(failure)}`;
      return result;
    }
    const response = ping.response;
    result.answeredHttp = true;
    result.attempt.httpStatus = response.status;
    result.wholeAnswer = true;
    if (!tls && isPlainRequestToTlsPort(response)) {
      // Not a refusal: the port told us which protocol it speaks, and the TLS attempts ask the question.
      result.tlsHint = true;
      result.attempt.outcome = 'skipped';
      result.attempt.detail = 'the port speaks TLS (it answered plain HTTP with a 400 asking for HTTPS)';
      return result;
    }
    if (response.status === 401 || response.status === 403) {
      result.attempt.outcome = 'refused';
      result.attempt.detail = `HTTP ${response.status} on GET /_ping: something in front of the API asks for credentials`;
      return result;
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.location;
      result.attempt.outcome = 'not-docker';
      result.attempt.detail = `HTTP ${response.status} redirect${location ? ` to ${redactUrlCredentials(location)}` : ''}; not followed`;
      return result;
    }
    if (!pingLooksLikeDocker(response)) {
      result.attempt.outcome = 'not-docker';
      result.attempt.detail = `HTTP ${response.status} on GET /_ping without Docker's Api-Version and Server headers${response.headers.server ? ` (Server: ${response.headers.server})` : ''}`;
      return result;
    }
    const version = await conversation.get('/version');
    const docker = version.ok ? parseDockerVersion(version.response) : null;
    if (!docker) {
      result.attempt.outcome = 'not-docker';
      result.attempt.detail = !version.ok
        ? `GET /_ping looks like Docker but GET /version failed: ${failureDetail(version.failure)}`
        : version.response.truncated
          ? `GET /_ping looks like Docker but GET /version was longer than the ${MAX_BODY_LABEL} read cap (a daemon's is under 1 KiB), so reading stopped there`
          : `GET /_ping looks like Docker but GET /version (HTTP ${version.response.status}) is not a JSON object with ApiVersion, Version and GitCommit`;
      // A /version that never came whole leaves the question open; a wrong one answers it.
      if (!version.ok) {
        result.attempt.outcome = 'error';
        result.wholeAnswer = false;
        result.failure = version.failure.kind;
      }
      return result;
    }
    result.docker = docker;
    result.attempt.outcome = 'api-access';
    result.attempt.detail = `Docker Engine API ${docker.apiVersion} (engine ${docker.version}) answered GET /_ping and GET /version`;
    const info = await conversation.get('/info');
    if (info.ok && info.response.status === 200 && !info.response.truncated) result.info = extractInfoFacts(info.response.body);
    result.attempt.detail += infoShortfall(info);
    if (info.ok && !infoShortfall(info) && result.info === null) result.attempt.detail += '; GET /info is not a JSON object, so its facts are missing';
    if (result.info) {
      // One more GET on the same connection, with the same time limit, read cap and stop signal:
      // icc is not in /info, only on the default bridge network. It is a fact like those of
      // /info, not part of "who gets in": a bridge that gives no answer leaves defaultBridgeIcc
      // null ("could not check", said in the detail) and does not make this attempt's answer
      // less whole, just as a failed GET /info does not. Access was already proven by /version.
      // An endpoint whose deadline or interrupt cut this request short is still marked not
      // fully checked by endpoint-checked.ts, from the stop signal.
      const bridge = defaultBridgeIcc(await conversation.get(DEFAULT_BRIDGE_PATH));
      result.info.defaultBridgeIcc = bridge.icc;
      result.attempt.detail += bridge.shortfall;
    }
    return result;
  } finally {
    conversation.close();
    // Every return above passes through here, so the TLS view is never lost to an early exit.
    if (conversation.tlsSnapshot) result.handshake = handshakeFacts(conversation.tlsSnapshot, tls?.ca ?? null, tls?.certificates ? (der) => tls.certificates!.read(der) : certificateFacts, target.now); // never throws: parse failures are verdicts
  }
}
