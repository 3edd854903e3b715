import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditConfig, auditFiles, type LocalAuditOutcome } from '../audit/local-audit.js';
import type { FileRole } from '../files/file-observation.js';
import type { MachineIdentity } from '../machine/machine.js';
import { readMachineIdentity } from '../machine/read-machine-identity.js';
import type { ReportScope } from '../report/report-scope.js';
import { buildScanReport } from '../report/scan-report.js';
import { loadRuleMetadata } from '../rule-engine/rule-metadata.js';
import { emptySummary } from '../scan/scan-summary.js';
import { parseTarget } from '../targets/parse-target.js';
import { UsageError } from '../usage-error.js';
import { collect, parseChoice, rejectEmptyValues } from './option-parsers.js';
import { parseReportFlags, type ReportFlags } from './report-flags.js';
import { finishRun, type CommandRun } from './report-output.js';

export const FILE_ROLES = ['server-cert', 'client-cert', 'ca-cert', 'server-key', 'client-key', 'ca-key'] as const;

/** --host-label: the name the audited machine goes by in reports, instead of its hostname and machine-id. */
export interface MachineFlags {
  hostLabel?: string;
}

export interface FilesFlags extends ReportFlags, MachineFlags {
  /** Repeatable: one *-cert role for the certificates, one *-key role for the keys. */
  role?: string | string[];
  root?: string;
  host?: string[];
}

export interface ConfigFlags extends ReportFlags, MachineFlags {
  root?: string;
}

/** What `files` takes besides the report options (report-flags.ts); read back as FilesFlags. */
export function withFilesOptions(command: Command): Command {
  return command
    .argument('<paths...>', 'certificate or key files, or directories holding them')
    .option('--role <role>', `what the files are, when their names do not say: ${FILE_ROLES.join(', ')}; a *-cert role for certificates, a *-key role for keys (repeatable: one of each)`, collect, [])
    .option('--host <name>', 'a name or IP clients use for the daemon: server certificates must cover it (repeatable)', collect, [])
    .option('--root <dir>', 'audit a mounted image or backup as if DIR were /')
    .option('--host-label <name>', "the name this machine goes by in the report, instead of its hostname and /etc/machine-id (under --root: the image's own)");
}

/** What `config` takes besides the report options (report-flags.ts); read back as ConfigFlags. */
export function withConfigOptions(command: Command): Command {
  return command
    .option('--root <dir>', 'audit a mounted image or backup as if DIR were /')
    .option('--host-label <name>', "the name this machine goes by in the report, instead of its hostname and /etc/machine-id (under --root: the image's own)");
}

/** --root must name an existing directory: auditing an empty mount point would pass vacuously. */
export function parseRoot(root: string | undefined): string {
  if (root === undefined) return '/';
  rejectEmptyValues({ '--root': root });
  const absolute = resolve(root);
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new UsageError(`--root "${root}": cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); give the directory where the audited system is mounted`);
  }
  if (!isDirectory) throw new UsageError(`--root "${root}" is not a directory; give the directory where the audited system is mounted`);
  return absolute;
}

/**
 * The machine a local audit describes: --host-label, else the hostname and machine-id of the
 * live system, or of the image under --root (never the scanning host's).
 */
export function machineOf(root: string, flags: MachineFlags): MachineIdentity {
  return readMachineIdentity(root, parseHostLabel(flags.hostLabel));
}

/** A label is a name a person reads in a table and a SARIF result: one line of printable text. */
function parseHostLabel(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const trimmed = label.trim();
  if (trimmed === '' || trimmed.length > 253 || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new UsageError(`--host-label "${label.replace(/[\u0000-\u001f\u007f]/g, '?')}": give the machine's name as one line of 1 to 253 characters, e.g. --host-label web-01`);
  }
  return trimmed;
}

function reportOf(outcome: LocalAuditOutcome, startedAt: Date, scope: ReportScope, machine: MachineIdentity, root: string, benchmarkRules: boolean): ReturnType<typeof buildScanReport> {
  return buildScanReport({ startedAt, finishedAt: new Date(), endpoints: [], summary: emptySummary(), ...outcome, scope, machine, machineRoot: root, benchmarkRules });
}

/** `dockprobe files PATH...` */
export function executeFiles(paths: string[], flags: FilesFlags, env: NodeJS.ProcessEnv = process.env): CommandRun {
  const metadata = loadRuleMetadata();
  const settings = parseReportFlags(flags, metadata, env);
  if (paths.length === 0) throw new UsageError('files needs at least one PATH: a certificate, a key, or a directory holding them');
  if (paths.some((path) => path.trim() === '')) throw new UsageError('files: an empty PATH would mean the current folder; name the certificate, key or folder');
  const roleOverrides = parseRoles(flags.role);
  const root = parseRoot(flags.root);
  const machine = machineOf(root, flags);
  const startedAt = new Date();
  const audited = paths.map((path) => resolve(path));
  const outcome = auditFiles(audited, {
    root,
    roleOverrides,
    // As the docker CLI: cert.pem and key.pem in DOCKER_CERT_PATH are a client's.
    clientDirectories: root === '/' && env.DOCKER_CERT_PATH ? [resolve(env.DOCKER_CERT_PATH)] : [],
    metadata,
    evaluation: { now: settings.at ?? startedAt, parameters: settings.parameters, expectedHosts: parseHosts(flags.host ?? []), benchmark: settings.compliance !== null },
  });
  return finishRun(reportOf(outcome, startedAt, { kind: 'files', targets: null, ports: null, excluded: [], configRoot: null, paths: audited }, machine, root, settings.compliance !== null), settings, metadata);
}

/**
 * --role, repeatable: a file is judged in one role per run, so at most one role for the
 * certificates and one for the keys (`--role server-cert --role server-key`).
 */
function parseRoles(given: string | string[] | undefined): FileRole[] {
  const roles = (given === undefined ? [] : Array.isArray(given) ? given : [given]).map((role) => parseChoice('--role', role, FILE_ROLES) as FileRole);
  const unique = [...new Set(roles)];
  for (const [what, suffix] of [['certificates', '-cert'], ['keys', '-key']] as const) {
    const same = unique.filter((role) => role.endsWith(suffix));
    if (same.length > 1) throw new UsageError(`--role ${same.join(' and --role ')}: both describe ${what}, and a file has one role; run files once per role, naming the files of each`);
  }
  return unique;
}

/** --host values: names or IP literals (brackets allowed for IPv6), checked like scan targets. */
function parseHosts(hosts: string[]): string[] {
  return hosts.map((host) => {
    const spec = parseTarget(host);
    if (spec.kind !== 'host' || spec.port !== null) throw new UsageError(`--host "${host}": give a name or an IP address, without port or range`);
    return spec.host;
  });
}

/** `dockprobe config [--root DIR]` */
export function executeConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): CommandRun {
  const metadata = loadRuleMetadata();
  const settings = parseReportFlags(flags, metadata, env);
  const root = parseRoot(flags.root);
  const machine = machineOf(root, flags);
  const startedAt = new Date();
  const benchmark = settings.compliance !== null;
  const outcome = auditConfig({ root, env, metadata, evaluation: { now: settings.at ?? startedAt, parameters: settings.parameters, benchmark } });
  return finishRun(reportOf(outcome, startedAt, { kind: 'config', targets: null, ports: null, excluded: [], configRoot: root, paths: null }, machine, root, benchmark), settings, metadata);
}
