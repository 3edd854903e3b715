/**
 * A certificate's extensions as facts: the four dockprobe's rules read, decoded, and every
 * extension that is malformed, each with whether Go refuses the certificate for it. One bad
 * extension costs only what comes from it; the other facts are kept.
 *
 * An extension is malformed when our decoder refuses its value (the DerError's words), when Go's
 * parser would (go-extension-refusal.ts: Go is stricter on lengths, BOOLEANs and unused bits,
 * looser on trailing bytes), when it breaks RFC 5280 in a way a decoder lets through (an empty
 * extendedKeyUsage), or when the certificate carries it more than once.
 */
import type { MalformedExtension } from './certificate-facts.js';
import type { CertificateExtension, CertificateStructure } from './certificate-structure.js';
import { DerError } from './der-reader.js';
import {
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeExtendedKeyUsage,
  decodeKeyUsage,
  decodeSubjectAltName,
  decodeSubjectKeyIdentifier,
  type BasicConstraints,
  type SubjectAltNames,
} from './extension-values.js';
import { goExtensionRefusal } from './go-extension-refusal.js';

export interface ExtensionReadings {
  /** Each null when the extension is absent or malformed. */
  subjectAltName: SubjectAltNames | null;
  basicConstraints: BasicConstraints | null;
  keyUsage: string[] | null;
  extendedKeyUsage: string[] | null;
  malformed: MalformedExtension[];
}

/** Names for the extensions RFC 5280 defines and Go parses, so a finding can say which one. */
const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  '2.5.29.14': 'subjectKeyIdentifier',
  '2.5.29.15': 'keyUsage',
  '2.5.29.17': 'subjectAltName',
  '2.5.29.19': 'basicConstraints',
  '2.5.29.30': 'nameConstraints',
  '2.5.29.31': 'cRLDistributionPoints',
  '2.5.29.32': 'certificatePolicies',
  '2.5.29.33': 'policyMappings',
  '2.5.29.35': 'authorityKeyIdentifier',
  '2.5.29.36': 'policyConstraints',
  '2.5.29.37': 'extendedKeyUsage',
  '2.5.29.54': 'inhibitAnyPolicy',
  '1.3.6.1.5.5.7.1.1': 'authorityInfoAccess',
};

/** Our decoders: each returns what it read, or throws a DerError in words for a value it cannot or must not accept. */
const DECODERS: Readonly<Record<string, (value: Buffer) => unknown>> = {
  '2.5.29.14': decodeSubjectKeyIdentifier,
  '2.5.29.15': decodeKeyUsage,
  '2.5.29.17': decodeSubjectAltName,
  '2.5.29.19': (value) => {
    const constraints = decodeBasicConstraints(value);
    if (constraints.pathLength !== null && constraints.pathLength < 0) throw new DerError('basicConstraints: negative pathLenConstraint');
    return constraints;
  },
  '2.5.29.35': decodeAuthorityKeyIdentifier,
  '2.5.29.37': (value) => {
    const purposes = decodeExtendedKeyUsage(value);
    // SIZE (1..MAX): OpenSSL reads an empty list as "no purpose", Go as "any purpose".
    if (purposes.length === 0) throw new DerError('empty SEQUENCE: RFC 5280 requires at least one KeyPurposeId');
    return purposes;
  },
};

export function readExtensions(structure: CertificateStructure): ExtensionReadings {
  const byOid = new Map<string, CertificateExtension[]>();
  for (const extension of structure.extensions) byOid.set(extension.oid, [...(byOid.get(extension.oid) ?? []), extension]);

  const malformed: MalformedExtension[] = [];
  const decoded = new Map<string, unknown>();
  // Go reads extensions of version 3 certificates only; of an older version it ignores them.
  const goReadsExtensions = structure.version === 3;
  for (const [oid, copies] of byOid) {
    const problems: string[] = [];
    if (copies.length > 1) problems.push(`appears ${copies.length} times; RFC 5280 allows each extension once`);
    const decode = DECODERS[oid];
    if (decode) {
      try {
        decoded.set(oid, decode(copies[0]!.value));
      } catch (error) {
        if (!(error instanceof DerError)) throw error;
        problems.push(error.message);
      }
    }
    const goProblem = goReadsExtensions ? copies.map(goExtensionRefusal).find((refusal) => refusal !== null) ?? null : null;
    if (problems.length === 0 && goProblem !== null) problems.push(goProblem);
    if (problems.length === 0) continue;
    decoded.delete(oid);
    malformed.push({
      extension: EXTENSION_NAMES[oid] ?? oid,
      oid,
      problem: problems.join('; '),
      goRefuses: goReadsExtensions && (copies.length > 1 || goProblem !== null),
    });
  }

  return {
    subjectAltName: (decoded.get('2.5.29.17') as SubjectAltNames | undefined) ?? null,
    basicConstraints: (decoded.get('2.5.29.19') as BasicConstraints | undefined) ?? null,
    keyUsage: (decoded.get('2.5.29.15') as string[] | undefined) ?? null,
    extendedKeyUsage: (decoded.get('2.5.29.37') as string[] | undefined) ?? null,
    malformed,
  };
}
