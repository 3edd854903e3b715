import type { FileObservation } from '../files/file-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import { parametersFor, type EvaluationOptions } from './evaluate-endpoint.js';
import type { FileRule, RuleMeta } from './rule.js';

/**
 * Runs every file rule over one file. As with endpoints, a rule that throws costs only its
 * own verdict: it becomes an error entry naming the file, and the other rules still run.
 */
export function evaluateFile(
  observation: FileObservation,
  rules: readonly FileRule[],
  metadata: Map<string, RuleMeta>,
  options: EvaluationOptions,
): { findings: Finding[]; errors: ScanError[] } {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const where = { path: observation.path, ...(observation.systemPath !== observation.path ? { systemPath: observation.systemPath } : {}) };
  for (const rule of rules) {
    const meta = metadata.get(rule.id);
    if (!meta) {
      errors.push({ kind: 'rule', ruleId: rule.id, message: `rule ${rule.id} has no rules/${rule.id}.json; it was not run` });
      continue;
    }
    try {
      const context = { now: options.now, params: parametersFor(meta, options.parameters?.[rule.id]), expectedHosts: options.expectedHosts ?? [] };
      for (const hit of rule.checkFile(observation, context)) {
        findings.push({ ruleId: rule.id, severity: meta.severity, title: meta.title, message: hit.message, evidence: hit.evidence, ...where });
      }
    } catch (error) {
      errors.push({ kind: 'rule', ruleId: rule.id, path: observation.path, message: `rule ${rule.id} threw on ${observation.systemPath}: ${(error as Error).message}` });
    }
  }
  return { findings, errors };
}
