import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { pemCertificateDers } from '../x509/pem-certificate-bodies.js';

export interface OfflineChainVerdict {
  verified: boolean;
  /** OpenSSL's name for the failure, so reports read the same as a live verification's. */
  error: string | null;
}

const MAX_DEPTH = 10;

/** Node's bundled roots take ~30 ms to parse: once per process, and once per distinct user CA bundle. */
const anchorCache = new Map<string | null, X509Certificate[]>();

function trustAnchors(trustedPem: string | null): X509Certificate[] {
  let anchors = anchorCache.get(trustedPem);
  if (!anchors) {
    anchors = parseAll(trustedPem === null ? rootCertificates : [trustedPem]);
    anchorCache.set(trustedPem, anchors);
  }
  return anchors;
}

function parseAll(pems: readonly string[]): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  for (const pem of pems) {
    for (const der of pemCertificateDers(pem)) {
      try {
        certificates.push(new X509Certificate(der));
      } catch {
        // One unreadable certificate in a bundle must not hide the others.
      }
    }
  }
  return certificates;
}

/** The names line up and the issuer's key made the signature. */
function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** As OpenSSL: only a CA (basicConstraints cA) may sign another certificate in a chain. */
function signedByCa(child: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && issuedBy(child, issuer);
}

/**
 * Does the chain a server sent lead, by signatures, to a trusted CA? Used only when the server
 * refused our handshake before it finished (a TLS 1.2 daemon demanding a client certificate):
 * OpenSSL then never reports its own verdict, yet the chain was sent and must still be judged.
 *
 * It checks names and signatures, not validity dates or purposes; the expiry and EKU rules judge
 * those from the same chain, so nothing goes unjudged.
 *
 * @param chainDer leaf first, as the server sent it; a certificate the caller has parsed already may be passed as such
 * @param trustedPem the user's CA bundle; null means the system store (Node's bundled roots)
 */
export function verifyChainOffline(chainDer: readonly (Buffer | X509Certificate)[], trustedPem: string | null): OfflineChainVerdict {
  let presented: X509Certificate[];
  try {
    presented = chainDer.map((der) => (Buffer.isBuffer(der) ? new X509Certificate(der) : der));
  } catch {
    return { verified: false, error: 'UNREADABLE_CERTIFICATE' };
  }
  const leaf = presented[0];
  if (!leaf) return { verified: false, error: 'NO_CERTIFICATE' };
  const anchors = trustAnchors(trustedPem);
  const isAnchor = (cert: X509Certificate) => anchors.some((anchor) => anchor.fingerprint256 === cert.fingerprint256);

  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (isAnchor(current) || anchors.some((anchor) => signedByCa(current, anchor))) return { verified: true, error: null };
    if (issuedBy(current, current)) return { verified: false, error: depth === 0 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN' };
    const issuer = presented.find((candidate) => candidate !== current && signedByCa(current, candidate));
    if (!issuer) {
      // Signed, but by a certificate that may not sign: OpenSSL's "invalid CA certificate".
      const notCa = [...presented, ...anchors].some((candidate) => candidate !== current && !candidate.ca && issuedBy(current, candidate));
      if (notCa) return { verified: false, error: 'INVALID_CA' };
      return { verified: false, error: depth === 0 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' };
    }
    current = issuer;
  }
  return { verified: false, error: 'CERT_CHAIN_TOO_LONG' };
}
