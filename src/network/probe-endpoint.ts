import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { formatHostPort } from '../targets/ip-address.js';
import type { Probe } from '../targets/expand-targets.js';
import { probeClientCertificateRequest } from './client-certificate-request-probe.js';
import { attemptAccess, type AttemptResult, type AttemptTarget, type HandshakeFacts } from './access-attempt.js';
import type { ClientIdentity, ScanCredentials } from './client-identity.js';
import { decideChecked } from './endpoint-checked.js';
import type { AccessAttempt, EndpointObservation, LegacyProtocol } from './endpoint-observation.js';
import type { TlsClientSettings } from './http-get.js';
import { probeLegacyProtocol } from './legacy-protocol-probe.js';
import { CertificateReadings, type CertificateReader } from './certificate-readings.js';
import { ScanSecureContexts, type SecureContexts, type TlsIdentity } from './secure-contexts.js';
import { judgeServerTrust } from './server-trust.js';
import { tcpConnect } from './tcp-connect.js';
import { whenAborted } from './when-aborted.js';

export interface ProbeSettings {
  /** Each connect and each request. */
  timeoutMs: number;
  /** The clock certificate chains are judged at (--at; injected in tests); default: the moment of the probe. */
  now?: Date;
  /**
   * The whole conversation with one endpoint (--target-timeout): connect, every attempt and the
   * legacy handshakes together. A peer that drips one byte at a time stays inside each request's
   * limit yet could hold a probe for minutes without it.
   */
  targetDeadline: { ms: number; label: string };
  /** The scan's interrupt (SIGINT/SIGTERM): ends every conversation still open, at once. */
  stop?: AbortSignal;
  /** Name to address; default: the system resolver. A test seam for failing and hanging DNS. */
  resolve?: (host: string) => Promise<string>;
  credentials: ScanCredentials;
  /** Made once per scan, on first need: the client a correctly set-up daemon must refuse. */
  untrustedIdentity: () => ClientIdentity;
  /**
   * The TLS context of each identity. Default: one set per settings object, that is per scan
   * (run-scan.ts hands every endpoint the same settings), built from credentials and untrustedIdentity.
   */
  secureContexts?: SecureContexts;
  /** The certificates the scan has read, by their bytes. Default: one set per settings object, as for secureContexts. */
  certificates?: CertificateReader;
  /** The first, bare connect; a sweep may hand it to threads (scan/connect-pool.ts). Default: tcpConnect. */
  connect?: typeof tcpConnect;
}

const LEGACY_PROTOCOLS: LegacyProtocol[] = ['TLSv1', 'TLSv1.1'];

function emptyObservation(probe: Probe): EndpointObservation {
  return {
    target: formatHostPort(probe.host, probe.port),
    host: probe.host,
    address: null,
    port: probe.port,
    named: probe.named,
    state: 'error',
    service: null,
    dockerApi: 'unconfirmed',
    error: null,
    transport: null,
    tls: null,
    attempts: [],
    docker: null,
    info: null,
    checked: { complete: true },
    unfinished: null,
    durationMs: 0,
    source: probe.source,
  };
}

async function systemResolve(host: string): Promise<string> {
  const { address } = await lookup(host, { verbatim: true });
  return address;
}

/** What a failed lookup means for the person running the scan. */
const RESOLVER_CAUSES: Record<string, string> = {
  ENOTFOUND: 'no such name; check the spelling, or give the IP address',
  ENODATA: 'the name has no address record; give the IP address',
  EAI_AGAIN: 'no answer from a DNS server (unreachable, or too slow); check /etc/resolv.conf, or give the IP address',
  ESERVFAIL: 'the DNS server failed; check /etc/resolv.conf, or give the IP address',
};

/** Resolves, unless the endpoint's deadline or an interrupt comes first: getaddrinfo itself cannot be cancelled. */
function resolveBefore(host: string, resolve: (host: string) => Promise<string>, stop: AbortSignal): Promise<string> {
  if (isIP(host)) return Promise.resolve(host);
  return new Promise((done, fail) => {
    const release = whenAborted(stop, () => fail(Object.assign(new Error(String(stop.reason)), { code: 'STOPPED' })));
    if (!stop.aborted) resolve(host).then(done, fail).finally(release);
  });
}

/** What the TLS attempts of one scan share: the same settings object, the same contexts and certificates read. */
const sharedByScan = new WeakMap<ProbeSettings, { contexts: SecureContexts; certificates: CertificateReader }>();

function scanShared(settings: ProbeSettings): { contexts: SecureContexts; certificates: CertificateReader } {
  let shared = sharedByScan.get(settings);
  if (!shared) {
    shared = {
      contexts: settings.secureContexts ?? new ScanSecureContexts(settings.credentials, settings.untrustedIdentity),
      certificates: settings.certificates ?? new CertificateReadings(),
    };
    sharedByScan.set(settings, shared);
  }
  return shared;
}

function skipped(name: AccessAttempt['name'], detail: string): AccessAttempt {
  return { name, outcome: 'skipped', detail };
}

