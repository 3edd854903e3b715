/**
 * ClientHellos (RFC 5246 §7.4.1.2, RFC 2246/4346 for the old versions), written byte by byte, for
 * the questions dockprobe asks a TLS server without an OpenSSL handshake:
 *
 * - tls12ClientHello: Node's TLS client hides the server's CertificateRequest, and its list of
 *   acceptable client CAs is exactly what shows a daemon that trusts its whole system store for
 *   client certificates. So dockprobe sends this hello over a raw socket and reads the server's
 *   answer itself (tls12-server-flight.ts). TLS 1.2 only, on purpose: it offers no
 *   supported_versions extension, so a server cannot pick TLS 1.3, where the CertificateRequest
 *   travels encrypted.
 * - legacyClientHello: offers TLS 1.0 or TLS 1.1 and nothing newer; the ServerHello's version
 *   (or the alert) says whether the server still accepts it (server-hello-answer.ts). No key
 *   exchange follows, so this costs the server one hello, and the client no crypto at all.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

export const RecordType = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
export const HandshakeType = {
  helloRequest: 0,
  clientHello: 1,
  serverHello: 2,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateStatus: 22,
} as const;

export const TLS_1_0 = 0x0301;
export const TLS_1_1 = 0x0302;
export const TLS_1_2 = 0x0303;

/**
 * What Go's crypto/tls (dockerd) and OpenSSL servers pick from in TLS 1.2: ECDHE with AES-GCM
 * and ChaCha20 first, then CBC, then plain RSA key exchange for old servers.
 */
const TLS12_CIPHER_SUITES = [
  0xc02b, // ECDHE-ECDSA-AES128-GCM-SHA256
  0xc02f, // ECDHE-RSA-AES128-GCM-SHA256
  0xc02c, // ECDHE-ECDSA-AES256-GCM-SHA384
  0xc030, // ECDHE-RSA-AES256-GCM-SHA384
  0xcca9, // ECDHE-ECDSA-CHACHA20-POLY1305
  0xcca8, // ECDHE-RSA-CHACHA20-POLY1305
  0xc009, // ECDHE-ECDSA-AES128-SHA
  0xc013, // ECDHE-RSA-AES128-SHA
  0xc00a, // ECDHE-ECDSA-AES256-SHA
  0xc014, // ECDHE-RSA-AES256-SHA
  0xc023, // ECDHE-ECDSA-AES128-SHA256
  0xc027, // ECDHE-RSA-AES128-SHA256
  0x009c, // RSA-AES128-GCM-SHA256
  0x009d, // RSA-AES256-GCM-SHA384
  0x002f, // RSA-AES128-SHA
  0x0035, // RSA-AES256-SHA
  // then TLS_EMPTY_RENEGOTIATION_INFO_SCSV, added to every hello by clientHello
];

const ExtensionType = {
  serverName: 0,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  extendedMasterSecret: 23,
} as const;

/**
 * What a TLS 1.0/1.1 server can pick: the suites OpenSSL 3 itself offers in a TLS 1.0 hello at
 * DEFAULT:@SECLEVEL=0 (what dockprobe's OpenSSL probe offered before), then the older ones such
 * servers often keep (3DES, Camellia, RC4): a server that takes TLS 1.0 only with those still
 * takes TLS 1.0. Only the hello is sent, so offering a weak suite weakens nothing.
 */
export const LEGACY_CIPHER_SUITES: ReadonlyMap<number, string> = new Map([
  [0xc00a, 'ECDHE-ECDSA-AES256-SHA'],
  [0xc014, 'ECDHE-RSA-AES256-SHA'],
  [0x0039, 'DHE-RSA-AES256-SHA'],
  [0xc009, 'ECDHE-ECDSA-AES128-SHA'],
  [0xc013, 'ECDHE-RSA-AES128-SHA'],
  [0x0033, 'DHE-RSA-AES128-SHA'],
  [0x0035, 'AES256-SHA'],
  [0x002f, 'AES128-SHA'],
  [0x0084, 'CAMELLIA256-SHA'],
  [0x0041, 'CAMELLIA128-SHA'],
  [0xc012, 'ECDHE-RSA-DES-CBC3-SHA'],
  [0x0016, 'DHE-RSA-DES-CBC3-SHA'],
  [0x000a, 'DES-CBC3-SHA'],
  [0x0005, 'RC4-SHA'],
]);

