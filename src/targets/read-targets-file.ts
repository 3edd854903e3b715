import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';
import { parseTarget } from './parse-target.js';
import type { TargetSpec } from './target-spec.js';

/** One target per line; `#` starts a comment; blank lines are skipped. Line numbers are kept. */
export function readTargetsFile(path: string): TargetSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`--targets-file "${path}": cannot read it (${code}); check the path and its permissions`);
  }
  const specs: TargetSpec[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*$/, '').trim();
    // Kept absolute, so a saved report still finds the inventory when converted from another folder.
    if (content) specs.push(parseTarget(content, { file: resolve(path), line: index + 1 }));
  });
  return specs;
}
