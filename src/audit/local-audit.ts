import { allDaemons } from '../rule-engine/evaluate-config.js';
import { posix } from 'node:path';
import { collectConfig } from '../config/collect-config.js';
import type { ConfigObservation } from '../config/config-observation.js';
import { bindsAllInterfaces } from '../config/listener-address.js';
import { AuditedRoot } from '../filesystem/audited-root.js';
import { fsErrorCode, isAccessDenied } from '../filesystem/fs-errors.js';
import { collectFiles } from '../files/collect-files.js';
import type { FileObservation, FileRole } from '../files/file-observation.js';
import type { Finding, ScanError } from '../report/finding.js';
import { CONFIG_RULES } from '../rules/config-rules.js';
import type { EvaluationOptions } from '../rule-engine/evaluate-endpoint.js';
import { evaluateConfig } from '../rule-engine/evaluate-config.js';
import { checksWithoutRole, evaluateFile } from '../rule-engine/evaluate-file.js';
import { PERMISSION_DENIED } from '../rules/cert-unparseable.js';
import { FILE_RULES } from '../rules/file-rules.js';
import type { RuleMeta } from '../rules/rule.js';

/** What the local collectors saw and what the rules made of it. */
export interface LocalAuditOutcome {
  findings: Finding[];
  errors: ScanError[];
  files: FileObservation[];
  config: ConfigObservation | null;
  /** Said and skipped without stopping: a --role that fitted nothing given. */
  warnings?: string[];
}

interface Judging {
  metadata: Map<string, RuleMeta>;
  evaluation: EvaluationOptions;
}

/** `dockprobe files`: the given paths, judged by the file and certificate rules. */
export function auditFiles(
  paths: string[],
  options: { root: string; roleOverrides?: readonly FileRole[]; clientDirectories?: string[] } & Judging,
): LocalAuditOutcome {
  const collected = collectFiles(paths, { root: options.root, roleOverrides: options.roleOverrides, clientDirectories: options.clientDirectories, now: options.evaluation.now });
  return { ...judgeFiles(collected.files, collected.errors, options), warnings: collected.warnings };
}

/** `dockprobe config`: the host's Docker configuration under root, judged by the config rules. */
export function auditConfig(options: { root: string; env: NodeJS.ProcessEnv } & Judging): LocalAuditOutcome {
  const config = collectConfig({ root: options.root, env: options.env });
  const judged = evaluateConfig(config, CONFIG_RULES, options.metadata, options.evaluation);
  const errors: ScanError[] = [...config.errors.map((error) => ({ kind: 'config' as const, path: error.path, message: `${error.path}: ${error.message}` })), ...judged.errors];
  return { findings: judged.findings, errors, files: [], config };
}

/**
 * The machine audit's local half: config, then every certificate and key the config names,
 * plus the client folders (DOCKER_CERT_PATH, each ~/.docker) and /etc/docker itself.
 */
export function auditMachine(options: { root: string; env: NodeJS.ProcessEnv } & Judging): LocalAuditOutcome {
  const configured = auditConfig(options);
  const config = configured.config!;
  const clientDirectories = [
    ...config.homes.flatMap((home) => (home.dockerDir ? [home.dockerDir] : [])),
    ...(config.environment?.DOCKER_CERT_PATH ? [config.environment.DOCKER_CERT_PATH] : []),
  ];
  // The folders of the files the config names, not just the files: a CA key, a CSR or an
  // extfile left beside a daemon's certificate is exactly what the guides warn about.
  const systemPaths = new Set<string>([
    ...config.fileHints.map((hint) => hint.systemPath),
    ...config.fileHints.map((hint) => posix.dirname(hint.systemPath)).filter((folder) => folder !== '/'),
    ...clientDirectories,
    '/etc/docker',
  ]);
  // Left out when nothing is there (links followed inside the root, not on the scanning host). A
  // path behind a folder closed to us is kept, so that it is reported as not checked.
  const auditedRoot = new AuditedRoot(options.root);
  const existing = [...systemPaths].filter((systemPath) => present(auditedRoot, systemPath));
  const collected = collectFiles(existing, { root: options.root, hints: config.fileHints, clientDirectories, now: options.evaluation.now });
  // The addresses the daemon is told to listen on are the ones its certificate must name.
  const expectedHosts = allDaemons(config)
    .flatMap((daemon) => daemon.listeners)
    .filter((listener) => listener.scheme === 'tcp' && listener.host && !bindsAllInterfaces(listener.host))
    .map((listener) => listener.host!);
  const files = judgeFiles(collected.files, collected.errors, { ...options, evaluation: { ...options.evaluation, expectedHosts } });
  return {
    findings: [...configured.findings, ...files.findings],
    errors: [...configured.errors, ...files.errors],
    files: files.files,
    config,
  };
}

function present(root: AuditedRoot, systemPath: string): boolean {
  try {
    root.resolve(systemPath);
    return true;
  } catch (error) {
    return isAccessDenied(fsErrorCode(error));
  }
}

function judgeFiles(files: FileObservation[], collectErrors: { path: string; message: string }[], options: Judging): LocalAuditOutcome {
  const findings: Finding[] = [];
  const errors: ScanError[] = collectErrors.map((error) => ({ kind: 'file', path: error.path, message: `${error.path}: ${error.message}` }));
  const judgedFiles = files.map((file) => ({ ...file, checksWithoutRole: checksWithoutRole(file, FILE_RULES) }));
  for (const file of judgedFiles) {
    if (file.readError && PERMISSION_DENIED.test(file.readError)) {
      errors.push({ kind: 'file', path: file.path, message: `${file.systemPath}: ${file.readError}; none of its checks ran (run dockprobe as root or as the file's owner)` });
    }
    const judged = evaluateFile(file, FILE_RULES, options.metadata, options.evaluation);
    findings.push(...judged.findings);
    errors.push(...judged.errors);
  }
  return { findings, errors, files: judgedFiles, config: null };
}
