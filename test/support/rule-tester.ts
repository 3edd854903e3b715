import type { Test } from 'tap';
import type { ConfigObservation } from '../../src/config/config-observation.js';
import type { FileObservation } from '../../src/files/file-observation.js';
import type { EndpointObservation } from '../../src/network/endpoint-observation.js';
import { configRuleHits, evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { parametersFor, type EvaluationOptions } from '../../src/rule-engine/run-rules.js';
import type { Finding } from '../../src/report/finding.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import type { RuleContext, RuleHit, RuleParameterValue } from '../../src/rules/rule.js';

/** Clock for every case unless it says otherwise: inside the default certificates' validity. */
export const DEFAULT_NOW = '2026-06-01T00:00:00.000Z';

export type AnyObservation = EndpointObservation | FileObservation | ConfigObservation;

/** A case the rule must stay silent on. */
export interface ValidCase<O extends AnyObservation = AnyObservation> {
  name: string;
  observation: O;
  /** The scan's clock (default DEFAULT_NOW). */
  now?: string;
  params?: Record<string, RuleParameterValue>;
  /** Names and IPs clients use (`files --host`). */
  hosts?: string[];
}

/** One expected finding: which message, and for config rules the line it points at. */
export interface ExpectedError {
  messageId: string;
  line?: number;
}

/** A case the rule must fire on, once per entry of `errors`, in order. */
export interface InvalidCase<O extends AnyObservation = AnyObservation> extends ValidCase<O> {
  errors: ExpectedError[];
}

/** What a test/rules/cases/<rule-id>.cases.ts file exports. */
export interface RuleCases<O extends AnyObservation = AnyObservation> {
  valid: ValidCase<O>[];
  invalid: InvalidCase<O>[];
}

const metadata = loadRuleMetadata();

interface Outcome {
  hits: RuleHit[];
  findings: Finding[];
  errors: { message: string }[];
}

/** The rule's own hits (for message ids) and the engine's findings (rendered, located) for one case. */
function runCase(ruleId: string, testCase: ValidCase): Outcome {
  const meta = metadata.get(ruleId);
  if (!meta) throw new Error(`rules/${ruleId}.json is missing`);
  const options: EvaluationOptions = {
    now: new Date(testCase.now ?? DEFAULT_NOW),
    parameters: testCase.params ? { [ruleId]: testCase.params } : undefined,
    expectedHosts: testCase.hosts,
    // Benchmark checks run only with --compliance; the examples and cases exercise them as it would.
    benchmark: true,
  };
  const context: RuleContext = { now: options.now, params: parametersFor(meta, testCase.params), expectedHosts: testCase.hosts ?? [] };
  switch (meta.appliesTo) {
    case 'endpoint': {
      const rule = ENDPOINT_RULES.find((candidate) => candidate.id === ruleId)!;
      const observation = testCase.observation as EndpointObservation;
      return { hits: rule.checkEndpoint(observation, context), ...evaluateEndpoint(observation, [rule], metadata, options) };
    }
    case 'file': {
      const rule = FILE_RULES.find((candidate) => candidate.id === ruleId)!;
      const observation = testCase.observation as FileObservation;
      return { hits: rule.checkFile(observation, context), ...evaluateFile(observation, [rule], metadata, options) };
    }
    case 'config': {
      const rule = CONFIG_RULES.find((candidate) => candidate.id === ruleId)!;
      const observation = testCase.observation as ConfigObservation;
      return { hits: configRuleHits(rule, observation, context), ...evaluateConfig(observation, [rule], metadata, options) };
    }
  }
}

/** What every finding of a kind must carry, whatever the rule. */
function checkWhere(t: Test, ruleId: string, testCase: ValidCase, finding: Finding): void {
  const kind = metadata.get(ruleId)!.appliesTo;
  if (kind === 'endpoint') {
    const observation = testCase.observation as EndpointObservation;
    t.equal(finding.target, observation.target, `${testCase.name}: the finding carries the endpoint`);
    t.match(finding.message, observation.target, `${testCase.name}: the message names the endpoint`);
  } else if (kind === 'file') {
    const observation = testCase.observation as FileObservation;
    t.equal(finding.path, observation.path, `${testCase.name}: the finding carries the path`);
    t.ok(finding.message.startsWith(observation.systemPath), `${testCase.name}: the message names the file first: ${finding.message}`);
    const evidence = JSON.stringify(finding.evidence);
    t.ok(evidence.length < 400 && !/BEGIN|PRIVATE/.test(evidence), `${testCase.name}: evidence is small and holds no key material`);
  } else {
    t.ok(finding.path, `${testCase.name}: names the file to fix`);
  }
}

/**
 * ESLint's RuleTester, for dockprobe's rules: `valid` cases must not fire, `invalid` ones must
 * fire once per expected error, with those message ids in that order (and lines, where given).
 * Each case runs through the engine too, so its messages render and its findings carry the
 * rule's severity and where to look.
 */
export class RuleTester {
  constructor(private readonly t: Test) {}

  run(ruleId: string, cases: RuleCases): void {
    this.t.test(ruleId, async (t) => {
      const meta = metadata.get(ruleId);
      t.ok(meta, `rules/${ruleId}.json exists`);
      if (!meta) return;
      for (const testCase of cases.valid) {
        const { hits, findings, errors } = runCase(ruleId, testCase);
        t.same(errors.map((error) => error.message), [], `${testCase.name}: the rule ran cleanly`);
        t.same(hits.map((hit) => hit.messageId), [], `${testCase.name}: does not fire`);
        t.equal(findings.length, 0, `${testCase.name}: no finding`);
      }
      for (const testCase of cases.invalid) {
        const { hits, findings, errors } = runCase(ruleId, testCase);
        t.same(errors.map((error) => error.message), [], `${testCase.name}: the rule ran cleanly`);
        t.same(hits.map((hit) => hit.messageId), testCase.errors.map((error) => error.messageId), `${testCase.name}: fires with ${testCase.errors.map((error) => error.messageId).join(', ')}`);
        t.equal(findings.length, testCase.errors.length, `${testCase.name}: one finding per error`);
        testCase.errors.forEach((expected, index) => {
          const finding = findings[index];
          if (!finding) return;
          t.equal(finding.ruleId, ruleId);
          t.equal(finding.severity, meta.severity, 'severity comes from rules/<id>.json');
          t.ok(finding.message.length > 0 && !/\{[A-Za-z]+\}/.test(finding.message), `${testCase.name}: the message is rendered: ${finding.message}`);
          if (expected.line !== undefined) t.equal(finding.line, expected.line, `${testCase.name}: points at line ${expected.line}`);
          checkWhere(t, ruleId, testCase, finding);
        });
      }
    });
  }
}
