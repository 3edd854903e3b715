/**
 * Whether Go's crypto/x509 refuses a certificate because of one of its extensions. The docker
 * CLI and dockerd are Go programs: x509.ParseCertificate failing means the certificate is not
 * used at all (dockerd will not start with it, the CLI will not connect, a CA Go cannot parse
 * drops out of the CA pool). Mirrored from Go 1.24's src/crypto/x509/parser.go (parseExtension,
 * processExtensions and the parse* helpers it calls), on the cryptobyte reading of
 * go-der-string.ts, returning Go's own error text, and held against the real docker CLI 28.2
 * (go1.24.3) in test/x509/malformed-extensions.test.ts.
 *
 * Not mirrored, so never reported as a refusal here (Go may still refuse): the mailbox syntax
 * of rfc822Name name constraints with an '@' (parseRFC2821Mailbox), and the parts of url.Parse
 * beyond control characters, the scheme and the host's labels for URI SANs.
 */
import { isIP } from 'node:net';
import type { CertificateExtension } from './certificate-structure.js';
import { contextConstructed, contextPrimitive, GoDerString, GoTag, goObjectIdentifierArcs } from './go-der-string.js';

/** Go's words when ParseCertificate refuses the extension as encoded in `extension.encoded`; null when Go takes it. */
export function goExtensionRefusal(extension: CertificateExtension): string | null {
  const der = new GoDerString(extension.encoded);
  const fields = der.read(GoTag.sequence);
  if (fields === null) return 'x509: malformed extension';
  const reader = new GoDerString(fields);
  const oid = reader.readObjectIdentifier();
  if (oid === null) return 'x509: malformed extension OID field';
  let critical = false;
  if (reader.peekTag(GoTag.boolean)) {
    const flag = reader.readBoolean();
    if (flag === null) return 'x509: malformed extension critical field';
    critical = flag;
  }
  const value = reader.read(GoTag.octetString);
  if (value === null) return 'x509: malformed extension value field';
  const parse = EXTENSION_PARSERS[oid.join('.')];
  return parse ? parse(new GoDerString(value), critical) : null;
}

type Parser = (value: GoDerString, critical: boolean) => string | null;

const AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';

/** processExtensions: the extensions Go decodes, by OID. Others are Go's "unhandled" (a verify matter if critical, never a parse error). */
const EXTENSION_PARSERS: Readonly<Record<string, Parser>> = {
  '2.5.29.14': subjectKeyIdentifier,
  '2.5.29.15': keyUsage,
  '2.5.29.17': subjectAltName,
  '2.5.29.19': basicConstraints,
  '2.5.29.30': nameConstraints,
  '2.5.29.31': crlDistributionPoints,
  '2.5.29.32': certificatePolicies,
  '2.5.29.33': policyMappings,
  '2.5.29.35': authorityKeyIdentifier,
  '2.5.29.36': policyConstraints,
  '2.5.29.37': extendedKeyUsage,
  '2.5.29.54': inhibitAnyPolicy,
  [AUTHORITY_INFO_ACCESS]: authorityInfoAccess,
};

function keyUsage(value: GoDerString): string | null {
  return value.readBitString() === null ? 'x509: invalid key usage' : null;
}

function basicConstraints(value: GoDerString): string | null {
  const fields = value.read(GoTag.sequence);
  if (fields === null) return 'x509: invalid basic constraints';
  const reader = new GoDerString(fields);
  if (reader.peekTag(GoTag.boolean) && reader.readBoolean() === null) return 'x509: invalid basic constraints';
  // Go 1.24 reads maxPathLen into an int: a negative one parses (and means "no limit"). Later Go
  // reads it into a uint and refuses it; the docker CLI 28.2 (go1.24.3) takes it.
  if (reader.peekTag(GoTag.integer) && reader.readInteger('signed') === null) return 'x509: invalid basic constraints';
  return null;
}

