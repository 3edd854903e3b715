/** One `NAME=value` of an environment file, with the line it starts on. */
export interface EnvironmentAssignment {
  name: string;
  value: string;
  line: number;
}

/**
 * Reads `NAME=value` lines as both readers of these files understand them: systemd's
 * EnvironmentFile= and the shell that sources /etc/default/docker for an init script.
 * Quotes may span lines, `export` is allowed, `#` starts a comment, a trailing backslash
 * continues the line, and `$NAME`/`${NAME}` refer to earlier assignments of the same file
 * (`DOCKER_OPTS="$DOCKER_OPTS --tlsverify"` is common).
 */
export function parseEnvironmentFile(text: string): { assignments: EnvironmentAssignment[]; problems: { line: number; message: string }[] } {
  const assignments: EnvironmentAssignment[] = [];
  const problems: { line: number; message: string }[] = [];
  const known = new Map<string, string>();
  let at = 0;
  let line = 1;

  const advance = () => {
    if (text[at] === '\n') line++;
    at++;
  };
  const skipToNextLine = () => {
    while (at < text.length && text[at] !== '\n') advance();
    advance();
  };
  const expandAt = (): string | null => {
    const reference = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(at, at + 300));
    if (!reference) return null;
    for (let count = 0; count < reference[0].length; count++) advance();
    return known.get((reference[1] ?? reference[2])!) ?? '';
  };

  while (at < text.length) {
    while (at < text.length && /[ \t\r]/.test(text[at]!)) advance();
    if (text[at] === '\n') {
      advance();
      continue;
    }
    const head = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(text.slice(at, at + 300));
    if (!head) {
      // Comments, shell code in a defaults file (`if ...`), blank lines: not assignments.
      skipToNextLine();
      continue;
    }
    const startLine = line;
    for (let count = 0; count < head[0].length; count++) advance();
    let value = '';
    let unclosed: string | null = null;
    while (at < text.length && !/[ \t\r\n#]/.test(text[at]!)) {
      const char = text[at]!;
      if (char === '"' || char === "'") {
        advance();
        while (at < text.length && text[at] !== char) {
          if (char === '"' && text[at] === '\\' && '"\\$`\n'.includes(text[at + 1] ?? '')) {
            advance();
            if (text[at] !== '\n') value += text[at];
            advance();
            continue;
          }
          if (char === '"' && text[at] === '$') {
            const expanded = expandAt();
            if (expanded !== null) {
              value += expanded;
              continue;
            }
          }
          value += text[at];
          advance();
        }
        if (at >= text.length) unclosed = char;
        advance();
        continue;
      }
      if (char === '\\') {
        advance();
        if (text[at] !== '\n' && at < text.length) value += text[at];
        advance();
        continue;
      }
      if (char === '$') {
        const expanded = expandAt();
        if (expanded !== null) {
          value += expanded;
          continue;
        }
      }
      value += char;
      advance();
    }
    if (unclosed) problems.push({ line: startLine, message: `${head[1]} has an unclosed ${unclosed} quote` });
    assignments.push({ name: head[1]!, value, line: startLine });
    known.set(head[1]!, value);
    skipToNextLine();
  }
  return { assignments, problems };
}
