#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { writeFileAtomic } from './cli/atomic-write.js';
import { resembleCommand } from './cli/mistyped-command.js';
import { executeAudit, type AuditFlags } from './cli/audit-command.js';
import { executeConfig, executeFiles, FILE_ROLES, type ConfigFlags, type FilesFlags } from './cli/local-commands.js';
import { OUTPUT_FORMATS, type CommandRun } from './cli/report-output.js';
import { deliverRun } from './cli/deliver-run.js';
import { watchForInterrupt, type Interrupt } from './cli/interrupt-signals.js';
import { DIFF_FORMATS, executeConvert, executeDiff, executeMerge, type ConvertFlags, type DiffFlags, type MergeFlags } from './cli/report-commands.js';
import { NOTIFY_FORMATS } from './notify/notification-payload.js';
import { executeScan, type ScanFlags } from './cli/scan-command.js';
import { loadRuleMetadata } from './rules/rule-metadata.js';
import { DEFAULT_IGNORE_FILE } from './suppress/read-ignore-file.js';
import { EXIT } from './exit-codes.js';
import { SEVERITIES } from './severity.js';
import { UsageError } from './usage-error.js';
import { TOOL_VERSION } from './version.js';


/** Commander's way of making a repeatable option: each use appends. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const FILES_HELP = `
Roles (what a file is) come from, in order: the daemon config or docker context that names
it, --role, then the names the Docker guides use: ca.pem, ca-key.pem, server-cert.pem,
server-key.pem, and cert.pem / key.pem in a client folder (~/.docker, DOCKER_CERT_PATH, a
context's TLS folder) or beside server-cert.pem and server-key.pem (the guide's one folder).
--role describes certificates (*-cert) or keys (*-key), never a folder: given with a folder it
applies to the files there whose names say nothing, and a CA certificate stays the CA.
Files of unknown role get only the checks that need no role; the report lists the others.

Checks: key permissions (0400) and owners, certificate write bits, a CA key left beside
certificates, leftover CSRs and serial files, expiry (--at DATE to look ahead), key size,
signature hash, subjectAltName, extendedKeyUsage for the role, cert/key pairs, chain to the CA.

Examples:
  dockprobe files /etc/docker/ssl ~/.docker
  dockprobe files ./certs --at 2027-01-01 --fail-on medium
  dockprobe files /etc/docker/ssl --host docker1.example --host 10.0.0.5
  dockprobe files /srv/pki/docker1.pem --role server-cert -f json
  dockprobe files /srv/pki --role server-cert --role server-key
`;

const CONFIG_HELP = `
Reads dockerd's settings wherever they are set: /etc/docker/daemon.json (or --config-file),
docker.service and its drop-ins (ExecStart flags, Environment=, EnvironmentFile=),
/etc/default/docker and /etc/sysconfig/docker (DOCKER_OPTS); and the client side: ~/.docker
of root and of every user under /home, their docker contexts, ~/.ssh/config for ssh://
contexts, and DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH in this environment.
Each finding names the file and line to fix.

Examples:
  dockprobe config
  dockprobe config --root /mnt/image -f sarif -o config.sarif
`;

const AUDIT_HELP = `
Runs config on /, files on every certificate and key the config names plus ~/.docker and
DOCKER_CERT_PATH, and scan of the TCP listeners the config declares and of
127.0.0.1:2375/2376, into one report. Useful even where Docker is not installed: it then
says so, and checks what is there.

Examples:
  dockprobe
  dockprobe audit -f json -o /var/lib/dockprobe/last.json --fail-on medium
  dockprobe audit --root /mnt/backup --no-scan
`;

const REPORT_CONVERT_HELP = `
The report is rendered as it was saved: nothing is scanned or judged again, and the exit code
is 0 when the conversion worked.

Examples:
  dockprobe report convert fleet.json -f sarif -o fleet.sarif --sarif-category fleet
  dockprobe report convert last.json -f prometheus -o /var/lib/prometheus/node-exporter/dockprobe.prom
`;

const REPORT_DIFF_HELP = `
Findings are matched by fingerprint: the same rule, place and evidence (a certificate that is
one day closer to expiry is still the same finding). A finding that left is "resolved" only
where NEW looked again (the same endpoint fully checked, the same configuration or file read);
elsewhere it is "not checked this time", and a warning says how the two reports' scopes differ.
Exit 1 when a new finding is at or above --fail-on, else 0.

Examples:
  dockprobe report diff monday.json tuesday.json
  dockprobe report diff last.json now.json -f json --fail-on medium
`;

const REPORT_MERGE_HELP = `
Merges the JSON reports of the shards of one scan (--shard K/N, or the pods of a Kubernetes
Indexed Job) into one report, whatever order they are named in: findings once per fingerprint,
endpoints once per host:port (by address, then port), counts summed. Every shard must be there:
a missing one (3/4 among 1/4, 2/4, 4/4) is listed under "Could not check" and the merged report
is incomplete; a shard given twice is merged once (the later run). Findings are not judged
again (no --fail-on). Exit 0 when merged and complete, 4 when something was not checked (a
missing shard, or a shard's own errors), 2 for bad input. See docs/fleet.md.

Examples:
  dockprobe report merge shard-1.json shard-2.json shard-3.json shard-4.json -f sarif -o fleet.sarif --sarif-category fleet
  dockprobe report merge reports/*.json -f json -o fleet.json
`;

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
  above --fail-on; 2 bad input, or a report file that could not be written; 3 dockprobe
  itself failed (a bug: please report it); 4 nothing at or above --fail-on, but some
  endpoints or rules could not be checked; 5 the report was written, but --notify could
  not deliver the alert; 130/143 interrupted by SIGINT/SIGTERM: the report of what was
  gathered is still written, marked incomplete (a second signal exits at once).

Sharding (one fleet in N parallel runs, then \`dockprobe report merge\`; see docs/fleet.md):
  --shard K/N scans only shard K of N, counted from 1 (1/4 .. 4/4); each host:port is in
  exactly one shard, by a stable hash. In a Kubernetes Indexed Job leave --shard out: the
  pod's JOB_COMPLETION_INDEX (counted from 0: pod 0 is shard 1) picks the shard, and
  --shard-count N or DOCKPROBE_SHARD_COUNT=N (the Job's completions) gives N.

On real networks: --exclude and --exclude-file keep probes off hosts and ranges (nothing is
  sent to them); --rate caps probes per second for the whole scan; --max-duration ends the
  sweep on time and still writes the report, marked incomplete (exit 4 unless findings).

Examples:
  dockprobe scan                                   # this machine, ports 2375 and 2376
  dockprobe scan 10.0.0.0/24 --format json -o fleet.json
  dockprobe scan docker1.example:2376 --cert-path ~/.docker --fail-on critical
  dockprobe scan --targets-file inventory.txt --ports 2375,2376,4243
  dockprobe scan 10.0.0.5 --param api-engine-eol.minimumVersion=28.0.0 --param tls-cert-expiring.days=14
  dockprobe scan 10.20.0.0/16 --exclude 10.20.5.0/24,10.20.9.9 --rate 500 --max-duration 30m
  dockprobe scan --targets-file inventory.txt --shard 2/4 -f json -o shard-2.json
`;

/** The options every command shares: outputs, gating, suppression, clock, rule parameters, alerting. */
function withReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'report format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--report <format:file>', 'also write FORMAT to FILE, e.g. sarif:dockprobe.sarif or prometheus:/var/lib/node_exporter/dockprobe.prom (repeatable)', collect, [])
    .option('--severity <list>', 'report only these severities, e.g. critical,high (others are counted, not listed)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a listed finding is at or above this').choices([...SEVERITIES, 'none']).default('high'))
    .option('--ignorefile <file>', `suppress accepted findings listed in FILE (default: ${DEFAULT_IGNORE_FILE} here, if present)`)
    .option('--baseline <report.json>', 'list (and fail on) only findings not already in this earlier JSON report')
    .option('--state <file>', 'compare with the report kept in FILE by the last run, then keep this one there (for cron)')
    .option('--notify <url>', 'POST new and resolved findings to this webhook (needs --state; or set DOCKPROBE_NOTIFY_URL); exit 5 if it cannot be delivered')
    .addOption(new Option('--notify-format <format>', 'webhook body').choices([...NOTIFY_FORMATS]).default('json'))
    .option('--sarif-root <dir>', 'SARIF paths are written relative to DIR, the repository root in CI (default: the current folder)')
    .option('--sarif-category <name>', 'SARIF automationDetails.id, so several audits can share one repository in GitHub code scanning')
    .option('--at <date>', 'judge certificate validity (and ignore-file expiry) as of DATE (YYYY-MM-DD), e.g. "will this still pass next month"')
    .option('--param <rule.name=value>', 'set a rule parameter, e.g. tls-cert-expiring.days=14 (repeatable)', collect, []);
}

