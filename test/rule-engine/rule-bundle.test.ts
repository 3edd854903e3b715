/**
 * The build reads and validates rules/*.json once into dist/generated/rule-metadata.json, and a
 * start reads that one file while rules/ is as it was (rule-metadata.ts). rules/*.json stay the
 * source of truth: the bundle must hold exactly what they say, and must not be used once they change.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadRuleMetadata, readRuleFiles, RULE_BUNDLE_PATH, ruleFilesDigest, ruleFilesState, RULES_DIR, type RuleBundle } from '../../src/rule-engine/rule-metadata.js';

function builtBundle(): RuleBundle {
  try {
    return JSON.parse(readFileSync(RULE_BUNDLE_PATH, 'utf8')) as RuleBundle;
  } catch (error) {
    throw new Error(`${RULE_BUNDLE_PATH} cannot be read (${(error as Error).message}): run \`npm run build\` first (npm test does)`);
  }
}

t.test('the built bundle holds exactly what rules/*.json say, and is current', async (t) => {
  const bundle = builtBundle();
  const fromFiles = readRuleFiles();
  t.same(bundle.rules.map((rule) => rule.id), [...fromFiles.keys()], 'the same rules, in the same order');
  t.same(new Map(bundle.rules.map((rule) => [rule.id, rule])), fromFiles, 'field for field');
  t.equal(bundle.files, ruleFilesState(), 'made from rules/ as it is now (npm test built it)');
  t.equal(bundle.digest, ruleFilesDigest(), 'and from these contents');
  t.same(loadRuleMetadata(), fromFiles, 'what a start loads is what the files say');
});

t.test('a rule file edited, added or removed after the build makes the bundle stale', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-rule-bundle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const names = readdirSync(RULES_DIR).filter((name) => name.endsWith('.json'));
  for (const name of names) {
    copyFileSync(join(RULES_DIR, name), join(dir, name));
    utimesSync(join(dir, name), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  }
  const before = ruleFilesState(`${dir}/`);
  t.not(before, ruleFilesState(), 'other file times (as in an installed package) make another state...');
  t.equal(ruleFilesDigest(`${dir}/`), ruleFilesDigest(), '...but the same digest, so the bundle is still used');
  writeFileSync(join(dir, names[0]!), readFileSync(join(dir, names[0]!), 'utf8').replace('"', ' "'));
  t.not(ruleFilesDigest(`${dir}/`), ruleFilesDigest(), 'an edited content changes the digest');
  utimesSync(join(dir, names[0]!), new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
  t.not(ruleFilesState(`${dir}/`), before, 'an edit (a new modification time) changes the state');
  rmSync(join(dir, names.filter((name) => name !== 'rule.schema.json')[1]!));
  const removed = ruleFilesState(`${dir}/`);
  t.not(removed, before, 'a removed file changes it');
  // Another directory is always read file by file: the bundle is only for rules/ itself.
  t.equal(loadRuleMetadata(`${dir}/`).size, names.length - 2, 'read from the files, schema excluded');
});
