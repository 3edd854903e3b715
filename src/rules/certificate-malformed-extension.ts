import { describeCertificate, tlsChainUnderAudit } from '../rule-support/applicability.js';
import { checkMalformedExtensions, describeExtensionFix } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { EndpointRule, FileRule, RuleHit } from './rule.js';

/**
 * One check, two places: every certificate a live endpoint sends, and every certificate in a
 * file. An extension that breaks RFC 5280 in a way Go still takes (an empty extendedKeyUsage):
 * the docker client works, OpenSSL-based clients may not, and the rules that read the extension
 * stay silent (read-certificate.ts), so this finding is the only word on it. Malformed
 * extensions Go refuses are cert-refused-by-go's.
 */

export const tlsCertMalformedExtension: EndpointRule = {
  id: 'tls-cert-malformed-extension',
  checkEndpoint(observation) {
    return tlsChainUnderAudit(observation).flatMap((cert) =>
      checkMalformedExtensions(cert).map((entry): RuleHit => ({
        messageId: 'malformed-extension',
        data: { target: observation.target, certificate: describeCertificate(cert), extension: entry.extension, problem: entry.problem, fix: describeExtensionFix(entry) },
        evidence: { subject: cert.subject, extension: entry.extension, oid: entry.oid, problem: entry.problem, goRefuses: entry.goRefuses },
      })),
    );
  },
};

export const certMalformedExtension: FileRule = {
  id: 'cert-malformed-extension',
  checkFile(observation) {
    return observation.certificates.flatMap((cert, index) =>
      checkMalformedExtensions(cert).map((entry): RuleHit => ({
        messageId: 'malformed-extension',
        data: { file: observation.systemPath, certificate: describeFileCertificate(observation, index), extension: entry.extension, problem: entry.problem, fix: describeExtensionFix(entry) },
        evidence: { subject: cert.subject, extension: entry.extension, oid: entry.oid, problem: entry.problem, goRefuses: entry.goRefuses },
      })),
    );
  },
};
