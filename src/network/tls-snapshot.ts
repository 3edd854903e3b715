import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/**
 * What a TLS socket showed of the server, copied out while the socket is alive: once it is
 * destroyed (as it is the moment a server refuses us) Node can no longer tell.
 */
export interface TlsSnapshot {
  protocol: string | null;
  cipher: string | null;
  /** The server's certificates as DER, leaf first; empty when not read (chainRead false). */
  chainDer: Buffer[];
  /**
   * false when the chain was deliberately not read: an earlier attempt on the same endpoint
   * already recorded a finished handshake's chain, the only one the report shows.
   */
  chainRead: boolean;
  /** true once the handshake finished; false for a chain seen in a handshake the server broke off. */
  completed: boolean;
  /** OpenSSL's verdict on the chain; only meaningful when completed. */
  authorized: boolean;
  authorizationError: string | null;
}

const MAX_CHAIN = 10;

/**
 * Leaf first; stops at a self-issued certificate (Node links it to itself) or after MAX_CHAIN.
 * `peer` is getPeerCertificate(true): costly (Node builds an object per certificate and looks
 * each issuer up in the trust store), so the chain is read once per handshake and handed on.
 */
export function chainDerOf(peer: DetailedPeerCertificate | undefined): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let current = peer;
  while (current && current.raw && !seen.has(current.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(current.fingerprint256);
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

export function peerChainDer(socket: TLSSocket): Buffer[] {
  return chainDerOf(socket.getPeerCertificate(true));
}

/** Whether the server's certificate has arrived yet: the cheap question (no chain, no issuer lookups). */
export function peerCertificateArrived(socket: TLSSocket): boolean {
  return Boolean(socket.getPeerCertificate()?.raw);
}

/**
 * `chainDer`: the chain this handshake already showed (read at the glimpse), or null to leave
 * it unread because an earlier attempt recorded the endpoint's chain.
 */
export function snapshotTls(socket: TLSSocket, completed: boolean, chainDer: Buffer[] | null): TlsSnapshot {
  const authorizationError = completed ? socket.authorizationError : undefined;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    chainDer: chainDer ?? [],
    chainRead: chainDer !== null,
    completed,
    authorized: completed && socket.authorized,
    authorizationError: authorizationError ? String(authorizationError) : null,
  };
}
