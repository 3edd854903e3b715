import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RuleMeta } from '../rules/rule.js';
import { UsageError } from '../usage-error.js';
import type { IgnoreEntry } from './ignore-entry.js';
import { compilePlacePattern } from './place-pattern.js';

export const DEFAULT_IGNORE_FILE = '.dockprobeignore';

const EXPIRES = /\bexpires:\s*(\S+)\s*$/;

/**
 * One entry per line:  RULE-ID [PATTERN] [expires: YYYY-MM-DD]  # reason
 * A reason is required: a suppression nobody can explain a year later is a finding hidden,
 * not a risk accepted. Every mistake is an error naming FILE:LINE, before any scanning, so a
 * typo never silently stops suppressing (or starts suppressing too much).
 */
export function parseIgnoreFile(text: string, label: string, metadata: Map<string, RuleMeta>, baseDir: string = process.cwd()): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const origin = `${label}:${index + 1}`;
    // A comment starts at the line's start or after a blank, so a path such as /srv/a#b is kept whole.
    const hash = raw.search(/(^|\s)#/);
    const cut = hash === -1 ? -1 : raw.indexOf('#', hash);
    const body = (cut === -1 ? raw : raw.slice(0, cut)).replace(/^\uFEFF/, '').trim();
    const reason = cut === -1 ? '' : raw.slice(cut + 1).trim();
    if (body === '') return; // blank or comment-only line
    if (reason === '') throw new UsageError(`${origin}: give a reason after "#" (why this is acceptable, and who decided), e.g. "${body}  # rotating in December, OPS-123"`);

    let rest = body;
    let expires: string | null = null;
    const expiry = EXPIRES.exec(rest);
    if (expiry) {
      expires = checkDay(expiry[1]!, origin);
      rest = rest.slice(0, expiry.index).trim();
    } else if (/(^|\s)expires(\s|:|$)/.test(rest)) {
      throw new UsageError(`${origin}: write the end date as "expires: YYYY-MM-DD" at the end of the entry, before the "#"`);
    }
    const words = rest.split(/\s+/);
    if (words.length > 2) throw new UsageError(`${origin}: expected RULE-ID [PATTERN] [expires: YYYY-MM-DD] # reason, got "${rest}"; a pattern has no spaces`);
    const [ruleId, pattern] = words as [string, string | undefined];
    if (!metadata.has(ruleId)) {
      throw new UsageError(`${origin}: "${ruleId}" is not a dockprobe rule id; see the Rules tables in the README (e.g. ${[...metadata.keys()][0]})`);
    }
    if (pattern !== undefined) compilePlacePattern(pattern); // cannot fail today; kept as the one place patterns are checked
    entries.push({ ruleId, pattern: pattern ?? null, expires, reason, origin, baseDir });
  });
  return entries;
}

function checkDay(text: string, origin: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== text) throw new UsageError(`${origin}: "expires: ${text}" is not a calendar date; use YYYY-MM-DD`);
  return text;
}

/**
 * --ignorefile FILE must exist; the default .dockprobeignore in the working directory is read
 * when it is there, and its absence is normal.
 */
export function readIgnoreFile(path: string | undefined, metadata: Map<string, RuleMeta>): IgnoreEntry[] {
  const file = path ?? DEFAULT_IGNORE_FILE;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    if (path === undefined && code === 'ENOENT') return [];
    throw new UsageError(`--ignorefile "${file}": cannot read it (${code}); check the path, or leave the option out`);
  }
  return parseIgnoreFile(text, file, metadata, dirname(resolve(file)));
}
