import type { FileObservation } from '../files/file-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import type { EvaluationOptions } from './evaluate-endpoint.js';
import type { FileRule, RuleMeta } from '../rules/rule.js';
import { runRules } from './run-rules.js';

/** Runs every file rule over one file; findings carry the file's path (and systemPath under --root). */
export function evaluateFile(
  observation: FileObservation,
  rules: readonly FileRule[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
): { findings: Finding[]; errors: ScanError[] } {
  const where = { path: observation.path, ...(observation.systemPath !== observation.path ? { systemPath: observation.systemPath } : {}) };
  return runRules(rules, metadata, options, {
    check: (rule, context) => rule.checkFile(observation, context),
    locate: () => where,
    failed: (rule, error) => ({ kind: 'rule', ruleId: rule.id, path: observation.path, message: `rule ${rule.id} threw on ${observation.systemPath}: ${error.message}` }),
  });
}

/**
 * The rules that did not judge this file because its role is unknown: decided here, from what
 * each rule declares, so the report can say so instead of letting their silence pass for clean.
 * Content that could not be read or parsed is cert-unparseable's to report, not listed here.
 */
export function checksWithoutRole(observation: FileObservation, rules: readonly FileRule[]): string[] {
  if (observation.role !== 'unknown') return [];
  const material = new Set<'certificate' | 'key'>();
  if (observation.certificates.length > 0) material.add('certificate');
  if (observation.kind === 'private-key') material.add('key');
  return rules.filter((rule) => rule.needsRoleOf?.some((wanted) => material.has(wanted))).map((rule) => rule.id);
}