/** x25519, secp256r1, secp384r1, secp521r1. */
const SUPPORTED_GROUPS = [0x001d, 0x0017, 0x0018, 0x0019];

/** ECDSA, RSA-PSS, then PKCS#1 RSA; SHA-1 last for old certificates the server may still use. */
const SIGNATURE_ALGORITHMS = [0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201];

/** A host name fit for server_name (RFC 6066): ASCII, not an IP literal, at most 255 bytes. */
function serverNameFor(name: string | undefined): string | null {
  if (name === undefined || isIP(name)) return null;
  // As Node's own handshakes send it: any host name, an IDN as its A-label, so the probe asks the
  // same virtual host as the access attempts (names with '_', such as Compose's, included).
  const ascii = /^[\x21-\x7e]+$/.test(name) ? name : domainToASCII(name);
  const trimmed = ascii.replace(/\.$/, '');
  return trimmed.length > 0 && trimmed.length <= 255 && /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : null;
}

function uint16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

function uint24(value: number): Buffer {
  return Buffer.from([(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
}

function withLength16(body: Buffer): Buffer {
  return Buffer.concat([uint16(body.length), body]);
}

function list16(values: readonly number[]): Buffer {
  return withLength16(Buffer.concat(values.map(uint16)));
}

function extension(type: number, body: Buffer): Buffer {
  return Buffer.concat([uint16(type), withLength16(body)]);
}

/** TLS_EMPTY_RENEGOTIATION_INFO_SCSV: we never renegotiate. Never TLS_FALLBACK_SCSV: a server
 * that also speaks a newer version would answer it with inappropriate_fallback and hide its answer. */
const EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

/**
 * signature_algorithms exists from TLS 1.2 on (RFC 5246 §7.4.1.4.1): a client offering only an
 * older version leaves it out, as OpenSSL does, so a strict old server sees nothing unknown.
 */
function extensions(serverName: string | null, withSignatureAlgorithms: boolean): Buffer {
  const parts: Buffer[] = [];
  if (serverName !== null) {
    const hostName = Buffer.from(serverName, 'ascii');
    // ServerNameList of one entry: name_type 0 (host_name), then the name.
    parts.push(extension(ExtensionType.serverName, withLength16(Buffer.concat([Buffer.from([0]), withLength16(hostName)]))));
  }
  parts.push(extension(ExtensionType.supportedGroups, list16(SUPPORTED_GROUPS)));
  parts.push(extension(ExtensionType.ecPointFormats, Buffer.from([1, 0]))); // uncompressed only
  if (withSignatureAlgorithms) parts.push(extension(ExtensionType.signatureAlgorithms, list16(SIGNATURE_ALGORITHMS)));
  parts.push(extension(ExtensionType.extendedMasterSecret, Buffer.alloc(0)));
  return withLength16(Buffer.concat(parts));
}

function clientHello(version: number, cipherSuites: readonly number[], serverName: string | undefined): Buffer {
  const body = Buffer.concat([
    uint16(version),
    randomBytes(32),
    Buffer.from([0]), // no session id: nothing to resume
    list16([...cipherSuites, EMPTY_RENEGOTIATION_INFO_SCSV]),
    Buffer.from([1, 0]), // compression: null only
    extensions(serverNameFor(serverName), version >= TLS_1_2),
  ]);
  const handshake = Buffer.concat([Buffer.from([HandshakeType.clientHello]), uint24(body.length), body]);
  // The record layer says TLS 1.0, as OpenSSL and browsers do, so old middleboxes pass it.
  return Buffer.concat([Buffer.from([RecordType.handshake]), uint16(TLS_1_0), withLength16(handshake)]);
}

/** One handshake record holding a TLS 1.2 ClientHello; `serverName` goes into SNI when it is a host name. */
export function tls12ClientHello(serverName?: string): Buffer {
  return clientHello(TLS_1_2, TLS12_CIPHER_SUITES, serverName);
}

/** One handshake record holding a ClientHello that offers `version` (TLS 1.0 or 1.1) and nothing newer. */
export function legacyClientHello(version: typeof TLS_1_0 | typeof TLS_1_1, serverName?: string): Buffer {
  return clientHello(version, [...LEGACY_CIPHER_SUITES.keys()], serverName);
}
