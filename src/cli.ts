#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { writeOutput } from './cli/atomic-write.js';
import { withCommandNamed } from './cli/choose-command.js';
import { commanderErrorLine } from './cli/commander-errors.js';
import { executeAudit, withAuditOptions, type AuditFlags } from './cli/audit-command.js';
import { executeConfig, executeFiles, withConfigOptions, withFilesOptions, type ConfigFlags, type FilesFlags } from './cli/local-commands.js';
import { type CommandRun } from './cli/report-output.js';
import { deliverRun } from './cli/deliver-run.js';
import { AUDIT_HELP, CONFIG_HELP, FILES_HELP, PROGRAM_DESCRIPTION, REPORT_CONVERT_HELP, REPORT_DIFF_HELP, REPORT_MERGE_HELP, SCAN_HELP } from './cli/help-texts.js';
import { watchForInterrupt, type Interrupt } from './cli/interrupt-signals.js';
import { executeConvert, executeDiff, executeMerge, withConvertOptions, withDiffOptions, withMergeOptions, type ConvertFlags, type DiffFlags, type MergeFlags } from './cli/report-commands.js';
import { withReportOptions } from './cli/report-flags.js';
import { executeScan, withScanOptions, type ScanFlags } from './cli/scan-command.js';
import { loadRuleMetadata } from './rule-engine/rule-metadata.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { TOOL_VERSION } from './version.js';

/** Writes every output, compares and notifies, and sets the exit code (see deliver-run.ts). */
async function deliver(run: CommandRun, interrupt?: Interrupt): Promise<void> {
  const exitCode = await deliverRun(run, loadRuleMetadata());
  // A run cut short by a signal says so in its exit code, whatever it found before then.
  process.exitCode = interrupt?.exitCode() ?? exitCode;
}

/** For outputs that are not a report (report diff): stdout, or FILE (atomically when a regular file). */
function deliverText(result: { rendered: string; exitCode: number; output?: string }): void {
  if (result.output === undefined) process.stdout.write(result.rendered);
  else {
    try {
      writeOutput(result.output, result.rendered);
    } catch (error) {
      process.stdout.write(result.rendered);
      throw new UsageError(`--output "${result.output}": cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the result was printed instead`);
    }
  }
  process.exitCode = result.exitCode;
}

/** Each command: its options (beside its code, in src/cli/), its help text, and what runs it. */
function buildProgram(): Command {
  const program = new Command();
  program
    .name('dockprobe')
    .description(PROGRAM_DESCRIPTION)
    .version(TOOL_VERSION, '-V, --version')
    // Commander's errors are said by main, as one "dockprobe: ..." line (commander-errors.ts).
    .configureOutput({ outputError: () => {} })
    .exitOverride();

  withReportOptions(withScanOptions(program.command('scan').description('Sweep hosts and ranges for Docker API endpoints and judge how each is protected.')))
    .addHelpText('after', SCAN_HELP)
    .action(async (targets: string[], flags: ScanFlags) => {
      const interrupt = watchForInterrupt();
      await deliver(await executeScan(targets, flags, process.env, undefined, interrupt.signal), interrupt);
    });

  withReportOptions(withFilesOptions(program.command('files').description('Audit certificate and key files: permissions, owners, SANs, usages, expiry, pairs and chains.')))
    .addHelpText('after', FILES_HELP)
    .action(async (paths: string[], flags: FilesFlags) => deliver(executeFiles(paths, flags)));

  withReportOptions(withConfigOptions(program.command('config').description("Audit this host's Docker configuration: daemon.json, systemd units, defaults files, contexts, environment.")))
    .addHelpText('after', CONFIG_HELP)
    .action(async (flags: ConfigFlags) => deliver(executeConfig(flags)));

  withReportOptions(withAuditOptions(program.command('audit').description('Audit this machine: config, the certificate files it names, and the endpoints it opens (what `dockprobe` alone runs).')))
    .addHelpText('after', AUDIT_HELP)
    .action(async (flags: AuditFlags) => {
      const interrupt = watchForInterrupt();
      await deliver(await executeAudit(flags, process.env, undefined, interrupt.signal), interrupt);
    });

  const report = program.command('report').description('Work with saved JSON reports: render them again, compare two runs, or merge the shards of one.');
  withConvertOptions(report.command('convert').description('Render a saved JSON report in another format.'))
    .addHelpText('after', REPORT_CONVERT_HELP)
    .action(async (input: string, flags: ConvertFlags) => deliver(executeConvert(input, flags)));
  withDiffOptions(report.command('diff').description('New, resolved and unchanged findings between two saved JSON reports.'))
    .addHelpText('after', REPORT_DIFF_HELP)
    .action((oldPath: string, newPath: string, flags: DiffFlags) => deliverText(executeDiff(oldPath, newPath, flags)));
  withMergeOptions(report.command('merge').description('Merge the JSON reports of a fleet (scan shards, host audits, or both) into one report, machine by machine.'))
    .addHelpText('after', REPORT_MERGE_HELP)
    .action(async (paths: string[], flags: MergeFlags) => deliver(executeMerge(paths, flags)));
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  let args = argv.slice(2);
  try {
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
