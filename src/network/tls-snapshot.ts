import type { TLSSocket } from 'node:tls';

/**
 * What a TLS socket showed of the server, copied out while the socket is alive: once it is
 * destroyed (as it is the moment a server refuses us) Node can no longer tell.
 */
export interface TlsSnapshot {
  protocol: string | null;
  cipher: string | null;
  /** The server's certificates as DER, leaf first. */
  chainDer: Buffer[];
  /** true once the handshake finished; false for a chain seen in a handshake the server broke off. */
  completed: boolean;
  /** OpenSSL's verdict on the chain; only meaningful when completed. */
  authorized: boolean;
  authorizationError: string | null;
}

const MAX_CHAIN = 10;

/** Leaf first; stops at a self-issued certificate (Node links it to itself) or after MAX_CHAIN. */
function peerChainDer(socket: TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let current = socket.getPeerCertificate(true);
  while (current && current.raw && !seen.has(current.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(current.fingerprint256);
    chain.push(current.raw);
    current = current.issuerCertificate;
  }
  return chain;
}

export function snapshotTls(socket: TLSSocket, completed: boolean): TlsSnapshot {
  const authorizationError = completed ? socket.authorizationError : undefined;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    chainDer: peerChainDer(socket),
    completed,
    authorized: completed && socket.authorized,
    authorizationError: authorizationError ? String(authorizationError) : null,
  };
}
