/**
 * The chain verdicts added in report format 1.9.0, for observations read back from an older
 * report: it did not judge chains as a Go client does, so each becomes null, "not judged", and
 * never a verdict. A merge of such a report, written as 1.9.0, then has every field its schema
 * requires. (chainPath null also makes the date rules judge every certificate of a file, as
 * they did when the report was written.)
 */
import type { FileObservation } from '../files/file-observation.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';
import type { TlsObservation } from '../network/endpoint-observation.js';

type SinceNineFile = Pick<FileObservation, 'goVerdict' | 'chainFailure' | 'chainPath'>;
type SinceNineFacts = Pick<CertificateFacts, 'malformedExtensions' | 'publicKeyCurve' | 'publicKeyCurveName' | 'goRefusesKey'>;

/**
 * An older report's certificate: it was read whole (the older reader dropped a certificate with
 * a malformed extension), so none is listed; its curve and Go's view of its key were not looked
 * at (null: not known).
 */
export function certificateFactsOf(facts: Omit<CertificateFacts, keyof SinceNineFacts> & Partial<SinceNineFacts>): CertificateFacts {
  return { ...facts, malformedExtensions: facts.malformedExtensions ?? [], publicKeyCurve: facts.publicKeyCurve ?? null, publicKeyCurveName: facts.publicKeyCurveName ?? null, goRefusesKey: facts.goRefusesKey ?? null };
}

type SinceNineTls = Pick<TlsObservation, 'goVerdict' | 'chainVerdictBy'>;

/** An older report's chainVerified came from OpenSSL, or from the older offline verifier: 'none' claims neither. */
export function tlsChainVerdictOf(tls: (Omit<TlsObservation, keyof SinceNineTls> & Partial<SinceNineTls>) | null): TlsObservation | null {
  return tls && { ...tls, chain: tls.chain.map(certificateFactsOf), goVerdict: tls.goVerdict ?? null, chainVerdictBy: tls.chainVerdictBy ?? 'none' };
}

export function fileChainVerdictOf<File extends Omit<FileObservation, keyof SinceNineFile> & Partial<SinceNineFile>>(file: File): File & SinceNineFile {
  return { ...file, certificates: file.certificates.map(certificateFactsOf), goVerdict: file.goVerdict ?? null, chainFailure: file.chainFailure ?? null, chainPath: file.chainPath ?? null };
}
