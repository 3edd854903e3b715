/**
 * An X.501 Name (a DER `SEQUENCE OF RelativeDistinguishedName`) as one readable line, written the
 * way reports already show certificate subjects ("C=DE, O=Example, CN=Docker CA": Node's
 * attribute names, in the order of the encoding). Used where a name arrives without a certificate
 * around it: the CA names in a TLS CertificateRequest. The bytes come off the network, so every
 * malformed name ends in a DerError and every value is made printable.
 */
import {
  DerError,
  childrenOf,
  decodeObjectIdentifier,
  expectUniversal,
  readSingleElement,
  sequenceChildren,
  UniversalTag,
  type DerElement,
} from './der-reader.js';

/** The short names OpenSSL (and so Node's X509Certificate) prints for name attributes. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** Directory string types and how their bytes become text. */
const STRING_TAGS = {
  utf8String: 12,
  printableString: 19,
  teletexString: 20,
  ia5String: 22,
  universalString: 28,
  bmpString: 30,
  numericString: 18,
  visibleString: 26,
} as const;

/** A CA name longer than this is hostile; the report keeps its start and says it was cut. */
const MAX_NAME_CHARACTERS = 512;

/** Reads DER bytes that must be exactly one Name; throws DerError when they are not. */
export function formatDistinguishedName(der: Buffer): string {
  const name = readSingleElement(der);
  const parts: string[] = [];
  for (const rdn of sequenceChildren(name, 'Name')) {
    const set = expectUniversal(rdn, UniversalTag.set, 'RelativeDistinguishedName');
    const attributes = childrenOf(set).map(formatAttribute);
    if (attributes.length === 0) throw new DerError('RelativeDistinguishedName: empty SET');
    parts.push(attributes.join(' + '));
  }
  const line = parts.join(', ');
  return line.length > MAX_NAME_CHARACTERS ? `${line.slice(0, MAX_NAME_CHARACTERS)}… (cut at ${MAX_NAME_CHARACTERS} characters)` : line;
}

function formatAttribute(attribute: DerElement): string {
  const [type, value, ...rest] = sequenceChildren(attribute, 'AttributeTypeAndValue');
  if (value === undefined || rest.length > 0) throw new DerError('AttributeTypeAndValue: expected a type and one value');
  const oid = decodeObjectIdentifier(type);
  return `${ATTRIBUTE_NAMES[oid] ?? oid}=${printable(attributeText(value))}`;
}

function attributeText(value: DerElement): string {
  if (value.tagClass !== 'universal' || value.constructed) return `#${value.encoded.toString('hex')}`;
  switch (value.tagNumber) {
    case STRING_TAGS.utf8String:
      return value.contents.toString('utf8');
    case STRING_TAGS.printableString:
    case STRING_TAGS.ia5String:
    case STRING_TAGS.numericString:
    case STRING_TAGS.visibleString:
    case STRING_TAGS.teletexString:
      return value.contents.toString('latin1');
    case STRING_TAGS.bmpString:
      return decodeUtf16be(value.contents);
    case STRING_TAGS.universalString:
      return decodeUtf32be(value.contents);
    default:
      // Any other type is shown as OpenSSL does for values it cannot print: '#' and the DER in hex.
      return `#${value.encoded.toString('hex')}`;
  }
}

function decodeUtf16be(bytes: Buffer): string {
  if (bytes.length % 2 !== 0) throw new DerError('BMPString with an odd number of bytes');
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped.toString('utf16le');
}

function decodeUtf32be(bytes: Buffer): string {
  if (bytes.length % 4 !== 0) throw new DerError('UniversalString length is not a multiple of 4');
  let text = '';
  for (let offset = 0; offset < bytes.length; offset += 4) {
    const codePoint = bytes.readUInt32BE(offset);
    text += codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
  }
  return text;
}

/** Control characters would let a hostile server write over a terminal or split a table row. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
