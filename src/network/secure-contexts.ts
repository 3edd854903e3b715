import { createSecureContext, type SecureContext } from 'node:tls';
import type { ClientIdentity, ScanCredentials } from './client-identity.js';

/** Who dockprobe is on a TLS attempt: nobody, the user's --tlscert/--tlskey, or the throwaway stranger. */
export type TlsIdentity = 'none' | 'user' | 'untrusted';

/**
 * An auditor has to see weak servers: at OpenSSL 3's default security level an RSA-1024 or
 * SHA-1 server would fail the handshake and hide the very chain we must judge.
 */
export const AUDIT_CIPHERS = 'DEFAULT:@SECLEVEL=0';
/** Likewise for protocol versions: a TLS 1.0-only endpoint must still be seen, then judged. */
export const AUDIT_MIN_VERSION = 'TLSv1';

/** The secure context of each identity, as the attempts of every endpoint in a scan use them. */
export interface SecureContexts {
  of(identity: TlsIdentity): SecureContext;
}

/**
 * One secure context per identity, built on first need and kept for the whole scan. Building one
 * parses the CA bundle and the client key and configures OpenSSL: most of a client's CPU per
 * handshake when done per attempt, and the same work every time, since the CA, the certificate
 * and the key do not change during a scan.
 *
 * Everything that sets up OpenSSL is in the context, because Node's tls.connect ignores
 * `ca`, `cert`, `key`, `ciphers`, `minVersion` and `maxVersion` once a `secureContext` is given
 * (they are options of tls.createSecureContext). Per connection stay only servername,
 * rejectUnauthorized and checkServerIdentity, and those Node reads from the connect options.
 * Sessions are not shared through a context: Node's client contexts keep no session cache
 * (SSL_SESS_CACHE_NO_INTERNAL), so every attempt is still a full handshake that shows the chain.
 */
export class ScanSecureContexts implements SecureContexts {
  private readonly built = new Map<TlsIdentity, SecureContext>();

  constructor(
    private readonly credentials: ScanCredentials,
    /** The scan's throwaway identity, itself made on first need (untrusted-identity.ts). */
    private readonly untrustedIdentity: () => ClientIdentity,
  ) {}

  of(identity: TlsIdentity): SecureContext {
    let context = this.built.get(identity);
    if (!context) {
      context = buildSecureContext(this.credentials.caPem, this.identityMaterial(identity));
      this.built.set(identity, context);
    }
    return context;
  }

  private identityMaterial(identity: TlsIdentity): ClientIdentity | null {
    if (identity === 'none') return null;
    if (identity === 'untrusted') return this.untrustedIdentity();
    if (!this.credentials.user) throw new Error('no client certificate was given, so there is no user identity to present');
    return this.credentials.user;
  }
}

/** The context of one identity, with the CA the user's clients trust (none given: Node's root store). */
export function buildSecureContext(caPem: string | null, client: ClientIdentity | null): SecureContext {
  return createSecureContext({
    ca: caPem ?? undefined,
    cert: client?.certPem,
    key: client?.keyPem,
    ciphers: AUDIT_CIPHERS,
    minVersion: AUDIT_MIN_VERSION,
  });
}
