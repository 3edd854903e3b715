/**
 * A strict JSON scanner that knows where things are. JSON.parse tells neither where a
 * top-level key sits nor, in Node 20, always where it failed ("Unexpected token '}', ... is not
 * valid JSON" has no position, and echoes the text, which may hold a proxy password). So we
 * scan ourselves: offsets of top-level keys and of their array elements, or the first error.
 *
 * The scan keeps its own stack instead of recursing, so no nesting depth can overflow ours, and
 * it stops where dockerd's parser (Go's encoding/json) stops: past MAX_JSON_DEPTH containers.
 */

/** Go's encoding/json refuses the 10,001st nested `[` or `{` ("exceeded max depth"); dockerd with it. */
export const MAX_JSON_DEPTH = 10_000;

export interface JsonKeyPosition {
  /** Offset of the key's opening quote (the last occurrence wins, as in JSON.parse and Go). */
  keyOffset: number;
  /** Offsets of the elements, when the value is an array. */
  elementOffsets: number[];
}

export type JsonScan =
  | {
      ok: true;
      topLevelKeys: Map<string, JsonKeyPosition>;
      /** Every top-level key with the offsets of all its occurrences, in file order: more than one is a duplicate. */
      topLevelKeyOffsets: Map<string, number[]>;
    }
  | { ok: false; message: string; offset: number };

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

interface Container {
  kind: 'object' | 'array';
  /** For an array that is the value of a top-level key: where its elements start. */
  elementOffsets: number[] | null;
}

const NUMBER_OR_LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function scanJson(text: string): JsonScan {
  const topLevelKeys = new Map<string, JsonKeyPosition>();
  const topLevelKeyOffsets = new Map<string, number[]>();
  const stack: Container[] = [];
  let at = 0;

  const fail = (message: string, offset = at): never => {
    throw new JsonSyntaxError(message, offset);
  };
  const describe = (offset: number) => (offset >= text.length ? 'the end of the file' : `'${text[offset]}'`);
  const skipWhitespace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
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

  /** Opens a container at `at`; true when it is empty and already closed again. */
  const open = (kind: Container['kind'], elementOffsets: number[] | null): boolean => {
    if (stack.length >= MAX_JSON_DEPTH) {
      fail(`nested more than ${MAX_JSON_DEPTH} levels deep; dockerd (Go's encoding/json) refuses it too ("exceeded max depth")`);
    }
    at++;
    skipWhitespace();
    if (text[at] === (kind === 'object' ? '}' : ']')) {
      at++;
      return true;
    }
    stack.push({ kind, elementOffsets });
    if (kind === 'array') elementOffsets?.push(at);
    return false;
  };

  /** Reads a property name and its colon; for the outermost object, records where the key is. */
  const scanKey = (): number[] | null => {
    skipWhitespace();
    if (text[at] !== '"') fail(`expected a "quoted" property name, found ${describe(at)}`);
    const keyOffset = at;
    const key = scanString();
    skipWhitespace();
    if (text[at] !== ':') fail(`expected ':' after a property name, found ${describe(at)}`);
    at++;
    if (stack.length !== 1) return null;
    const position: JsonKeyPosition = { keyOffset, elementOffsets: [] };
    topLevelKeys.set(key, position);
    topLevelKeyOffsets.set(key, [...(topLevelKeyOffsets.get(key) ?? []), keyOffset]);
    return position.elementOffsets;
  };

  try {
    skipWhitespace();
    if (at >= text.length) fail(text.length === 0 ? 'the file is empty' : 'the file holds only whitespace', 0);
    // A value is expected here; `elementOffsets` is set for the value of a top-level key.
    let expectValue = true;
    let elementOffsets: number[] | null = null;
    for (;;) {
      if (expectValue) {
        skipWhitespace();
        const char = text[at];
        if (char === '{') {
          if (!open('object', null)) {
            elementOffsets = scanKey();
            continue;
          }
        } else if (char === '[') {
          if (!open('array', elementOffsets)) {
            elementOffsets = null;
            continue;
          }
        } else if (char === '"') {
          scanString();
        } else {
          NUMBER_OR_LITERAL.lastIndex = at;
          const literal = NUMBER_OR_LITERAL.exec(text);
          if (!literal) fail(`expected a value, found ${describe(at)}`);
          at += literal![0].length;
          // A literal glued to more letters ("truex", "01") is one bad token, not a value.
          if (/[\w.]/.test(text[at] ?? '')) fail(`unexpected ${describe(at)} after ${literal![0]}`);
        }
        expectValue = false;
        elementOffsets = null;
      }
      // A value just ended: what comes next depends on the container it sits in.
      const container = stack.at(-1);
      if (!container) break;
      skipWhitespace();
      const close = container.kind === 'object' ? '}' : ']';
      if (text[at] === ',') {
        at++;
        skipWhitespace();
        if (text[at] === close) fail(`a trailing comma before '${close}'`);
        if (container.kind === 'array') {
          container.elementOffsets?.push(at);
        } else {
          elementOffsets = scanKey();
        }
        expectValue = true;
        continue;
      }
      if (text[at] === close) {
        at++;
        stack.pop();
        continue;
      }
      fail(container.kind === 'object' ? `expected ',' or '}' after a property value, found ${describe(at)}` : `expected ',' or ']' in an array, found ${describe(at)}`);
    }
    skipWhitespace();
    if (at < text.length) fail(`unexpected ${describe(at)} after the end of the JSON value`);
    return { ok: true, topLevelKeys, topLevelKeyOffsets };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** 1-based line and column of an offset, as editors count them (a column is a UTF-16 unit). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.min(offset, text.length);
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}
