/**
 * What a file holds, from its bytes and its name: certificates (one or a bundle, PEM or DER),
 * a private key (PKCS#8, PKCS#1, SEC1, encrypted or not, PEM or DER), a CSR, an openssl
 * extension file or a serial file. Anything broken is said in words, never thrown.
 */
import type { CertificateFacts } from '../x509/certificate-facts.js';
import { CertificateReader } from './certificate-reader.js';
import type { FileKind, KeyFacts, KeyFormat } from './file-observation.js';
import { base64Lines, labelForMessage, looksLikePem, parsePem, type PemBlock } from './pem-blocks.js';
import {
  encryptedKeyFacts,
  isDerCertificateRequest,
  isEncryptedPkcs8,
  opensshKeyIsEncrypted,
  plainKeyFacts,
  plainKeyFactsFromPem,
  type DerKeyEncoding,
} from './private-key-facts.js';

export interface ContentFacts {
  kind: FileKind;
  parseError: string | null;
  /**
   * false when nothing in the bytes looked like key material (plain text, binary junk, an empty
   * file): the collector then calls the file 'other' unless its name or role promised material.
   */
  materialDetected: boolean;
  certificates: CertificateFacts[];
  key: KeyFacts | null;
  /** The certificates' DER (public data), leaf first, for chain checks. Never key bytes. */
  certificateDers: Buffer[];
  /**
   * sha256 of the first certificate's SPKI, to pair it with a key. A function, computed once on
   * first call: only pairing needs it (see CertificateRecord).
   */
  leafPublicKeyFingerprint: () => string | null;
}

const NO_FINGERPRINT = (): null => null;

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
const PLAIN_KEY_LABELS: Readonly<Record<string, { encoding: DerKeyEncoding; format: KeyFormat }>> = {
  'PRIVATE KEY': { encoding: 'pkcs8', format: 'pkcs8' },
  'RSA PRIVATE KEY': { encoding: 'pkcs1', format: 'pkcs1' },
  'EC PRIVATE KEY': { encoding: 'sec1', format: 'sec1' },
};
const ENCRYPTED_PKCS8_LABEL = 'ENCRYPTED PRIVATE KEY';

function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}

/** Names that say what a file is even when its contents do not (an empty ca.srl is still a serial file). */
export function kindFromName(fileName: string): 'openssl-config' | 'serial' | null {
  if (/\.(cnf|ext)$/i.test(fileName)) return 'openssl-config';
  if (/\.srl$/i.test(fileName)) return 'serial';
  return null;
}

const nothing = {
  certificates: [] as CertificateFacts[],
  key: null,
  certificateDers: [] as Buffer[],
  leafPublicKeyFingerprint: NO_FINGERPRINT,
};

function unparseable(parseError: string, materialDetected: boolean): ContentFacts {
  return { ...nothing, kind: 'unparseable', parseError, materialDetected };
}

function plainKind(kind: FileKind): ContentFacts {
  return { ...nothing, kind, parseError: null, materialDetected: kind !== 'other' };
}

/** Starts the reason of a file whose reading threw: a bug of ours, reported rather than ending the audit. */
export const READER_BUG_REASON = 'dockprobe failed while reading it (a dockprobe bug; please report it)';

/**
 * The files collector's reader of untrusted bytes: facts, or 'unparseable' with a reason. The
 * readers below turn every malformed input into a reason themselves (npm run fuzz checks that);
 * the catch is the last line, so one file a reader still chokes on is one finding, not a
 * crashed audit.
 */
