import type { MessageData, RuleMeta } from '../rules/rule.js';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The {name} placeholders a template uses, in order (repeats kept). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/**
 * A finding's message: the rule's template for messageId with each {name} replaced by data.name,
 * in one pass (data is never itself expanded). An unknown messageId or a placeholder the data
 * lacks is a defect in the rule, so it throws: the engine turns that into the rule's error entry.
 */
export function renderMessage(meta: Pick<RuleMeta, 'id' | 'messages'>, messageId: string, data: MessageData): string {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`message "${messageId}" is not in rules/${meta.id}.json`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message "${messageId}" of rules/${meta.id}.json names {${name}}, which the rule's data lacks`);
    return String(value);
  });
}
