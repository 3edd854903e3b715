import type { ChainVerdict } from '../x509/path/chain-verdict.js';
import type { TargetSource } from '../targets/target-spec.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';

/**
 * Everything the network collector saw at one host:port. Collectors fill this in and never
 * judge it; rules read it. "Could not observe" lives in `state`/`error` and in each attempt's
 * outcome, so no rule can mistake a timeout for a clean result.
 */
export type EndpointState = 'open' | 'closed' | 'filtered' | 'error';
export type ServiceKind = 'docker-api' | 'http' | 'tls' | 'other';

/** Whether what answers is the Docker Engine API: proven, disproven, or not knowable from here. */
export type DockerApiVerdict = 'confirmed' | 'not-docker' | 'unconfirmed';

export type AttemptName =
  | 'plaintext'
  | 'tls-no-client-cert'
  | 'tls-user-client-cert'
  | 'tls-untrusted-client-cert';

export type AttemptOutcome =
  /** The Docker API answered: whoever can do this owns the host. */
  | 'api-access'
  /** The server refused us (TLS alert, reset after handshake, HTTP 401/403). */
  | 'refused'
  /** Something answered, but not the Docker API. */
  | 'not-docker'
  /** Could not tell: timeout, protocol error, unreachable. */
  | 'error'
  /** Not attempted (no user certificate given, not a TLS port, ...). */
  | 'skipped';

/**
 * Fully checked: every question a clean verdict depends on got a whole answer (or root was
 * already proven a worse way in). Not fully checked: `reason` says what was not seen.
 * A closed or filtered port is checked: "nothing answered" is its answer.
 */
export type EndpointChecked = { complete: true } | { complete: false; reason: string };

export interface AccessAttempt {
  name: AttemptName;
  outcome: AttemptOutcome;
  detail: string;
  /** HTTP status of GET /_ping when one came back. */
  httpStatus?: number;
}

export type LegacyProtocol = 'TLSv1' | 'TLSv1.1';
export type LegacyOutcome = 'accepted' | 'refused' | 'error';

export interface LegacyProtocolProbe {
  protocol: LegacyProtocol;
  outcome: LegacyOutcome;
  detail: string;
}

/**
 * What a TLS 1.2 handshake driven by hand (network/client-certificate-request-probe.ts) showed of
 * the server's CertificateRequest. `caNames` are the CAs the server says it accepts client
 * certificates from; an empty list is a server that names none ("No client certificate CA names
 * sent"), which Go's server does when it has no client CA pool and falls back to the system store.
 */
export type ClientCertificateRequest =
  /** The server asks for a client certificate, from these CAs. */
  | { kind: 'requested'; caNames: string[] }
  /** The server finished its hello without asking for a client certificate. */
  | { kind: 'not-requested' }
  /** The server refused TLS 1.2 (an alert, or a lower version), so the request could not be seen. */
  | { kind: 'no-tls12'; detail: string }
  /** Could not tell: timeout, reset, garbage, stopped. */
  | { kind: 'error'; detail: string };

/**
 * Whether the scan could judge if the server certificate is trusted (1.7.0). Judged when the
 * user gave the CA their clients trust (--tlscacert, or ca.pem found beside the client
 * certificate), or when the chain verified against the system store anyway: then chainVerified
 * is the verdict. Not judged when no CA was given and the system store does not verify the chain:
 * Docker daemons use private CAs the system store never holds, so that failure says nothing.
 */
export type ServerTrust = { judged: true } | { judged: false; reason: string };

/**
 * Who decided chainVerified: 'openssl', the handshake itself; 'go-rules', dockprobe's verifier
 * judging as a Go client, because the server broke off the handshake before OpenSSL's verdict;
 * 'none', nobody: chainVerified is false for want of a verdict (no chain seen or read, the
 * server never proved it holds the key, the verifier failed).
 */
export type ChainVerdictSource = 'openssl' | 'go-rules' | 'none';

