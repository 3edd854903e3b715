import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { formatHostPort } from '../targets/ip-address.js';
import type { Probe } from '../targets/expand-targets.js';
import { attemptAccess, type AttemptResult, type AttemptTarget, type HandshakeFacts } from './access-attempt.js';
import type { ClientIdentity, ScanCredentials } from './client-identity.js';
import type { AccessAttempt, EndpointObservation, LegacyProtocol } from './endpoint-observation.js';
import type { TlsClientSettings } from './http-get.js';
import { probeLegacyProtocol } from './legacy-protocol-probe.js';
import { tcpConnect } from './tcp-connect.js';

export interface ProbeSettings {
  timeoutMs: number;
  credentials: ScanCredentials;
  /** Made once per scan, on first need: the client a correctly set-up daemon must refuse. */
  untrustedIdentity: () => ClientIdentity;
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
    durationMs: 0,
    source: probe.source,
  };
}

async function resolveAddress(host: string): Promise<string> {
  if (isIP(host)) return host;
  const { address } = await lookup(host, { verbatim: true });
  return address;
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
  try {
    await observe(observation, settings);
  } catch (error) {
    observation.state = observation.state === 'open' ? 'open' : 'error';
    observation.error = (error as Error).message;
  }
  observation.durationMs = Date.now() - started;
  return observation;
}

async function observe(observation: EndpointObservation, settings: ProbeSettings): Promise<void> {
  const { host, port } = observation;
  try {
    observation.address = await resolveAddress(host);
  } catch (error) {
    observation.state = 'error';
    observation.error = `cannot resolve "${host}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    return;
  }
  const connect = await (settings.connect ?? tcpConnect)(observation.address, port, settings.timeoutMs);
  observation.state = connect.state;
  observation.error = connect.detail;
  if (connect.state !== 'open') return;

  const target: AttemptTarget = { address: observation.address, port, hostHeader: formatHostPort(host, port), timeoutMs: settings.timeoutMs };
  const plain = await attemptAccess('plaintext', target, null);
  observation.attempts.push(plain.attempt);

  if (plain.attempt.outcome === 'api-access') {
    observation.transport = 'plain';
    observation.docker = plain.docker;
    observation.info = plain.info;
    observation.attempts.push(
      skipped('tls-no-client-cert', 'plain HTTP'),
      skipped('tls-user-client-cert', 'plain HTTP'),
      skipped('tls-untrusted-client-cert', 'plain HTTP'),
    );
    return finishVerdict(observation);
  }
  if (plain.silent) {
    observation.error = `port is open but nothing answered an HTTP request within ${settings.timeoutMs} ms`;
    return finishVerdict(observation);
  }
  // Only Go words its answer to plain HTTP on a TLS port in a way we can recognise; a TLS front
  // (nginx, HAProxy) answers in its own words, or like any web server. So a plain answer that is
  // not the Docker API is still offered a TLS handshake before we call the port plain HTTP.
  const plainAnswered = plain.answeredHttp && !plain.tlsHint;
  await observeTls(observation, target, settings, plainAnswered);
  finishVerdict(observation);
}

async function observeTls(observation: EndpointObservation, target: AttemptTarget, settings: ProbeSettings, plainAnswered: boolean): Promise<void> {
  const { credentials } = settings;
  const servername = isIP(observation.host) ? undefined : observation.host;
  const base: TlsClientSettings = { ca: credentials.caPem ?? undefined, servername };

  const anonymous = await attemptAccess('tls-no-client-cert', target, base);
  // A server that showed a certificate speaks TLS, whatever happened next.
  const notTls = !anonymous.handshake && (anonymous.attempt.detail.startsWith('not TLS') || anonymous.attempt.outcome === 'error');
  if (notTls && plainAnswered) {
    observation.transport = 'plain';
    observation.attempts.push({ ...anonymous.attempt, outcome: 'not-docker', detail: `the port speaks plain HTTP, not TLS (${anonymous.attempt.detail})` });
    return;
  }
  observation.attempts.push(anonymous.attempt);
  if (notTls) {
    observation.error = `neither plain HTTP nor TLS: ${anonymous.attempt.detail}`;
    return;
  }
  observation.transport = 'tls';

  const results: AttemptResult[] = [anonymous];
  if (credentials.user) {
    const withUser = await attemptAccess('tls-user-client-cert', target, { ...base, cert: credentials.user.certPem, key: credentials.user.keyPem });
    observation.attempts.push(withUser.attempt);
    results.push(withUser);
  } else {
    observation.attempts.push(skipped('tls-user-client-cert', 'no client certificate given (--tlscert/--tlskey, --cert-path, DOCKER_CERT_PATH or ~/.docker)'));
  }
  if (anonymous.attempt.outcome === 'api-access') {
    observation.attempts.push(skipped('tls-untrusted-client-cert', 'not needed: no certificate at all already gets in'));
  } else {
    const stranger = settings.untrustedIdentity();
    const withStranger = await attemptAccess('tls-untrusted-client-cert', target, { ...base, cert: stranger.certPem, key: stranger.keyPem });
    observation.attempts.push(withStranger.attempt);
    results.push(withStranger);
  }

  // A finished handshake carries OpenSSL's own verdict; a broken-off one still shows the chain.
  const handshake: HandshakeFacts | null =
    results.find((r) => r.handshake?.completed)?.handshake ?? results.find((r) => r.handshake)?.handshake ?? null;
  const access = results.find((r) => r.attempt.outcome === 'api-access');
  observation.docker = access?.docker ?? null;
  observation.info = access?.info ?? null;

  const legacySettings: TlsClientSettings = credentials.user ? { servername, cert: credentials.user.certPem, key: credentials.user.keyPem } : { servername };
  const legacyProtocols = [];
  for (const protocol of LEGACY_PROTOCOLS) {
    legacyProtocols.push(await probeLegacyProtocol(target.address, target.port, protocol, settings.timeoutMs, legacySettings));
  }
  observation.tls = {
    protocol: handshake?.protocol ?? null,
    cipher: handshake?.cipher ?? null,
    chain: handshake?.chain ?? [],
    trustAnchor: credentials.caPem ? 'user-ca' : 'system-store',
    chainVerified: handshake?.chainVerified ?? false,
    chainError: handshake ? handshake.chainError : 'no TLS handshake completed, so the chain was not seen',
    legacyProtocols,
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
