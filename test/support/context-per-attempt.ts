/**
 * The two ways of handing TLS contexts to an endpoint's attempts that the tests hold against
 * each other: a fresh context for every attempt, built from the very options dockprobe passed
 * per request before it shared them (written out here, not taken from src), and the scan's
 * shared contexts, counted.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import type { CertificateReader } from '../../src/network/certificate-readings.js';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { certificateFacts } from '../../src/x509/read-certificate.js';
import type { ProbeSettings } from '../../src/network/probe-endpoint.js';
import type { ChainCheck, ScanSecureContexts, SecureContexts, TlsIdentity } from '../../src/network/secure-contexts.js';

/** Before: https.request got these options on every attempt, and tls.connect built a context of them each time. */
export class ContextPerAttempt implements SecureContexts {
  constructor(private readonly settings: () => ProbeSettings) {}

  of(identity: TlsIdentity): SecureContext {
    // Every attempt verified the chain against the CA given, whether or not its chain was used.
    const { credentials, untrustedIdentity } = this.settings();
    const material = identity === 'user' ? credentials.user : identity === 'untrusted' ? untrustedIdentity() : null;
    return createSecureContext({ ca: credentials.caPem ?? undefined, cert: material?.certPem, key: material?.keyPem, ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1' });
  }
}

/** The scan's contexts, counting how many distinct ones the attempts were handed. */
export class CountedScanContexts implements SecureContexts {
  readonly handedOut = new Set<SecureContext>();
  constructor(private readonly inner: ScanSecureContexts) {}

  of(identity: TlsIdentity, chain: ChainCheck): SecureContext {
    const context = this.inner.of(identity, chain);
    this.handedOut.add(context);
    return context;
  }
}

/** Before: every certificate of every attempt was read anew. */
export const READ_EVERY_TIME: CertificateReader = { read: certificateFacts };

/** An observation as the report shows it, less the time it took. */
export function withoutTiming(observation: EndpointObservation): EndpointObservation {
  return { ...observation, durationMs: 0 };
}
