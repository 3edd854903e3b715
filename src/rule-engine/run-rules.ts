import type { Finding, ScanError } from '../report/finding.js';
import type { RuleContext, RuleHit, RuleMeta, RuleParameterValue } from '../rules/rule.js';
import { renderMessage } from './render-message.js';

export interface EvaluationOptions {
  now: Date;
  /** Per-rule parameter overrides, e.g. { 'tls-cert-expiring': { days: 14 } }. */
  parameters?: Record<string, Record<string, RuleParameterValue>>;
  /** See RuleContext.expectedHosts. */
  expectedHosts?: readonly string[];
  /** Run the benchmark hardening checks too (--compliance); without it they are skipped. */
  benchmark?: boolean;
}

export function parametersFor(meta: RuleMeta, overrides: Record<string, RuleParameterValue> = {}): Record<string, RuleParameterValue> {
  const params: Record<string, RuleParameterValue> = {};
  for (const [name, spec] of Object.entries(meta.parameters)) params[name] = overrides[name] ?? spec.default;
  return params;
}

/**
 * The loop every kind of rule shares: find the rule's metadata, give it its parameters and
 * clock, turn its hits into findings, each message rendered from the rule's template. A rule
 * without metadata is not run, and a rule that throws costs only its own verdict: both become
 * error entries and the other rules still run.
 */
export function runRules<R extends { id: string }, H extends RuleHit>(
  rules: readonly R[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
  run: {
    check: (rule: R, context: RuleContext) => H[];
    /** Where a hit is: target, or path/line/systemPath. */
    locate: (hit: H) => Partial<Finding>;
    /** The error entry for a rule that threw. */
    failed: (rule: R, error: Error) => ScanError;
  },
): { findings: Finding[]; errors: ScanError[] } {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const rule of rules) {
    const meta = metadata.get(rule.id);
    if (!meta) {
      errors.push({ kind: 'rule', ruleId: rule.id, message: `rule ${rule.id} has no rules/${rule.id}.json; it was not run` });
      continue;
    }
    // Hardening checks are asked for with --compliance; the report says whether they ran.
    if (meta.benchmark && !options.benchmark) continue;
    try {
      const context: RuleContext = { now: options.now, params: parametersFor(meta, options.parameters?.[rule.id]), expectedHosts: options.expectedHosts ?? [] };
      // Rendered before any is kept: a rule whose message cannot be rendered fails as a whole.
      const rendered = run.check(rule, context).map((hit) => ({ hit, message: renderMessage(meta, hit.messageId, hit.data) }));
      for (const { hit, message } of rendered) {
        findings.push({ ruleId: rule.id, severity: meta.severity, title: meta.title, message, evidence: hit.evidence, ...run.locate(hit) });
      }
    } catch (error) {
      errors.push(run.failed(rule, error as Error));
    }
  }
  return { findings, errors };
}