/**
 * The whole conversation with one host:port: connect, find out what speaks there, try each
 * way in, and record what the TLS layer showed. It observes and never judges.
 */
export async function probeEndpoint(probe: Probe, settings: ProbeSettings): Promise<EndpointObservation> {
  const started = Date.now();
  const observation = emptyObservation(probe);
  const stop = endpointStop(settings);
  const conversation: Conversation = { observation, answered: new Map(), silentPeer: null };
  try {
    await observe(conversation, settings, stop.signal);
  } catch (error) {
    observation.state = observation.state === 'open' ? 'open' : 'error';
    observation.error = (error as Error).message;
  } finally {
    stop.dispose();
  }
  const stoppedBy = stop.signal.aborted ? String(stop.signal.reason) : null;
  observation.checked = decideChecked(observation, { stoppedBy, silentPeer: conversation.silentPeer, answered: conversation.answered });
  // The older field, for readers of reports before 1.6.0: the same decision, in words.
  observation.unfinished = !observation.checked.complete && (observation.state === 'open' || stoppedBy) ? observation.checked.reason : null;
  observation.durationMs = Date.now() - started;
  return observation;
}

/** One signal for everything that ends this conversation early: its own deadline, or the scan's interrupt. */
function endpointStop(settings: ProbeSettings): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const { ms, label } = settings.targetDeadline;
  const timer = setTimeout(() => controller.abort(`stopped by ${label}`), ms);
  const release = whenAborted(settings.stop, () => controller.abort(String(settings.stop!.reason)));
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      release();
    },
  };
}

/** The observation being filled in, and what only the collector sees: which attempts got a whole answer. */
interface Conversation {
  observation: EndpointObservation;
  answered: Map<AccessAttempt, boolean>;
  silentPeer: string | null;
}

/** Records an attempt as the report shows it, with whether its answer was whole. */
function record(conversation: Conversation, attempt: AccessAttempt, wholeAnswer: boolean): void {
  conversation.observation.attempts.push(attempt);
  conversation.answered.set(attempt, wholeAnswer);
}

