import type { ShellWord } from './shell-words.js';

export type FlagDirective = 'hosts' | 'tls' | 'tlsverify' | 'tlscacert' | 'tlscert' | 'tlskey' | 'config-file';

/** A network or TLS flag found on a dockerd command line. */
export interface DockerdFlag {
  directive: FlagDirective;
  value: string | boolean;
  /** As written, for messages: "-H tcp://0.0.0.0:2375", "--tlsverify=false". */
  written: string;
  /** Where the flag starts in the command line. */
  offset: number;
  /** The variable the flag came from ($DOCKER_OPTS), so the finding can point at its definition. */
  variable: string | null;
}

const VALUE_FLAGS: Record<string, FlagDirective> = {
  host: 'hosts',
  tlscacert: 'tlscacert',
  tlscert: 'tlscert',
  tlskey: 'tlskey',
  'config-file': 'config-file',
};
const BOOLEAN_FLAGS: Record<string, FlagDirective> = { tls: 'tls', tlsverify: 'tlsverify' };

/** dockerd's one-letter flags: -H takes a value, as do these others; the rest are booleans. */
const SHORTHAND_WITH_VALUE = new Set(['H', 'G', 'b', 'g', 'l', 'p']);
const SHORTHAND_BOOLEAN = new Set(['D', 'v', 'h', 'e']);

/** Go's strconv.ParseBool, which pflag uses for `--tls=VALUE`. */
function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return null;
}

/**
 * Reads dockerd's network and TLS flags the way its flag parser (spf13/pflag) does:
 * `-H v`, `-H=v`, `-Hv`, `-DH v`, `--host v`, `--host=v`, `--tls`, `--tls=false`, `--tlscacert p`,
 * `--tlscacert=p`. `argv[0]` and the old `docker daemon` subcommand are skipped.
 */
export function parseDockerdFlags(words: readonly ShellWord[]): { flags: DockerdFlag[]; problems: string[] } {
  const flags: DockerdFlag[] = [];
  const problems: string[] = [];
  let at = 1;
  if (words[at]?.text === 'daemon') at++;

  const take = (directive: FlagDirective, value: string | boolean, written: string, ...from: ShellWord[]) => {
    flags.push({ directive, value, written, offset: from[0]!.offset, variable: from.find((word) => word.variable)?.variable ?? null });
  };

  for (; at < words.length; at++) {
    const word = words[at]!;
    const text = word.text;
    if (text === '--') break;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = text.slice(2, equals === -1 ? undefined : equals);
      const inline = equals === -1 ? null : text.slice(equals + 1);
      const valueDirective = VALUE_FLAGS[name];
      const booleanDirective = BOOLEAN_FLAGS[name];
      if (valueDirective) {
        if (inline !== null) {
          take(valueDirective, inline, text, word);
        } else if (at + 1 < words.length) {
          const next = words[++at]!;
          take(valueDirective, next.text, `${text} ${next.text}`, word, next);
        } else {
          problems.push(`${text} has no value`);
        }
      } else if (booleanDirective) {
        // pflag never takes a boolean's value from the next word: `--tls false` is --tls plus a stray "false".
        const value = inline === null ? true : parseGoBool(inline);
        if (value === null) problems.push(`${text}: "${inline}" is not true or false`);
        else take(booleanDirective, value, text, word);
      }
      // Any other flag, and its value in the next word, is passed over: only words that follow
      // our own flags are read as values, so `--log-opt syslog-address=tcp://…` is no listener.
      continue;
    }
    if (text.startsWith('-') && text.length > 1) {
      for (let index = 1; index < text.length; index++) {
        const letter = text[index]!;
        if (SHORTHAND_WITH_VALUE.has(letter)) {
          let value = text.slice(index + 1);
          let written = text;
          const from = [word];
          if (value.startsWith('=')) value = value.slice(1);
          else if (value === '') {
            if (at + 1 >= words.length) {
              problems.push(`-${letter} has no value`);
              break;
            }
            const next = words[++at]!;
            value = next.text;
            written = `${text} ${next.text}`;
            from.push(next);
          }
          if (letter === 'H') take('hosts', value, written, ...from);
          break;
        }
        if (SHORTHAND_BOOLEAN.has(letter)) {
          if (text[index + 1] === '=') break;
          continue;
        }
        break; // not a dockerd flag we know: dockerd's own problem, not a network setting
      }
    }
  }
  return { flags, problems };
}
