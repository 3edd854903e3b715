/**
 * The examples in every rules/<id>.json, run through the real code path (see "example" in
 * rules/rule.schema.json): an "invalid" example must make the rule fire, a "valid" one must not.
 * Config examples are written to a scratch root and read by the real config collector; /info
 * examples go through extractInfoFacts (and a default bridge's GET /networks/bridge body through
 * defaultBridgeIcc); certificate and file examples are built from their
 * properties, as the collectors would have reported them.
 */
import { chmodSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { collectConfig } from '../../src/config/collect-config.js';
import type { FileObservation, FileRole } from '../../src/files/file-observation.js';
import { defaultBridgeIcc } from '../../src/network/default-bridge.js';
import { extractInfoFacts } from '../../src/network/docker-info.js';
import type { AccessAttempt, EndpointObservation } from '../../src/network/endpoint-observation.js';
import { evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { evaluateEndpoint } from '../../src/rule-engine/evaluate-endpoint.js';
import { evaluateFile } from '../../src/rule-engine/evaluate-file.js';
import type { EvaluationOptions } from '../../src/rule-engine/run-rules.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import type { Finding } from '../../src/report/finding.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import type { RuleMeta, RuleParameterValue } from '../../src/rules/rule.js';
import type { CertificateFacts } from '../../src/x509/certificate-facts.js';
import { caKey, clientCert, clientCertFacts, clientKey, daemonCa, fileStat, serverCert, serverCertFacts, serverKey, unknownFile } from '../support/file-observation-builder.js';
import { caFacts, mtlsEndpoint, withLeaf } from '../support/observation-builder.js';
import { DEFAULT_NOW } from '../support/rule-tester.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

/** One example, as rules/rule.schema.json describes it. */
interface Example {
  why?: string;
  files?: Record<string, string>;
  modes?: Record<string, string>;
  owners?: Record<string, string>;
  info?: Record<string, unknown>;
  bridge?: Record<string, unknown>;
  endpoint?: Record<string, unknown>;
  certificate?: Partial<CertificateFacts>;
  role?: FileRole;
  file?: Record<string, unknown>;
  hosts?: string[];
  at?: string;
  params?: Record<string, RuleParameterValue>;
}

const metadata = loadRuleMetadata();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge, anything else (lists included) replaces: how an example changes its base. */
function merge<T>(base: T, changes: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) result[key] = isObject(value) && isObject(result[key]) ? merge(result[key], value) : value;
  return result as T;
}

/** Config: the files written under a scratch root, then the real collector. */
function configFindings(t: Test, meta: RuleMeta, example: Example, options: EvaluationOptions): { findings: Finding[]; errors: unknown[] } {
  const root = scratchRoot(t, null);
  for (const [path, text] of Object.entries(example.files ?? {})) write(root, path, text);
  for (const [path, mode] of Object.entries(example.modes ?? {})) chmodSync(join(root, path), parseInt(mode, 8));
  for (const [path, owner] of Object.entries(example.owners ?? {})) {
    const [uid, gid] = owner.split(':').map(Number) as [number, number];
    chownSync(join(root, path), uid, gid);
  }
  const observation = collectConfig({ root, env: {} });
  return evaluateConfig(observation, CONFIG_RULES.filter((rule) => rule.id === meta.id), metadata, options);
}

/** Endpoint: raw /info, the served leaf's properties, or fields of a report's endpoint entry, on a daemon reached with the user's certificate. */
function endpointObservation(example: Example): EndpointObservation {
  if (example.info) {
    const info = extractInfoFacts(JSON.stringify(example.info));
    // icc is not in /info: the default bridge's answer goes through the scan's own parser.
    if (info && example.bridge) info.defaultBridgeIcc = defaultBridgeIcc({ ok: true, response: { status: 200, headers: {}, body: JSON.stringify(example.bridge), truncated: false } }).icc;
    return mtlsEndpoint({ info });
  }
  if (example.certificate) return withLeaf(example.certificate);
  const changes = { ...(example.endpoint ?? {}) };
  if (Array.isArray(changes.attempts)) {
    changes.attempts = (changes.attempts as Partial<AccessAttempt>[]).map((attempt) => ({ detail: 'from the example', ...attempt }));
  }
  return merge(mtlsEndpoint(), changes);
}

const ROLE_BUILDERS: Record<FileRole, (overrides: Partial<FileObservation>) => FileObservation> = {
  'server-cert': serverCert,
  'client-cert': clientCert,
  'ca-cert': daemonCa,
  'server-key': serverKey,
  'client-key': clientKey,
  'ca-key': caKey,
  unknown: unknownFile,
};

/** File: a file of the role, its certificate's properties, and file facts (mode as octal text). */
function fileObservation(example: Example): FileObservation {
  const role = example.role ?? 'server-cert';
  const { mode, uid, gid, ...rest } = example.file ?? {};
  const overrides: Record<string, unknown> = { ...rest };
  if (mode !== undefined || uid !== undefined || gid !== undefined) {
    const base = ROLE_BUILDERS[role]({}).stat ?? fileStat();
    overrides.stat = { ...base, ...(mode !== undefined ? { mode: parseInt(String(mode), 8) } : {}), ...(uid !== undefined ? { uid } : {}), ...(gid !== undefined ? { gid } : {}) };
  }
  if (example.certificate) {
    const facts = role === 'client-cert' ? clientCertFacts : role === 'ca-cert' ? caFacts : serverCertFacts;
    overrides.certificates = [facts(example.certificate)];
  }
  return ROLE_BUILDERS[role](overrides as Partial<FileObservation>);
}

function findingsOf(t: Test, meta: RuleMeta, example: Example): { findings: Finding[]; errors: unknown[] } {
  const options: EvaluationOptions = {
    now: new Date(example.at ?? DEFAULT_NOW),
    parameters: example.params ? { [meta.id]: example.params } : undefined,
    expectedHosts: example.hosts,
    // Benchmark checks run only with --compliance; the examples and cases exercise them as it would.
    benchmark: true,
  };
  switch (meta.appliesTo) {
    case 'config':
      return configFindings(t, meta, example, options);
    case 'endpoint':
      return evaluateEndpoint(endpointObservation(example), ENDPOINT_RULES.filter((rule) => rule.id === meta.id), metadata, options);
    case 'file':
      return evaluateFile(fileObservation(example), FILE_RULES.filter((rule) => rule.id === meta.id), metadata, options);
  }
}

for (const meta of metadata.values()) {
  t.test(meta.id, async (t) => {
    const examples = meta.examples;
    for (const [index, example] of (examples.valid as Example[]).entries()) {
      if (example.owners && process.getuid?.() !== 0) {
        t.comment(`skipped: valid example ${index + 1} sets owners: chown needs root`);
        continue;
      }
      const { findings, errors } = findingsOf(t, meta, example);
      t.same(errors, [], `valid example ${index + 1}: the rule ran cleanly`);
      t.same(findings.map((finding) => finding.message), [], `valid example ${index + 1}${example.why ? ` (${example.why})` : ''}: no finding`);
    }
    for (const [index, example] of (examples.invalid as Example[]).entries()) {
      if (example.owners && process.getuid?.() !== 0) {
        t.comment(`skipped: invalid example ${index + 1} sets owners: chown needs root`);
        continue;
      }
      const { findings, errors } = findingsOf(t, meta, example);
      t.same(errors, [], `invalid example ${index + 1}: the rule ran cleanly`);
      t.ok(findings.length > 0 && findings.every((finding) => finding.ruleId === meta.id), `invalid example ${index + 1}${example.why ? ` (${example.why})` : ''}: ${meta.id} fires: ${findings[0]?.message}`);
    }
  });
}
