import { CONFIG_RULES } from '../rules/config-rules.js';
import { ENDPOINT_RULES } from '../rules/endpoint-rules.js';
import { FILE_RULES } from '../rules/file-rules.js';
import { loadRuleMetadata } from '../rule-engine/rule-metadata.js';
import type { RuleMeta } from '../rules/rule.js';
import { UsageError } from '../usage-error.js';
import type { ComplianceSpec } from './compliance-spec.js';
import type { ComplianceRule } from './evaluate-compliance.js';

/** Every registered rule, as compliance sees it: id, kind, and its `decides` hook where it has one. */
export function complianceRules(metadata: Map<string, RuleMeta> = loadRuleMetadata()): Map<string, ComplianceRule> {
  const rules = new Map<string, ComplianceRule>();
  const benchmark = (id: string): boolean => metadata.get(id)?.benchmark === true;
  for (const rule of ENDPOINT_RULES) rules.set(rule.id, { id: rule.id, benchmark: benchmark(rule.id), kind: 'endpoint', rule });
  for (const rule of CONFIG_RULES) rules.set(rule.id, { id: rule.id, benchmark: benchmark(rule.id), kind: 'config', rule });
  for (const rule of FILE_RULES) rules.set(rule.id, { id: rule.id, benchmark: benchmark(rule.id), kind: 'file', rule });
  return rules;
}

/** The rules whose findings name the file or directory they are about (evidence.object): the only ones a control with `object` can use. */
const OBJECT_RULES = new Set(['daemon-file-owner', 'daemon-file-mode']);

/** A spec that names a rule dockprobe does not have would make that control unjudgeable without saying so. */
export function checkSpecRules(spec: ComplianceSpec, rules: ReadonlyMap<string, ComplianceRule>, given: string): void {
  for (const control of spec.controls) {
    const unknown = control.rules.find((id) => !rules.has(id));
    if (unknown) throw new UsageError(`--compliance "${given}": control ${control.id} names rule "${unknown}", which dockprobe does not have; fix the spec (the README's Rules tables list the ids)`);
    // Such a control counts only findings naming its object: any other rule's would never count, and it would pass.
    const objectless = control.object === undefined ? undefined : control.rules.find((id) => !OBJECT_RULES.has(id));
    if (objectless) throw new UsageError(`--compliance "${given}": control ${control.id} has "object" but names rule "${objectless}", whose findings name no object; "object" goes only with ${[...OBJECT_RULES].join(' and ')}`);
  }
}
