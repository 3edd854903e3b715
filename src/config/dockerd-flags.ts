import type { ShellWord } from './shell-words.js';
import { directiveByFlag, directiveByShorthand, type HardeningField } from './hardening-directives.js';

export type FlagDirective = 'hosts' | 'tls' | 'tlsverify' | 'tlscacert' | 'tlscert' | 'tlskey' | 'config-file' | 'containerd' | HardeningField;

/** A network, TLS or hardening flag found on a dockerd command line. */
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
  containerd: 'containerd',
};
const BOOLEAN_FLAGS: Record<string, FlagDirective> = { tls: 'tls', tlsverify: 'tlsverify' };

/** The long name's directive and whether it takes a value, for our own flags; undefined for any other. */
function longFlag(name: string): { directive: FlagDirective; takesValue: boolean } | undefined {
  if (VALUE_FLAGS[name]) return { directive: VALUE_FLAGS[name], takesValue: true };
  if (BOOLEAN_FLAGS[name]) return { directive: BOOLEAN_FLAGS[name], takesValue: false };
  const hardening = directiveByFlag(name);
  return hardening ? { directive: hardening.field, takesValue: hardening.kind !== 'boolean' } : undefined;
}

/** dockerd's one-letter flags: -H takes a value, as do these others (-s storage driver, -l log level); the rest are booleans. */
const SHORTHAND_WITH_VALUE = new Set(['H', 'G', 'b', 'g', 'l', 'p', 's']);
const SHORTHAND_BOOLEAN = new Set(['D', 'v', 'h', 'e']);

/** Go's strconv.ParseBool, which pflag uses for `--tls=VALUE`. */
function parseGoBool(text: string): boolean | null {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return null;
}

/**
 * Reads dockerd's network, TLS and hardening flags the way its flag parser (spf13/pflag) does:
 * `-H v`, `-H=v`, `-Hv`, `-DH v`, `--host v`, `--host=v`, `--tls`, `--tls=false`, `--tlscacert p`,
 * `--tlscacert=p`, `-l debug`, `-s aufs`, `-D`, `-D=false`, `--icc=false`. `argv[0]` and the old
 * `docker daemon` subcommand are skipped.
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
      const known = longFlag(name);
      const valueDirective = known?.takesValue ? known.directive : undefined;
      const booleanDirective = known && !known.takesValue ? known.directive : undefined;
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
        const next = words[at + 1]?.text;
        if (inline === null && next !== undefined && parseGoBool(next) !== null) {
          problems.push(`${text} ${next}: a boolean flag takes no separate value, so "${next}" is a stray argument and dockerd refuses to start ("accepts no arguments"); write ${text}=${next}`);
        }
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
          const hardening = directiveByShorthand(letter);
          if (hardening) take(hardening.field, value, written, ...from);
          break;
        }
        if (SHORTHAND_BOOLEAN.has(letter)) {
          const hardening = directiveByShorthand(letter);
          if (text[index + 1] === '=') {
            // `-D=false`: pflag reads the rest of the word as the boolean's value.
            const inline = text.slice(index + 2);
            const value = parseGoBool(inline);
            if (hardening && value === null) problems.push(`${text}: "${inline}" is not true or false`);
            else if (hardening && value !== null) take(hardening.field, value, text, word);
            break;
          }
          if (hardening) take(hardening.field, true, text, word);
          continue;
        }
        break; // not a dockerd flag we know: dockerd's own problem, not a network setting
      }
    }
  }
  return { flags, problems };
}
