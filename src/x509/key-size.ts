import type { KeyObject } from 'node:crypto';
import type { PublicKeyType } from './certificate-facts.js';
import { ecCurveOfSpki } from './ec-curve.js';

const KEY_TYPES_BY_NODE_NAME: Readonly<Record<string, PublicKeyType>> = {
  rsa: 'rsa',
  'rsa-pss': 'rsa-pss',
  ec: 'ec',
  dsa: 'dsa',
  ed25519: 'ed25519',
  ed448: 'ed448',
};

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192,
  'P-192': 192,
  secp224r1: 224,
  'P-224': 224,
  prime256v1: 256,
  secp256r1: 256,
  'P-256': 256,
  secp384r1: 384,
  'P-384': 384,
  secp521r1: 521,
  'P-521': 521,
  secp256k1: 256,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

/** Edwards keys have no size parameter; these are the conventional sizes of their curves. */
const EDWARDS_KEY_BITS: Partial<Record<PublicKeyType, number>> = { ed25519: 256, ed448: 448 };

/**
 * Type and size of a key as node:crypto describes it (KeyObject.asymmetricKeyType and
 * asymmetricKeyDetails). One table for certificates' keys and key files, so a key and its
 * certificate always agree on what they are.
 */
export function keyTypeAndSize(
  nodeKeyType: string | undefined,
  details: { modulusLength?: number; namedCurve?: string } | undefined,
): { type: PublicKeyType | undefined; bits: number | null } {
  const type = nodeKeyType !== undefined ? KEY_TYPES_BY_NODE_NAME[nodeKeyType] : undefined;
  const bits =
    details?.modulusLength ??
    (details?.namedCurve !== undefined ? CURVE_BITS[details.namedCurve] : undefined) ??
    (type !== undefined ? EDWARDS_KEY_BITS[type] : undefined) ??
    null;
  return { type, bits };
}

/**
 * keyTypeAndSize for a public KeyObject. An EC key's curve is read from its SPKI, never from
 * asymmetricKeyDetails: on an EC private key whose scalar is longer than the curve's order (a
 * corrupt key file), Node 20 fails a CHECK in GetEcKeyDetail and aborts the whole process, which
 * no try/catch can stop. Its public half exports fine, so the SPKI is always there to read.
 */
export function describePublicKeyObject(publicKey: KeyObject, knownSpki?: Buffer): { type: PublicKeyType | undefined; bits: number | null } {
  const nodeKeyType = publicKey.asymmetricKeyType;
  if (nodeKeyType === 'ec') {
    // knownSpki: the key's SPKI the caller already has (a certificate's own, or one written by
    // public-key-spki.ts), which holds the same curve; an export costs 100–300 µs. A curve
    // named or spelled out there (explicit parameters: sized by the order) settles it.
    const curve = (knownSpki && ecCurveOfSpki(knownSpki)) || ecCurveOfSpki(publicKey.export({ type: 'spki', format: 'der' }));
    return { type: 'ec', bits: curve?.bits ?? null };
  }
  return keyTypeAndSize(nodeKeyType, publicKey.asymmetricKeyDetails);
}