export interface TlsObservation {
  /** Negotiated with no client certificate, e.g. "TLSv1.3". */
  protocol: string | null;
  cipher: string | null;
  /** Leaf first. Recorded whatever the verification outcome. */
  chain: CertificateFacts[];
  /** Which CA the chain was checked against. */
  trustAnchor: 'user-ca' | 'system-store';
  chainVerified: boolean;
  /** OpenSSL's reason when the chain did not verify, e.g. "SELF_SIGNED_CERT_IN_CHAIN". */
  chainError: string | null;
  /**
   * What a docker client decides for the chain (Go's crypto/x509, as dockprobe's verifier
   * judges it, for serverAuth against the same CA) (1.9.0); null when no chain was seen. Where
   * OpenSSL gave no verdict (a handshake the server broke off) chainVerified is this one's.
   */
  goVerdict: ChainVerdict | null;
  /** Who gave chainVerified (1.9.0). */
  chainVerdictBy: ChainVerdictSource;
  /** Whether chainVerified is a verdict on the server's trust, or why it is not (1.7.0). */
  trust: ServerTrust;
  legacyProtocols: LegacyProtocolProbe[];
  /** The client CAs the server names in a TLS 1.2 CertificateRequest, or why that was not seen (1.6.0). */
  clientCertificateRequest: ClientCertificateRequest;
}

export interface DockerVersionFacts {
  version: string;
  apiVersion: string;
  minApiVersion?: string;
  gitCommit: string;
  os?: string;
  arch?: string;
  kernelVersion?: string;
}

/**
 * The fields of GET /info that rules and readers need. Deliberately a short allow-list:
 * /info also carries proxy URLs with passwords, registry mirrors and labels, none of which
 * may reach a report.
 */
export interface DockerInfoFacts {
  name?: string;
  serverVersion?: string;
  operatingSystem?: string;
  authorizationPlugins: string[];
  securityOptions: string[];
  rootless: boolean;
  /** Proxy settings with any userinfo replaced by "redacted". */
  httpProxy?: string;
  httpsProxy?: string;
  /*
   * The daemon settings CIS Docker section 2 asks about (report format 1.8.0). Each is null when
   * the daemon did not send it, or sent something of another type: "could not check", never a
   * quiet false. A report written before 1.8.0 lacks them altogether, which means the same.
   */
  /** LiveRestoreEnabled (CIS 2.15). */
  liveRestoreEnabled: boolean | null;
  /** LoggingDriver: the default log driver of new containers (CIS 2.13). */
  loggingDriver: string | null;
  /** Driver: the storage driver (CIS 2.6). */
  driver: string | null;
  /** ExperimentalBuild: whether the daemon runs with experimental features (CIS 2.18). */
  experimentalBuild: boolean | null;
  /** Debug: --debug or "debug": true; log-level itself is not in /info (CIS 2.3). */
  debug: boolean | null;
  /**
   * RegistryConfig: the registries the daemon talks to without TLS verification (CIS 2.5):
   * InsecureRegistryCIDRs other than dockerd's built-in 127.0.0.0/8 and ::1/128, then the
   * IndexConfigs names with Secure false (never docker.io). Names and CIDRs only.
   */
  insecureRegistries: string[] | null;
  /**
   * From GET /networks/bridge, not /info: Options["com.docker.network.bridge.enable_icc"] of the
   * default bridge (CIS 2.2). null when there is no default bridge (dockerd --bridge=none
   * answers 404) or its answer could not be read.
   */
  defaultBridgeIcc: boolean | null;
}

export interface EndpointObservation {
  /** "host:port", IPv6 as "[addr]:port". */
  target: string;
  /** The name or address the user asked for: what a client would put in DOCKER_HOST. */
  host: string;
  /** The IP actually connected to. */
  address: string | null;
  port: number;
  /** Named explicitly (always reported) or found by sweeping a range (reported only if it answered). */
  named: boolean;
  state: EndpointState;
  service: ServiceKind | null;
  dockerApi: DockerApiVerdict;
  error: string | null;
  transport: 'plain' | 'tls' | null;
  tls: TlsObservation | null;
  attempts: AccessAttempt[];
  docker: DockerVersionFacts | null;
  info: DockerInfoFacts | null;
  /**
   * Whether this endpoint was fully checked: decided once, by the collector, from the typed
   * facts of the conversation (endpoint-checked.ts). Every reader (exposure, rules' consumers,
   * errors[] and the exit code, state, diff, notify) takes it from here.
   */
  checked: EndpointChecked;
  /**
   * For an open endpoint that was not fully checked, why (the same reason as `checked`): the
   * endpoint's deadline, an interrupt, a silent peer, or a way in that got no whole answer.
   * null otherwise. Kept for readers of reports before 1.6.0.
   */
  unfinished: string | null;
  /** How long the whole conversation with this endpoint took, in ms. */
  durationMs: number;
  /** The --targets-file line that named this endpoint (or its range); null when given otherwise. */
  source: TargetSource | null;
}
