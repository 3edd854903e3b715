import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { loadRuleMetadata, RULES_DIR } from '../../src/rule-engine/rule-metadata.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import { rulesTable, withRulesTable } from '../../src/rule-engine/rules-table.js';
import { CONFIG_RULE_CASES } from '../support/config-rule-cases.js';
import { RULE_CASES } from '../support/endpoint-rule-cases.js';
import { FILE_RULE_CASES } from '../support/file-rule-cases.js';

const metadata = loadRuleMetadata();

t.test('every rules/<id>.json validates against rules/rule.schema.json', async (t) => {
  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.json') && name !== 'rule.schema.json');
  t.equal(metadata.size, files.length, 'each metadata file loaded');
});

/** Each kind of rule: its registry module, its list, and the file its test cases live in. */
const KINDS = [
  { appliesTo: 'endpoint', registry: 'src/rules/endpoint-rules.ts', rules: ENDPOINT_RULES, cases: RULE_CASES as Record<string, { expect: number }[]>, casesFile: 'test/support/endpoint-rule-cases.ts' },
  { appliesTo: 'file', registry: 'src/rules/file-rules.ts', rules: FILE_RULES, cases: FILE_RULE_CASES as Record<string, { expect: number }[]>, casesFile: 'test/support/file-rule-cases.ts' },
  { appliesTo: 'config', registry: 'src/rules/config-rules.ts', rules: CONFIG_RULES, cases: CONFIG_RULE_CASES as Record<string, { expect: number }[]>, casesFile: 'test/support/config-rule-cases.ts' },
] as const;

for (const kind of KINDS) {
  const ids = [...metadata.values()].filter((meta) => meta.appliesTo === kind.appliesTo).map((meta) => meta.id);

  t.test(`${kind.appliesTo} rules: metadata and logic are in step`, async (t) => {
    const moduleIds = kind.rules.map((rule) => rule.id);
    for (const id of ids) {
      t.ok(moduleIds.includes(id), `rules/${id}.json has logic: add src/rules/${id}.ts and list it in ${kind.registry}`);
    }
    for (const id of moduleIds) {
      t.equal(metadata.get(id)?.appliesTo, kind.appliesTo, `src/rules/${id}.ts has ${kind.appliesTo} metadata: add rules/${id}.json (see rules/rule.schema.json)`);
    }
    t.same(moduleIds, [...moduleIds].sort(), `${kind.registry} lists its rules in id order`);
    t.equal(new Set(moduleIds).size, moduleIds.length, 'no id is listed twice');
  });

  t.test(`${kind.appliesTo} rules: each has a case that fires and one that must not`, async (t) => {
    for (const id of ids) {
      const cases = kind.cases[id] ?? [];
      t.ok(cases.some((c) => c.expect > 0), `${id}: add a firing case to ${kind.casesFile}`);
      t.ok(cases.some((c) => c.expect === 0), `${id}: add a must-not-fire case to ${kind.casesFile}`);
    }
  });
}

t.test('parameter defaults are documented with their reason', async (t) => {
  const eol = metadata.get('api-engine-eol')!;
  t.match(eol.parameters.minimumVersion!.description, /\d{4}-\d{2}-\d{2}/, 'api-engine-eol says when its default was chosen');
  t.equal(metadata.get('tls-cert-expiring')!.parameters.days!.default, 30);
  t.equal(metadata.get('tls-cert-long-validity')!.parameters.days!.default, 825);
});

t.test('the README rules tables are generated from rules/*.json and not stale', async (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const generated = withRulesTable(readme, rulesTable(metadata.values()));
  t.equal(readme, generated, 'README.md is stale: run `npm run rules:readme`');
  for (const meta of metadata.values()) {
    t.ok(readme.includes(`| \`${meta.id}\` | ${meta.severity} | ${meta.title} |`), `README.md lists ${meta.id}`);
  }
  const listed = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (?:critical|high|medium|low|info) \|/gm)].map((m) => m[1]);
  t.same(listed.filter((id) => !metadata.has(id!)), [], 'README lists no rule that rules/ lacks');
});
