import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RuleCases } from './rule-tester.js';

/** test/rules/cases/: one <rule-id>.cases.ts per rule, exporting { valid, invalid }. */
export const CASES_DIR = fileURLToPath(new URL('../rules/cases/', import.meta.url));
const SUFFIX = '.cases.ts';

/** Every rule's case table, by rule id, in id order. */
export async function loadRuleCases(): Promise<Map<string, RuleCases>> {
  const files = readdirSync(CASES_DIR).filter((name) => name.endsWith(SUFFIX)).sort();
  const cases = new Map<string, RuleCases>();
  for (const file of files) {
    const module = (await import(new URL(file, `file://${CASES_DIR}`).href)) as Partial<RuleCases>;
    cases.set(file.slice(0, -SUFFIX.length), { valid: module.valid ?? [], invalid: module.invalid ?? [] });
  }
  return cases;
}