const NAME_TYPE = { email: 1, dns: 2, uri: 6, ip: 7 } as const;

function subjectAltName(value: GoDerString): string | null {
  // forEachSAN: the callback gets tag ^ 0x80, so only primitive context tags match a name type.
  const names = value.read(GoTag.sequence);
  if (names === null) return 'x509: invalid subject alternative names';
  const reader = new GoDerString(names);
  while (!reader.empty) {
    const name = reader.readAny();
    if (name === null) return 'x509: invalid subject alternative name';
    const problem = sanProblem(name.tag ^ 0x80, name.contents);
    if (problem !== null) return problem;
  }
  return null;
}

function sanProblem(nameType: number, data: Buffer): string | null {
  switch (nameType) {
    case NAME_TYPE.email:
      return isIa5(data) ? null : 'x509: SAN rfc822Name is malformed';
    case NAME_TYPE.dns:
      return isIa5(data) ? null : 'x509: SAN dNSName is malformed';
    case NAME_TYPE.uri:
      return isIa5(data) ? uriProblem(data.toString('latin1')) : 'x509: SAN uniformResourceIdentifier is malformed';
    case NAME_TYPE.ip:
      return data.length === 4 || data.length === 16 ? null : `x509: cannot parse IP address of length ${data.length}`;
    default:
      return null;
  }
}

/** The part of url.Parse mirrored here, then the host check parseSANExtension adds. */
function uriProblem(uri: string): string | null {
  if (/[\x00-\x1f\x7f]/.test(uri)) return 'x509: cannot parse URI: net/url: invalid control character in URL';
  if (uri.startsWith(':')) return 'x509: cannot parse URI: missing protocol scheme';
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(uri)?.[1];
  if (authority === undefined) return null;
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.length > 0 && !domainLabelsValid(host) ? 'x509: cannot parse URI: invalid domain' : null;
}

function nameConstraints(value: GoDerString): string | null {
  const invalid = 'x509: invalid NameConstraints extension';
  const top = value.read(GoTag.sequence);
  if (top === null || !value.empty) return invalid;
  const reader = new GoDerString(top);
  const permitted = reader.readOptional(contextConstructed(0));
  const excluded = permitted && reader.readOptional(contextConstructed(1));
  if (permitted === null || !excluded || !reader.empty) return invalid;
  if ((!permitted.present && !excluded.present) || (permitted.contents.length === 0 && excluded.contents.length === 0)) {
    return 'x509: empty name constraints extension';
  }
  return subtreesProblem(permitted.contents) ?? subtreesProblem(excluded.contents);
}

function subtreesProblem(subtrees: Buffer): string | null {
  const reader = new GoDerString(subtrees);
  while (!reader.empty) {
    const subtree = reader.read(GoTag.sequence);
    const base = subtree === null ? null : new GoDerString(subtree).readAny();
    if (base === null) return 'x509: invalid NameConstraints extension';
    const problem = constraintProblem(base.tag, base.contents);
    if (problem !== null) return problem;
  }
  return null;
}

function constraintProblem(tag: number, data: Buffer): string | null {
  const text = data.toString('latin1');
  const withoutLeadingDot = text.startsWith('.') ? text.slice(1) : text;
  switch (tag) {
    case contextPrimitive(NAME_TYPE.dns):
      if (!isIa5(data)) return 'x509: invalid constraint value: not an IA5String';
      return domainLabelsValid(withoutLeadingDot) ? null : 'x509: failed to parse dnsName constraint';
    case contextPrimitive(NAME_TYPE.ip): {
      if (data.length !== 8 && data.length !== 32) return `x509: IP constraint contained value of length ${data.length}`;
      return isValidIpMask(data.subarray(data.length / 2)) ? null : 'x509: IP constraint contained invalid mask';
    }
    case contextPrimitive(NAME_TYPE.email):
      if (!isIa5(data)) return 'x509: invalid constraint value: not an IA5String';
      // A mailbox constraint (with '@') goes through parseRFC2821Mailbox, not mirrored: taken as valid.
      if (text.includes('@')) return null;
      return domainLabelsValid(withoutLeadingDot) ? null : 'x509: failed to parse rfc822Name constraint';
    case contextPrimitive(NAME_TYPE.uri):
      if (!isIa5(data)) return 'x509: invalid constraint value: not an IA5String';
      if (isIP(text) !== 0) return 'x509: failed to parse URI constraint: cannot be IP address';
      return domainLabelsValid(withoutLeadingDot) ? null : 'x509: failed to parse URI constraint';
    default:
      return null;
  }
}

