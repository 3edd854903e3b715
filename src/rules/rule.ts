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
  deprecated?: boolean;
}

export type Evidence = Record<string, string | number | boolean | string[] | null>;

/** What a rule reports: the engine adds severity, title and target from metadata. */
export interface RuleHit {
  message: string;
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

/** The logic half of a rule. Pure: observation and parameters in, hits out. */
export interface EndpointRule {
  id: string;
  checkEndpoint(observation: EndpointObservation, context: RuleContext): RuleHit[];
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
}

/** A config hit names where the offending setting is written, so an annotation can land on it. */
export interface ConfigRuleHit extends RuleHit {
  location: Pick<ConfigSource, 'path' | 'systemPath' | 'line'>;
}

/** A config rule judges a whole host's Docker configuration. */
export interface ConfigRule {
  id: string;
  checkConfig(observation: ConfigObservation, context: RuleContext): ConfigRuleHit[];
}
