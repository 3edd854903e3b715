import t from 'tap';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { DEFAULT_NOW, RULE_CASES } from '../support/endpoint-rule-cases.js';

const metadata = loadRuleMetadata();

for (const [ruleId, cases] of Object.entries(RULE_CASES)) {
  t.test(ruleId, async (t) => {
    const rule = ENDPOINT_RULES.find((candidate) => candidate.id === ruleId);
    t.ok(rule, `rule ${ruleId} is registered in src/rules/endpoint-rules.ts`);
    if (!rule) return;
    for (const testCase of cases) {
      const { findings, errors } = evaluateEndpoint(testCase.observation, [rule], metadata, {
        now: new Date(testCase.now ?? DEFAULT_NOW),
        parameters: testCase.params ? { [ruleId]: testCase.params } : undefined,
      });
      t.same(errors, [], `${testCase.name}: the rule ran cleanly`);
      t.equal(findings.length, testCase.expect, `${testCase.name}: ${testCase.expect ? 'fires' : 'does not fire'}`);
      for (const finding of findings) {
        t.equal(finding.ruleId, ruleId);
        t.equal(finding.severity, metadata.get(ruleId)!.severity, 'severity comes from rules/<id>.json');
        t.equal(finding.target, testCase.observation.target);
        t.match(finding.message, testCase.observation.target, 'the message names the endpoint');
      }
    }
  });
}

t.test('a rule that throws becomes an error entry, and the other rules still run', async (t) => {
  const broken = { id: 'api-unauthenticated', checkEndpoint: () => { throw new Error('boom'); } };
  const working = ENDPOINT_RULES.find((rule) => rule.id === 'api-port-mismatch')!;
  const observation = RULE_CASES['api-port-mismatch']![0]!.observation;
  const { findings, errors } = evaluateEndpoint(observation, [broken, working], metadata, { now: new Date(DEFAULT_NOW) });
  t.equal(errors.length, 1);
  t.match(errors[0]!.message, /api-unauthenticated threw .*boom/);
  t.equal(findings.length, 1);
  t.equal(findings[0]!.ruleId, 'api-port-mismatch');
});

t.test('api-tls-no-client-verify names the setting that causes it: --tlsverify=false, not --tls alone', async (t) => {
  const rule = ENDPOINT_RULES.find((candidate) => candidate.id === 'api-tls-no-client-verify')!;
  const observation = RULE_CASES['api-tls-no-client-verify']![0]!.observation;
  const { findings } = evaluateEndpoint(observation, [rule], metadata, { now: new Date(DEFAULT_NOW) });
  t.equal(findings.length, 1);
  t.match(findings[0]!.message, /--tlsverify=false \(or "tlsverify": false in daemon\.json\)/, 'the message names the setting');
  t.notMatch(findings[0]!.message, /--tls without --tlsverify/, 'dockerd 20.10+ verifies clients under --tls with a CA');
  const meta = metadata.get('api-tls-no-client-verify')!;
  t.match(meta.remediation, /--tlsverify=false/, 'the fix says what to remove');
  t.notMatch(meta.description, /`--tls` but without client verification/);
});
