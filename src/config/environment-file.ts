/** One `NAME=value` of an environment file, with the line it starts on. */
export interface EnvironmentAssignment {
  name: string;
  value: string;
  line: number;
}

/**
 * Reads `NAME=value` lines as the shell that sources /etc/default/docker for an init script
 * does (systemd's EnvironmentFile= reads them its own way: parseSystemdEnvironmentFile).
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

/**
 * Reads an `EnvironmentFile=` as systemd does (parse_env_file_internal in src/basic/env-file.c),
 * which is not how a shell reads it: no `$NAME` is expanded, an unquoted value runs to the end
 * of the line (inner blanks kept, trailing ones dropped), a `#` only starts a comment at the
 * start of a line, `export NAME=` is no assignment, and quoted parts join with what follows.
 */
export function parseSystemdEnvironmentFile(text: string): { assignments: EnvironmentAssignment[] } {
  const assignments: EnvironmentAssignment[] = [];
  const NEWLINE = '\n\r';
  const WHITESPACE = ' \t\n\r';
  const NEED_ESCAPE = '"\\`$';
  type State = 'pre-key' | 'key' | 'pre-value' | 'value' | 'value-escape' | 'single' | 'double' | 'double-escape' | 'comment' | 'comment-escape';
  let state: State = 'pre-key';
  let key = '';
  let value = '';
  let keyLine = 1;
  let line = 1;
  // Where trailing blanks of an unquoted value (or of the key) begin, to drop them at its end.
  let valueBlanksFrom = -1;
  const push = () => {
    const name = key.trimEnd();
    const finalValue = state === 'value' && valueBlanksFrom !== -1 ? value.slice(0, valueBlanksFrom) : value;
    // Anything but a shell-style name (an `export NAME`, say) is dropped when the command starts.
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) assignments.push({ name, value: finalValue, line: keyLine });
    key = '';
    value = '';
  };
  for (const char of text) {
    switch (state) {
      case 'pre-key':
        if (char === '#' || char === ';') state = 'comment';
        else if (!WHITESPACE.includes(char)) {
          state = 'key';
          key = char;
          keyLine = line;
        }
        break;
      case 'key':
        if (NEWLINE.includes(char)) {
          state = 'pre-key';
          key = '';
        } else if (char === '=') {
          state = 'pre-value';
          valueBlanksFrom = -1;
        } else key += char;
        break;
      case 'pre-value':
        if (NEWLINE.includes(char)) {
          push();
          state = 'pre-key';
        } else if (char === "'") state = 'single';
        else if (char === '"') state = 'double';
        else if (char === '\\') state = 'value-escape';
        else if (!WHITESPACE.includes(char)) {
          state = 'value';
          value += char;
        }
        break;
      case 'value':
        if (NEWLINE.includes(char)) {
          push();
          state = 'pre-key';
        } else if (char === '\\') {
          state = 'value-escape';
          valueBlanksFrom = -1;
        } else {
          if (!WHITESPACE.includes(char)) valueBlanksFrom = -1;
          else if (valueBlanksFrom === -1) valueBlanksFrom = value.length;
          value += char;
        }
        break;
      case 'value-escape':
        state = 'value';
        if (!NEWLINE.includes(char)) value += char;
        break;
      case 'single':
        if (char === "'") state = 'pre-value';
        else value += char;
        break;
      case 'double':
        if (char === '"') state = 'pre-value';
        else if (char === '\\') state = 'double-escape';
        else value += char;
        break;
      case 'double-escape':
        state = 'double';
        if (NEED_ESCAPE.includes(char)) value += char;
        else if (char !== '\n') value += `\\${char}`;
        break;
      case 'comment':
        if (char === '\\') state = 'comment-escape';
        else if (NEWLINE.includes(char)) state = 'pre-key';
        break;
      case 'comment-escape':
        state = NEWLINE.includes(char) ? 'pre-key' : 'comment';
        break;
    }
    if (char === '\n') line++;
  }
  if (state === 'pre-value' || state === 'value' || state === 'value-escape' || state === 'single' || state === 'double' || state === 'double-escape') push();
  return { assignments };
}