function crlDistributionPoints(value: GoDerString): string | null {
  const points = value.read(GoTag.sequence);
  if (points === null) return 'x509: invalid CRL distribution points';
  const reader = new GoDerString(points);
  while (!reader.empty) {
    const point = reader.read(GoTag.sequence);
    if (point === null) return 'x509: invalid CRL distribution point';
    const name = new GoDerString(point).readOptional(contextConstructed(0));
    if (name === null) return 'x509: invalid CRL distribution point';
    if (!name.present) continue;
    const fullName = new GoDerString(name.contents).read(contextConstructed(0));
    if (fullName === null) return 'x509: invalid CRL distribution point';
    const uris = new GoDerString(fullName);
    while (!uris.empty && uris.peekTag(contextPrimitive(NAME_TYPE.uri))) {
      if (uris.read(contextPrimitive(NAME_TYPE.uri)) === null) return 'x509: invalid CRL distribution point';
    }
  }
  return null;
}

function certificatePolicies(value: GoDerString): string | null {
  const invalid = 'x509: invalid certificate policies';
  const policies = value.read(GoTag.sequence);
  if (policies === null) return invalid;
  const reader = new GoDerString(policies);
  const seen = new Set<string>();
  while (!reader.empty) {
    const policy = reader.read(GoTag.sequence);
    const oid = policy === null ? null : new GoDerString(policy).read(GoTag.objectIdentifier);
    if (oid === null) return invalid;
    const key = oid.toString('hex');
    // Policy OIDs may have arcs of any size (newOIDFromDER); only their encoding must be minimal, and each listed once.
    if (seen.has(key) || !isMinimalObjectIdentifier(oid)) return invalid;
    seen.add(key);
  }
  return null;
}

function policyMappings(value: GoDerString): string | null {
  const mappings = value.read(GoTag.sequence);
  if (mappings === null) return 'x509: invalid policy mappings extension';
  const reader = new GoDerString(mappings);
  while (!reader.empty) {
    const mapping = reader.read(GoTag.sequence);
    const pair = mapping === null ? null : new GoDerString(mapping);
    if (pair === null || pair.read(GoTag.objectIdentifier) === null || pair.read(GoTag.objectIdentifier) === null) {
      return 'x509: invalid policy mappings extension';
    }
  }
  return null;
}

function policyConstraints(value: GoDerString): string | null {
  const invalid = 'x509: invalid policy constraints extension';
  const fields = value.read(GoTag.sequence);
  if (fields === null) return invalid;
  const reader = new GoDerString(fields);
  for (const tagNumber of [0, 1]) {
    if (reader.peekTag(contextPrimitive(tagNumber)) && reader.readInteger('signed', contextPrimitive(tagNumber)) === null) return invalid;
  }
  return null;
}

function inhibitAnyPolicy(value: GoDerString): string | null {
  return value.readInteger('signed') === null ? 'x509: invalid inhibit any policy extension' : null;
}

function subjectKeyIdentifier(value: GoDerString, critical: boolean): string | null {
  if (critical) return 'x509: subject key identifier incorrectly marked critical';
  return value.read(GoTag.octetString) === null ? 'x509: invalid subject key identifier' : null;
}

