/**
 * The curve of an EC key, read from its SubjectPublicKeyInfo (RFC 5480): the AlgorithmIdentifier
 * of id-ecPublicKey carries ECParameters, either a named curve's OID or the curve itself spelled
 * out (RFC 3279's explicit parameters: field, coefficients, base point, order, cofactor). An
 * explicit curve still has a size: the bit length of its order n, which is what OpenSSL prints as
 * "Public-Key: (N bit)".
 */
import { childrenOf, DerError, decodeInteger, decodeObjectIdentifier, isUniversal, readSingleElement, sequenceChildren, UniversalTag, type DerElement } from './der-reader.js';

export const EC_PUBLIC_KEY_OID = '1.2.840.10045.2.1';

/** Named curves (RFC 5480, SEC 2, RFC 5639) by OID, under the names node:crypto and OpenSSL use, with their sizes. */
const NAMED_CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  '1.2.840.10045.3.1.1': { name: 'prime192v1', bits: 192 },
  '1.3.132.0.33': { name: 'secp224r1', bits: 224 },
  '1.2.840.10045.3.1.7': { name: 'prime256v1', bits: 256 },
  '1.3.132.0.34': { name: 'secp384r1', bits: 384 },
  '1.3.132.0.35': { name: 'secp521r1', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
};

export type EcCurve =
  /** name: as OpenSSL names it, or the dotted OID of a curve not listed here; bits null then. */
  | { kind: 'named'; oid: string; name: string; bits: number | null }
  /** bits: the order's bit length; null when the parameters do not decode. */
  | { kind: 'explicit'; bits: number | null };

/** The curve of an id-ecPublicKey SPKI; null for another key type, absent parameters (implicitlyCA) or DER that does not parse. */
export function ecCurveOfSpki(spki: Buffer): EcCurve | null {
  try {
    const [algorithm] = sequenceChildren(readSingleElement(spki), 'SubjectPublicKeyInfo');
    const [oid, parameters] = sequenceChildren(algorithm, 'algorithm');
    if (decodeObjectIdentifier(oid) !== EC_PUBLIC_KEY_OID || parameters === undefined) return null;
    return ecCurveOfParameters(parameters);
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

/** ECParameters as found in an AlgorithmIdentifier; null when they are neither a curve OID nor a SEQUENCE. */
export function ecCurveOfParameters(parameters: DerElement): EcCurve | null {
  if (isUniversal(parameters, UniversalTag.objectIdentifier)) {
    const oid = decodeObjectIdentifier(parameters);
    const known = NAMED_CURVES[oid];
    return { kind: 'named', oid, name: known?.name ?? oid, bits: known?.bits ?? null };
  }
  if (isUniversal(parameters, UniversalTag.sequence) && parameters.constructed) return { kind: 'explicit', bits: explicitOrderBits(parameters) };
  return null;
}

/** SEQUENCE { version, fieldID, curve, base, order INTEGER, cofactor OPTIONAL }: the bit length of a positive order. */
function explicitOrderBits(parameters: DerElement): number | null {
  try {
    const order = decodeInteger(childrenOf(parameters)[4]);
    return order > 0n ? order.toString(2).length : null;
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}
