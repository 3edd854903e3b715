import type { RuleMeta } from '../rules/rule.js';

export const RULES_TABLE_START = '<!-- rules:start -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

/** Each kind's heading sentence in the README, in the order the tables appear. */
const KINDS: { appliesTo: RuleMeta['appliesTo']; heading: string }[] = [
  { appliesTo: 'endpoint', heading: 'Endpoint rules (`scan`, and the scan part of the machine audit):' },
  { appliesTo: 'file', heading: 'File rules (`files`): the `cert-*` checks are the same code as their `tls-*` twins.' },
  { appliesTo: 'config', heading: 'Config rules (`config`):' },
];

/** A title or control list as one Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/**
 * The README's rule tables, generated from rules/*.json (`npm run rules:readme`) so they cannot
 * drift from the metadata: three tables by kind, rules in id order.
 */
export function rulesTable(metadata: Iterable<RuleMeta>): string {
  const rules = [...metadata].sort((a, b) => a.id.localeCompare(b.id));
  const sections = KINDS.map(({ appliesTo, heading }) => {
    const rows = rules
      .filter((meta) => meta.appliesTo === appliesTo)
      .map((meta) => `| \`${meta.id}\` | ${meta.severity} | ${cell(meta.title)} | ${cell(meta.controls.join(', ')) || '–'} |`);
    return [heading, '', '| id | severity | title | controls |', '|---|---|---|---|', ...rows].join('\n');
  });
  return sections.join('\n\n');
}

/** The README with its generated block replaced; throws when the markers are missing. */
export function withRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(RULES_TABLE_START);
  const end = readme.indexOf(RULES_TABLE_END);
  if (start === -1 || end < start) throw new Error(`README.md needs ${RULES_TABLE_START} and ${RULES_TABLE_END} around the rules tables`);
  return `${readme.slice(0, start + RULES_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
