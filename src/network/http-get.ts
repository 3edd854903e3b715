import http from 'node:http';
import https from 'node:https';
import type { DetailedPeerCertificate, PeerCertificate, SecureContext, TLSSocket } from 'node:tls';
import { chainDerOf, peerCertificateArrived, peerChainDer, snapshotTls, type TlsSnapshot } from './tls-snapshot.js';
import type { CertificateReader } from './certificate-readings.js';
import { describeNetworkError } from './describe-error.js';
import { whenAborted } from './when-aborted.js';

/** TLS settings for one access attempt. Verification is recorded, never enforced, so we can see what a client would. */
export interface TlsClientSettings {
  /**
   * The identity's context, built once per scan (secure-contexts.ts): CA, client certificate and
   * key, audit ciphers and versions. Node takes all of those from it, not from per-request options.
   */
  secureContext: SecureContext;
  /** The CA PEM the context trusts (none: the system store), to judge a chain the server broke off (x509/path/verify-chain.ts). */
  ca?: string;
  servername?: string;
  /**
   * false once an earlier attempt on the same endpoint recorded a finished handshake's chain:
   * the report shows that one only, so this attempt does not read the chain again. Default true.
   */
  readChain?: boolean;
  /** The scan's certificates already read (certificate-readings.ts); absent: each one is read anew. */
  certificates?: CertificateReader;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
}

export type HttpFailureKind =
  /** Nothing came back before the deadline. */
  | 'timeout'
  /** The endpoint's own deadline (--target-timeout) or an interrupt ended the conversation. */
  | 'stopped'
  /** The TLS layer or the peer said no: an alert, or a reset right after the handshake. */
  | 'tls-refused'
  /** What came back was not TLS (on a TLS attempt) or not HTTP (on a plain one). */
  | 'protocol-mismatch'
  | 'other';

export interface HttpFailure {
  kind: HttpFailureKind;
  code: string;
  message: string;
  /** On a timeout: bytes the peer had sent on this connection, so a drip is told from a tarpit. */
  bytesReceived?: number;
}

export type HttpResult = { ok: true; response: HttpResponse } | { ok: false; failure: HttpFailure };

/**
 * The most of one response body dockprobe reads. The Docker API's /version is under 1 KiB and
 * /info a few KiB, so 1 MiB is generous for a daemon and still bounds a hostile endless body.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_BODY_LABEL = '1 MiB';
/** The NSS key log label of TLS 1.2 and older (the master secret); TLS 1.3 logs *_TRAFFIC_SECRET lines. */
const TLS12_KEYLOG_LABEL = 'CLIENT_RANDOM';
const TLS_ALERT = /ALERT|CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|HANDSHAKE_FAILURE/i;
// OpenSSL names these in capitals in the code and in words in the message ("wrong version number").
const NOT_TLS = /WRONG[_ ]VERSION[_ ]NUMBER|PACKET[_ ]LENGTH[_ ]TOO[_ ]LONG|HTTP[_ ]REQUEST|UNEXPECTED[_ ]EOF|RECORD[_ ]LAYER[_ ]FAILURE/i;

/**
 * One endpoint conversation over a single connection (keep-alive), so /_ping, /version and
 * /info cost one handshake. Only GET is ever sent, and redirects are returned as they are:
 * Node's http client never follows them.
 */
export class HttpConversation {
  private readonly agent: http.Agent;
  handshakeCompleted = false;
  /** The first TLS handshake's view of the server: final once completed, else the last glimpse before a refusal. */
  tlsSnapshot: TlsSnapshot | null = null;

