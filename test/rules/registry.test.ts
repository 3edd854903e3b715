import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { placeholdersOf } from '../../src/rule-engine/render-message.js';
import { loadRuleMetadata, RULES_DIR } from '../../src/rule-engine/rule-metadata.js';
import { rulesTable, withRulesTable } from '../../src/rule-engine/rules-table.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import { loadRuleCases } from '../support/rule-case-files.js';

const metadata = loadRuleMetadata();
const allCases = await loadRuleCases();
const RULES_SRC = fileURLToPath(new URL('../../src/rules/', import.meta.url));

t.test('every rules/<id>.json validates against rules/rule.schema.json', async (t) => {
  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.json') && name !== 'rule.schema.json');
  t.equal(metadata.size, files.length, 'each metadata file loaded');
});

/** Each kind of rule: its index module and its list. */
const KINDS = [
  { appliesTo: 'endpoint', registry: 'src/rules/endpoint-rules.ts', rules: ENDPOINT_RULES },
  { appliesTo: 'file', registry: 'src/rules/file-rules.ts', rules: FILE_RULES },
  { appliesTo: 'config', registry: 'src/rules/config-rules.ts', rules: CONFIG_RULES },
] as const;

for (const kind of KINDS) {
  const ids = [...metadata.values()].filter((meta) => meta.appliesTo === kind.appliesTo).map((meta) => meta.id);

  t.test(`${kind.appliesTo} rules: metadata and logic are in step`, async (t) => {
    const moduleIds = kind.rules.map((rule) => rule.id);
    for (const id of ids) {
      t.ok(moduleIds.includes(id), `rules/${id}.json has logic: add a module to src/rules/ and list it in ${kind.registry}`);
    }
    for (const id of moduleIds) {
      t.equal(metadata.get(id)?.appliesTo, kind.appliesTo, `the rule ${id} has ${kind.appliesTo} metadata: add rules/${id}.json (see rules/rule.schema.json)`);
    }
    t.same(moduleIds, [...moduleIds].sort(), `${kind.registry} lists its rules in id order`);
    t.equal(new Set(moduleIds).size, moduleIds.length, 'no id is listed twice');
  });
}

t.test('every rule has test/rules/cases/<id>.cases.ts with a case that fires and one that must not', async (t) => {
  for (const id of metadata.keys()) {
    const cases = allCases.get(id);
    t.ok(cases, `${id}: add test/rules/cases/${id}.cases.ts exporting { valid, invalid } (see docs/adding-a-rule.md)`);
    t.ok((cases?.valid.length ?? 0) > 0, `${id}: add a valid case (one it must not fire on)`);
    t.ok((cases?.invalid.length ?? 0) > 0, `${id}: add an invalid case (one it must fire on)`);
  }
  t.same([...allCases.keys()].filter((id) => !metadata.has(id)), [], 'no cases file for a rule that does not exist');
});

t.test('every rule has examples in its metadata, valid and invalid', async (t) => {
  for (const meta of metadata.values()) {
    t.ok(meta.examples.valid.length > 0, `rules/${meta.id}.json: add a valid example to "examples"`);
    t.ok(meta.examples.invalid.length > 0, `rules/${meta.id}.json: add an invalid example to "examples"`);
  }
});

t.test('every rule names the controls it serves (possibly none)', async (t) => {
  for (const meta of metadata.values()) {
    t.ok(Array.isArray(meta.controls), `rules/${meta.id}.json has "controls"`);
    for (const control of meta.controls) t.match(control, /^[a-z0-9.-]+:[0-9]+(\.[0-9]+)*$/, `${meta.id}: ${control} is <spec>:<control>`);
  }
  const serving = (control: string) => [...metadata.values()].filter((meta) => meta.controls.includes(control)).map((meta) => meta.id).sort();
  t.same(serving('cis-docker-1.7.0:2.7'), [
    'api-tls-client-ca-system-store', 'api-tls-no-client-verify', 'api-tls-untrusted-client-accepted', 'api-unauthenticated',
    'daemon-tcp-no-tls', 'daemon-tls-files-missing', 'daemon-tls-no-verify', 'daemon-tls-verify-no-client-ca',
  ], 'CIS Docker 2.7 (TLS authentication) is decided by the eight rules about who gets in');
  t.ok(serving('cis-docker-1.7.0:2.12').includes('api-no-authz-plugin'), 'CIS Docker 2.12 (authorization plugin) by api-no-authz-plugin');
});

/** src/rules/*.ts, each with the rule ids it defines (`id: '...'`); a twin module defines two. */
function ruleModules(): { file: string; source: string; ids: string[] }[] {
  return readdirSync(RULES_SRC)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => {
      const source = readFileSync(join(RULES_SRC, name), 'utf8');
      return { file: `src/rules/${name}`, source, ids: [...source.matchAll(/^\s+id: '([a-z0-9-]+)',$/gm)].map((m) => m[1]!) };
    })
    .filter((module) => module.ids.length > 0);
}

/**
 * Read from the module's source: the message ids it reports (string literals in `messageId:`
 * expressions) must be in its rules' JSON, and every message in that JSON must appear in the
 * module. A rule that picks its id at run time (file-leftover-csr: the file's kind) names each
 * somewhere in its source, and the RuleTester proves what it reports renders.
 */
t.test('the messages a rule module reports are in its JSON, and every JSON message is used', async (t) => {
  const modules = ruleModules();
  for (const id of metadata.keys()) {
    t.equal(modules.filter((module) => module.ids.includes(id)).length, 1, `${id} is defined in exactly one module of src/rules/`);
  }
  for (const module of modules) {
    const messages = new Map(module.ids.flatMap((id) => Object.entries(metadata.get(id)?.messages ?? {})));
    const reported = [...module.source.matchAll(/messageId: ([^,\n]+)/g)].flatMap((m) => [...m[1]!.matchAll(/'([a-z0-9-]+)'/g)].map((s) => s[1]!));
    for (const messageId of reported) t.ok(messages.has(messageId), `${module.file} reports "${messageId}": add it to "messages" in rules/${module.ids.join('.json or rules/')}.json`);
    const literals = new Set([...module.source.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!));
    for (const id of module.ids) {
      for (const messageId of Object.keys(metadata.get(id)?.messages ?? {})) {
        t.ok(literals.has(messageId), `rules/${id}.json message "${messageId}" is used by ${module.file}, or remove it`);
      }
    }
  }
});

t.test('message templates use simple {name} placeholders only', async (t) => {
  for (const meta of metadata.values()) {
    for (const [messageId, template] of Object.entries(meta.messages)) {
      const braces = (template.match(/[{}]/g) ?? []).length;
      t.equal(braces, placeholdersOf(template).length * 2, `${meta.id}/${messageId}: every brace belongs to a {name} placeholder`);
    }
  }
});

t.test('file rules give the command to fix and a reference', async (t) => {
  for (const meta of [...metadata.values()].filter((candidate) => candidate.appliesTo === 'file')) {
    t.match(meta.remediation, /`[^`]+`/, `rules/${meta.id}.json gives the command to fix`);
    t.ok(meta.references.length > 0, `rules/${meta.id}.json has a reference`);
  }
});

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
