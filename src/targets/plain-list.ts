import { UsageError } from '../usage-error.js';
import { parseTarget } from './parse-target.js';
import type { TargetSpec } from './target-spec.js';

/**
 * The list people write: one target per line; `#` starts a comment; blank lines are skipped.
 * A bad line is named by file and line (parseTarget's error). A file in which not one line is a
 * target is not a list with a typo but some other kind of file: that gets `notAList`, with the
 * first line's complaint, instead of a complaint about its first line alone.
 */
export function readPlainList(lines: string[], file: string, notAList: (firstError: string) => UsageError): TargetSpec[] {
  const specs: TargetSpec[] = [];
  let firstError: UsageError | null = null;
  lines.forEach((line, index) => {
    const content = line.replace(/#.*$/, '').trim();
    if (!content) return;
    try {
      specs.push(parseTarget(content, { file, line: index + 1 }));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      firstError ??= error;
    }
  });
  if (firstError && specs.length === 0) throw notAList((firstError as UsageError).message);
  if (firstError) throw firstError;
  return specs;
}
