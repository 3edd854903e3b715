import type { Command } from 'commander';
import { UsageError } from '../usage-error.js';
import { resembleCommand } from './mistyped-command.js';

/**
 * What a command line without an explicit command means, decided here and nowhere else:
 * `dockprobe` alone audits this machine, and so does `dockprobe -f json`. With a target
 * (`dockprobe 10.0.0.5`) or a scan-only option (`dockprobe --targets-file fleet.txt`) it is a
 * scan, as it always was. A first word one or two typos from a command (`dockprobe scna`) is a
 * mistyped command, not a host named "scna".
 */
export type CommandChoice =
  | { kind: 'given' } // a command, help or version: commander takes it as it is
  | { kind: 'audit' }
  | { kind: 'scan' }
  | { kind: 'mistyped'; word: string; meant: string };

const HELP_AND_VERSION = ['-h', '--help', '-V', '--version'];

/** The commands src/cli.ts defines, each with its own module of options and code. */
export const COMMAND_NAMES = ['scan', 'files', 'config', 'audit', 'report'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The one command whose options and code a command line needs, from its first word, as
 * chooseCommand decides without reading any option; null when every command is needed: help,
 * or options first (only every command's options tell a scan from an audit then).
 */
export function commandToDefine(args: readonly string[]): CommandName | null {
  const first = args[0];
  if (first === undefined) return 'audit';
  if (first.startsWith('-') || first === 'help') return null;
  if ((COMMAND_NAMES as readonly string[]).includes(first)) return first as CommandName;
  return resembleCommand(first, [...COMMAND_NAMES, 'help']) ? null : 'scan';
}

/** Commander's own `help` command is not in program.commands. */
function commandNames(program: Command): string[] {
  return [...program.commands.map((command) => command.name()), 'help'];
}

/** Option names (short and long) that take the next word as their value, read from the commands themselves. */
function valueOptions(program: Command): Set<string> {
  const names = new Set<string>();
  for (const command of program.commands) {
    for (const option of command.options) {
      if (!option.required && !option.optional) continue; // a switch: no value follows
      if (option.short) names.add(option.short);
      if (option.long) names.add(option.long);
    }
  }
  return names;
}

/** Options only `scan` has: their presence means the user meant a scan. */
function scanOnlyOptions(program: Command): Set<string> {
  const elsewhere = new Set(program.commands.filter((command) => command.name() !== 'scan').flatMap((command) => command.options.map((option) => option.long)));
  const scan = program.commands.find((command) => command.name() === 'scan')!;
  return new Set(scan.options.filter((option) => !elsewhere.has(option.long)).flatMap((option) => [option.short, option.long].filter((name): name is string => !!name)));
}

/**
 * Both option lists come from the command definitions, so a new option cannot have its value
 * mistaken for a target. `args` is the command line after `dockprobe`.
 */
export function chooseCommand(args: readonly string[], program: Command): CommandChoice {
  const first = args[0];
  if (first === undefined) return { kind: 'audit' };
  if (!first.startsWith('-')) {
    const commands = commandNames(program);
    if (commands.includes(first)) return { kind: 'given' };
    const meant = resembleCommand(first, commands);
    return meant ? { kind: 'mistyped', word: first, meant } : { kind: 'scan' };
  }
  if (HELP_AND_VERSION.includes(first)) return { kind: 'given' };
  const takesValue = valueOptions(program);
  const scanOnly = scanOnlyOptions(program);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (scanOnly.has(arg.split('=')[0]!)) return { kind: 'scan' };
    if (!arg.startsWith('-')) return { kind: 'scan' }; // a target
    if (takesValue.has(arg)) index++; // skip its value
  }
  return { kind: 'audit' };
}

/** The command line with its command said outright, for commander; a mistyped command is a usage error. */
export function withCommandNamed(args: readonly string[], program: Command): string[] {
  const choice = chooseCommand(args, program);
  if (choice.kind === 'mistyped') {
    throw new UsageError(`"${choice.word}" is not a command; did you mean "${choice.meant}"? (to scan a host by that name, write "dockprobe scan ${choice.word}")`);
  }
  return choice.kind === 'given' ? [...args] : [choice.kind, ...args];
}
