import type { EndpointObservation } from '../network/endpoint-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import type { EndpointRule, RuleMeta, RuleParameterValue } from './rule.js';

export interface EvaluationOptions {
  now: Date;
  /** Per-rule parameter overrides, e.g. { 'tls-cert-expiring': { days: 14 } }. */
  parameters?: Record<string, Record<string, RuleParameterValue>>;
  /** See RuleContext.expectedHosts. */
  expectedHosts?: readonly string[];
}

export function parametersFor(meta: RuleMeta, overrides: Record<string, RuleParameterValue> = {}): Record<string, RuleParameterValue> {
  const params: Record<string, RuleParameterValue> = {};
  for (const [name, spec] of Object.entries(meta.parameters)) params[name] = overrides[name] ?? spec.default;
  return params;
}

/**
 * Runs every rule over one observation. A rule that throws costs only its own verdict: it
 * becomes an error entry, and the other rules still run.
 */
export function evaluateEndpoint(
  observation: EndpointObservation,
  rules: readonly EndpointRule[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
): { findings: Finding[]; errors: ScanError[] } {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const rule of rules) {
    const meta = metadata.get(rule.id);
    if (!meta) {
      errors.push({ kind: 'rule', ruleId: rule.id, message: `rule ${rule.id} has no rules/${rule.id}.json; it was not run` });
      continue;
    }
    try {
      const context = { now: options.now, params: parametersFor(meta, options.parameters?.[rule.id]) };
      for (const hit of rule.checkEndpoint(observation, context)) {
        findings.push({ ruleId: rule.id, severity: meta.severity, title: meta.title, message: hit.message, evidence: hit.evidence, target: observation.target });
      }
    } catch (error) {
      errors.push({ kind: 'rule', ruleId: rule.id, target: observation.target, message: `rule ${rule.id} threw on ${observation.target}: ${(error as Error).message}` });
    }
  }
  return { findings, errors };
}
