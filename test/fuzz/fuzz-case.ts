/**
 * One fuzz case, made from nothing but (seed, case index): a seed file from the corpus, a few
 * mutations of its structure, bytes or text, and the result as the bytes of a file plus the
 * DER that went into it. The same pair always makes the same case.
 */
import { parseDerTree } from './der-tree.js';
import { applySome, BYTE_MUTATIONS, encodeTree, MAX_INPUT_BYTES, TEXT_MUTATIONS, TREE_MUTATIONS } from './mutations.js';
import { Prng } from './prng.js';
import { armor, seedFiles, type SeedBlock } from './seed-corpus.js';

export interface FuzzCase {
  seed: number;
  index: number;
  /** The corpus file it started from. */
  origin: string;
  /** The mutations applied, in order. */
  mutations: string[];
  /** What the file would be called on disk: names decide some kinds (ca.srl, openssl.cnf). */
  fileName: string;
  /** The file's bytes, at most 1 MiB (what the collector would read). */
  file: Buffer;
  /** The mutated DER (the file itself for a DER case, the mutated block for a PEM case). */
  der: Buffer;
}

/** Names that make the collector expect material, and two that make it expect something else. */
const PEM_NAMES = ['cert.pem', 'key.pem', 'ca.pem', 'server-cert.pem', 'bundle.crt', 'tls.key'];
const DER_NAMES = ['cert.der', 'key.der', 'server.crt', 'client.key', 'request.csr'];
const ODD_NAMES = ['ca.srl', 'openssl.cnf'];

function mutatedDer(block: SeedBlock, random: Prng, applied: string[]): Buffer {
  let der = block.der;
  if (block.tree && random.chance(0.7)) {
    // parseDerTree makes a fresh tree, so the seed itself is never changed.
    const tree = parseDerTree(block.der)!;
    der = encodeTree(applySome(tree, TREE_MUTATIONS, 3, random, applied));
  }
  if (applied.length === 0 || random.chance(0.5)) der = applySome(der, BYTE_MUTATIONS, 2, random, applied);
  return der;
}

export function makeCase(seed: number, index: number): FuzzCase {
  const random = Prng.forCase(seed, index);
  const origin = random.pick(seedFiles());
  const applied: string[] = [];
  const blockIndex = random.below(origin.blocks.length);
  const block = origin.blocks[blockIndex]!;
  const asDer = random.chance(0.35);
  const oddName = random.chance(0.03) ? random.pick(ODD_NAMES) : null;

  if (asDer) {
    const der = mutatedDer(block, random, applied).subarray(0, MAX_INPUT_BYTES);
    return { seed, index, origin: origin.name, mutations: applied, fileName: oddName ?? random.pick(DER_NAMES), file: der, der };
  }

  // PEM: maybe break the DER of one block, then maybe break the text around it.
  const der = random.chance(0.6) ? mutatedDer(block, random, applied) : block.der;
  const text = origin.blocks
    .map((each, index) => (index === blockIndex ? armor(each.label, der, each.headerLines) : armor(each.label, each.der, each.headerLines)))
    .join('');
  const mutatedText = applied.length === 0 || random.chance(0.7) ? applySome(text, TEXT_MUTATIONS, 3, random, applied) : text;
  const file = Buffer.from(mutatedText, 'latin1').subarray(0, MAX_INPUT_BYTES);
  return { seed, index, origin: origin.name, mutations: applied, fileName: oddName ?? random.pick(PEM_NAMES), file, der };
}
