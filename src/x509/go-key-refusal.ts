/**
 * Whether Go refuses a certificate's public key, so that the docker CLI and dockerd (Go programs)
 * cannot use the certificate. One fact instead of several, because the consequence is one: a
 * certificate every docker client refuses is a broken deployment, whatever OpenSSL makes of it.
 *
 * At parse time, mirrored from parsePublicKey in Go 1.24's src/crypto/x509/parser.go: an EC key
 * must name one of the four curves Go implements (namedCurveFromOID) and carry an uncompressed
 * point of that curve (elliptic.Unmarshal); RSA parameters must be exactly NULL, the modulus and
 * exponent positive; Ed25519 takes no parameters and 32 bytes. When the key is used: crypto/tls
 * verifies only RSA, ECDSA and Ed25519 certificate keys (x509 itself no longer checks DSA
 * signatures), and from Go 1.24 crypto/rsa refuses keys under 1024 bits.
 */
import type { GoKeyRefusal } from './certificate-facts.js';
import { EC_PUBLIC_KEY_OID } from './ec-curve.js';
import { GoDerString, GoTag, goObjectIdentifierArcs } from './go-der-string.js';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const ED25519 = '1.3.101.112';
const NULL_PARAMETERS = Buffer.from([0x05, 0x00]);

/** P-224, P-256, P-384, P-521, and each one's coordinate size in bytes. */
const GO_CURVES: Readonly<Record<string, number>> = {
  '1.3.132.0.33': 28,
  '1.2.840.10045.3.1.7': 32,
  '1.3.132.0.34': 48,
  '1.3.132.0.35': 66,
};

/**
 * Why Go refuses the key in this SPKI, or null. `openSslLoaded`: whether OpenSSL could load the
 * key. A point on one of Go's curves that OpenSSL cannot load is not on the curve, which Go
 * refuses too; the on-curve arithmetic is not repeated here.
 */
export function goKeyRefusal(spki: Buffer, openSslLoaded: boolean): GoKeyRefusal | null {
  const info = new GoDerString(spki).read(GoTag.sequence);
  const fields = info === null ? null : new GoDerString(info);
  const algorithm = fields?.read(GoTag.sequence) ?? null;
  const key = fields?.readBitString() ?? null;
  if (algorithm === null || key === null) return 'malformed-key';
  const identifier = new GoDerString(algorithm);
  const oid = identifier.readObjectIdentifier();
  if (oid === null) return 'malformed-key';
  const parameters = identifier.empty ? null : identifier.readAny();
  if (!identifier.empty && parameters === null) return 'malformed-key';

  switch (oid.join('.')) {
    case RSA_ENCRYPTION:
      return rsaRefusal(parameters?.encoded ?? null, key);
    case EC_PUBLIC_KEY_OID:
      return ecRefusal(parameters?.encoded ?? null, key, openSslLoaded);
    case ED25519:
      return parameters === null && key.length === 32 ? null : 'malformed-key';
    default:
      // Go parses DSA and X25519 keys, and leaves others unparsed; crypto/tls uses none of them.
      return 'unsupported-key-type';
  }
}

function rsaRefusal(parameters: Buffer | null, key: Buffer): GoKeyRefusal | null {
  if (parameters === null || !parameters.equals(NULL_PARAMETERS)) return 'malformed-key';
  const body = new GoDerString(key).read(GoTag.sequence);
  const integers = body === null ? null : new GoDerString(body);
  const modulus = integers?.read(GoTag.integer) ?? null;
  const exponent = integers?.readInteger('signed') ?? null;
  if (modulus === null || !isMinimalInteger(modulus) || exponent === null) return 'malformed-key';
  if ((modulus[0]! & 0x80) !== 0 || /^\x00*$/.test(modulus.toString('latin1')) || exponent <= 0n) return 'malformed-key';
  const modulusBits = BigInt(`0x${modulus.toString('hex')}`).toString(2).length;
  return modulusBits < 1024 ? 'rsa-under-1024' : null;
}

function ecRefusal(parameters: Buffer | null, point: Buffer, openSslLoaded: boolean): GoKeyRefusal | null {
  const reader = new GoDerString(parameters ?? Buffer.alloc(0));
  if (reader.peekTag(GoTag.sequence)) return 'explicit-curve';
  const curve = reader.read(GoTag.objectIdentifier);
  const arcs = curve === null ? null : goObjectIdentifierArcs(curve);
  if (arcs === null) return 'malformed-key';
  const coordinateBytes = GO_CURVES[arcs.join('.')];
  if (coordinateBytes === undefined) return 'unsupported-curve';
  // elliptic.Unmarshal: the uncompressed form (0x04 ‖ X ‖ Y) only.
  if (point.length !== 1 + 2 * coordinateBytes || point[0] !== 0x04 || !openSslLoaded) return 'malformed-key';
  return null;
}

/** checkASN1Integer: at least one byte, no redundant leading 0x00 or 0xff. */
function isMinimalInteger(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (bytes.length === 1) return true;
  return !((bytes[0] === 0x00 && (bytes[1]! & 0x80) === 0) || (bytes[0] === 0xff && (bytes[1]! & 0x80) !== 0));
}
