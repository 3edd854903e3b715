/**
 * systemd's own ways of reading a value, as its sources do them (src/basic/extract-word.c,
 * escape.c, env-util.c and config_parse_exec in src/core/load-fragment.c): words with quotes and
 * C escapes, ExecStart= command lines with their prefixes and `;`, Environment= assignments, and
 * the `$NAME`/`${NAME}` expansion systemd does when it starts the command. They differ from a
 * shell's on purpose: `${NAME}` is always one argument, `$NAME` only expands as a word of its
 * own, backslashes work inside single quotes, and `\x20` is a space.
 */

/** systemd's WHITESPACE: what separates words and what `strstrip` removes. */
export const SYSTEMD_WHITESPACE = ' \t\n\r';

export interface ExtractedWord {
  text: string;
  /** Where the word starts in the string it was taken from. */
  start: number;
}

export interface ExtractFlags {
  /** EXTRACT_UNQUOTE: '…' and "…" group and are removed. */
  unquote: boolean;
  /** EXTRACT_CUNESCAPE: \n, \t, \x41, \101, \u00e9, \s … are decoded; else a backslash takes the next character as is. */
  cunescape: boolean;
  /** EXTRACT_UNESCAPE_RELAX: an unknown escape (or a trailing backslash) is kept as written. */
  unescapeRelax?: boolean;
  /** EXTRACT_RELAX: an unclosed quote ends the word instead of failing. */
  relax?: boolean;
}

export type ExtractResult =
  | { word: ExtractedWord | null; next: number }
  | { error: 'unbalanced-quote' | 'bad-escape'; next: number };

/** extract_first_word(): the next word of `value` from `from`, and where the one after it starts. */
export function extractWord(value: string, from: number, flags: ExtractFlags): ExtractResult {
  let at = from;
  while (at < value.length && SYSTEMD_WHITESPACE.includes(value[at]!)) at++;
  if (at >= value.length) return { word: null, next: value.length };
  const start = at;
  let text = '';
  let quote: string | null = null;
  for (;;) {
    if (at >= value.length) {
      if (quote && !flags.relax) return { error: 'unbalanced-quote', next: at };
      return { word: { text, start }, next: at };
    }
    const char = value[at]!;
    if (char === '\\') {
      if (at + 1 >= value.length) {
        if (flags.unescapeRelax && (!quote || flags.relax)) return { word: { text: `${text}\\`, start }, next: value.length };
        if (flags.relax) return { word: { text, start }, next: value.length };
        return { error: quote ? 'unbalanced-quote' : 'bad-escape', next: at };
      }
      if (flags.cunescape) {
        const decoded = cunescapeOne(value, at + 1);
        if (decoded === null) {
          if (!flags.unescapeRelax) return { error: 'bad-escape', next: at };
          text += `\\${value[at + 1]}`;
          at += 2;
        } else {
          text += decoded.text;
          at += 1 + decoded.length;
        }
      } else {
        text += value[at + 1];
        at += 2;
      }
      continue;
    }
    if (quote) {
      if (char === quote) quote = null;
      else text += char;
      at++;
      continue;
    }
    if (flags.unquote && (char === '"' || char === "'")) {
      quote = char;
      at++;
      continue;
    }
    if (SYSTEMD_WHITESPACE.includes(char)) {
      while (at < value.length && SYSTEMD_WHITESPACE.includes(value[at]!)) at++;
      return { word: { text, start }, next: at };
    }
    text += char;
    at++;
  }
}

/**
 * extract_first_word_and_warn(): an unknown escape is retried as written (systemd warns
 * "Ignoring unknown escape sequences"); an unclosed quote stays an error.
 */
export function extractWordAndWarn(value: string, from: number, flags: ExtractFlags): ExtractResult & { escapeWarning?: true } {
  const strict = extractWord(value, from, flags);
  if (!('error' in strict) || flags.unescapeRelax) return strict;
  const relaxed = extractWord(value, from, { ...flags, unescapeRelax: true });
  return 'error' in relaxed ? relaxed : { ...relaxed, escapeWarning: true };
}

/** cunescape_one(): the escape after a backslash at `at`, or null when systemd does not know it (or it is a NUL). */
export function cunescapeOne(value: string, at: number): { text: string; length: number } | null {
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };
  const char = value[at];
  if (char === undefined) return null;
  if (simple[char] !== undefined) return { text: simple[char]!, length: 1 };
  const hex = (length: number) => {
    const digits = value.slice(at + 1, at + 1 + length);
    return digits.length === length && /^[0-9a-fA-F]+$/.test(digits) ? Number.parseInt(digits, 16) : null;
  };
  const codePoint = (code: number | null, length: number) => {
    if (code === null || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return { text: String.fromCodePoint(code), length };
  };
  // \xNN and \NNN are single bytes to systemd; past 0x7f that is no UTF-8 character, so they
  // stand here for the byte with the same number (only ASCII matters to dockerd's flags).
  if (char === 'x') {
    const byte = hex(2);
    return byte === null || byte === 0 ? null : { text: String.fromCharCode(byte), length: 3 };
  }
  if (char === 'u') return codePoint(hex(4), 5);
  if (char === 'U') return codePoint(hex(8), 9);
  if (char >= '0' && char <= '7') {
    const digits = value.slice(at, at + 3);
    if (!/^[0-7]{3}$/.test(digits)) return null;
    const byte = Number.parseInt(digits, 8);
    return byte === 0 || byte > 255 ? null : { text: String.fromCharCode(byte), length: 3 };
  }
  return null;
}

