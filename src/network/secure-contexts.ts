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

/**
 * Whether the attempt records the server's chain: 'verify' trusts the CA the user gave (else the
 * system store), so OpenSSL's verdict on the chain is recorded; 'skip' trusts nothing, for an
 * attempt made after another one on the same endpoint already recorded the chain and its verdict.
 * Node reads the whole chain into objects after every handshake that verified (for its name
 * check), and this is how the later attempts avoid that: nothing the server sees changes.
 */
export type ChainCheck = 'verify' | 'skip';

/** The secure context of each identity, as the attempts of every endpoint in a scan use them. */
export interface SecureContexts {
  of(identity: TlsIdentity, chain: ChainCheck): SecureContext;
}

/**
 * One secure context per identity (and chain check), built on first need and kept for the whole scan. Building one
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
  private readonly built = new Map<`${TlsIdentity} ${ChainCheck}`, SecureContext>();

  constructor(
    private readonly credentials: ScanCredentials,
    /** The scan's throwaway identity, itself made on first need (untrusted-identity.ts). */
    private readonly untrustedIdentity: () => ClientIdentity,
  ) {}

  of(identity: TlsIdentity, chain: ChainCheck): SecureContext {
    const key = `${identity} ${chain}` as const;
    let context = this.built.get(key);
    if (!context) {
      context = buildSecureContext(chain === 'verify' ? this.credentials.caPem : NO_ANCHOR, this.identityMaterial(identity));
      this.built.set(key, context);
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

/** An empty trust store: Node adds its root store only when `ca` is absent, and none of an empty list. */
const NO_ANCHOR: readonly string[] = [];

/** The context of one identity, with the CA the user's clients trust (null: Node's root store; NO_ANCHOR: none). */
export function buildSecureContext(ca: string | readonly string[] | null, client: ClientIdentity | null): SecureContext {
  return createSecureContext({
    ca: ca === null ? undefined : (ca as string | string[]),
    cert: client?.certPem,
    key: client?.keyPem,
    ciphers: AUDIT_CIPHERS,
    minVersion: AUDIT_MIN_VERSION,
  });
}
