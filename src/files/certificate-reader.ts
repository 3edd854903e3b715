/**
 * Reads the certificates of one files audit, each distinct certificate once: a fleet's CA is
 * copied into every host's ca.pem and bundle, and hard links show one file under many names.
 * Parsing (X509Certificate, OpenSSL underneath) is most of what a files audit costs, so a
 * certificate met again is looked up by its content, never parsed again.
 *
 * The facts are kept for the whole run (a few hundred bytes each). The parsed certificates are
 * not: OpenSSL's copy is about 6 KB, 60 MB for 10,000 files. Only the most recently read ones
 * are kept, enough for the chain check of the files just classified (the collector observes a
 * file right after reading it; a directory's neighbours are read together, up to
 * MAX_DIRECTORY_NEIGHBOURS in material-lookup.ts).
 */
import { createHash, type X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../x509/certificate-facts.js';
import { parseCertificate, readCertificate } from '../x509/read-certificate.js';
import { certificatePublicKeyFingerprint } from './private-key-facts.js';

/** Above the 1,000 neighbours a directory listing reads at once, so a folder's chain checks find its leaves parsed. */
const RECENT_PARSES_KEPT = 2048;

export interface CertificateRecord {
  facts: CertificateFacts;
  /** sha256 of the SPKI as OpenSSL writes it (see public-key-spki.ts), computed on first call; null when the key cannot be loaded. */
  publicKeyFingerprint: () => string | null;
}

/** Computes on the first call and remembers. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

export class CertificateReader {
  private readonly records = new Map<string, CertificateRecord>();
  /** Insertion order is recency: a hit is moved to the end, the oldest is dropped first. */
  private readonly recent = new Map<string, X509Certificate>();

  /** The facts of the certificate `der`; throws an Error in words as certificateFacts does. */
  read(der: Buffer): CertificateRecord {
    const id = contentId(der);
    let record = this.records.get(id);
    if (!record) {
      const certificate = this.parsedById(id, der);
      const reading = readCertificate(certificate);
      const spki = reading.loadedSubjectPublicKeyInfo;
      record = { facts: reading.facts, publicKeyFingerprint: once(() => certificatePublicKeyFingerprint(der, spki)) };
      this.records.set(id, record);
    }
    return record;
  }

  /** The parsed certificate `der`, from the recent ones when it is there; throws as parseCertificate does. */
  parsed(der: Buffer): X509Certificate {
    return this.parsedById(contentId(der), der);
  }

  private parsedById(id: string, der: Buffer): X509Certificate {
    let certificate = this.recent.get(id);
    if (certificate) {
      this.recent.delete(id);
    } else {
      certificate = parseCertificate(der);
      if (this.recent.size >= RECENT_PARSES_KEPT) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(id, certificate);
    return certificate;
  }
}

/** SHA-256 of the DER: a short key for a Map, 1–2 µs against 100–200 µs for a parse. */
function contentId(der: Buffer): string {
  return createHash('sha256').update(der).digest('base64');
}
