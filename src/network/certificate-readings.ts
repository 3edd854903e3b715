import type { CertificateFacts } from '../x509/certificate-facts.js';
import { certificateFacts } from '../x509/read-certificate.js';

/** Turns a certificate's DER bytes into its facts. */
export interface CertificateReader {
  read(der: Buffer): CertificateFacts;
}

/**
 * The certificates a scan has already read, by their DER bytes: endpoints of one fleet show the
 * same CA (Node appends it from the trust store) and often the same leaf, and reading one costs
 * a parse by OpenSSL, a signature check and our own DER walk, while the facts depend on the bytes
 * alone. Bounded: past MAX_KEPT different certificates the oldest are read again when seen.
 */
export class CertificateReadings implements CertificateReader {
  private static readonly MAX_KEPT = 1024;
  private readonly kept = new Map<string, CertificateFacts>();

  /** Throws, as certificateFacts does, for bytes that are not a readable certificate (never kept). */
  read(der: Buffer): CertificateFacts {
    const key = der.toString('base64');
    let facts = this.kept.get(key);
    if (!facts) {
      facts = certificateFacts(der);
      if (this.kept.size >= CertificateReadings.MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, facts);
    }
    // Each endpoint's report gets its own copy: nothing one of them does reaches another.
    return structuredClone(facts);
  }
}
