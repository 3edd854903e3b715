/**
 * Go's Certificate.CheckSignatureFrom: may this parent sign certificates at all (basicConstraints
 * cA, keyUsage keyCertSign), and did its key make the child's signature, with an algorithm Go
 * accepts for certificates (no SHA-1, no MD5, RSA-PSS only in its three usual forms).
 */
import { constants, verify } from 'node:crypto';
import { childrenOf, decodeInteger, decodeObjectIdentifier, isContext, isUniversal, sequenceChildren, UniversalTag, type DerElement } from '../der-reader.js';
import type { ChainFailureReason } from './chain-verdict.js';
import type { GoKeyAlgorithm, PathCertificate } from './path-certificate.js';

export interface SignatureRefusal {
  reason: ChainFailureReason;
  detail: string;
}

/** pssSaltLength: set for RSASSA-PSS, whose salt Go requires to be as long as the hash. */
type SignatureKind = { key: Exclude<GoKeyAlgorithm, 'unknown'>; hash: string | null; name: string; insecure?: true; pssSaltLength?: number };

/** Go's signatureAlgorithmDetails, by OID. A hash of null: Ed25519, or MD2 (which Go cannot verify). */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, SignatureKind>> = {
  '1.2.840.113549.1.1.2': { key: 'rsa', hash: null, name: 'MD2-RSA' },
  '1.2.840.113549.1.1.4': { key: 'rsa', hash: 'md5', name: 'MD5-RSA', insecure: true },
  '1.2.840.113549.1.1.5': { key: 'rsa', hash: 'sha1', name: 'SHA1-RSA', insecure: true },
  '1.3.14.3.2.29': { key: 'rsa', hash: 'sha1', name: 'SHA1-RSA', insecure: true },
  '1.2.840.113549.1.1.11': { key: 'rsa', hash: 'sha256', name: 'SHA256-RSA' },
  '1.2.840.113549.1.1.12': { key: 'rsa', hash: 'sha384', name: 'SHA384-RSA' },
  '1.2.840.113549.1.1.13': { key: 'rsa', hash: 'sha512', name: 'SHA512-RSA' },
  '1.2.840.10040.4.3': { key: 'dsa', hash: 'sha1', name: 'DSA-SHA1', insecure: true },
  '2.16.840.1.101.3.4.3.2': { key: 'dsa', hash: 'sha256', name: 'DSA-SHA256' },
  '1.2.840.10045.4.1': { key: 'ec', hash: 'sha1', name: 'ECDSA-SHA1', insecure: true },
  '1.2.840.10045.4.3.2': { key: 'ec', hash: 'sha256', name: 'ECDSA-SHA256' },
  '1.2.840.10045.4.3.3': { key: 'ec', hash: 'sha384', name: 'ECDSA-SHA384' },
  '1.2.840.10045.4.3.4': { key: 'ec', hash: 'sha512', name: 'ECDSA-SHA512' },
  '1.3.101.112': { key: 'ed25519', hash: null, name: 'Ed25519' },
};

const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
const PSS_HASHES: Readonly<Record<string, { hash: string; saltLength: number }>> = {
  '2.16.840.1.101.3.4.2.1': { hash: 'sha256', saltLength: 32 },
  '2.16.840.1.101.3.4.2.2': { hash: 'sha384', saltLength: 48 },
  '2.16.840.1.101.3.4.2.3': { hash: 'sha512', saltLength: 64 },
};

export function checkSignatureFrom(child: PathCertificate, parent: PathCertificate): SignatureRefusal | null {
  // RFC 5280 §4.2.1.9: a v3 certificate without basicConstraints, or with cA false, signs nothing.
  const constraints = parent.basicConstraints;
  if ((parent.structure.version === 3 && constraints === null) || (constraints !== null && !constraints.ca)) {
    const why = constraints === null ? 'has no basicConstraints extension' : 'has basicConstraints cA false';
    return { reason: 'issuer-not-ca', detail: `the issuer "${parent.subject}" ${why}, so it may not sign certificates` };
  }
  if (parent.keyUsage !== null && !parent.keyUsage.includes('keyCertSign')) {
    return { reason: 'issuer-lacks-key-cert-sign', detail: `the issuer "${parent.subject}" has keyUsage ${parent.keyUsage.join(', ')} without keyCertSign` };
  }
  if (parent.keyAlgorithm === 'unknown') return { reason: 'unsupported-algorithm', detail: `the issuer "${parent.subject}" has a key algorithm Go does not support` };
  return verifySignature(child, parent);
}

