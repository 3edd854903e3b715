/**
 * Writes the README's rule tables from rules/*.json: `npm run rules:readme`. The registry test
 * fails while the README is stale, naming this command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRuleMetadata } from '../src/rule-engine/rule-metadata.js';
import { rulesTable, withRulesTable } from '../src/rule-engine/rules-table.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(README, 'utf8');
const after = withRulesTable(before, rulesTable(loadRuleMetadata().values()));
if (after === before) {
  console.log('README.md rule tables are up to date');
} else {
  writeFileSync(README, after);
  console.log('README.md rule tables rewritten from rules/*.json');
}
