import type { Command } from 'commander';
import { allDaemons } from '../rule-engine/evaluate-config.js';
import { auditMachine } from '../audit/local-audit.js';
import type { ConfigObservation } from '../config/config-observation.js';
import { bindsAllInterfaces } from '../config/listener-address.js';
import { loadCredentials } from '../network/load-credentials.js';
import { lazyUntrustedIdentity } from '../network/untrusted-identity.js';
import { buildScanReport } from '../report/scan-report.js';
import { ENDPOINT_RULES } from '../rules/endpoint-rules.js';
import { loadRuleMetadata } from '../rule-engine/rule-metadata.js';
import { runScan, type ScanOutcome } from '../scan/run-scan.js';
import { emptySummary } from '../scan/scan-summary.js';
import { expandProbes } from '../targets/expand-targets.js';
import { parseTarget } from '../targets/parse-target.js';
import type { TargetSpec } from '../targets/target-spec.js';
import { machineOf, parseRoot, type MachineFlags } from './local-commands.js';
import { parseDuration, REQUEST_TIMEOUT } from './option-parsers.js';
import { parseReportFlags, type ReportFlags } from './report-flags.js';
import { finishRun, type CommandRun } from './report-output.js';
import { parseTargetDeadline } from './target-deadline.js';

export interface AuditFlags extends ReportFlags, MachineFlags {
  root?: string;
  timeout: string;
  targetTimeout?: string;
  /** --scan / --no-scan; unset means: scan on a live system (/), not under --root. */
  scan?: boolean;
}

/** What `audit` takes besides the report options (report-flags.ts); read back as AuditFlags. */
export function withAuditOptions(command: Command): Command {
  return command
    .option('--root <dir>', 'audit a mounted image or backup as if DIR were / (no network scan unless --scan)')
    .option('--host-label <name>', "the name this machine goes by in the report, instead of its hostname and /etc/machine-id (under --root: the image's own)")
    .option('--timeout <time>', 'limit for each connection and each request, e.g. 5s or 500ms (a bare number is milliseconds)', '3000')
    .option('--target-timeout <time>', 'limit for the whole conversation with one endpoint, e.g. 20s (default: 10 × --timeout)')
    .option('--scan', 'probe the declared listeners even under --root')
    .option('--no-scan', 'read config and files only; probe no endpoint');
}

/** Wildcard binds, and an omitted host (localhost), are reached on loopback from the machine itself. */
function reachableHost(host: string): string {
  if (host === '') return '127.0.0.1';
  if (bindsAllInterfaces(host)) return host.includes(':') ? '::1' : '127.0.0.1';
  return host;
}

/** The TCP listeners the config declares, as scan targets, then 127.0.0.1:2375/2376 in any case. */
export function auditTargets(config: ConfigObservation): TargetSpec[] {
  const declared = allDaemons(config)
    .flatMap((daemon) => daemon.listeners)
    .filter((listener) => listener.scheme === 'tcp' && listener.port !== null)
    .map((listener) => {
      const host = reachableHost(listener.host ?? '');
      return parseTarget(host.includes(':') ? `[${host}]:${listener.port}` : `${host}:${listener.port}`);
    });
  return [...declared, parseTarget('127.0.0.1:2375'), parseTarget('127.0.0.1:2376')];
}

/** Tried on declared listeners given without a port, as `scan` does by default. */
const AUDIT_PORTS = [2375, 2376];

/**
 * `dockprobe` with no arguments, or `dockprobe audit`: this machine's config, the certificate
 * files it names, and the endpoints it opens, in one report.
 */
export async function executeAudit(
  flags: AuditFlags,
  env: NodeJS.ProcessEnv = process.env,
  onWarning: (message: string) => void = (message) => process.stderr.write(`dockprobe: warning: ${message}\n`),
  /** SIGINT/SIGTERM (interrupt-signals.ts): ends the scan part early; the report is still built. */
  stop?: AbortSignal,
): Promise<CommandRun> {
  const metadata = loadRuleMetadata();
  const settings = parseReportFlags(flags, metadata, env);
  const root = parseRoot(flags.root);
  const machine = machineOf(root, flags);
  const timeoutMs = parseDuration('--timeout', flags.timeout, REQUEST_TIMEOUT);
  const targetDeadline = parseTargetDeadline(flags.targetTimeout, timeoutMs);
  const startedAt = new Date();
  const benchmark = settings.compliance !== null;
  const evaluation = { now: settings.at ?? startedAt, parameters: settings.parameters, benchmark };
  const local = auditMachine({ root, env, metadata, evaluation });

  // Under --root the declared listeners belong to an image, usually not running here: scan
  // them only when asked (--scan), e.g. for a chroot whose daemon runs on this host.
  const shouldScan = flags.scan ?? root === '/';
  const warnings: string[] = [];
  let scanned: ScanOutcome = { endpoints: [], findings: [], errors: [], summary: emptySummary() };
  const targets = shouldScan ? auditTargets(local.config!) : [];
  if (shouldScan) {
    // The client certificates this machine's docker CLI would use, found the same lenient way.
    const credentials = loadCredentials({}, env, undefined, settings.at ?? new Date());
    credentials.warnings.forEach(onWarning);
    warnings.push(...credentials.warnings);
    scanned = await runScan({
      probes: expandProbes(targets, AUDIT_PORTS),
      concurrency: 8,
      stop,
      probeSettings: { timeoutMs, targetDeadline, stop, credentials, untrustedIdentity: lazyUntrustedIdentity(), now: settings.at ?? undefined },
      rules: ENDPOINT_RULES,
      metadata,
      evaluation,
    });
  }
  const report = buildScanReport({
    startedAt,
    finishedAt: new Date(),
    endpoints: scanned.endpoints,
    summary: scanned.summary,
    findings: [...local.findings, ...scanned.findings],
    errors: [...local.errors, ...scanned.errors],
    files: local.files,
    config: local.config,
    warnings,
    machine,
    benchmarkRules: benchmark,
    scope: {
      kind: 'audit',
      targets: shouldScan ? targets.map((spec) => spec.input) : null,
      ports: shouldScan ? AUDIT_PORTS : null,
      excluded: [],
      configRoot: root,
      // The certificate and key files the configuration names: the ones this run audited.
      paths: local.files.map((file) => file.path),
    },
  });
  return finishRun(report, settings, metadata);
}
