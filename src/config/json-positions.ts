/**
 * A strict JSON scanner that knows where things are. JSON.parse tells neither where a
 * top-level key sits nor, in Node 20, always where it failed ("Unexpected token '}', ... is not
 * valid JSON" has no position, and echoes the text, which may hold a proxy password). So we
 * scan ourselves: offsets of top-level keys and of their array elements, or the first error.
 */

export interface JsonKeyPosition {
  /** Offset of the key's opening quote (the last occurrence wins, as in JSON.parse). */
  keyOffset: number;
  /** Offsets of the elements, when the value is an array. */
  elementOffsets: number[];
}

export type JsonScan =
  | { ok: true; topLevelKeys: Map<string, JsonKeyPosition> }
  | { ok: false; message: string; offset: number };

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export function scanJson(text: string): JsonScan {
  const topLevelKeys = new Map<string, JsonKeyPosition>();
  let at = 0;

  const fail = (message: string, offset = at): never => {
    throw new JsonSyntaxError(message, offset);
  };
  const describe = (offset: number) => (offset >= text.length ? 'the end of the file' : `'${text[offset]}'`);
  const skipWhitespace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (char: string, what: string) => {
    skipWhitespace();
    if (text[at] !== char) fail(`expected ${what}, found ${describe(at)}`);
    at++;
  };

  const scanString = (): string => {
    const start = at;
    at++; // opening quote
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return JSON.parse(text.slice(start, at)) as string;
      }
      if (char === '\\') {
        const escaped = text[at + 1];
        if (escaped === undefined) break;
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('bad \\u escape in a string');
          at += 6;
        } else if ('"\\/bfnrt'.includes(escaped)) {
          at += 2;
        } else {
          fail(`bad escape '\\${escaped}' in a string`);
        }
        continue;
      }
      if (char < ' ') fail('a control character (such as a raw line break) inside a string');
      at++;
    }
    return fail('a string is not closed before the end of the file', start);
  };

  const scanValue = (depth: number): void => {
    skipWhitespace();
    const char = text[at];
    if (char === '{') return scanObject(depth + 1);
    if (char === '[') return scanArray(depth + 1, null);
    if (char === '"') {
      scanString();
      return;
    }
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (literal) {
      at += literal[0].length;
      // A literal glued to more letters ("truex", "01") is one bad token, not a value.
      if (/[\w.]/.test(text[at] ?? '')) fail(`unexpected ${describe(at)} after ${literal[0]}`);
      return;
    }
    fail(`expected a value, found ${describe(at)}`);
  };

  const scanArray = (depth: number, elementOffsets: number[] | null): void => {
    at++;
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      skipWhitespace();
      elementOffsets?.push(at);
      scanValue(depth);
      skipWhitespace();
      if (text[at] === ',') {
        at++;
        skipWhitespace();
        if (text[at] === ']') fail("a trailing comma before ']'");
        continue;
      }
      if (text[at] === ']') {
        at++;
        return;
      }
      fail(`expected ',' or ']' in an array, found ${describe(at)}`);
    }
  };

  const scanObject = (depth: number): void => {
    at++;
    skipWhitespace();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[at] !== '"') fail(`expected a "quoted" property name, found ${describe(at)}`);
      const keyOffset = at;
      const key = scanString();
      expect(':', "':' after a property name");
      skipWhitespace();
      if (depth === 1) {
        const position: JsonKeyPosition = { keyOffset, elementOffsets: [] };
        topLevelKeys.set(key, position);
        if (text[at] === '[') scanArray(depth + 1, position.elementOffsets);
        else scanValue(depth);
      } else {
        scanValue(depth);
      }
      skipWhitespace();
      if (text[at] === ',') {
        at++;
        skipWhitespace();
        if (text[at] === '}') fail("a trailing comma before '}'");
        continue;
      }
      if (text[at] === '}') {
        at++;
        return;
      }
      fail(`expected ',' or '}' after a property value, found ${describe(at)}`);
    }
  };

  try {
    skipWhitespace();
    if (at >= text.length) fail(text.length === 0 ? 'the file is empty' : 'the file holds only whitespace', 0);
    scanValue(0);
    skipWhitespace();
    if (at < text.length) fail(`unexpected ${describe(at)} after the end of the JSON value`);
    return { ok: true, topLevelKeys };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    if (error instanceof RangeError) return { ok: false, message: 'nested too deeply', offset: at };
    throw error;
  }
}

/** 1-based line and column of an offset, as editors count them (a column is a UTF-16 unit). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}
