/**
 * Runs one fuzz case through every public reader of untrusted certificate and key bytes, and
 * checks the promises users rely on:
 *
 * - the file content reader (classifyContent, the function the files collector calls on every
 *   file it reads, and the leaf fingerprint the pairing asks it for) never throws;
 * - what it rejects is 'unparseable' with a reason in words, which the cert-unparseable rule
 *   turns into a finding that carries the reason; the reason neither leaks a JavaScript
 *   internal ("Cannot read properties of undefined") nor echoes the file's base64;
 * - the DER reader throws nothing but DerError; certificateFacts throws nothing but an Error
 *   in words, and the problem it gives for each malformed extension is a reason in words too; the structure sniffers (isEncryptedPkcs8, isDerCertificateRequest) never throw;
 * - the chain check the collector runs next on a readable certificate file never throws;
 * - no reader spends more than a second on one input (a hang or a quadratic blow-up).
 */
import { classifyContent, READER_BUG_REASON } from '../../src/files/classify-content.js';
import type { FileKind } from '../../src/files/file-observation.js';
import { isDerCertificateRequest, isEncryptedPkcs8 } from '../../src/files/private-key-facts.js';
import { renderMessage } from '../../src/rule-engine/render-message.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { certUnparseable } from '../../src/rules/cert-unparseable.js';
import {
  childrenOf,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeObjectIdentifier,
  decodeOctetString,
  DerError,
  isBitSet,
  readSingleElement,
  UniversalTag,
  type DerElement,
} from '../../src/x509/der-reader.js';
import { verifyChain } from '../../src/x509/path/verify-chain.js';
import { certificateFacts, certificateFactsFromPem } from '../../src/x509/read-certificate.js';
import { fileObservation } from '../support/file-observation-builder.js';
import type { FuzzCase } from './fuzz-case.js';
import { corpusCaPem } from './seed-corpus.js';

export const SLOW_CASE_MS = 1000;
/** A reason is one sentence in a report; one that runs on is echoing input. */
export const MAX_REASON_LENGTH = 500;

export type ViolationKind =
  | 'escape'
  | 'wrong-error-type'
  | 'empty-reason'
  | 'internal-reason'
  | 'long-reason'
  | 'reason-echoes-input'
  | 'inconsistent-result'
  | 'slow';

export interface Violation {
  target: string;
  kind: ViolationKind;
  detail: string;
}

export interface CaseOutcome {
  /** What the file content reader made of the file. */
  fileKind: FileKind;
  /** Its reason when it rejected the file. */
  fileReason: string | null;
  /** Whether certificateFacts accepted the DER, and why not. */
  certificateReason: string | null;
  certificateAccepted: boolean;
  /** How many malformed extensions the accepted certificate listed. */
  malformedExtensions: number;
  /** Whether the DER reader read the whole tree, and why not. */
  derReaderReason: string | null;
  violations: Violation[];
  slowestMs: number;
}

/** Messages JavaScript itself writes when code goes wrong; none of them is a reason for a user. */
const JAVASCRIPT_INTERNALS =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|out of range|Invalid string length|undefined|\[object |NaN/;

const ENGINE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
  return `non-Error thrown: ${String(error)}`;
}

/** What is wrong with a reason shown to users, or null when it is fine. */
export function reasonProblem(reason: unknown, input: string): { kind: ViolationKind; detail: string } | null {
  if (typeof reason !== 'string' || reason.trim() === '') return { kind: 'empty-reason', detail: JSON.stringify(reason) };
  if (JAVASCRIPT_INTERNALS.test(reason)) return { kind: 'internal-reason', detail: reason.slice(0, 300) };
  if (reason.length > MAX_REASON_LENGTH) return { kind: 'long-reason', detail: `${reason.length} characters: ${reason.slice(0, 200)}...` };
  for (const run of reason.match(/[A-Za-z0-9+/]{32,}/g) ?? []) {
    if (input.includes(run)) return { kind: 'reason-echoes-input', detail: reason.slice(0, 300) };
  }
  return null;
}

interface Timed<T> {
  value?: T;
  error?: unknown;
  threw: boolean;
  ms: number;
}

function timed<T>(run: () => T): Timed<T> {
  const start = performance.now();
  try {
    const value = run();
    return { value, threw: false, ms: performance.now() - start };
  } catch (error) {
    return { error, threw: true, ms: performance.now() - start };
  }
}

/** Reads every element below `element` and decodes each primitive the way X.509 readers do. */
function readWholeTree(element: DerElement): void {
  if (element.constructed) {
    for (const child of childrenOf(element)) readWholeTree(child);
    return;
  }
  if (element.tagClass !== 'universal') return;
  switch (element.tagNumber) {
    case UniversalTag.integer: decodeInteger(element); break;
    case UniversalTag.objectIdentifier: decodeObjectIdentifier(element); break;
    case UniversalTag.boolean: decodeBoolean(element); break;
    case UniversalTag.bitString: isBitSet(decodeBitString(element), 7); break;
    case UniversalTag.octetString: {
      // Extension values are DER inside an OCTET STRING; certificate readers open them.
      const contents = decodeOctetString(element);
      if (contents.length > 0 && contents[0] === 0x30) {
        try {
          readWholeTree(readSingleElement(contents));
        } catch (error) {
          if (!(error instanceof DerError)) throw error;
        }
      }
      break;
    }
  }
}

