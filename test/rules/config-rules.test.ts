import t from 'tap';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { CONFIG_RULE_CASES } from '../support/config-rule-cases.js';

const metadata = loadRuleMetadata();
const NOW = new Date('2026-06-01T00:00:00Z');

for (const [ruleId, cases] of Object.entries(CONFIG_RULE_CASES)) {
  t.test(ruleId, async (t) => {
    const rule = CONFIG_RULES.find((candidate) => candidate.id === ruleId);
    t.ok(rule, `rule ${ruleId} is registered in src/rules/config-rules.ts`);
    if (!rule) return;
    for (const testCase of cases) {
      const { findings, errors } = evaluateConfig(testCase.observation, [rule], metadata, { now: NOW });
      t.same(errors, [], `${testCase.name}: the rule ran cleanly`);
      t.equal(findings.length, testCase.expect, `${testCase.name}: ${testCase.expect ? 'fires' : 'does not fire'}`);
      for (const finding of findings) {
        t.equal(finding.severity, metadata.get(ruleId)!.severity, 'severity comes from rules/<id>.json');
        t.ok(finding.path, 'names the file to fix');
      }
      if (testCase.line !== undefined) t.equal(findings[0]?.line, testCase.line, `${testCase.name}: points at line ${testCase.line}`);
    }
  });
}

t.test('a config rule that throws becomes an error entry, and the others still run', async (t) => {
  const broken = { id: 'daemon-tcp-no-tls', checkConfig: () => { throw new Error('boom'); } };
  const working = CONFIG_RULES.find((rule) => rule.id === 'daemon-config-invalid')!;
  const observation = CONFIG_RULE_CASES['daemon-config-invalid']![0]!.observation;
  const { findings, errors } = evaluateConfig(observation, [broken, working], metadata, { now: NOW });
  t.match(errors, [{ kind: 'rule', ruleId: 'daemon-tcp-no-tls', message: /boom/ }]);
  t.equal(findings.length, 1);
});
