import type { ConfigObservation } from '../config/config-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import type { EvaluationOptions } from './evaluate-endpoint.js';
import type { ConfigRule, RuleMeta } from './rule.js';
import { runRules } from './run-rules.js';

/** Runs every config rule over a host's configuration; each hit names the file and line to fix. */
export function evaluateConfig(
  observation: ConfigObservation,
  rules: readonly ConfigRule[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
): { findings: Finding[]; errors: ScanError[] } {
  return runRules(rules, metadata, options, {
    check: (rule, context) => rule.checkConfig(observation, context),
    locate: ({ location: { path, systemPath, line } }) => ({ path, ...(line !== null ? { line } : {}), ...(systemPath !== path ? { systemPath } : {}) }),
    failed: (rule, error) => ({ kind: 'rule', ruleId: rule.id, message: `rule ${rule.id} threw on the configuration under ${observation.root}: ${error.message}` }),
  });
}
