import type { EndpointObservation } from '../network/endpoint-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import type { EndpointRule, RuleMeta } from '../rules/rule.js';
import { runRules, type EvaluationOptions } from './run-rules.js';

export { parametersFor, type EvaluationOptions } from './run-rules.js';

/**
 * Runs every endpoint rule over one observation. A rule that throws costs only its own
 * verdict: it becomes an error entry, and the other rules still run.
 */
export function evaluateEndpoint(
  observation: EndpointObservation,
  rules: readonly EndpointRule[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
): { findings: Finding[]; errors: ScanError[] } {
  return runRules(rules, metadata, options, {
    check: (rule, context) => rule.checkEndpoint(observation, context),
    locate: () => ({ target: observation.target, ...(observation.source ? { source: observation.source } : {}) }),
    failed: (rule, error) => ({ kind: 'rule', ruleId: rule.id, target: observation.target, message: `rule ${rule.id} threw on ${observation.target}: ${error.message}` }),
  });
}
