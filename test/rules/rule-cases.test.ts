/**
 * Every rule's valid and invalid cases (test/rules/cases/<rule-id>.cases.ts), run by the one
 * RuleTester; and what the engine does around a rule, whatever its kind.
 */
import t from 'tap';
import { evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import type { EndpointRule } from '../../src/rules/rule.js';
import { config } from '../support/config-observation-builder.js';
import { fileStat, serverKey } from '../support/file-observation-builder.js';
import { mtlsEndpoint, plainEndpoint } from '../support/observation-builder.js';
import { loadRuleCases } from '../support/rule-case-files.js';
import { DEFAULT_NOW, RuleTester } from '../support/rule-tester.js';

const metadata = loadRuleMetadata();
const now = new Date(DEFAULT_NOW);
const ruleTester = new RuleTester(t);

for (const [ruleId, cases] of await loadRuleCases()) ruleTester.run(ruleId, cases);

t.test('a rule that throws becomes an error entry, and the other rules still run', async (t) => {
  const broken = { id: 'api-unauthenticated', checkEndpoint: () => { throw new Error('boom'); } };
  const working = ENDPOINT_RULES.find((rule) => rule.id === 'api-port-mismatch')!;
  const observation = plainEndpoint({ port: 2376, target: '127.0.0.1:2376' });
  const { findings, errors } = evaluateEndpoint(observation, [broken, working], metadata, { now });
  t.equal(errors.length, 1);
  t.match(errors[0]!.message, /api-unauthenticated threw .*boom/);
  t.equal(findings.length, 1);
  t.equal(findings[0]!.ruleId, 'api-port-mismatch');
});

t.test('a config rule that throws becomes an error entry, and the others still run', async (t) => {
  const broken = { id: 'daemon-tcp-no-tls', checkConfig: () => { throw new Error('boom'); } };
  const working = CONFIG_RULES.find((rule) => rule.id === 'daemon-config-invalid')!;
  const observation = config({ daemon: { daemonJsonError: { message: 'Expected double-quoted property name', line: 4, column: 1 } } });
  const { findings, errors } = evaluateConfig(observation, [broken, working], metadata, { now });
  t.match(errors, [{ kind: 'rule', ruleId: 'daemon-tcp-no-tls', message: /boom/ }]);
  t.equal(findings.length, 1);
});

t.test('a file rule that throws becomes an error entry naming the file, and the other rules still run', async (t) => {
  const broken = { id: 'cert-expired', checkFile: () => { throw new Error('boom'); } };
  const working = FILE_RULES.find((rule) => rule.id === 'file-key-permissions')!;
  const observation = serverKey({ stat: fileStat({ mode: 0o644 }) });
  const { findings, errors } = evaluateFile(observation, [broken, working], metadata, { now });
  t.equal(errors.length, 1);
  t.match(errors[0]!.message, /cert-expired threw on \/etc\/docker\/ssl\/server-key\.pem: boom/);
  t.equal(findings.length, 1);
  t.equal(findings[0]!.ruleId, 'file-key-permissions');
});

t.test('a message id the rule JSON lacks, or a placeholder its data lacks, is the rule\'s error entry, not a finding', async (t) => {
  const unknownMessage: EndpointRule = { id: 'api-port-mismatch', checkEndpoint: (o) => [{ messageId: 'no-such-message', data: { target: o.target }, evidence: {} }] };
  const missingData: EndpointRule = { id: 'api-unauthenticated', checkEndpoint: () => [{ messageId: 'plain-http-access', data: {}, evidence: {} }] };
  const { findings, errors } = evaluateEndpoint(plainEndpoint(), [unknownMessage, missingData], metadata, { now });
  t.same(findings, []);
  t.match(errors, [
    { ruleId: 'api-port-mismatch', message: /message "no-such-message" is not in rules\/api-port-mismatch\.json/ },
    { ruleId: 'api-unauthenticated', message: /names \{target\}, which the rule's data lacks/ },
  ]);
});

t.test('api-tls-no-client-verify names the setting that causes it: --tlsverify=false, not --tls alone', async (t) => {
  const rule = ENDPOINT_RULES.find((candidate) => candidate.id === 'api-tls-no-client-verify')!;
  const observation = mtlsEndpoint({ attempts: [{ name: 'tls-no-client-cert', outcome: 'api-access', detail: 'built for a test' }] });
  const { findings } = evaluateEndpoint(observation, [rule], metadata, { now });
  t.equal(findings.length, 1);
  t.match(findings[0]!.message, /--tlsverify=false \(or "tlsverify": false in daemon\.json\)/, 'the message names the setting');
  t.notMatch(findings[0]!.message, /--tls without --tlsverify/, 'dockerd 20.10+ verifies clients under --tls with a CA');
  const meta = metadata.get('api-tls-no-client-verify')!;
  t.match(meta.remediation, /--tlsverify=false/, 'the fix says what to remove');
  t.notMatch(meta.description, /`--tls` but without client verification/);
});
