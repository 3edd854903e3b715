import { readdirSync, readFileSync } from 'node:fs';
import { schemaValidator } from '../schema-validation/schema-validators.js';
import { packageFile } from '../package-files.js';
import type { RuleMeta } from '../rules/rule.js';

/** rules/ at the package root. */
export const RULES_DIR = `${packageFile('rules')}/`;
const SCHEMA_FILE = 'rule.schema.json';

let cached: Map<string, RuleMeta> | null = null;

/**
 * Reads and validates every rules/<id>.json once. A file that fails the schema is a defect
 * in the package, not in the user's input, so it throws.
 */
export function loadRuleMetadata(dir = RULES_DIR): Map<string, RuleMeta> {
  if (cached && dir === RULES_DIR) return cached;
  // rules/rule.schema.json, whatever `dir` is: the standalone validator of the build, or the schema compiled.
  const validate = schemaValidator<RuleMeta>('rule');
  const metadata = new Map<string, RuleMeta>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE).sort()) {
    const data: unknown = JSON.parse(readFileSync(dir + file, 'utf8'));
    if (!validate(data)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new Error(`rules/${file} does not match rules/${SCHEMA_FILE}: ${problems}`);
    }
    if (`${data.id}.json` !== file) throw new Error(`rules/${file} declares id "${data.id}"; the file name must be the id`);
    metadata.set(data.id, data);
  }
  if (dir === RULES_DIR) cached = metadata;
  return metadata;
}