export function checkCase(fuzzCase: FuzzCase): CaseOutcome {
  const violations: Violation[] = [];
  let slowestMs = 0;
  const fileText = fuzzCase.file.toString('latin1');
  const derText = fuzzCase.der.toString('base64');

  const watch = <T>(target: string, run: () => T): Timed<T> => {
    const result = timed(run);
    slowestMs = Math.max(slowestMs, result.ms);
    if (result.ms > SLOW_CASE_MS) violations.push({ target, kind: 'slow', detail: `${Math.round(result.ms)} ms` });
    return result;
  };

  // 1. The file content reader, as the files collector calls it.
  let fileKind: FileKind = 'unparseable';
  let fileReason: string | null = null;
  const classified = watch('classifyContent', () => {
    const facts = classifyContent(fuzzCase.file, fuzzCase.fileName);
    facts.leafPublicKeyFingerprint();
    return facts;
  });
  if (classified.threw) {
    violations.push({ target: 'classifyContent', kind: 'escape', detail: describe(classified.error) });
  } else {
    const facts = classified.value!;
    fileKind = facts.kind;
    fileReason = facts.parseError;
    if (facts.kind === 'unparseable' && facts.parseError?.startsWith(READER_BUG_REASON)) {
      // Caught by classifyContent's last-resort catch: the user gets a finding, but a reader threw.
      violations.push({ target: 'classifyContent', kind: 'escape', detail: facts.parseError });
    } else if (facts.kind === 'unparseable') {
      const problem = reasonProblem(facts.parseError, fileText);
      if (problem) violations.push({ target: 'classifyContent', ...problem });
      const hits = certUnparseable.checkFile(fileObservation({ kind: 'unparseable', parseError: facts.parseError, role: 'unknown', certificates: [] }), {
        params: {},
        now: new Date(0),
      });
      const message = hits.length === 1 ? renderMessage(loadRuleMetadata().get('cert-unparseable')!, hits[0]!.messageId, hits[0]!.data) : '';
      if (hits.length !== 1 || !message.includes(facts.parseError ?? '\u0000') || hits[0]!.evidence.parseError !== facts.parseError) {
        violations.push({ target: 'cert-unparseable', kind: 'inconsistent-result', detail: `rule hits: ${JSON.stringify(hits).slice(0, 300)}` });
      }
    } else {
      if (facts.certificateDers.length > 0) {
        // One CA for every case: verifyChain keeps each distinct CA bundle for the process.
        const chain = watch('verifyChain', () => verifyChain(facts.certificateDers, corpusCaPem(), { now: new Date(), purpose: 'serverAuth' }));
        if (chain.threw) violations.push({ target: 'verifyChain', kind: 'escape', detail: describe(chain.error) });
      }
      const consistent =
        facts.parseError === null &&
        (facts.kind !== 'certificate' || facts.certificates.length > 0) &&
        (facts.kind !== 'private-key' || facts.key !== null) &&
        facts.certificates.length === facts.certificateDers.length;
      if (!consistent) {
        violations.push({ target: 'classifyContent', kind: 'inconsistent-result', detail: `kind ${facts.kind}, parseError ${JSON.stringify(facts.parseError)}` });
      }
    }
  }

  // 2. The PEM bundle reader of read-certificate.ts: throws an Error in words, nothing else.
  const fromPem = watch('certificateFactsFromPem', () => certificateFactsFromPem(fileText));
  if (fromPem.threw) checkThrownReason('certificateFactsFromPem', fromPem.error, fileText, violations);

  // 3. The DER reader directly, on the mutated DER.
  let derReaderReason: string | null = null;
  const read = watch('der-reader', () => readWholeTree(readSingleElement(fuzzCase.der)));
  if (read.threw) {
    if (read.error instanceof DerError) {
      derReaderReason = read.error.message;
      const problem = reasonProblem(read.error.message, derText);
      if (problem) violations.push({ target: 'der-reader', ...problem });
    } else {
      violations.push({ target: 'der-reader', kind: 'wrong-error-type', detail: describe(read.error) });
    }
  }

  // 4. Certificate facts from DER, as a file collector and a TLS handshake both ask for them.
  let certificateReason: string | null = null;
  const facts = watch('certificateFacts', () => certificateFacts(fuzzCase.der));
  if (facts.threw) {
    certificateReason = facts.error instanceof Error ? facts.error.message : String(facts.error);
    checkThrownReason('certificateFacts', facts.error, derText, violations);
  }
  const malformed = facts.value?.malformedExtensions ?? [];
  for (const entry of malformed) {
    const problem = reasonProblem(entry.problem, derText);
    if (problem) violations.push({ target: 'certificateFacts.malformedExtensions', ...problem });
  }

  // 5. The structure sniffers classify-content asks before handing DER to node:crypto.
  for (const [target, sniff] of [['isEncryptedPkcs8', isEncryptedPkcs8], ['isDerCertificateRequest', isDerCertificateRequest]] as const) {
    const sniffed = watch(target, () => sniff(fuzzCase.der));
    if (sniffed.threw) violations.push({ target, kind: 'escape', detail: describe(sniffed.error) });
    else if (typeof sniffed.value !== 'boolean') violations.push({ target, kind: 'inconsistent-result', detail: String(sniffed.value) });
  }

  return { fileKind, fileReason, certificateReason, certificateAccepted: !facts.threw, malformedExtensions: malformed.length, derReaderReason, violations, slowestMs };
}

/** A documented "throws an Error in words": an Error, not an engine error, with a human message. */
function checkThrownReason(target: string, error: unknown, input: string, violations: Violation[]): void {
  if (!(error instanceof Error) || ENGINE_ERRORS.some((type) => error instanceof type)) {
    violations.push({ target, kind: 'wrong-error-type', detail: describe(error) });
    return;
  }
  const problem = reasonProblem(error.message, input);
  if (problem) violations.push({ target, ...problem });
}
