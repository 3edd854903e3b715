/**
 * Which key goes with which certificate: the key a config names, else the partner by the guides'
 * names (cert.pem/key.pem, server-cert.pem/server-key.pem, ca.pem/ca-key.pem; easy-rsa's
 * X.crt/X.key and certs.d's client.cert/client.key), else a key in the same directory with the
 * same public key. A named partner that does not match is the finding cert-key-mismatch is for;
 * a search by public key only ever finds matches.
 */
import path from 'node:path';
import type { FileRoleHint } from './file-observation.js';
import type { LocatedFile, MaterialLookup } from './material-lookup.js';

export interface Pairing {
  pairedWith: string | null;
  pairMatches: boolean | null;
}

const NO_PAIR: Pairing = { pairedWith: null, pairMatches: null };

const KEY_NAME_OF_CERTIFICATE_NAME: Readonly<Record<string, string>> = {
  'cert.pem': 'key.pem',
  'server-cert.pem': 'server-key.pem',
  'ca.pem': 'ca-key.pem',
};

function keyNamesFor(certificateName: string): string[] {
  const exact = KEY_NAME_OF_CERTIFICATE_NAME[certificateName];
  if (exact) return [exact];
  const stem = /^(.+)-cert\.pem$/.exec(certificateName) ?? /^(.+)\.(crt|cert)$/.exec(certificateName);
  if (!stem) return [];
  return certificateName.endsWith('.pem') ? [`${stem[1]}-key.pem`] : [`${stem[1]}.key`];
}

function certificateNamesFor(keyName: string): string[] {
  const exact = Object.entries(KEY_NAME_OF_CERTIFICATE_NAME).find(([, key]) => key === keyName);
  if (exact) return [exact[0]];
  const pemStem = /^(.+)-key\.pem$/.exec(keyName);
  if (pemStem) return [`${pemStem[1]}-cert.pem`];
  const keyStem = /^(.+)\.key$/.exec(keyName);
  return keyStem ? [`${keyStem[1]}.crt`, `${keyStem[1]}.cert`] : [];
}

function fingerprintsMatch(a: string | null, b: string | null): boolean | null {
  return a !== null && b !== null ? a === b : null;
}

function pairingWith(certificate: LocatedFile, key: LocatedFile, reportedPath: string): Pairing {
  return {
    pairedWith: reportedPath,
    pairMatches: fingerprintsMatch(certificate.examined.leafPublicKeyFingerprint(), key.examined.key?.publicKeyFingerprint ?? null),
  };
}

function firstBeside(lookup: MaterialLookup, systemPath: string, names: string[]): LocatedFile | null {
  const directory = path.posix.dirname(systemPath);
  for (const name of names) {
    const found = lookup.beside(path.posix.join(directory, name));
    if (found) return found;
  }
  return null;
}

/** For a file holding certificates (and, for a combined file, its own key). */
export function pairCertificate(file: LocatedFile, hint: FileRoleHint | undefined, lookup: MaterialLookup): Pairing {
  if (file.examined.certificates.length === 0) return NO_PAIR;
  if (file.examined.key) return pairingWith(file, file, file.path);

  const named = hint?.keySystemPath !== undefined
    ? lookup.named(hint.keySystemPath)
    : firstBeside(lookup, file.systemPath, keyNamesFor(path.posix.basename(file.systemPath)));
  if (named) return pairingWith(file, named, named.path);

  // The certificate's key fingerprint costs a key export: only worth it when a key lies beside it.
  const keys = lookup.filesIn(path.posix.dirname(file.systemPath)).filter((neighbour) => neighbour.examined.key?.publicKeyFingerprint);
  if (keys.length === 0) return NO_PAIR;
  const fingerprint = file.examined.leafPublicKeyFingerprint();
  if (fingerprint === null) return NO_PAIR;
  const match = keys.find((neighbour) => neighbour.examined.key!.publicKeyFingerprint === fingerprint);
  return match ? pairingWith(file, match, match.path) : NO_PAIR;
}

/** For a key file: the certificate that names it in a config, by name beside it, or by public key. */
export function pairKey(file: LocatedFile, hints: readonly FileRoleHint[], lookup: MaterialLookup): Pairing {
  if (!file.examined.key || file.examined.certificates.length > 0) return NO_PAIR;

  const namingHint = hints.find((hint) => hint.keySystemPath === file.systemPath);
  const named = namingHint
    ? lookup.named(namingHint.systemPath)
    : firstBeside(lookup, file.systemPath, certificateNamesFor(path.posix.basename(file.systemPath)));
  if (named) return pairingWith(named, file, named.path);

  const fingerprint = file.examined.key.publicKeyFingerprint;
  if (fingerprint === null) return NO_PAIR;
  const match = lookup.filesIn(path.posix.dirname(file.systemPath))
    .find((neighbour) => neighbour.examined.key === null && neighbour.examined.leafPublicKeyFingerprint() === fingerprint);
  return match ? pairingWith(match, file, match.path) : NO_PAIR;
}
