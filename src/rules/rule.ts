import type { ConfigObservation, ConfigSource } from '../config/config-observation.js';
import type { FileObservation } from '../files/file-observation.js';
import type { EndpointObservation } from '../network/endpoint-observation.js';
import type { Severity } from '../severity.js';

export type RuleParameterValue = string | number;

export interface RuleParameterMeta {
  type: 'integer' | 'string';
  default: RuleParameterValue;
  minimum?: number;
  pattern?: string;
  description: string;
}

/** The user-facing examples of rules/<id>.json: forms documented in rules/rule.schema.json. */
export interface RuleExamples {
  valid: Record<string, unknown>[];
  invalid: Record<string, unknown>[];
}

/** The contents of rules/<id>.json, validated against rules/rule.schema.json. */
export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  appliesTo: 'endpoint' | 'file' | 'config';
  description: string;
  remediation: string;
  references: { title: string; url: string }[];
  tags: string[];
  parameters: Record<string, RuleParameterMeta>;
  /** messageId -> template with {name} placeholders, filled from a hit's data. */
  messages: Record<string, string>;
  /** The compliance controls this rule serves, as "<spec>:<control id>" (e.g. "cis-docker-1.7.0:2.7"); may be empty. */
  controls: string[];
  examples: RuleExamples;
  deprecated?: boolean;
  /** Runs only with --compliance (rules/rule.schema.json "benchmark"). */
  benchmark?: boolean;
}

export type Evidence = Record<string, string | number | boolean | string[] | null>;

/** What a message template's {name} placeholders are filled with. */
export type MessageData = Record<string, string | number>;

/**
 * What a rule reports: which of its messages, the data that fills it, and the evidence. The
 * engine renders the message from rules/<id>.json and adds severity, title and where it is.
 */
export interface RuleHit {
  messageId: string;
  data: MessageData;
  evidence: Evidence;
}

export interface RuleContext {
  /** Parameters with defaults already applied. */
  params: Record<string, RuleParameterValue>;
  /** Injected so time-dependent rules are testable. */
  now: Date;
  /** Names and IPs clients use for the daemon (`files --host`, a config's listeners); empty when nobody said. */
  expectedHosts?: readonly string[];
}

/**
 * Whether a rule could decide for one observation. A rule that fires has decided (it failed);
 * this says whether its silence may be read as a pass. `why` is for the reader of the report.
 */
export type RuleDecision =
  | { kind: 'decided' }
  | { kind: 'not-applicable'; why: string }
  | { kind: 'not-checked'; why: string };

/** The logic half of a rule. Pure: observation and parameters in, hits out. */
export interface EndpointRule {
  id: string;
  checkEndpoint(observation: EndpointObservation, context: RuleContext): RuleHit[];
  /**
   * Could this rule decide for this observation? Omit for the default
   * (rule-engine/default-decision.ts: defaultEndpointDecision).
   */
  decides?(observation: EndpointObservation, context: RuleContext): RuleDecision;
}

/** A file rule judges one certificate, key or leftover file; the engine adds the file's path. */
export interface FileRule {
  id: string;
  /**
   * Set when the rule judges a certificate (or a private key) only once the file's role is known:
   * the usage it needs, the names it must cover, whose it should be all follow from the role. A
   * file of unknown role lists such rules in checksWithoutRole, so their silence is not a pass.
   */
  needsRoleOf?: readonly ('certificate' | 'key')[];
  checkFile(observation: FileObservation, context: RuleContext): RuleHit[];
  /** Could this rule decide for this file? Omit for the default (defaultFileDecision). */
  decides?(observation: FileObservation, context: RuleContext): RuleDecision;
}

/** A config hit names where the offending setting is written, so an annotation can land on it. */
export interface ConfigRuleHit extends RuleHit {
  location: Pick<ConfigSource, 'path' | 'systemPath' | 'line'>;
}

/** A config rule judges a whole host's Docker configuration. */
export interface ConfigRule {
  id: string;
  checkConfig(observation: ConfigObservation, context: RuleContext): ConfigRuleHit[];
  /**
   * Could this rule decide for this configuration (one daemon's, for daemon-* rules)? Omit for
   * the default (defaultConfigDecision).
   */
  decides?(observation: ConfigObservation, context: RuleContext): RuleDecision;
}
