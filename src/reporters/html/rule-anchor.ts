import { createHash } from 'node:crypto';

/**
 * The id of a rule's "how to fix" section: "rule-daemon-tcp-no-tls", so a link can be shared.
 * A rule id from a saved report that is not a plain rule name gets a hashed id instead: still
 * one per rule, and nothing from the report lands in an id unescaped.
 */
export function ruleAnchor(ruleId: string): string {
  if (/^[a-z0-9][a-z0-9-]{0,80}$/.test(ruleId)) return `rule-${ruleId}`;
  return `rule-x${createHash('sha256').update(ruleId).digest('hex').slice(0, 16)}`;
}
