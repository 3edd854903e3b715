import type { RuleMeta, RuleParameterValue } from '../rules/rule.js';
import { UsageError } from '../usage-error.js';

export type RuleParameterOverrides = Record<string, Record<string, RuleParameterValue>>;

/**
 * `--param RULE.NAME=VALUE`, repeatable: e.g. `--param tls-cert-expiring.days=14`. Checked
 * against the rule's own metadata (type, minimum, pattern) before any traffic, so a typo is
 * an error now rather than a silently ignored setting.
 */
export function parseRuleParams(entries: readonly string[], metadata: Map<string, RuleMeta>): RuleParameterOverrides {
  const overrides: RuleParameterOverrides = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)\.([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(entry);
    if (!match) throw new UsageError(`--param "${entry}": write RULE.NAME=VALUE, e.g. tls-cert-expiring.days=14`);
    const [, ruleId, name, text] = match as unknown as [string, string, string, string];
    const meta = metadata.get(ruleId);
    if (!meta) throw new UsageError(`--param "${entry}": no rule "${ruleId}"; the rules table in the README lists them`);
    // Own keys only: "constructor" or "toString" must not pass for a parameter.
    const spec = Object.hasOwn(meta.parameters, name) ? meta.parameters[name] : undefined;
    if (!spec) {
      const known = Object.keys(meta.parameters);
      throw new UsageError(`--param "${entry}": ${ruleId} has ${known.length ? `parameters ${known.join(', ')}` : 'no parameters'}, not "${name}"`);
    }
    let value: RuleParameterValue;
    if (spec.type === 'integer') {
      if (!/^\d+$/.test(text) || (spec.minimum !== undefined && Number(text) < spec.minimum)) {
        throw new UsageError(`--param "${entry}": ${ruleId}.${name} is a whole number${spec.minimum !== undefined ? ` of at least ${spec.minimum}` : ''}`);
      }
      value = Number(text);
    } else {
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(text)) {
        throw new UsageError(`--param "${entry}": ${ruleId}.${name} must match ${spec.pattern} (default ${spec.default})`);
      }
      value = text;
    }
    (overrides[ruleId] ??= {})[name] = value;
  }
  return overrides;
}
