import type { RuleDecision } from '../rules/rule.js';
import type { CertificateFacts, MalformedExtension } from '../x509/certificate-facts.js';

/**
 * The extensions rules read through a derived fact: sanDns/sanIp/hasSan, isCA, keyUsage,
 * extendedKeyUsage. When one is malformed its fact holds the "absent" value (see
 * read-certificate.ts), and absent means "no restriction" (any purpose, not a CA): a rule that
 * read it would pass a certificate nobody can vouch for. Such a rule asks here first, stays
 * silent, and its decision is "not checked". The finding is cert-malformed-extension's, or
 * cert-refused-by-go's.
 */
export type DerivedFromExtension = 'subjectAltName' | 'basicConstraints' | 'keyUsage' | 'extendedKeyUsage';

const OIDS: Record<DerivedFromExtension, string> = {
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
};

/** The entry for this extension when the certificate's is malformed, else null. */
export function malformedExtension(cert: CertificateFacts, extension: DerivedFromExtension): MalformedExtension | null {
  return cert.malformedExtensions.find((entry) => entry.oid === OIDS[extension]) ?? null;
}

/** "Not checked" when `cert`'s extension is malformed; otherwise the rule's usual decision. */
export function decisionUnlessMalformed(cert: CertificateFacts | null, extension: DerivedFromExtension, otherwise: () => RuleDecision): RuleDecision {
  const entry = cert && malformedExtension(cert, extension);
  if (entry) return { kind: 'not-checked', why: `the ${entry.extension} extension of ${cert.subject || '(empty subject)'} is malformed (${entry.problem}), so what it allows is unknown` };
  return otherwise();
}
