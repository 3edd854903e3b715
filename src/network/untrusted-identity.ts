import { makeThrowawayClientIdentity } from '../x509/throwaway-ca.js';
import type { ClientIdentity } from './client-identity.js';

/**
 * The stranger's certificate of attempt (c), made on first need and then reused for the
 * whole scan: key generation costs tens of milliseconds, and a sweep with no TLS port needs none.
 */
export function lazyUntrustedIdentity(): () => ClientIdentity {
  let stranger: ClientIdentity | null = null;
  return () => {
    if (!stranger) {
      const made = makeThrowawayClientIdentity();
      stranger = { certPem: made.certPem, keyPem: made.keyPem, origin: 'throwaway CA made for this scan' };
    }
    return stranger;
  };
}