export function classifyContent(content: Buffer, fileName: string, certificates: CertificateReader = new CertificateReader()): ContentFacts {
  try {
    return classifyBytes(content, fileName, certificates);
  } catch (error) {
    return unparseable(`${READER_BUG_REASON}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, true);
  }
}

function classifyBytes(content: Buffer, fileName: string, reader: CertificateReader): ContentFacts {
  const namedKind = kindFromName(fileName);
  if (content.length === 0) return namedKind ? plainKind(namedKind) : unparseable('empty file', false);

  const text = content.toString('latin1');
  if (looksLikePem(text)) return classifyPem(text, namedKind, reader);
  if (namedKind) return plainKind(namedKind);
  if (content[0] === 0x30) {
    const der = classifyDer(content, reader);
    if (der) return der;
  }
  return isBinary(content)
    ? unparseable('binary data, not PEM or DER', false)
    : unparseable('text without a PEM block', false);
}

function classifyPem(text: string, namedKind: 'openssl-config' | 'serial' | null, reader: CertificateReader): ContentFacts {
  const parsed = parsePem(text);
  if (parsed.error !== null) return unparseable(parsed.error, true);

  const certificateBlocks = parsed.blocks.filter((block) => CERTIFICATE_LABELS.has(block.label));
  const keyBlock = parsed.blocks.find((block) => isPrivateKeyLabel(block.label));
  const hasCsr = parsed.blocks.some((block) => CSR_LABELS.has(block.label));

  const certificates: CertificateFacts[] = [];
  let leafPublicKeyFingerprint: () => string | null = NO_FINGERPRINT;
  for (const [index, block] of certificateBlocks.entries()) {
    try {
      const record = reader.read(block.der);
      certificates.push(record.facts);
      if (index === 0) leafPublicKeyFingerprint = record.publicKeyFingerprint;
    } catch (error) {
      const which = certificateBlocks.length > 1 ? `certificate ${index + 1} of ${certificateBlocks.length}` : 'certificate';
      return unparseable(`${which} cannot be parsed: ${(error as Error).message}`, true);
    }
  }
  // Kept as DER, not as the parsed certificate: ten thousand of those would stay in memory.
  const certificateDers = certificateBlocks.map((block) => block.der);

  let key: KeyFacts | null = null;
  if (keyBlock) {
    try {
      key = pemKeyFacts(keyBlock);
    } catch (error) {
      return unparseable((error as Error).message, true);
    }
  }

  // A file with both a key and certificates (cat cert.pem key.pem) is judged as a key: it is as secret as one.
  if (key) return { kind: 'private-key', parseError: null, materialDetected: true, certificates, key, certificateDers, leafPublicKeyFingerprint };
  if (certificates.length > 0) {
    return { kind: 'certificate', parseError: null, materialDetected: true, certificates, key: null, certificateDers, leafPublicKeyFingerprint };
  }
  if (hasCsr) return plainKind('csr');
  if (namedKind) return plainKind(namedKind);
  return unparseable(`PEM holds ${labelList(parsed.blocks) || 'no complete block'}, not a certificate or private key`, true);
}

/** Labels a reason can name: each shortened, and only the first few of a file with many. */
const MAX_LABELS_IN_MESSAGE = 5;

function labelList(blocks: readonly PemBlock[]): string {
  const labels = [...new Set(blocks.map((block) => block.label))];
  const named = labels.slice(0, MAX_LABELS_IN_MESSAGE).map(labelForMessage).join(', ');
  return labels.length > MAX_LABELS_IN_MESSAGE ? `${named} and ${labels.length - MAX_LABELS_IN_MESSAGE} other labels` : named;
}

function pemKeyFacts(block: PemBlock): KeyFacts {
  const legacyEncrypted = /ENCRYPTED/i.test(block.headers.get('Proc-Type') ?? '');
  if (legacyEncrypted) return encryptedKeyFacts('legacy-encrypted-pem');
  if (block.label === ENCRYPTED_PKCS8_LABEL) return encryptedKeyFacts('encrypted-pkcs8');
  if (block.label === 'OPENSSH PRIVATE KEY') {
    const encrypted = opensshKeyIsEncrypted(block.der);
    if (encrypted === null) throw new Error('OPENSSH PRIVATE KEY block is not an OpenSSH key');
    // node:crypto cannot read this format; Docker cannot either, but it is still a secret on disk.
    return { format: 'unknown', encrypted, type: null, bits: null, publicKeyFingerprint: null };
  }
  const plain = PLAIN_KEY_LABELS[block.label];
  if (plain) return plainKeyFacts(block.der, plain.encoding, plain.format);
  // "DSA PRIVATE KEY" and other traditional formats node:crypto reads only from text.
  return plainKeyFactsFromPem(rebuildPem(block), 'unknown');
}

function rebuildPem(block: PemBlock): string {
  const body = base64Lines(block.der);
  return `-----BEGIN ${block.label}-----\n${body}\n-----END ${block.label}-----\n`;
}

/** DER certificate, DER key (encrypted or not) or DER CSR; null when it is none of them. */
function classifyDer(content: Buffer, reader: CertificateReader): ContentFacts | null {
  try {
    const record = reader.read(content);
    return {
      kind: 'certificate',
      parseError: null,
      materialDetected: true,
      certificates: [record.facts],
      key: null,
      certificateDers: [content],
      leafPublicKeyFingerprint: record.publicKeyFingerprint,
    };
  } catch (error) {
    if (!/not a certificate Node can parse/.test((error as Error).message)) {
      return unparseable(`DER certificate cannot be parsed: ${(error as Error).message}`, true);
    }
  }
  if (isEncryptedPkcs8(content)) {
    return { ...nothing, kind: 'private-key', parseError: null, materialDetected: true, key: encryptedKeyFacts('encrypted-pkcs8') };
  }
  for (const encoding of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return { ...nothing, kind: 'private-key', parseError: null, materialDetected: true, key: plainKeyFacts(content, encoding, 'der') };
    } catch {
      // Try the next encoding: DER carries no label saying which one it is.
    }
  }
  if (isDerCertificateRequest(content)) return plainKind('csr');
  return null;
}

/** NUL bytes or many control characters: not text anyone would write. */
function isBinary(content: Buffer): boolean {
  const sample = content.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  return control > sample.length / 20;
}
