/**
 * Splits PEM text into its blocks, strictly enough to say what is wrong with a broken file
 * ("truncated PEM") instead of silently skipping a block: a certificate bundle cut short by a
 * failed copy must not pass as a bundle with one certificate fewer.
 */

export interface PemBlock {
  /** What follows BEGIN, e.g. "CERTIFICATE", "RSA PRIVATE KEY". */
  label: string;
  /** RFC 1421 headers such as Proc-Type and DEK-Info (legacy OpenSSL key encryption). */
  headers: Map<string, string>;
  der: Buffer;
}

export type PemParse = { blocks: PemBlock[]; error: null } | { blocks: PemBlock[]; error: string };

const BEGIN_LINE = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const END_LINE = /^-----END ([A-Z0-9 ]+)-----$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const HEADER_LINE = /^([A-Za-z0-9-]+):\s*(.*)$/;

/**
 * Longer labels are shortened in messages: a reason is one line of a report, not a copy of the
 * file. 30 characters hold every label OpenSSL writes ("SSH2 ENCRYPTED PRIVATE KEY" is 26).
 */
const MAX_LABEL_IN_MESSAGE = 30;

/** A block's label as a message may quote it. */
export function labelForMessage(label: string): string {
  return label.length > MAX_LABEL_IN_MESSAGE ? `${label.slice(0, MAX_LABEL_IN_MESSAGE)}... (${label.length} characters)` : label;
}

export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** Text outside blocks (openssl's "Bag Attributes", comments) is allowed and ignored, as OpenSSL does. */
export function parsePem(text: string): PemParse {
  const blocks: PemBlock[] = [];
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  let index = 0;
  while (index < lines.length) {
    const begin = BEGIN_LINE.exec(lines[index]!);
    index++;
    if (!begin) continue;
    const label = begin[1]!;
    const named = labelForMessage(label);
    const headers = new Map<string, string>();
    const body: string[] = [];
    let ended = false;
    while (index < lines.length) {
      const line = lines[index]!;
      index++;
      if (BEGIN_LINE.test(line)) {
        return { blocks, error: `truncated PEM: BEGIN ${named} has no END before the next BEGIN` };
      }
      const end = END_LINE.exec(line);
      if (end) {
        if (end[1] !== label) return { blocks, error: `malformed PEM: BEGIN ${named} ends with END ${labelForMessage(end[1]!)}` };
        ended = true;
        break;
      }
      const header = body.length === 0 ? HEADER_LINE.exec(line) : null;
      if (header) {
        headers.set(header[1]!, header[2]!);
        continue;
      }
      if (line === '') continue;
      if (!BASE64_LINE.test(line)) return { blocks, error: `malformed PEM: ${named} block holds a line that is not base64` };
      body.push(line);
    }
    if (!ended) return { blocks, error: `truncated PEM: BEGIN ${named} has no END` };
    if (body.length === 0) return { blocks, error: `malformed PEM: ${named} block is empty` };
    blocks.push({ label, headers, der: Buffer.from(body.join(''), 'base64') });
  }
  return { blocks, error: null };
}

/** Base64 in 64-character lines, with no empty line when the length is a multiple of 64 (Node rejects that PEM). */
export function base64Lines(der: Buffer): string {
  return (der.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
}
