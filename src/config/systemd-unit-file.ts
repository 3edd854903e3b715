import { SYSTEMD_WHITESPACE } from './systemd-syntax.js';

/** One `Key=value` of a unit file, with the line it starts on. */
export interface UnitEntry {
  section: string;
  key: string;
  value: string;
  line: number;
  /** For a value continued over several lines: where in `value` each physical line begins. */
  lineStarts: { offset: number; line: number }[];
}

/** Something in a unit file systemd will not take as written. */
export interface UnitProblem {
  line: number;
  message: string;
  /** systemd refuses to load the unit because of it (and so stops reading this file there). */
  refusesUnit: boolean;
}

/** The physical line of an offset in a continued value, so a flag's finding lands on its own line. */
export function lineAtOffset(entry: Pick<UnitEntry, 'line' | 'lineStarts'>, offset: number): number {
  let line = entry.line;
  for (const start of entry.lineStarts) if (start.offset <= offset) line = start.line;
  return line;
}

/** Parses a unit file as systemd does; see readUnitFile. */
export function parseUnitFile(text: string): UnitEntry[] {
  return readUnitFile(text).entries;
}

/**
 * Reads a systemd unit file or drop-in as systemd's config_parse() does:
 * - a line ends at `\n`, `\r`, `\r\n` or `\n\r`;
 * - a line whose first non-blank character is `#` or `;` is a comment, also in the middle of a
 *   continuation (the continued line then goes on after the comments);
 * - a line ending in an odd number of backslashes continues: that backslash becomes a space and
 *   the next line is appended as it is, leading blanks included; at the end of the file a
 *   pending continuation is still one line;
 * - `[Section]` headers (one without its `]` makes systemd refuse the file), `Key=value` with the
 *   blanks around both trimmed; lines without `=` or outside a section are ignored.
 * Each entry keeps the line it started on, and where each later physical line begins in its value.
 */
export function readUnitFile(text: string): { entries: UnitEntry[]; problems: UnitProblem[] } {
  const entries: UnitEntry[] = [];
  const problems: UnitProblem[] = [];
  const lines = text.split(/\r\n|\n\r|\r|\n/);
  let section = '';
  type LineStarts = { offset: number; line: number }[];
  let pending: { text: string; line: number; lineStarts: LineStarts } | null = null;

  const parseLogicalLine = (joined: string, startLine: number, lineStarts: { offset: number; line: number }[]): boolean => {
    const leading = joined.length - trimStart(joined).length;
    const line = trimEnd(trimStart(joined));
    if (line === '') return true;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) {
        problems.push({ line: startLine, message: `"${line}" is no section header (it has no closing "]"); systemd refuses to load the unit`, refusesUnit: true });
        return false;
      }
      section = line.slice(1, -1);
      return true;
    }
    const equals = line.indexOf('=');
    if (equals <= 0 || section === '') return true;
    const rawValue = line.slice(equals + 1);
    const valueStart = leading + equals + 1 + (rawValue.length - trimStart(rawValue).length);
    const value = trimEnd(trimStart(rawValue));
    entries.push({
      section,
      key: trimEnd(line.slice(0, equals)),
      value,
      line: startLine,
      // A physical line that starts before the value does (`ExecStart=\` alone) maps to offset 0.
      lineStarts: lineStarts.map(({ offset, line: physical }) => ({ offset: Math.max(0, offset - valueStart), line: physical })),
    });
    return true;
  };

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const number = index + 1;
    if (/^[ \t\n\r]*[#;]/.test(raw)) continue;
    let joined: string;
    if (pending) {
      pending.lineStarts.push({ offset: pending.text.length, line: number });
      joined = pending.text + raw;
    } else {
      joined = raw;
    }
    const startLine: number = pending?.line ?? number;
    const lineStarts: LineStarts = pending?.lineStarts ?? [];
    if (trailingBackslashes(joined) % 2 === 1) {
      pending = { text: `${joined.slice(0, -1)} `, line: startLine, lineStarts };
      continue;
    }
    pending = null;
    if (!parseLogicalLine(joined, startLine, lineStarts)) return { entries, problems };
  }
  if (pending) parseLogicalLine(pending.text, pending.line, pending.lineStarts);
  return { entries, problems };
}

function trailingBackslashes(text: string): number {
  let count = 0;
  while (count < text.length && text[text.length - 1 - count] === '\\') count++;
  return count;
}

function trimStart(text: string): string {
  let at = 0;
  while (at < text.length && SYSTEMD_WHITESPACE.includes(text[at]!)) at++;
  return text.slice(at);
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && SYSTEMD_WHITESPACE.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
