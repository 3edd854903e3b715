import { describeCertificate, tlsChainUnderAudit } from '../rule-support/applicability.js';
import { checkRefusedByGo, describeExtensionFix, describeGoKeyRefusal, type GoRefusal } from '../rule-support/certificate-checks.js';
import { describeFileCertificate } from '../rule-support/file-checks.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';
import type { EndpointRule, FileRule, MessageData, RuleHit } from './rule.js';

/**
 * One check, two places: certificates Go's crypto/x509 refuses, for a malformed or repeated
 * extension or for a key it will not take. The docker CLI and dockerd are Go programs: dockerd
 * does not start with such a server certificate, the CLI does not send such a client certificate
 * or connect to a daemon that serves one, and a CA Go cannot parse drops out of the CA pool. One
 * finding per cause, so each says what to re-issue.
 *
 * On a live endpoint every certificate sent counts for what Go refuses when it parses it (Go
 * parses each, and gives up the handshake if one fails), and the leaf and intermediates for keys
 * Go refuses only when it uses them.
 */

function hit(cert: CertificateFacts, refusal: GoRefusal, where: MessageData): RuleHit {
  if (refusal.kind === 'extension') {
    const { extension, oid, problem } = refusal.extension;
    return {
      messageId: 'extension-refused',
      data: { ...where, extension, problem, fix: describeExtensionFix(refusal.extension) },
      evidence: { subject: cert.subject, extension, oid, problem, keyRefusal: null },
    };
  }
  return {
    messageId: 'key-refused',
    data: { ...where, reason: describeGoKeyRefusal(cert, refusal.reason) },
    evidence: { subject: cert.subject, extension: null, oid: null, problem: null, keyRefusal: refusal.reason },
  };
}

export const tlsCertRefusedByGo: EndpointRule = {
  id: 'tls-cert-refused-by-go',
  checkEndpoint(observation) {
    return tlsChainUnderAudit(observation).flatMap((cert, index) => {
      const usedByGo = index === 0 || !cert.selfSigned;
      return checkRefusedByGo(cert, !usedByGo).map((refusal) => hit(cert, refusal, { target: observation.target, certificate: describeCertificate(cert) }));
    });
  },
};

export const certRefusedByGo: FileRule = {
  id: 'cert-refused-by-go',
  checkFile(observation) {
    return observation.certificates.flatMap((cert, index) =>
      checkRefusedByGo(cert).map((refusal) => hit(cert, refusal, { file: observation.systemPath, certificate: describeFileCertificate(observation, index) })),
    );
  },
};
