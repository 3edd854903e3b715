/**
 * The seeds mutations start from: the committed PEM files in test/fuzz/corpus/ (see
 * make-corpus.ts), split into their blocks, plus two made here that openssl does not write
 * (an OpenSSH key header and a DER CSR wrapper are enough to reach their code paths).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDerTree, type DerNode } from './der-tree.js';

export interface SeedBlock {
  label: string;
  /** RFC 1421 header lines (Proc-Type, DEK-Info), kept verbatim, without the blank line after them. */
  headerLines: string[];
  der: Buffer;
  /** The fuzzer's tree of `der`; null when it is not DER (an OpenSSH key, a legacy encrypted key's ciphertext). */
  tree: DerNode[] | null;
}

export interface SeedFile {
  name: string;
  blocks: SeedBlock[];
}

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\n([\s\S]*?)-----END \1-----\n?/g;

export function armor(label: string, der: Buffer, headerLines: readonly string[] = [], lineWidth = 64): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < base64.length; start += lineWidth) lines.push(base64.slice(start, start + lineWidth));
  const headers = headerLines.length > 0 ? `${headerLines.join('\n')}\n\n` : '';
  return `-----BEGIN ${label}-----\n${headers}${lines.join('\n')}\n-----END ${label}-----\n`;
}

function blocksOf(text: string): SeedBlock[] {
  return Array.from(text.matchAll(BLOCK), (match) => {
    const [headerPart, bodyPart] = match[2]!.includes('\n\n') ? match[2]!.split('\n\n') : ['', match[2]!];
    const der = Buffer.from(bodyPart!.replace(/\s+/g, ''), 'base64');
    return { label: match[1]!, headerLines: headerPart!.split('\n').filter(Boolean), der, tree: parseDerTree(der) };
  });
}

/** openssh-key-v1 with cipher "none": the magic and cipher name are all classify-content reads. */
function opensshKeySeed(): SeedBlock {
  const text = (value: string) => {
    const bytes = Buffer.from(value, 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const der = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), text('none'), text('none'), text(''), Buffer.from([0, 0, 0, 1])]);
  return { label: 'OPENSSH PRIVATE KEY', headerLines: [], der, tree: null };
}

let loaded: SeedFile[] | null = null;

export function seedFiles(): SeedFile[] {
  if (loaded) return loaded;
  const files = readdirSync(CORPUS)
    .filter((name) => name.endsWith('.pem') || name.endsWith('.csr'))
    .sort()
    .map((name) => ({ name, blocks: blocksOf(readFileSync(path.join(CORPUS, name), 'utf8')) }));
  for (const file of files) {
    const notDer = (block: SeedBlock) => block.tree === null && block.headerLines.length === 0;
    if (file.blocks.length === 0 || file.blocks.some(notDer)) {
      throw new Error(`fuzz corpus file ${file.name} is not clean PEM around DER; run test/fuzz/make-corpus.ts again`);
    }
  }
  files.push({ name: 'id_ed25519', blocks: [opensshKeySeed()] });
  loaded = files;
  return files;
}

/** Every DER node of every seed, for splicing a piece of one seed into another. */
export function seedNodes(): DerNode[] {
  return seedFiles().flatMap((file) => file.blocks.flatMap((block) => block.tree ?? []));
}

let caPem: string | null = null;

/** The corpus CA, as the CA file a chain check would read beside a certificate. */
export function corpusCaPem(): string {
  caPem ??= readFileSync(path.join(CORPUS, 'rsa-ca.pem'), 'utf8');
  return caPem;
}
