import type { FileObservation } from '../files/file-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import type { EvaluationOptions } from './evaluate-endpoint.js';
import type { FileRule, RuleMeta } from './rule.js';
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
