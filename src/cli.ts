#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { writeFileAtomic } from './cli/atomic-write.js';
import { resembleCommand } from './cli/mistyped-command.js';
import { executeScan, OUTPUT_FORMATS, type ScanFlags } from './cli/scan-command.js';
import { EXIT } from './exit-codes.js';
import { SEVERITIES } from './severity.js';
import { UsageError } from './usage-error.js';
import { TOOL_VERSION } from './version.js';


/** Commander's way of making a repeatable option: each use appends. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const SCAN_HELP = `
Targets:
  host, host:port, 10.0.0.5, [::1]:2376, 10.0.0.0/24, fd00::/120,
  tcp://host:2376 or https://host:2376 (as in DOCKER_HOST).
  With no target: DOCKER_HOST when it is tcp://, else 127.0.0.1.
  A target with its own port is probed on that port only; others on every --ports port.
  Ranges are swept: only endpoints that answer are listed, the rest are counted.

What each open port gets (read-only: GET /_ping, /version, /info only):
  plain HTTP, then TLS with (a) no client certificate, (b) your client certificate,
  (c) a throwaway certificate from a CA made for this scan, (d) TLS 1.0 and 1.1 only.

Client certificates, as the docker CLI finds them:
  --tlscacert/--tlscert/--tlskey, else --cert-path DIR, else $DOCKER_CERT_PATH,
  else ~/.docker; each directory holds ca.pem, cert.pem and key.pem.

Exit codes: 0 nothing at or above --fail-on and everything checked; 1 findings at or
  above --fail-on; 2 bad input; 3 dockprobe itself failed (a bug: please report it);
  4 nothing at or above --fail-on, but some endpoints or rules could not be checked.

Examples:
  dockprobe scan                                   # this machine, ports 2375 and 2376
  dockprobe scan 10.0.0.0/24 --format json -o fleet.json
  dockprobe scan docker1.example:2376 --cert-path ~/.docker --fail-on critical
  dockprobe scan --targets-file inventory.txt --ports 2375,2376,4243
  dockprobe scan 10.0.0.5 --param api-engine-eol.minimumVersion=28.0.0 --param tls-cert-expiring.days=14
`;

function buildProgram(): Command {
  const program = new Command();
  program
    .name('dockprobe')
    .description('Audit Docker daemon endpoints: who can reach the Docker API, and how well TLS protects it.')
    .version(TOOL_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('scan', { isDefault: true })
    .description('Sweep hosts and ranges for Docker API endpoints and judge how each is protected.')
    .argument('[targets...]', 'hosts, host:port, IP literals, CIDR ranges, tcp:// URLs')
    .option('--targets-file <file>', 'read targets from FILE, one per line, # starts a comment')
    .option('-p, --ports <list>', 'ports to probe on targets without their own port', '2375,2376')
    .option('-c, --concurrency <n>', 'endpoints probed at once', '64')
    .option('--timeout <ms>', 'limit for each connection and each request, in milliseconds', '3000')
    .option('--tlscacert <file>', 'CA that should have signed the daemon certificates')
    .option('--tlscert <file>', 'your client certificate (attempt b)')
    .option('--tlskey <file>', 'the key of --tlscert')
    .option('--cert-path <dir>', 'directory holding ca.pem, cert.pem and key.pem')
    .option('--allow-large', 'allow ranges larger than a /16')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this').choices([...SEVERITIES, 'none']).default('high'))
    .option('--at <date>', 'judge certificate validity as of DATE (YYYY-MM-DD), e.g. "will this still pass next month"')
    .option('--param <rule.name=value>', 'set a rule parameter, e.g. tls-cert-expiring.days=14 (repeatable)', collect, [])
    .addHelpText('after', SCAN_HELP)
    .action(async (targets: string[], flags: ScanFlags) => {
      const run = await executeScan(targets, flags);
      if (flags.output !== undefined) {
        try {
          writeFileAtomic(flags.output, run.rendered);
        } catch (error) {
          // The scan is done: show it rather than lose it, then say what went wrong.
          process.stdout.write(run.rendered);
          throw new UsageError(`--output "${flags.output}": cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the report was printed instead`);
        }
        process.stderr.write(`dockprobe: report written to ${flags.output} (${run.report.findings.length} finding(s))\n`);
      } else {
        process.stdout.write(run.rendered);
      }
      process.exitCode = run.exitCode;
    });
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    const program = buildProgram();
    const commands = [...program.commands.map((command) => command.name()), 'help'];
    const meant = resembleCommand(argv[2], commands);
    if (meant) {
      throw new UsageError(`"${argv[2]}" is not a command; did you mean "${meant}"? (to scan a host by that name, write "dockprobe scan ${argv[2]}")`);
    }
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line message (or the help/version text).
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
