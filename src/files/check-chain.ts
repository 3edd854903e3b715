/**
 * Does a certificate file chain to its CA: the CA its config names, else the ca.pem (or
 * easy-rsa's ca.crt) beside it. The verdict comes from verifyChainOffline, the same code that
 * judges a live endpoint's chain, so a file and a daemon serving it get the same answer.
 */
import type { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { verifyChainOffline } from '../tls/verify-chain-offline.js';
import type { FileRole, FileRoleHint } from './file-observation.js';
import type { LocatedFile, MaterialLookup } from './material-lookup.js';
import { base64Lines } from './pem-blocks.js';

export interface ChainCheck {
  caPath: string | null;
  chainVerified: boolean | null;
  chainError: string | null;
}

const NO_CHAIN_CHECK: ChainCheck = { caPath: null, chainVerified: null, chainError: null };
const CA_NAMES_BESIDE = ['ca.pem', 'ca.crt'];

function findCa(file: LocatedFile, hint: FileRoleHint | undefined, lookup: MaterialLookup): LocatedFile | null {
  if (hint?.caSystemPath !== undefined) return lookup.named(hint.caSystemPath);
  if (CA_NAMES_BESIDE.includes(path.posix.basename(file.systemPath))) return null;
  const directory = path.posix.dirname(file.systemPath);
  for (const name of CA_NAMES_BESIDE) {
    const ca = lookup.beside(path.posix.join(directory, name));
    if (ca) return ca;
  }
  return null;
}

/** PEM rebuilt from the CA file's certificates alone, so no key text that shares the file is ever passed on. */
function certificatesAsPem(ders: readonly Buffer[]): string {
  return ders
    .map((der) => `-----BEGIN CERTIFICATE-----\n${base64Lines(der)}\n-----END CERTIFICATE-----\n`)
    .join('');
}

/** The DER itself when it does not parse, so verifyChainOffline says so in its own words. */
function parsedOrDer(lookup: MaterialLookup, der: Buffer): X509Certificate | Buffer {
  try {
    return lookup.certificates.parsed(der);
  } catch {
    return der;
  }
}

export function checkChain(file: LocatedFile, role: FileRole, hint: FileRoleHint | undefined, lookup: MaterialLookup): ChainCheck {
  // A CA is the anchor others are checked against, not a leaf to check.
  if (file.examined.certificateDers.length === 0 || role === 'ca-cert') return NO_CHAIN_CHECK;
  const ca = findCa(file, hint, lookup);
  if (!ca) return NO_CHAIN_CHECK;
  const anchors = ca.examined.certificateDers;
  if (anchors.length === 0) {
    const why = ca.examined.readError ?? ca.examined.parseError ?? 'it holds no certificate';
    return { caPath: ca.path, chainVerified: null, chainError: `CA file cannot be used: ${why}` };
  }
  // The file's certificates as already parsed when it was read (a parse is most of a check's cost).
  const chain = file.examined.certificateDers.map((der) => parsedOrDer(lookup, der));
  const verdict = verifyChainOffline(chain, certificatesAsPem(anchors));
  return { caPath: ca.path, chainVerified: verdict.verified, chainError: verdict.error };
}
