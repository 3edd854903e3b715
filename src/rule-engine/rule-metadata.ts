import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { schemaValidator } from '../schema-validation/schema-validators.js';
import { packageFile } from '../package-files.js';
import type { RuleMeta } from '../rules/rule.js';

/** rules/ at the package root. */
export const RULES_DIR = `${packageFile('rules')}/`;
const SCHEMA_FILE = 'rule.schema.json';

/**
 * Where the build keeps every rule's metadata, read and validated once (write-rule-bundle.ts),
 * so that a start reads one file instead of validating 78.
 */
export const RULE_BUNDLE_PATH = packageFile('dist', 'generated', 'rule-metadata.json');

/** What the build wrote: the rules, and rules/ as they were read from it. */
export interface RuleBundle {
  /** ruleFilesState(): names, sizes, modification times. */
  files: string;
  /** ruleFilesDigest(): names and contents, for when only the times differ (an installed package). */
  digest: string;
  rules: RuleMeta[];
}

let cached: Map<string, RuleMeta> | null = null;

/**
 * Every rules/<id>.json, validated, once per process: from the build's bundle when rules/ is
 * as it was at the build (its file times, else, as in an installed package whose files carry
 * the packer's times, its contents), else read and validated file by file. A file that fails the schema
 * is a defect in the package, not in the user's input, so it throws.
 */
export function loadRuleMetadata(dir = RULES_DIR): Map<string, RuleMeta> {
  if (cached && dir === RULES_DIR) return cached;
  const bundled = dir === RULES_DIR ? bundledRules() : null;
  const metadata = bundled ? new Map(bundled.map((rule) => [rule.id, rule])) : readRuleFiles(dir);
  if (dir === RULES_DIR) cached = metadata;
  return metadata;
}

/** The rule files of `dir`, each read and checked against rules/rule.schema.json. */
export function readRuleFiles(dir = RULES_DIR): Map<string, RuleMeta> {
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
  return metadata;
}

/**
 * rules/ as names, sizes and modification times (the schema included): a file added, removed
 * or edited since the build changes it, and the bundle is not used. Costs a directory listing
 * and a stat per file, not a read.
 */
export function ruleFilesState(dir = RULES_DIR): string {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  return JSON.stringify(names.map((name) => {
    const stat = statSync(dir + name);
    return [name, stat.size, stat.mtimeMs];
  }));
}

/** rules/*.json (the schema included) as one hash of their names and contents. */
export function ruleFilesDigest(dir = RULES_DIR): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) hash.update(`${name}\0`).update(readFileSync(dir + name)).update('\0');
  return hash.digest('hex');
}

function bundledRules(): RuleMeta[] | null {
  if (!existsSync(RULE_BUNDLE_PATH)) return null;
  const bundle = JSON.parse(readFileSync(RULE_BUNDLE_PATH, 'utf8')) as RuleBundle;
  // Reading the files to compare them still spares validating them (most of the cost).
  return bundle.files === ruleFilesState() || bundle.digest === ruleFilesDigest() ? bundle.rules : null;
}
