import t from 'tap';
import { runRules } from '../../src/rule-engine/run-rules.js';
import type { RuleMeta } from '../../src/rules/rule.js';

/** Benchmark hardening checks run only when asked (--compliance); the others always. */
const meta = (id: string, benchmark: boolean): RuleMeta => ({
  id, title: id, severity: 'low', appliesTo: 'config', description: 'd', remediation: 'r', references: [], tags: [], parameters: {},
  messages: { hit: 'hit' }, controls: [], examples: { valid: [], invalid: [] }, ...(benchmark ? { benchmark } : {}),
} as unknown as RuleMeta);

const rules = [{ id: 'always' }, { id: 'hardening' }];
const metadata = new Map([['always', meta('always', false)], ['hardening', meta('hardening', true)]]);
const run = (benchmark: boolean | undefined) => runRules(rules, metadata, { now: new Date(), ...(benchmark === undefined ? {} : { benchmark }) }, {
  check: () => [{ messageId: 'hit', data: {}, evidence: {} }],
  locate: () => ({}),
  failed: (rule, error) => ({ kind: 'rule', ruleId: rule.id, message: error.message }),
});

t.test('without --compliance the hardening check is skipped, not failed', async (t) => {
  t.same(run(undefined).findings.map((finding) => finding.ruleId), ['always']);
  t.same(run(false).errors, []);
});

t.test('with --compliance both run', async (t) => {
  t.same(run(true).findings.map((finding) => finding.ruleId), ['always', 'hardening']);
});
