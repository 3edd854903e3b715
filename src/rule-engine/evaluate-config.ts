import type { ConfigObservation } from '../config/config-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import type { EvaluationOptions } from './evaluate-endpoint.js';
import type { ConfigRule, ConfigRuleHit, RuleContext, RuleMeta } from '../rules/rule.js';
import { runRules } from './run-rules.js';

export function allDaemons(observation: ConfigObservation): ConfigObservation['daemon'][] {
  return [observation.daemon, ...(observation.otherDaemons ?? [])];
}

/**
 * One config rule's hits. daemon-* rules judge one dockerd at a time: the host's own, then the
 * snap's and each rootless one, so that one daemon's TLS settings never vouch for another's
 * listeners.
 */
export function configRuleHits(rule: ConfigRule, observation: ConfigObservation, context: RuleContext): ConfigRuleHit[] {
  return rule.id.startsWith('daemon-')
    ? allDaemons(observation).flatMap((daemon) => rule.checkConfig({ ...observation, daemon }, context))
    : rule.checkConfig(observation, context);
}

/** Runs every config rule over a host's configuration; each hit names the file and line to fix. */
export function evaluateConfig(
  observation: ConfigObservation,
  rules: readonly ConfigRule[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
): { findings: Finding[]; errors: ScanError[] } {
  return runRules(rules, metadata, options, {
    check: (rule, context) => configRuleHits(rule, observation, context),
    locate: ({ location: { path, systemPath, line } }) => ({ path, ...(line !== null ? { line } : {}), ...(systemPath !== path ? { systemPath } : {}) }),
    failed: (rule, error) => ({ kind: 'rule', ruleId: rule.id, message: `rule ${rule.id} threw on the configuration under ${observation.root}: ${error.message}` }),
  });
}
