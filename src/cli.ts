#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { commandToDefine, withCommandNamed, type CommandName } from './cli/choose-command.js';
import { commanderErrorLine } from './cli/commander-errors.js';
import type { AuditFlags } from './cli/audit-command.js';
import type { ConfigFlags, FilesFlags } from './cli/local-commands.js';
import type { ConvertFlags, DiffFlags, MergeFlags } from './cli/report-commands.js';
import type { CommandRun } from './cli/report-output.js';
import type { ScanFlags } from './cli/scan-command.js';
import { AUDIT_HELP, CONFIG_HELP, FILES_HELP, PROGRAM_DESCRIPTION, REPORT_CONVERT_HELP, REPORT_DIFF_HELP, REPORT_MERGE_HELP, SCAN_HELP } from './cli/help-texts.js';
import { watchForInterrupt, type Interrupt } from './cli/interrupt-signals.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { TOOL_VERSION } from './version.js';

/**
 * Each command's module (its options and the code that runs it), imported only when the
 * command line needs it: `dockprobe scan` never loads the config, files or report-merge code.
 */
const COMMAND_MODULES = {
  scan: () => import('./cli/scan-command.js'),
  files: () => import('./cli/local-commands.js'),
  config: () => import('./cli/local-commands.js'),
  audit: () => import('./cli/audit-command.js'),
  report: () => import('./cli/report-commands.js'),
} as const satisfies Record<CommandName, () => Promise<unknown>>;

type Modules = { [Name in CommandName]?: Awaited<ReturnType<(typeof COMMAND_MODULES)[Name]>> } & { flags?: typeof import('./cli/report-flags.js') };

/** Writes every output, compares and notifies, and sets the exit code (see deliver-run.ts). */
async function deliver(run: CommandRun, interrupt?: Interrupt): Promise<void> {
  const [{ deliverRun }, { loadRuleMetadata }] = await Promise.all([import('./cli/deliver-run.js'), import('./rule-engine/rule-metadata.js')]);
  const exitCode = await deliverRun(run, loadRuleMetadata());
  // A run cut short by a signal says so in its exit code, whatever it found before then.
  process.exitCode = interrupt?.exitCode() ?? exitCode;
}

/** For outputs that are not a report (report diff): stdout, or FILE (atomically when a regular file). */
async function deliverText(result: { rendered: string; exitCode: number; output?: string }): Promise<void> {
  if (result.output === undefined) process.stdout.write(result.rendered);
  else {
    const { writeOutput } = await import('./cli/atomic-write.js');
    try {
      writeOutput(result.output, result.rendered);
    } catch (error) {
      process.stdout.write(result.rendered);
      throw new UsageError(`--output "${result.output}": cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the result was printed instead`);
    }
  }
  process.exitCode = result.exitCode;
}

/**
 * Each command: its description and help text, its options (beside its code, in src/cli/) and
 * what runs it. Every command is named, so help, suggestions and the default command know them
 * all; only the commands in `modules` get their options, and only those can run.
 */
function buildProgram(modules: Modules): Command {
  const program = new Command();
  program
    .name('dockprobe')
    .description(PROGRAM_DESCRIPTION)
    .version(TOOL_VERSION, '-V, --version')
    // Commander's errors are said by main, as one "dockprobe: ..." line (commander-errors.ts).
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  const { flags: reportFlags, scan, files, config, audit, report: reports } = modules;

  const scanCommand = program.command('scan').description('Sweep hosts and ranges for Docker API endpoints and judge how each is protected.');
  if (scan && reportFlags) {
    reportFlags.withReportOptions(scan.withScanOptions(scanCommand))
      .addHelpText('after', SCAN_HELP)
      .action(async (targets: string[], flags: ScanFlags) => {
        const interrupt = watchForInterrupt();
        await deliver(await scan.executeScan(targets, flags, process.env, undefined, interrupt.signal), interrupt);
      });
  }

  const filesCommand = program.command('files').description('Audit certificate and key files: permissions, owners, SANs, usages, expiry, pairs and chains.');
  if (files && reportFlags) {
    reportFlags.withReportOptions(files.withFilesOptions(filesCommand))
      .addHelpText('after', FILES_HELP)
      .action(async (paths: string[], flags: FilesFlags) => deliver(files.executeFiles(paths, flags)));
  }

  const configCommand = program.command('config').description("Audit this host's Docker configuration: daemon.json, systemd units, defaults files, contexts, environment.");
  if (config && reportFlags) {
    reportFlags.withReportOptions(config.withConfigOptions(configCommand))
      .addHelpText('after', CONFIG_HELP)
      .action(async (flags: ConfigFlags) => deliver(config.executeConfig(flags)));
  }

  const auditCommand = program.command('audit').description('Audit this machine: config, the certificate files it names, and the endpoints it opens (what `dockprobe` alone runs).');
  if (audit && reportFlags) {
    reportFlags.withReportOptions(audit.withAuditOptions(auditCommand))
      .addHelpText('after', AUDIT_HELP)
      .action(async (flags: AuditFlags) => {
        const interrupt = watchForInterrupt();
        await deliver(await audit.executeAudit(flags, process.env, undefined, interrupt.signal), interrupt);
      });
  }

  const report = program.command('report').description('Work with saved JSON reports: render them again, compare two runs, or merge the shards of one.');
  if (reports) {
    reports.withConvertOptions(report.command('convert').description('Render a saved JSON report in another format.'))
      .addHelpText('after', REPORT_CONVERT_HELP)
      .action(async (input: string, flags: ConvertFlags) => deliver(reports.executeConvert(input, flags)));
    reports.withDiffOptions(report.command('diff').description('New, resolved and unchanged findings between two saved JSON reports.'))
      .addHelpText('after', REPORT_DIFF_HELP)
      .action(async (oldPath: string, newPath: string, flags: DiffFlags) => deliverText(reports.executeDiff(oldPath, newPath, flags)));
    reports.withMergeOptions(report.command('merge').description('Merge the JSON reports of a fleet (scan shards, host audits, or both) into one report, machine by machine.'))
      .addHelpText('after', REPORT_MERGE_HELP)
      .action(async (paths: string[], flags: MergeFlags) => deliver(reports.executeMerge(paths, flags)));
  }
  return program;
}

/** The modules of the command the line runs, or of every command when it does not say (help, options first). */
async function loadModules(args: readonly string[]): Promise<Modules> {
  const wanted = commandToDefine(args);
  const names = wanted === null ? (Object.keys(COMMAND_MODULES) as CommandName[]) : [wanted];
  const modules: Modules = {};
  await Promise.all([
    ...names.map(async (name) => Object.assign(modules, { [name]: await COMMAND_MODULES[name]() })),
    // The options every report-making command shares.
    (async () => { if (names.some((name) => name !== 'report')) modules.flags = await import('./cli/report-flags.js'); })(),
  ]);
  return modules;
}

async function main(argv: string[]): Promise<void> {
  let args = argv.slice(2);
  let program = new Command();
  try {
    program = buildProgram(await loadModules(args));
    args = withCommandNamed(args, program);
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const line = commanderErrorLine(error, args, program);
      if (line) process.stderr.write(`${line}\n`);
      process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`dockprobe: ${error.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`dockprobe: internal error: ${detail} (a bug; set DOCKPROBE_DEBUG=1 for the stack trace)\n`);
    if (process.env.DOCKPROBE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = EXIT.internal;
  }
}

// `dockprobe … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

await main(process.argv);
