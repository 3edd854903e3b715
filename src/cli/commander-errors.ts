import type { Command, CommanderError } from 'commander';
import { foreignFlagHint } from './foreign-flags.js';

/** Commander's exits that are not errors it reported: help or version shown (as asked, or for `dockprobe report` alone). */
const NOT_AN_ERROR_MESSAGE = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** The command a command line runs, as its help is asked for: "scan", "report diff". */
function commandPath(args: readonly string[], program: Command): string[] {
  const path: string[] = [];
  let command = program;
  for (const arg of args) {
    const sub = command.commands.find((candidate) => candidate.name() === arg);
    if (!sub) break;
    path.push(arg);
    command = sub;
  }
  return path;
}

/**
 * Commander's own complaints (unknown option, missing argument, invalid choice) as one
 * "dockprobe: ..." line like every other usage error, saying where the options are listed,
 * and for a docker or nmap flag, the dockprobe flag to use instead. Null when commander only
 * showed help or the version.
 */
export function commanderErrorLine(error: CommanderError, args: readonly string[], program: Command): string | null {
  if (NOT_AN_ERROR_MESSAGE.has(error.code)) return null;
  // "error: unknown option '--x'\n(Did you mean --y?)"
  const said = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace('(Did you mean', '(did you mean')
    .replace(/\.$/, '')
    .trim();
  if (error.code === 'commander.unknownOption') {
    const flag = /'([^']+)'/.exec(said)?.[1];
    const hint = flag === undefined ? null : foreignFlagHint(flag);
    if (hint) return `dockprobe: unknown option '${flag}': ${hint}`;
  }
  const help = ['dockprobe', ...commandPath(args, program), '--help'].join(' ');
  return `dockprobe: ${said}; see ${help}`;
}
