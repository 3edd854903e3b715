/**
 * Does a certificate file chain to its CA: the CA its config names, else the ca.pem (or
 * easy-rsa's ca.crt) beside it. The verdict is a Go client's (x509/path/verify-chain.ts, the
 * same code that judges a live endpoint's chain), for the purpose the file's role gives it.
 */
import path from 'node:path';
import type { ChainFailure, ChainPurpose, ChainVerdict } from '../x509/path/chain-verdict.js';
import { verifyChain } from '../x509/path/verify-chain.js';
import type { FileRole, FileRoleHint } from './file-observation.js';
import type { LocatedFile, MaterialLookup } from './material-lookup.js';
import { base64Lines } from './pem-blocks.js';

export interface ChainCheck {
  caPath: string | null;
  chainVerified: boolean | null;
  chainError: string | null;
  goVerdict: ChainVerdict | null;
  /** The file's certificates (by index) on the chain to the CA, when it verified. */
  chainPath: number[] | null;
  /** Why chainVerified is false, typed. */
  chainFailure: ChainFailure | null;
}

const NO_CHAIN_CHECK: ChainCheck = { caPath: null, chainVerified: null, chainError: null, goVerdict: null, chainPath: null, chainFailure: null };

/** A daemon's certificate is checked by clients for serverAuth, a client's by dockerd for clientAuth. */
const PURPOSE_BY_ROLE: Partial<Record<FileRole, ChainPurpose>> = { 'server-cert': 'serverAuth', 'client-cert': 'clientAuth' };
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

export function checkChain(file: LocatedFile, role: FileRole, hint: FileRoleHint | undefined, lookup: MaterialLookup, now: Date): ChainCheck {
  // A CA is the anchor others are checked against, not a leaf to check.
  if (file.examined.certificateDers.length === 0 || role === 'ca-cert') return NO_CHAIN_CHECK;
  const ca = findCa(file, hint, lookup);
  if (!ca) return NO_CHAIN_CHECK;
  const anchors = ca.examined.certificateDers;
  if (anchors.length === 0) {
    const why = ca.examined.readError ?? ca.examined.parseError ?? 'it holds no certificate';
    return { caPath: ca.path, chainVerified: null, chainError: `CA file cannot be used: ${why}`, goVerdict: null, chainPath: null, chainFailure: null };
  }
  const chain = file.examined.certificateDers;
  const anchorsPem = certificatesAsPem(anchors);
  const purpose = PURPOSE_BY_ROLE[role] ?? 'any';
  let goVerdict: ChainVerdict;
  let trust: ChainVerdict;
  try {
    goVerdict = verifyChain(chain, anchorsPem, { now, purpose });
    // The leaf's own dates and purpose have rules of their own (cert-expired, cert-eku-mismatch):
    // whether the CA signed the certificate is asked without them, at the same clock.
    trust = verifyChain(chain, anchorsPem, { now, purpose, leafOwnChecks: false });
  } catch (error) {
    // A verifier bug must cost this file's verdict, never the scan, and never read as a pass.
    return { caPath: ca.path, chainVerified: null, chainError: `not judged: the chain verifier failed (${error instanceof Error ? error.message : String(error)})`, goVerdict: null, chainPath: null, chainFailure: null };
  }
  return {
    caPath: ca.path,
    chainVerified: trust.verified,
    chainError: trust.failure && `${trust.failure.reason}: ${trust.failure.detail}`,
    goVerdict,
    chainPath: trust.verified ? trust.pathIndexes : null,
    chainFailure: trust.failure,
  };
}