/** Writes every output, compares and notifies, and sets the exit code (see deliver-run.ts). */
async function deliver(run: CommandRun, interrupt?: Interrupt): Promise<void> {
  const exitCode = await deliverRun(run, loadRuleMetadata());
  // A run cut short by a signal says so in its exit code, whatever it found before then.
  process.exitCode = interrupt?.exitCode() ?? exitCode;
}

/** For outputs that are not a report (report diff): stdout, or FILE atomically. */
function deliverText(result: { rendered: string; exitCode: number; output?: string }): void {
  if (result.output === undefined) process.stdout.write(result.rendered);
  else {
    try {
      writeFileAtomic(result.output, result.rendered);
    } catch (error) {
      process.stdout.write(result.rendered);
      throw new UsageError(`--output "${result.output}": cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the result was printed instead`);
    }
  }
  process.exitCode = result.exitCode;
}

function buildProgram(): Command {
  const program = new Command();
  program
    .name('dockprobe')
    .description('Audit Docker daemons from outside and inside: who can reach the Docker API, how well TLS protects it, and what the certificates, keys and config on this machine get wrong.\nWith no command: audit this machine (see `dockprobe audit --help`).')
    .version(TOOL_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  withReportOptions(program
    .command('scan', { isDefault: true })
    .description('Sweep hosts and ranges for Docker API endpoints and judge how each is protected.')
    .argument('[targets...]', 'hosts, host:port, IP literals, CIDR ranges, tcp:// URLs')
    .option('--targets-file <file>', 'read targets from FILE: a plain list (one per line, # comments), or nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output (open ports only)')
    .option('-p, --ports <list>', 'ports to probe on targets without their own port', '2375,2376')
    .option('-c, --concurrency <n>', 'endpoints probed at once (sweeps of 4096+ probes connect on every core)', '256')
    .option('--timeout <ms>', 'limit for each connection and each request, in milliseconds', '3000')
    .option('--target-timeout <time>', 'limit for the whole conversation with one endpoint, e.g. 20s (default: 10 × --timeout); an endpoint cut short is reported as not fully checked')
    .option('--tlscacert <file>', 'CA that should have signed the daemon certificates')
    .option('--tlscert <file>', 'your client certificate (attempt b)')
    .option('--tlskey <file>', 'the key of --tlscert')
    .option('--cert-path <dir>', 'directory holding ca.pem, cert.pem and key.pem')
    .option('--allow-large', 'allow ranges larger than a /16')
    .option('--exclude <list>', 'hosts or CIDR ranges never to probe, comma-separated (repeatable)', collect, [])
    .option('--exclude-file <file>', 'hosts or CIDR ranges never to probe, one per line, # starts a comment')
    .option('--rate <n>', 'start at most N probes per second, across all connections (politeness on real networks)')
    .option('--max-duration <time>', 'stop starting probes after this long (e.g. 30m, 2h) and report what was found, marked incomplete')
    .option('--shard <K/N>', 'scan only shard K of N, counted from 1 (1/4 .. 4/4); merge the N reports with `dockprobe report merge`')
    .option('--shard-count <n>', 'N, when the shard index comes from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, counted from 0); default: $DOCKPROBE_SHARD_COUNT'))
    .addHelpText('after', SCAN_HELP)
    .action(async (targets: string[], flags: ScanFlags) => {
      const interrupt = watchForInterrupt();
      await deliver(await executeScan(targets, flags, process.env, undefined, interrupt.signal), interrupt);
    });

  withReportOptions(
    program
      .command('files')
      .description('Audit certificate and key files: permissions, owners, SANs, usages, expiry, pairs and chains.')
      .argument('<paths...>', 'certificate or key files, or directories holding them')
      .option('--role <role>', `what the files are, when their names do not say: ${FILE_ROLES.join(', ')}; a *-cert role for certificates, a *-key role for keys (repeatable: one of each)`, collect, [])
      .option('--host <name>', 'a name or IP clients use for the daemon: server certificates must cover it (repeatable)', collect, [])
      .option('--root <dir>', 'audit a mounted image or backup as if DIR were /'),
  )
    .addHelpText('after', FILES_HELP)
    .action(async (paths: string[], flags: FilesFlags) => deliver(executeFiles(paths, flags)));

  withReportOptions(
    program
      .command('config')
      .description("Audit this host's Docker configuration: daemon.json, systemd units, defaults files, contexts, environment.")
      .option('--root <dir>', 'audit a mounted image or backup as if DIR were /'),
  )
    .addHelpText('after', CONFIG_HELP)
    .action(async (flags: ConfigFlags) => deliver(executeConfig(flags)));

  withReportOptions(
    program
      .command('audit')
      .description('Audit this machine: config, the certificate files it names, and the endpoints it opens (what `dockprobe` alone runs).')
      .option('--root <dir>', 'audit a mounted image or backup as if DIR were / (no network scan unless --scan)')
      .option('--timeout <ms>', 'limit for each connection and each request, in milliseconds', '3000')
      .option('--target-timeout <time>', 'limit for the whole conversation with one endpoint, e.g. 20s (default: 10 × --timeout)')
      .option('--scan', 'probe the declared listeners even under --root')
      .option('--no-scan', 'read config and files only; probe no endpoint'),
  )
    .addHelpText('after', AUDIT_HELP)
    .action(async (flags: AuditFlags) => {
      const interrupt = watchForInterrupt();
      await deliver(await executeAudit(flags, process.env, undefined, interrupt.signal), interrupt);
    });

  const report = program.command('report').description('Work with saved JSON reports: render them again, compare two runs, or merge the shards of one.');
  report
    .command('convert')
    .description('Render a saved JSON report in another format.')
    .argument('<report.json>', 'a report written by dockprobe -f json')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('--sarif-root <dir>', 'SARIF paths are written relative to DIR (default: the current folder)')
    .option('--sarif-category <name>', 'SARIF automationDetails.id')
    .addHelpText('after', REPORT_CONVERT_HELP)
    .action(async (input: string, flags: ConvertFlags) => deliver(executeConvert(input, flags)));
  report
    .command('diff')
    .description('New, resolved and unchanged findings between two saved JSON reports.')
    .argument('<old.json>', 'the earlier report')
    .argument('<new.json>', 'the later report')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a NEW finding is at or above this').choices([...SEVERITIES, 'none']).default('high'))
    .addHelpText('after', REPORT_DIFF_HELP)
    .action((oldPath: string, newPath: string, flags: DiffFlags) => deliverText(executeDiff(oldPath, newPath, flags)));
  report
    .command('merge')
    .description('Merge the JSON reports of the shards of a scan (--shard K/N) into one report.')
    .argument('<reports...>', 'reports written by dockprobe -f json, one per shard')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .option('--sarif-root <dir>', 'SARIF paths are written relative to DIR (default: the current folder)')
    .option('--sarif-category <name>', 'SARIF automationDetails.id')
    .addHelpText('after', REPORT_MERGE_HELP)
    .action(async (paths: string[], flags: MergeFlags) => deliver(executeMerge(paths, flags)));
  return program;
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
 * `dockprobe` alone audits this machine, and so does `dockprobe -f json`. With a target
 * (`dockprobe 10.0.0.5`) or a scan-only option (`dockprobe --targets-file fleet.txt`) it is a
 * scan, as it always was. Both option lists come from the command definitions, so a new
 * option cannot have its value mistaken for a target.
 */
function withAuditByDefault(argv: string[], program: Command): string[] {
  const args = argv.slice(2);
  const first = args[0];
  if (first !== undefined && (!first.startsWith('-') || ['-h', '--help', '-V', '--version'].includes(first))) return argv;
  const takesValue = valueOptions(program);
  const scanOnly = scanOnlyOptions(program);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const name = arg.split('=')[0]!;
    if (scanOnly.has(name)) return argv;
    if (!arg.startsWith('-')) return argv; // a target
    if (takesValue.has(arg)) index++; // skip its value
  }
  return [...argv.slice(0, 2), 'audit', ...args];
}

async function main(argv: string[]): Promise<void> {
  try {
    const program = buildProgram();
    const commands = [...program.commands.map((command) => command.name()), 'help'];
    const meant = resembleCommand(argv[2], commands);
    if (meant) {
      throw new UsageError(`"${argv[2]}" is not a command; did you mean "${meant}"? (to scan a host by that name, write "dockprobe scan ${argv[2]}")`);
    }
    await program.parseAsync(withAuditByDefault(argv, program));
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