function authorityKeyIdentifier(value: GoDerString, critical: boolean): string | null {
  if (critical) return 'x509: authority key identifier incorrectly marked critical';
  const fields = value.read(GoTag.sequence);
  if (fields === null) return 'x509: invalid authority key identifier';
  const reader = new GoDerString(fields);
  if (reader.peekTag(contextPrimitive(0)) && reader.read(contextPrimitive(0)) === null) return 'x509: invalid authority key identifier';
  return null;
}

function extendedKeyUsage(value: GoDerString): string | null {
  // An empty SEQUENCE passes here: Go reads it as no restriction at all.
  const purposes = value.read(GoTag.sequence);
  if (purposes === null) return 'x509: invalid extended key usages';
  const reader = new GoDerString(purposes);
  while (!reader.empty) {
    if (reader.readObjectIdentifier() === null) return 'x509: invalid extended key usages';
  }
  return null;
}

function authorityInfoAccess(value: GoDerString, critical: boolean): string | null {
  if (critical) return 'x509: authority info access incorrectly marked critical';
  const invalid = 'x509: invalid authority info access';
  const descriptions = value.read(GoTag.sequence);
  if (descriptions === null) return invalid;
  const reader = new GoDerString(descriptions);
  while (!reader.empty) {
    const description = reader.read(GoTag.sequence);
    if (description === null) return invalid;
    const fields = new GoDerString(description);
    if (fields.readObjectIdentifier() === null) return invalid;
    if (fields.peekTag(contextPrimitive(NAME_TYPE.uri)) && fields.read(contextPrimitive(NAME_TYPE.uri)) === null) return invalid;
  }
  return null;
}

/** isIA5String: every byte ASCII (Go ranges over the string, so any byte of 0x80 or more fails). */
function isIa5(data: Buffer): boolean {
  return data.every((byte) => byte < 0x80);
}

/**
 * domainToReverseLabels' verdict, step for step as in Go 1.24 (later Go releases rewrote it):
 * labels are split off from the right; a final empty label (a trailing dot) or any other empty
 * label fails, as does a byte outside 0x21–0x7e. A single leading dot ends the loop without a
 * label, so it passes.
 */
function domainLabelsValid(domain: string): boolean {
  const reverseLabels: string[] = [];
  let rest = domain;
  while (rest.length > 0) {
    const dot = rest.lastIndexOf('.');
    reverseLabels.push(rest.slice(dot + 1));
    rest = dot === -1 ? '' : rest.slice(0, dot);
  }
  return reverseLabels.every((label) => label.length > 0 && /^[\x21-\x7e]+$/.test(label));
}

/** isValidIPMask: ones, then zeros. */
function isValidIpMask(mask: Buffer): boolean {
  let seenZero = false;
  for (const byte of mask) {
    if (seenZero) {
      if (byte !== 0) return false;
      continue;
    }
    if (byte === 0xff) continue;
    if (![0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe].includes(byte)) return false;
    seenZero = true;
  }
  return true;
}

/** newOIDFromDER: non-empty, last byte ends an arc, no arc starts with 0x80. */
function isMinimalObjectIdentifier(der: Buffer): boolean {
  if (der.length === 0 || (der[der.length - 1]! & 0x80) !== 0) return false;
  let arcStart = true;
  for (const byte of der) {
    if (arcStart && byte === 0x80) return false;
    arcStart = (byte & 0x80) === 0;
  }
  return true;
}

/** For the duplicate check: the extension's OID as Go prints it, or null when Go cannot read it (then the OID field itself is the refusal). */
export function goExtensionOid(extension: CertificateExtension): string | null {
  const fields = new GoDerString(extension.encoded).read(GoTag.sequence);
  if (fields === null) return null;
  const oid = new GoDerString(fields).read(GoTag.objectIdentifier);
  const arcs = oid === null ? null : goObjectIdentifierArcs(oid);
  return arcs === null ? null : arcs.join('.');
}
