import type { ConfigObservation } from '../config/config-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import { parametersFor, type EvaluationOptions } from './evaluate-endpoint.js';
import type { ConfigRule, RuleMeta } from './rule.js';

/** Runs every config rule over a host's configuration; each hit names the file and line to fix. */
export function evaluateConfig(
  observation: ConfigObservation,
  rules: readonly ConfigRule[],
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
      for (const hit of rule.checkConfig(observation, context)) {
        const { path, systemPath, line } = hit.location;
        findings.push({
          ruleId: rule.id,
          severity: meta.severity,
          title: meta.title,
          message: hit.message,
          evidence: hit.evidence,
          path,
          ...(line !== null ? { line } : {}),
          ...(systemPath !== path ? { systemPath } : {}),
        });
      }
    } catch (error) {
      errors.push({ kind: 'rule', ruleId: rule.id, message: `rule ${rule.id} threw on the configuration under ${observation.root}: ${(error as Error).message}` });
    }
  }
  return { findings, errors };
}
