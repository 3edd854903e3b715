import type { HandshakeFacts } from './access-attempt.js';
import type { ServerTrust } from './endpoint-observation.js';

/** Where the user could have given the CA: the docker CLI's own places, in its order. */
export const NO_CA_GIVEN = 'no CA given (--tlscacert, or ca.pem in --cert-path, DOCKER_CERT_PATH or ~/.docker)';

/**
 * Decides, where the chain is observed, whether its verification says anything about trust.
 * Without the CA the user's clients trust, the only anchor left is the system store, and Docker
 * daemons are issued from private CAs it never holds: a chain that fails there is what a
 * correctly set-up daemon shows, so its failure is not judged (and never reported as untrusted).
 * A chain that does verify against the system store is trusted by it, a verdict all the same.
 */
export function judgeServerTrust(handshake: HandshakeFacts | null, caGiven: boolean): ServerTrust {
  if (!handshake || handshake.chain.length === 0) return { judged: false, reason: 'no certificate chain was seen' };
  if (caGiven || handshake.chainVerified) return { judged: true };
  return { judged: false, reason: `${NO_CA_GIVEN}, and the chain does not lead to the system store, which never holds a daemon's private CA` };
}