/** A word of a command line, where it was written, and the variable it came from. */
export interface ExecWord {
  text: string;
  /** Offset in the ExecStart= value (for a word an expansion made: where the reference is). */
  offset: number;
  /** Set when any part of the word came from `$NAME` or `${NAME}`. */
  variable: string | null;
}

/** One command of an ExecStart= line, as systemd stores it. */
export interface ExecCommand {
  /** The program systemd runs (prefixes removed). */
  path: string;
  /** argv as systemd will pass it, before variables are expanded: argv[0] is the path, or with `@` the second word. */
  argv: ExecWord[];
  /** `-`: a failure is ignored, and so is a syntax error in this line. */
  ignoreFailure: boolean;
  /** `:`: no variable expansion at all. */
  noEnvironmentExpansion: boolean;
  /** `@`: argv[0] was given as the second word. */
  separateArgv0: boolean;
}

export interface ExecProblem {
  message: string;
  /** 'unit-refused': systemd will not load the unit at all; 'line-ignored': it drops this line; 'warning': it goes on. */
  effect: 'unit-refused' | 'line-ignored' | 'warning';
}

const EXEC_FLAGS: ExtractFlags = { unquote: true, cunescape: true };

/**
 * config_parse_exec(): an ExecStart= value as systemd stores it. Several commands may be
 * separated by a lone `;` (`\;` is a literal semicolon). Prefixes `-`, `@`, `:`, `+`, `!`, `!!` come
 * first, in any order, each at most once. A syntax error drops the line if it is `-`-prefixed,
 * and otherwise makes systemd refuse the whole unit ("bad-setting"); only an error in the very
 * first word drops the line quietly. `%%` becomes `%`; other specifiers are left as written.
 */
export function parseExecCommands(value: string): { commands: ExecCommand[]; problems: ExecProblem[] } {
  const commands: ExecCommand[] = [];
  const problems: ExecProblem[] = [];
  let at = 0;
  let semicolon: boolean;
  const escapeWarning = (word: string) => problems.push({ message: `an unknown escape sequence in "${word}" (systemd keeps the backslash and warns)`, effect: 'warning' });
  do {
    semicolon = false;
    const first = extractWordAndWarn(value, at, EXEC_FLAGS);
    if ('error' in first) {
      problems.push({ message: `${describeExtractError(first.error)} in its first word; systemd ignores the line`, effect: 'line-ignored' });
      break;
    }
    if (first.word === null) break;
    if (first.escapeWarning) escapeWarning(first.word.text);
    at = first.next;
    if (first.word.text === ';') {
      semicolon = true;
      continue;
    }
    let ignoreFailure = false;
    let separateArgv0 = false;
    let noEnvironmentExpansion = false;
    let privileges = '';
    let rest = first.word.text;
    for (;;) {
      const prefix = rest[0];
      if (prefix === '-' && !ignoreFailure) ignoreFailure = true;
      else if (prefix === '@' && !separateArgv0) separateArgv0 = true;
      else if (prefix === ':' && !noEnvironmentExpansion) noEnvironmentExpansion = true;
      else if (prefix === '+' && privileges === '') privileges = '+';
      else if (prefix === '!' && (privileges === '' || privileges === '!')) privileges += '!';
      else break;
      rest = rest.slice(1);
    }
    const fail = (message: string): ExecProblem =>
      ignoreFailure ? { message: `${message}; systemd ignores the line (it starts with "-")`, effect: 'line-ignored' } : { message: `${message}; systemd refuses to load the unit ("bad-setting")`, effect: 'unit-refused' };
    const path = specifiers(rest);
    if (path === '') {
      problems.push(fail('no program after its prefixes'));
      return { commands, problems };
    }
    const argv: ExecWord[] = separateArgv0 ? [] : [{ text: path, offset: first.word.start, variable: null }];
    for (;;) {
      if (value[at] === ';' && (at + 1 >= value.length || SYSTEMD_WHITESPACE.includes(value[at + 1]!))) {
        at++;
        while (at < value.length && SYSTEMD_WHITESPACE.includes(value[at]!)) at++;
        semicolon = true;
        break;
      }
      if (value[at] === '\\' && value[at + 1] === ';' && (at + 2 >= value.length || SYSTEMD_WHITESPACE.includes(value[at + 2]!))) {
        argv.push({ text: ';', offset: at, variable: null });
        at += 2;
        while (at < value.length && SYSTEMD_WHITESPACE.includes(value[at]!)) at++;
        continue;
      }
      const next = extractWordAndWarn(value, at, EXEC_FLAGS);
      if ('error' in next) {
        problems.push(fail(describeExtractError(next.error)));
        return { commands, problems };
      }
      if (next.word === null) break;
      if (next.escapeWarning) escapeWarning(next.word.text);
      argv.push({ text: specifiers(next.word.text), offset: next.word.start, variable: null });
      at = next.next;
    }
    if (argv.length === 0) {
      problems.push(fail('no argv[0] after "@"'));
      return { commands, problems };
    }
    commands.push({ path, argv, ignoreFailure, noEnvironmentExpansion, separateArgv0 });
  } while (semicolon);
  return { commands, problems };
}

