/** One `Key=value` of a unit file, with the line it starts on. */
export interface UnitEntry {
  section: string;
  key: string;
  value: string;
  line: number;
  /** For a value continued over several lines: where in `value` each physical line begins. */
  lineStarts: { offset: number; line: number }[];
}

/** The physical line of an offset in a continued value, so a flag's finding lands on its own line. */
export function lineAtOffset(entry: Pick<UnitEntry, 'line' | 'lineStarts'>, offset: number): number {
  let line = entry.line;
  for (const start of entry.lineStarts) if (start.offset <= offset) line = start.line;
  return line;
}

/**
 * Parses a systemd unit file as systemd does: `[Section]` headers, `#` and `;` comments,
 * and a trailing backslash joining the next line (with a space) into one value, which keeps
 * the line it started on so a finding lands where the directive begins.
 */
export function parseUnitFile(text: string): UnitEntry[] {
  const entries: UnitEntry[] = [];
  const lines = text.split(/\r?\n/);
  let section = '';
  for (let index = 0; index < lines.length; index++) {
    const startLine = index + 1;
    let content = lines[index]!.trim();
    const continuations: { offset: number; line: number }[] = [];
    if (content === '' || content.startsWith('#') || content.startsWith(';')) continue;
    if (content.startsWith('[') && content.endsWith(']')) {
      section = content.slice(1, -1);
      continue;
    }
    while (content.endsWith('\\') && index + 1 < lines.length) {
      content = content.slice(0, -1) + ' ';
      index++;
      const next = lines[index]!.trim();
      // Comment lines inside a continuation are skipped by systemd, not joined.
      if (next.startsWith('#') || next.startsWith(';')) {
        content += '\\';
        continue;
      }
      continuations.push({ offset: content.length, line: index + 1 });
      content += next;
    }
    const equals = content.indexOf('=');
    if (equals === -1) continue;
    const rawValue = content.slice(equals + 1);
    const value = rawValue.trimStart();
    const shift = equals + 1 + (rawValue.length - value.length);
    entries.push({
      section,
      key: content.slice(0, equals).trim(),
      value: value.trimEnd(),
      line: startLine,
      lineStarts: continuations.map(({ offset, line }) => ({ offset: offset - shift, line })),
    });
  }
  return entries;
}

/**
 * The assignments of one `Environment=` value: `Environment="A=1 2" B=3` sets A and B.
 * Words without `=` are ignored, as systemd ignores them (with a warning).
 */
export function parseEnvironmentDirective(value: string): { name: string; value: string }[] {
  const assignments: { name: string; value: string }[] = [];
  for (const word of splitQuoted(value)) {
    const equals = word.indexOf('=');
    if (equals <= 0) continue;
    assignments.push({ name: word.slice(0, equals), value: word.slice(equals + 1) });
  }
  return assignments;
}

function splitQuoted(value: string): string[] {
  const words: string[] = [];
  let current = '';
  let started = false;
  let quote: string | null = null;
  for (let at = 0; at < value.length; at++) {
    const char = value[at]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && at + 1 < value.length) current += value[++at];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}
