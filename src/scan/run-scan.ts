import type { EndpointObservation } from '../network/endpoint-observation.js';
import { probeEndpoint, type ProbeSettings } from '../network/probe-endpoint.js';
import type { Finding, ScanError } from '../report/finding.js';
import { evaluateEndpoint, type EvaluationOptions } from '../rule-engine/evaluate-endpoint.js';
import type { EndpointRule, RuleMeta } from '../rules/rule.js';
import type { Exclusions } from '../targets/exclusions.js';
import type { Probe } from '../targets/expand-targets.js';
import { emptySummary, type ScanSummary } from './scan-summary.js';

export interface ScanProgress {
  done: number;
  open: number;
}

export interface ScanOptions {
  probes: Iterator<Probe>;
  concurrency: number;
  /** --exclude/--exclude-file: never probed, only counted. */
  exclusions?: Exclusions | null;
  /** --rate: awaited before each probe starts. */
  beforeProbe?: () => Promise<void>;
  /** --max-duration: no probe starts after this instant (ms since the epoch); those in flight finish. */
  deadline?: { at: number; label: string } | null;
  /**
   * An interrupt (SIGINT/SIGTERM): no probe starts after it, and those in flight end at once
   * (probeSettings.stop is the same signal), so what was gathered can still be reported.
   */
  stop?: AbortSignal;
  probeSettings: ProbeSettings;
  rules: readonly EndpointRule[];
  metadata: Map<string, RuleMeta>;
  evaluation: EvaluationOptions;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanOutcome {
  endpoints: EndpointObservation[];
  findings: Finding[];
  errors: ScanError[];
  summary: ScanSummary;
}

/**
 * A fixed pool of workers pulls probes from one shared iterator, so memory holds at most
 * `concurrency` probes in flight plus what gets reported, never the whole range.
 */
export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const outcome: ScanOutcome = { endpoints: [], findings: [], errors: [], summary: emptySummary() };
  const { summary } = outcome;

  const order = new Map<EndpointObservation, number>();
  const sweptErrors = new SweptErrorTally();
  const record = (observation: EndpointObservation, index: number): void => {
    summary.probes++;
    summary.byState[observation.state]++;
    if (observation.dockerApi === 'confirmed') summary.dockerApis++;
    if (!observation.named && observation.state !== 'open') {
      summary.unlisted++;
      // Closed and filtered are answers; an error is "could not look", and must not vanish.
      if (!observation.checked.complete) sweptErrors.add(observation);
      return;
    }
    outcome.endpoints.push(observation);
    order.set(observation, index);
    // An endpoint not fully checked must not read as a clean one: it makes the report incomplete.
    if (!observation.checked.complete) {
      outcome.errors.push({ kind: 'target', target: observation.target, ...(observation.source ? { source: observation.source } : {}), message: `${observation.target}: ${observation.checked.reason}` });
    }
    const evaluated = evaluateEndpoint(observation, options.rules, options.metadata, options.evaluation);
    outcome.findings.push(...evaluated.findings);
    outcome.errors.push(...evaluated.errors);
  };

  let pulled = 0;
  let stoppedEarly = false;
  let interrupted = false;
  const worker = async (): Promise<void> => {
    for (let next = options.probes.next(); !next.done; next = options.probes.next()) {
      if (options.stop?.aborted) {
        interrupted = true;
        return;
      }
      if (options.exclusions?.has(next.value.host)) {
        options.exclusions.skipped++;
        continue;
      }
      await options.beforeProbe?.();
      if (options.deadline && Date.now() >= options.deadline.at) {
        stoppedEarly = true;
        return;
      }
      const index = pulled++;
      record(await probeEndpoint(next.value, options.probeSettings), index);
      options.onProgress?.({ done: summary.probes, open: summary.byState.open });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  if (interrupted) {
    outcome.errors.push({ kind: 'sweep', message: `${String(options.stop!.reason)} after ${summary.probes} probe(s): the rest of the targets were not probed, so this report is incomplete` });
  } else if (stoppedEarly) {
    // What was found is kept and reported; the run says plainly that it is not the whole picture.
    outcome.errors.push({ kind: 'sweep', message: `stopped by ${options.deadline!.label} after ${summary.probes} probe(s); the rest of the targets were not probed, so this report is incomplete` });
  }
  // Workers finish out of order; the report follows the order targets were given in.
  outcome.endpoints.sort((a, b) => order.get(a)! - order.get(b)!);
  outcome.errors.push(...sweptErrors.toErrors());
  return outcome;
}

const EXAMPLES_PER_CAUSE = 5;

/** Swept endpoints that errored, grouped by cause, so a /16 that ran out of sockets reads as one line. */
class SweptErrorTally {
  private readonly byCause = new Map<string, { count: number; examples: string[]; sample: string }>();

  add(observation: EndpointObservation): void {
    const sample = observation.checked.complete ? 'unknown error' : observation.checked.reason;
    const cause = /^[A-Z][A-Z0-9_]+/.exec(sample)?.[0] ?? sample;
    const entry = this.byCause.get(cause) ?? { count: 0, examples: [], sample };
    entry.count++;
    if (entry.examples.length < EXAMPLES_PER_CAUSE) entry.examples.push(observation.target);
    this.byCause.set(cause, entry);
  }

  toErrors(): ScanError[] {
    return [...this.byCause.values()].map(({ count, examples, sample }) => ({
      kind: 'sweep',
      message: `${count} swept endpoint(s) could not be checked (${sample}), e.g. ${examples.join(', ')}${count > examples.length ? ', …' : ''}`,
    }));
  }
}
