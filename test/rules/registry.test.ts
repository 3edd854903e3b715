import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { loadRuleMetadata, RULES_DIR } from '../../src/rules/rule-metadata.js';
import { RULE_CASES } from '../support/endpoint-rule-cases.js';

const metadata = loadRuleMetadata();
const endpointIds = [...metadata.values()].filter((meta) => meta.appliesTo === 'endpoint').map((meta) => meta.id);

t.test('every rules/<id>.json validates against rules/rule.schema.json', async (t) => {
  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.json') && name !== 'rule.schema.json');
  t.equal(metadata.size, files.length, 'each metadata file loaded');
});

t.test('metadata and logic are in step', async (t) => {
  const moduleIds = ENDPOINT_RULES.map((rule) => rule.id);
  for (const id of endpointIds) {
    t.ok(moduleIds.includes(id), `rules/${id}.json has logic: add src/rules/${id}.ts and list it in src/rules/endpoint-rules.ts`);
  }
  for (const id of moduleIds) {
    t.ok(metadata.has(id), `src/rules/${id}.ts has metadata: add rules/${id}.json (see rules/rule.schema.json)`);
  }
  t.same(moduleIds, [...moduleIds].sort(), 'ENDPOINT_RULES is in id order');
  t.equal(new Set(moduleIds).size, moduleIds.length, 'no id is listed twice');
});

t.test('every rule has a case that fires and one that must not', async (t) => {
  for (const id of endpointIds) {
    const cases = RULE_CASES[id] ?? [];
    t.ok(cases.some((c) => c.expect > 0), `${id}: add a firing case to test/support/endpoint-rule-cases.ts`);
    t.ok(cases.some((c) => c.expect === 0), `${id}: add a must-not-fire case to test/support/endpoint-rule-cases.ts`);
  }
});

t.test('parameter defaults are documented with their reason', async (t) => {
  const eol = metadata.get('api-engine-eol')!;
  t.match(eol.parameters.minimumVersion!.description, /\d{4}-\d{2}-\d{2}/, 'api-engine-eol says when its default was chosen');
  t.equal(metadata.get('tls-cert-expiring')!.parameters.days!.default, 30);
  t.equal(metadata.get('tls-cert-long-validity')!.parameters.days!.default, 825);
});

t.test('the README rules table matches rules/*.json', async (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const meta of metadata.values()) {
    t.ok(
      readme.includes(`| \`${meta.id}\` | ${meta.severity} | ${meta.title} |`),
      `README.md lists ${meta.id} as "| \`${meta.id}\` | ${meta.severity} | ${meta.title} |"; update the Rules table`,
    );
  }
  const listed = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (?:critical|high|medium|low|info) \|/gm)].map((m) => m[1]);
  t.same(listed.filter((id) => !metadata.has(id!)), [], 'README lists no rule that rules/ lacks');
});