function verifySignature(child: PathCertificate, parent: PathCertificate): SignatureRefusal | null {
  const { signatureAlgorithmOid: oid, signatureAlgorithmParameters: parameters, tbsCertificate, signatureValue } = child.structure;
  const kind = signatureKind(oid, parameters);
  if (kind === undefined) return { reason: 'unsupported-algorithm', detail: `"${child.subject}" is signed with ${oid}, an algorithm Go does not verify` };
  if (kind.insecure) return { reason: 'insecure-signature-algorithm', detail: `"${child.subject}" is signed with ${kind.name}, which Go refuses as insecure` };
  if (kind.hash === null && kind.key !== 'ed25519') return { reason: 'unsupported-algorithm', detail: `"${child.subject}" is signed with ${kind.name}, which Go cannot verify` };
  if (kind.key !== parent.keyAlgorithm) {
    return { reason: 'bad-signature', detail: `"${child.subject}" is signed with ${kind.name}, but its issuer "${parent.subject}" has a ${parent.keyAlgorithm.toUpperCase()} key` };
  }
  // Go parses DSA keys but verifies no DSA signature.
  if (parent.publicKey === null) return { reason: 'unsupported-algorithm', detail: `"${child.subject}" is signed with ${kind.name}, which Go cannot verify` };
  const key =
    kind.key === 'rsa'
      ? { key: parent.publicKey, padding: kind.pssSaltLength !== undefined ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING, saltLength: kind.pssSaltLength }
      : parent.publicKey;
  let valid: boolean;
  try {
    valid = verify(kind.hash, tbsCertificate, key, signatureValue);
  } catch {
    valid = false;
  }
  return valid ? null : { reason: 'bad-signature', detail: `the signature on "${child.subject}" was not made by the key of "${parent.subject}"` };
}

function signatureKind(oid: string, parameters: DerElement | undefined): SignatureKind | undefined {
  if (oid === RSASSA_PSS) return pssKind(parameters);
  // RFC 8410: Ed25519's AlgorithmIdentifier has no parameters; Go does not know it with them.
  if (oid === ED25519_SIGNATURE && parameters !== undefined) return undefined;
  return SIGNATURE_ALGORITHMS[oid];
}

const ED25519_SIGNATURE = '1.3.101.112';

/**
 * Go accepts RSASSA-PSS only when the MGF1 hash is the message hash, the salt is as long as
 * the hash, and the trailer is the default; anything else is an unknown algorithm to it.
 */
function pssKind(parameters: DerElement | undefined): SignatureKind | undefined {
  try {
    if (parameters === undefined || !isUniversal(parameters, UniversalTag.sequence)) return undefined;
    let hashOid = '1.3.14.3.2.26';
    let mgfHashOid = '1.3.14.3.2.26';
    let saltLength = 20n;
    for (const field of childrenOf(parameters)) {
      const [inner] = childrenOf(field);
      if (isContext(field, 0)) hashOid = algorithmOid(inner);
      else if (isContext(field, 1)) {
        const [mgfOid, mgfParameters] = sequenceChildren(inner, 'maskGenAlgorithm');
        if (decodeObjectIdentifier(mgfOid) !== MGF1) return undefined;
        mgfHashOid = algorithmOid(mgfParameters);
      } else if (isContext(field, 2)) saltLength = decodeInteger(inner);
      else if (isContext(field, 3)) {
        if (decodeInteger(inner) !== 1n) return undefined;
      }
    }
    const hash = PSS_HASHES[hashOid];
    if (hash === undefined || mgfHashOid !== hashOid || saltLength !== BigInt(hash.saltLength)) return undefined;
    return { key: 'rsa', hash: hash.hash, name: `${hash.hash.toUpperCase()}-RSAPSS`, pssSaltLength: hash.saltLength };
  } catch {
    return undefined;
  }
}

/** An AlgorithmIdentifier's OID; its parameters, when present, must be NULL (as Go demands for PSS hashes). */
function algorithmOid(element: DerElement | undefined): string {
  const [oid, parameters] = sequenceChildren(element, 'AlgorithmIdentifier');
  if (parameters !== undefined && !isUniversal(parameters, UniversalTag.null)) throw new Error('hash parameters not NULL');
  return decodeObjectIdentifier(oid);
}