async function observe(conversation: Conversation, settings: ProbeSettings, stop: AbortSignal): Promise<void> {
  const { observation } = conversation;
  const { host, port } = observation;
  try {
    observation.address = await resolveBefore(host, settings.resolve ?? systemResolve, stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    observation.state = 'error';
    observation.error =
      code === 'STOPPED'
        ? `${(error as Error).message} while resolving "${host}"`
        : `cannot resolve "${host}": ${code ?? (error as Error).message}${code && RESOLVER_CAUSES[code] ? ` (${RESOLVER_CAUSES[code]})` : ''}`;
    return;
  }
  const connect = await (settings.connect ?? tcpConnect)(observation.address, port, settings.timeoutMs, stop);
  observation.state = connect.state;
  observation.error = connect.detail;
  if (connect.state !== 'open' || stop.aborted) return;

  const target: AttemptTarget = { address: observation.address, port, hostHeader: formatHostPort(host, port), timeoutMs: settings.timeoutMs, now: settings.now ?? new Date(), stop };
  const plain = await attemptAccess('plaintext', target, null);
  record(conversation, plain.attempt, plain.wholeAnswer);
  if (stop.aborted) return finishVerdict(observation);

  if (plain.attempt.outcome === 'api-access') {
    observation.transport = 'plain';
    observation.docker = plain.docker;
    observation.info = plain.info;
    for (const name of ['tls-no-client-cert', 'tls-user-client-cert', 'tls-untrusted-client-cert'] as const) record(conversation, skipped(name, 'plain HTTP'), true);
    return finishVerdict(observation);
  }
  if (plain.silent) {
    // Accepting and then saying nothing (or dripping) is how a tarpit holds a scanner; it is not an answer.
    const said = plain.bytesBeforeTimeout > 0 ? `no complete HTTP answer came (only ${plain.bytesBeforeTimeout} byte(s))` : 'nothing answered an HTTP request';
    conversation.silentPeer = `the port accepted a connection but ${said} within ${settings.timeoutMs} ms, so what listens there is unknown`;
    return finishVerdict(observation);
  }
  // Only Go words its answer to plain HTTP on a TLS port in a way we can recognise; a TLS front
  // (nginx, HAProxy) answers in its own words, or like any web server. So a plain answer that is
  // not the Docker API is still offered a TLS handshake before we call the port plain HTTP.
  const plainAnswered = plain.answeredHttp && !plain.tlsHint;
  await observeTls(conversation, target, settings, plainAnswered, plain.tlsHint);
  finishVerdict(observation);
}

async function observeTls(conversation: Conversation, target: AttemptTarget, settings: ProbeSettings, plainAnswered: boolean, tlsHint: boolean): Promise<void> {
  const { observation } = conversation;
  const { credentials } = settings;
  const stop = target.stop!;
  const servername = isIP(observation.host) ? undefined : observation.host;
  const { contexts, certificates } = scanShared(settings);
  const results: AttemptResult[] = [];
  // The report shows one chain: the first finished handshake's. Once it is recorded, later attempts leave it unread.
  const tlsAs = (identity: TlsIdentity): TlsClientSettings => {
    const readChain = !results.some((r) => r.handshake?.completed && r.handshake.chainRead);
    return { secureContext: contexts.of(identity, readChain ? 'verify' : 'skip'), ca: credentials.caPem ?? undefined, servername, readChain, certificates };
  };

  const anonymous = await attemptAccess('tls-no-client-cert', target, tlsAs('none'));
  // A server that showed a certificate speaks TLS, whatever happened next.
  const answeredNotTls = !anonymous.handshake && anonymous.failure === 'protocol-mismatch';
  // A port that answered plain HTTP and closes on a ClientHello speaks plain HTTP. One that lets
  // the hello time out may be a slow TLS front (nginx answers plain HTTP in its own words): unknown.
  const closedOnHello = !anonymous.handshake && anonymous.failure === 'other';
  if ((answeredNotTls || closedOnHello) && plainAnswered) {
    observation.transport = 'plain';
    // Not a verdict on Docker: the plain attempt gives that. TLS just does not apply here.
    record(conversation, { ...anonymous.attempt, outcome: 'skipped', detail: `the port speaks plain HTTP, not TLS (${anonymous.attempt.detail})` }, true);
    return;
  }
  record(conversation, anonymous.attempt, anonymous.wholeAnswer);
  if (stop.aborted) return;
  if (answeredNotTls) {
    observation.error = `neither plain HTTP nor TLS: ${anonymous.attempt.detail}`;
    return;
  }
  // No handshake and no whole answer (a timeout, a reset): TLS is seen only if the port said
  // so itself (the 400 asking for HTTPS); otherwise what it speaks stays unknown, and so does the verdict.
  if (!anonymous.handshake && !anonymous.wholeAnswer && !tlsHint) return;
  observation.transport = 'tls';

  results.push(anonymous);
  if (credentials.user) {
    const withUser = await attemptAccess('tls-user-client-cert', target, tlsAs('user'));
    record(conversation, withUser.attempt, withUser.wholeAnswer);
    results.push(withUser);
    if (stop.aborted) return;
  } else {
    record(conversation, skipped('tls-user-client-cert', 'no client certificate given (--tlscert/--tlskey, --cert-path, DOCKER_CERT_PATH or ~/.docker)'), true);
  }
  if (anonymous.attempt.outcome === 'api-access') {
    record(conversation, skipped('tls-untrusted-client-cert', 'not needed: no certificate at all already gets in'), true);
  } else {
    const withStranger = await attemptAccess('tls-untrusted-client-cert', target, tlsAs('untrusted'));
    record(conversation, withStranger.attempt, withStranger.wholeAnswer);
    results.push(withStranger);
  }

  // A finished handshake carries OpenSSL's own verdict; a broken-off one still shows the chain.
  const handshake: HandshakeFacts | null =
    results.find((r) => r.handshake?.completed)?.handshake ?? results.find((r) => r.handshake)?.handshake ?? null;
  const access = results.find((r) => r.attempt.outcome === 'api-access');
  observation.docker = access?.docker ?? null;
  observation.info = access?.info ?? null;

  // One hand-written ClientHello each: the ServerHello's version answers it, no handshake needed.
  const legacyProtocols = [];
  for (const protocol of LEGACY_PROTOCOLS) {
    legacyProtocols.push(await probeLegacyProtocol(target.address, target.port, protocol, { servername, timeoutMs: settings.timeoutMs, stop }));
  }
  // Node hides the CertificateRequest; one TLS 1.2 hello of our own shows which CAs the server names for client certificates.
  const clientCertificateRequest = await probeClientCertificateRequest(target.address, target.port, { servername, timeoutMs: settings.timeoutMs, stop });
  observation.tls = {
    protocol: handshake?.protocol ?? null,
    cipher: handshake?.cipher ?? null,
    chain: handshake?.chain ?? [],
    trustAnchor: credentials.caPem ? 'user-ca' : 'system-store',
    chainVerified: handshake?.chainVerified ?? false,
    chainError: handshake ? handshake.chainError : 'no TLS handshake completed, so the chain was not seen',
    goVerdict: handshake?.goVerdict ?? null,
    chainVerdictBy: handshake?.chainVerdictBy ?? 'none',
    trust: judgeServerTrust(handshake, credentials.caPem !== null),
    legacyProtocols,
    clientCertificateRequest,
  };
}

/** Names the service and whether it is the Docker API, from all attempts together. */
function finishVerdict(observation: EndpointObservation): void {
  const outcomes = observation.attempts.map((attempt) => attempt.outcome);
  if (outcomes.includes('api-access')) observation.dockerApi = 'confirmed';
  else if (outcomes.includes('not-docker')) observation.dockerApi = 'not-docker';
  else observation.dockerApi = 'unconfirmed';

  if (observation.dockerApi === 'confirmed') observation.service = 'docker-api';
  else if (observation.transport === 'tls') observation.service = 'tls';
  else if (observation.transport === 'plain') observation.service = 'http';
  else observation.service = 'other';
}
