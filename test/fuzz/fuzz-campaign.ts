/**
 * Runs cases [from, from + count) of one seed and adds up what happened: how many files the
 * reader accepted and rejected, for how many distinct reasons, and every case that broke a
 * promise. Shared by `npm run fuzz` and the CI test, so both run exactly the same fuzzer.
 */
import { checkCase, type Violation } from './check-case.js';
import { makeCase, type FuzzCase } from './fuzz-case.js';

export interface FailedCase {
  fuzzCase: FuzzCase;
  violations: Violation[];
}

export interface CampaignSummary {
  seed: number;
  cases: number;
  acceptedFiles: number;
  rejectedFiles: number;
  /** Rejection reasons with numbers and names blanked, and how often each came up. */
  fileReasons: Map<string, number>;
  /** The same for DER the DER reader refused and DER certificateFacts refused. */
  derReaderReasons: Map<string, number>;
  certificateReasons: Map<string, number>;
  certificatesAccepted: number;
  /** Accepted certificates that listed a malformed extension instead of being refused for it. */
  certificatesWithMalformedExtensions: number;
  /** How often each mutation was applied: a mutation that never runs tests nothing. */
  mutations: Map<string, number>;
  /** Cases that broke a promise; only the first MAX_KEPT_FAILURES are kept in `failures`. */
  failureCount: number;
  failures: FailedCase[];
  /** Failures by target, kind and reason shape, each with its smallest case: where to start fixing. */
  failureGroups: Map<string, { count: number; smallestCase: number; smallestBytes: number }>;
  elapsedMs: number;
  slowestMs: number;
  slowestCase: number;
}

/** Each failure can hold a 1 MiB input: enough to fix from, not enough to run out of memory. */
export const MAX_KEPT_FAILURES = 50;

export interface CampaignOptions {
  seed: number;
  count: number;
  from?: number;
  /** Called every `progressEvery` cases. */
  onProgress?: (done: number, summary: CampaignSummary) => void;
  progressEvery?: number;
  onFailure?: (failure: FailedCase) => void;
  /** Told each case's index before it runs, so a hang can be traced to its case. */
  onCaseStart?: (index: number) => void;
}

/** "element at offset 12 claims 400 bytes" and "... offset 7 claims 9 bytes" are one reason. */
export function reasonShape(reason: string): string {
  return reason
    .replace(/error:[0-9A-F]{8}:/g, 'error:#:')
    .replace(/\d+/g, '#')
    .replace(/"[^"]*"/g, '"…"')
    .slice(0, 120);
}

function count(map: Map<string, number>, reason: string | null): void {
  if (reason === null) return;
  const shape = reasonShape(reason);
  map.set(shape, (map.get(shape) ?? 0) + 1);
}

export function runCampaign(options: CampaignOptions): CampaignSummary {
  const from = options.from ?? 0;
  const summary: CampaignSummary = {
    seed: options.seed,
    cases: 0,
    acceptedFiles: 0,
    rejectedFiles: 0,
    fileReasons: new Map(),
    derReaderReasons: new Map(),
    certificateReasons: new Map(),
    certificatesAccepted: 0,
    certificatesWithMalformedExtensions: 0,
    mutations: new Map(),
    failureCount: 0,
    failures: [],
    failureGroups: new Map(),
    elapsedMs: 0,
    slowestMs: 0,
    slowestCase: -1,
  };
  const start = performance.now();
  for (let index = from; index < from + options.count; index++) {
    options.onCaseStart?.(index);
    const fuzzCase = makeCase(options.seed, index);
    const outcome = checkCase(fuzzCase);
    summary.cases++;
    for (const mutation of fuzzCase.mutations) summary.mutations.set(mutation, (summary.mutations.get(mutation) ?? 0) + 1);
    if (outcome.fileKind === 'unparseable') summary.rejectedFiles++;
    else summary.acceptedFiles++;
    count(summary.fileReasons, outcome.fileReason);
    count(summary.derReaderReasons, outcome.derReaderReason);
    count(summary.certificateReasons, outcome.certificateReason);
    if (outcome.certificateAccepted) summary.certificatesAccepted++;
    if (outcome.malformedExtensions > 0) summary.certificatesWithMalformedExtensions++;
    if (outcome.slowestMs > summary.slowestMs) {
      summary.slowestMs = outcome.slowestMs;
      summary.slowestCase = index;
    }
    if (outcome.violations.length > 0) {
      const failure = { fuzzCase, violations: outcome.violations };
      summary.failureCount++;
      if (summary.failures.length < MAX_KEPT_FAILURES) summary.failures.push(failure);
      for (const violation of outcome.violations) {
        const key = `${violation.target}: ${violation.kind}: ${reasonShape(violation.detail.split('\n')[0]!)}`;
        const group = summary.failureGroups.get(key);
        if (!group) summary.failureGroups.set(key, { count: 1, smallestCase: index, smallestBytes: fuzzCase.file.length });
        else {
          group.count++;
          if (fuzzCase.file.length < group.smallestBytes) Object.assign(group, { smallestCase: index, smallestBytes: fuzzCase.file.length });
        }
      }
      options.onFailure?.(failure);
    }
    summary.elapsedMs = performance.now() - start;
    if (options.onProgress && summary.cases % (options.progressEvery ?? 1000) === 0) options.onProgress(summary.cases, summary);
  }
  summary.elapsedMs = performance.now() - start;
  return summary;
}