function describeExtractError(error: 'unbalanced-quote' | 'bad-escape'): string {
  return error === 'unbalanced-quote' ? 'an unclosed quote' : 'a lone backslash at its end';
}

/** `%%` is systemd's escape for a literal `%`; the other specifiers (%n, %i …) never shape dockerd's network flags. */
function specifiers(text: string): string {
  return text.replace(/%%/g, '%');
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * replace_env_argv(): the words systemd passes when it starts the command. A word that is exactly
 * `$NAME` (quoted or not: quotes are gone by now) becomes the variable's value split at
 * whitespace, with quotes in the value honoured and removed: zero or more arguments. Anywhere
 * else only `${NAME}` is replaced, by the value as it is: always exactly one argument, even an
 * empty one. `$$` is a literal `$`; a `$NAME` inside a longer word stays as written.
 */
export function expandExecArgv(argv: readonly ExecWord[], lookup: (name: string) => string | undefined): ExecWord[] {
  const words: ExecWord[] = [];
  for (const word of argv) {
    if (word.text[0] === '$' && word.text[1] !== '{' && word.text[1] !== '$') {
      const name = word.text.slice(1);
      const value = VARIABLE_NAME.test(name) ? lookup(name) : undefined;
      if (value === undefined) continue;
      for (const part of splitEnvironmentValue(value)) words.push({ text: part, offset: word.offset, variable: name });
      continue;
    }
    const { text, variable } = replaceBracedVariables(word.text, lookup);
    words.push({ text, offset: word.offset, variable: variable ?? word.variable });
  }
  return words;
}

/** strv_split_full(WHITESPACE, EXTRACT_RELAX|EXTRACT_UNQUOTE): how `$NAME`'s value becomes words. */
export function splitEnvironmentValue(value: string): string[] {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const next = extractWord(value, at, { unquote: true, cunescape: false, relax: true });
    if ('error' in next || next.word === null) break;
    parts.push(next.word.text);
    at = next.next;
  }
  return parts;
}

/** replace_env() without extensions: `${NAME}` replaced (unset is empty), `$$` to `$`, everything else kept. */
export function replaceBracedVariables(text: string, lookup: (name: string) => string | undefined): { text: string; variable: string | null } {
  let result = '';
  let variable: string | null = null;
  let at = 0;
  while (at < text.length) {
    if (text[at] === '$' && text[at + 1] === '$') {
      result += '$';
      at += 2;
      continue;
    }
    if (text[at] === '$' && text[at + 1] === '{') {
      const close = text.indexOf('}', at + 2);
      const colon = text.indexOf(':', at + 2);
      // ${NAME:-default} is not understood here: systemd leaves the whole reference as written.
      if (close !== -1 && (colon === -1 || colon > close)) {
        const name = text.slice(at + 2, close);
        result += (VARIABLE_NAME.test(name) ? lookup(name) : undefined) ?? '';
        variable ??= name;
        at = close + 1;
        continue;
      }
    }
    result += text[at];
    at++;
  }
  return { text: result, variable };
}

/**
 * config_parse_environ(): the `NAME=value` words of one Environment= line. A syntax error drops
 * the rest of the line (what came before it stays); a word that is no valid assignment is skipped.
 */
export function parseEnvironmentAssignments(value: string): { assignments: { name: string; value: string }[]; syntaxError: string | null; ignoredWords: string[] } {
  const assignments: { name: string; value: string }[] = [];
  const ignoredWords: string[] = [];
  let syntaxError: string | null = null;
  let at = 0;
  for (;;) {
    const next = extractWord(value, at, { unquote: true, cunescape: true });
    if ('error' in next) {
      syntaxError = `${describeExtractError(next.error)}; systemd ignores the rest of the line`;
      break;
    }
    if (next.word === null) break;
    at = next.next;
    const word = specifiers(next.word.text);
    const equals = word.indexOf('=');
    const name = word.slice(0, Math.max(equals, 0));
    // env_assignment_is_valid(): a shell-style name, and no control characters but tab and newline in the value.
    if (equals <= 0 || !VARIABLE_NAME.test(name) || /[\x00-\x08\x0b-\x1f\x7f]/.test(word.slice(equals + 1))) {
      ignoredWords.push(word);
      continue;
    }
    assignments.push({ name, value: word.slice(equals + 1) });
  }
  return { assignments, syntaxError, ignoredWords };
}