  constructor(
    private readonly address: string,
    private readonly port: number,
    private readonly hostHeader: string,
    private readonly timeoutMs: number,
    private readonly tls: TlsClientSettings | null,
    /** Aborted when the endpoint's deadline passes or the scan is interrupted; its reason says which. */
    private readonly stop?: AbortSignal,
  ) {
    this.agent = tls ? new https.Agent({ keepAlive: true, maxSockets: 1 }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  get(path: string): Promise<HttpResult> {
    return new Promise((resolve) => {
      let settled = false;
      let release = (): void => {};
      const settle = (result: HttpResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        release();
        resolve(result);
      };
      let chainSeenByNode: DetailedPeerCertificate | undefined;
      const options: https.RequestOptions = {
        method: 'GET',
        host: this.address,
        port: this.port,
        path,
        agent: this.agent,
        headers: { Host: this.hostHeader, 'User-Agent': 'dockprobe', Accept: 'application/json' },
      };
      if (this.tls) {
        Object.assign(options, {
          // Ciphers down to SECLEVEL 0 and versions down to TLS 1.0 are in the context, so weak servers are seen.
          secureContext: this.tls.secureContext,
          servername: this.tls.servername,
          rejectUnauthorized: false,
          // Node folds the hostname check into `authorized`; we keep chain trust and name coverage
          // apart (tls-cert-untrusted vs tls-cert-hostname-mismatch), so the name is judged by our own rule.
          checkServerIdentity: (_host: string, peer: PeerCertificate) => {
            // Node read the chain (getPeerCertificate(true)) to call this, as it does whenever
            // OpenSSL verified it: the snapshot takes that copy instead of reading it again.
            chainSeenByNode = peer as DetailedPeerCertificate;
            return undefined;
          },
        });
      }
      const request = (this.tls ? https : http).request(options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            truncated = true;
            chunks.push(chunk.subarray(0, chunk.length - (size - MAX_BODY_BYTES)));
            response.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
        });
        const finish = (): void =>
          settle({ ok: true, response: { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), truncated } });
        response.on('end', finish);
        response.on('error', (error) => settle({ ok: false, failure: this.classify(error) }));
      });
      request.on('socket', (socket) => {
        if (!this.tls || this.handshakeCompleted) return;
        const tlsSocket = socket as TLSSocket;
        const readChain = this.tls.readChain !== false;
        let chainDer: Buffer[] | null = null;
        // A TLS 1.2 server refusing our client certificate alerts before the handshake finishes,
        // and the socket is gone by the time the error is emitted. Key material is logged just
        // after the server's certificate arrived, so 'keylog' is when to copy the chain, once.
        // Up to TLS 1.2 the one line (CLIENT_RANDOM) comes as we send our last flight, and the
        // alert may be read in the same turn of the event loop: copy now. TLS 1.3 logs its
        // lines as it finishes the handshake in this very read, so 'secureConnect' follows at
        // once and takes the snapshot itself: the glimpse waits for the check phase, and is
        // only taken if the handshake did not finish after all.
        let glimpseTaken = false;
        const takeGlimpse = (): void => {
          if (this.handshakeCompleted) return;
          if (readChain) chainDer = peerChainDer(tlsSocket);
          this.tlsSnapshot = snapshotTls(tlsSocket, false, chainDer);
        };
        const glimpse = (line: Buffer): void => {
          if (glimpseTaken || this.handshakeCompleted || !peerCertificateArrived(tlsSocket)) return;
          glimpseTaken = true;
          tlsSocket.off('keylog', glimpse);
          if (line.subarray(0, TLS12_KEYLOG_LABEL.length).toString('latin1') === TLS12_KEYLOG_LABEL) takeGlimpse();
          else
            setImmediate(() => {
              if (!tlsSocket.destroyed) takeGlimpse();
            });
        };
        tlsSocket.on('keylog', glimpse);
        tlsSocket.once('secureConnect', () => {
          tlsSocket.off('keylog', glimpse);
          this.handshakeCompleted = true;
          // The same handshake's chain: from the glimpse, else the one Node read for its own identity check, else read now.
          this.tlsSnapshot = snapshotTls(tlsSocket, true, readChain ? (chainDer ?? (chainSeenByNode ? chainDerOf(chainSeenByNode) : peerChainDer(tlsSocket))) : null);
        });
      });
      request.on('error', (error) => settle({ ok: false, failure: this.classify(error) }));
      const deadline = setTimeout(() => {
        const bytesReceived = request.socket?.bytesRead ?? 0;
        settle({ ok: false, failure: { kind: 'timeout', code: 'TIMEOUT', message: `no complete answer within ${this.timeoutMs} ms`, bytesReceived } });
        request.destroy();
      }, this.timeoutMs);
      release = whenAborted(this.stop, () => {
        settle({ ok: false, failure: { kind: 'stopped', code: 'STOPPED', message: String(this.stop!.reason) } });
        request.destroy();
      });
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private classify(error: NodeJS.ErrnoException): HttpFailure {
    const code = error.code ?? 'ERROR';
    const message = describeNetworkError(error).slice(code.length + 2);
    if (this.tls) {
      if (TLS_ALERT.test(code) || TLS_ALERT.test(message)) return { kind: 'tls-refused', code, message };
      // A reset after a finished handshake is how TLS 1.3 servers drop a client they refuse.
      if (this.handshakeCompleted && (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/.test(message))) {
        return { kind: 'tls-refused', code, message: `connection closed after the handshake (${message})` };
      }
      // The server sent a certificate, so it speaks TLS, whatever broke afterwards.
      if (this.tlsSnapshot) return { kind: 'tls-refused', code, message: `handshake broken off after the server's certificate (${message})` };
      if (NOT_TLS.test(code) || NOT_TLS.test(message)) return { kind: 'protocol-mismatch', code, message };
    } else if (code.startsWith('HPE_') || code === 'ECONNRESET' || /socket hang up/.test(message)) {
      return { kind: 'protocol-mismatch', code, message };
    }
    return { kind: 'other', code, message };
  }
}
