import type { RuleMeta } from '../rules/rule.js';
import type { Severity } from '../severity.js';
import { TOOL_URI } from '../version.js';
import type { SarifControlRef } from './sarif-compliance.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export const LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * GitHub ranks security alerts by this score: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9
 * medium, 0.1 to 3.9 low. It must be a number written as a string.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** The README's rules section lists every id with its severity and title. */
export const RULES_HELP_URI = `${TOOL_URI}/blob/main/README.md#rules`;

/**
 * Every rule judges what was observed (a handshake that succeeded, mode bits, a setting
 * written in a file), not a heuristic guess, and rules/<id>.json says nothing about precision,
 * so all of them are "high". A rule that starts guessing should get its own value here.
 */
const PRECISION = 'high';

export interface SarifMultiformatMessage {
  text: string;
  markdown?: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMultiformatMessage;
  fullDescription: SarifMultiformatMessage;
  help: SarifMultiformatMessage;
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  /** compliance: the controls the rule serves, with --compliance (sarif-compliance.ts). */
  properties: { tags: string[]; 'security-severity': string; precision: string; severity: Severity; appliesTo?: RuleMeta['appliesTo']; compliance?: SarifControlRef[] };
}

/**
 * A friendly name the multitool accepts: the id in PascalCase ("tls-cert-expired" becomes
 * "TlsCertExpired"). SARIF1001 rejects a name equal to the id; SARIF2012 wants PascalCase.
 */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

function markdownText(text: string): string {
  return text.replace(/([\\[\]<>*_])/g, '\\$1');
}

function markdownUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function parameterLines(rule: RuleMeta): string[] {
  return Object.entries(rule.parameters).map(([name, spec]) => `${rule.id}.${name} (default ${spec.default}): ${spec.description}`);
}

/** Help for GitHub's alert page: what is wrong, how to fix it, where to read more. */
function ruleHelp(rule: RuleMeta): SarifMultiformatMessage {
  const parameters = parameterLines(rule);
  const text = [
    rule.description,
    `Fix: ${rule.remediation}`,
    ...(parameters.length ? [`Parameters (set with --param):\n${parameters.map((line) => `- ${line}`).join('\n')}`] : []),
    ...(rule.references.length ? [`References:\n${rule.references.map((ref) => `- ${ref.title}: ${ref.url}`).join('\n')}`] : []),
  ].join('\n\n');
  const markdown = [
    `## ${markdownText(rule.title)}`,
    // Descriptions and remediations are written as markdown already (`commands` in backticks).
    rule.description,
    `### Fix\n\n${rule.remediation}`,
    ...(parameters.length ? [`### Parameters\n\nSet with \`--param ${rule.id}.NAME=VALUE\`.\n\n${Object.entries(rule.parameters).map(([name, spec]) => `- \`${name}\` (default \`${spec.default}\`): ${spec.description}`).join('\n')}`] : []),
    ...(rule.references.length ? [`### References\n\n${rule.references.map((ref) => `- [${markdownText(ref.title)}](${markdownUrl(ref.url)})`).join('\n')}`] : []),
  ].join('\n\n');
  return { text, markdown };
}

export function ruleDescriptor(rule: RuleMeta): SarifReportingDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: ruleHelp(rule),
    helpUri: RULES_HELP_URI,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [...new Set(['security', ...rule.tags])],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: PRECISION,
      severity: rule.severity,
      appliesTo: rule.appliesTo,
    },
  };
}

/**
 * For a finding whose rule has no metadata (a report read back after a rule was renamed, say):
 * what the finding itself says, so the result still references a rule.
 */
export function fallbackDescriptor(ruleId: string, title: string, severity: Severity): SarifReportingDescriptor {
  return {
    id: ruleId,
    name: ruleName(ruleId),
    shortDescription: { text: title },
    fullDescription: { text: title },
    help: { text: title, markdown: markdownText(title) },
    helpUri: RULES_HELP_URI,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ['security'], 'security-severity': SECURITY_SEVERITY[severity], precision: PRECISION, severity },
  };
}
