/** One argument of a command line, and the variable it came from (to point a finding at its definition). */
export interface ShellWord {
  text: string;
  /** Where the word starts in the line it was split from (for an expanded word: where the reference is). */
  offset: number;
  /** Set when any part of the word came from `$NAME` or `${NAME}`. */
  variable: string | null;
}

export interface SplitResult {
  words: ShellWord[];
  /** "an unclosed \" quote": the words before it are still given. */
  error: string | null;
}

/**
 * Splits a command line as a shell does (an init script's `dockerd $DOCKER_OPTS`): quotes,
 * backslash escapes and backslash-newline continuations. With `lookup`, `$NAME` and `${NAME}`
 * are expanded and, unquoted, split into words. systemd's ExecStart= reads differently (escapes
 * in single quotes, `${NAME}` never split): see systemd-syntax.ts.
 */
export function splitShellWords(line: string, lookup?: (name: string) => string | undefined): SplitResult {
  const words: ShellWord[] = [];
  let current = '';
  let started = false;
  let startOffset = 0;
  let variable: string | null = null;
  let quote: '"' | "'" | null = null;

  const finish = () => {
    if (started) words.push({ text: current, offset: startOffset, variable });
    current = '';
    started = false;
    variable = null;
  };

  for (let at = 0; at < line.length; at++) {
    const char = line[at]!;
    if (!started && !/\s/.test(char)) startOffset = at;
    if (quote === "'") {
      if (char === "'") quote = null;
      else current += char;
      continue;
    }
    if (char === '\\') {
      const next = line[at + 1];
      at++;
      if (next === undefined) break;
      if (next === '\n') continue;
      if (next === '\r' && line[at + 1] === '\n') {
        at++;
        continue;
      }
      if (quote === '"' && !'"\\$`'.includes(next)) current += '\\';
      current += next;
      started = true;
      continue;
    }
    if (char === '$' && lookup) {
      const reference = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(at));
      if (line[at + 1] === '$') {
        current += '$';
        started = true;
        at++;
        continue;
      }
      if (reference) {
        const name = (reference[1] ?? reference[2])!;
        at += reference[0].length - 1;
        const value = lookup(name) ?? '';
        if (quote === '"') {
          current += value;
          started = true;
          variable = name;
          continue;
        }
        const parts = splitShellWords(value).words;
        const referenceOffset = at - reference[0].length + 1;
        parts.forEach((part, index) => {
          if (index > 0) {
            finish();
            startOffset = referenceOffset;
          }
          current += part.text;
          started = true;
          variable = name;
        });
        continue;
      }
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      started = true;
      continue;
    }
    if (/\s/.test(char)) {
      finish();
      continue;
    }
    current += char;
    started = true;
  }
  const error = quote ? `an unclosed ${quote} quote` : null;
  finish();
  return { words, error };
}
