import type { ConfigObservation } from '../config/config-observation.js';
import { CONFIG_RULES } from '../rules/config-rules.js';
import { loadRuleMetadata } from '../rule-engine/rule-metadata.js';
import { configDecision } from '../rule-engine/default-decision.js';
import { allDaemons } from '../rule-engine/evaluate-config.js';
import { parametersFor } from '../rule-engine/run-rules.js';
import { objectGate } from '../compliance/subject-gate.js';
import { isLoopbackTarget } from '../targets/loopback-target.js';
import { checkedOf } from './endpoint-entry-checked.js';
import type { Finding } from './finding.js';
import { endpointCoverage, pathAudited } from './report-scope.js';
import { serverTrustNotJudged } from './server-trust-not-judged.js';
import { tlsCertUntrusted } from '../rules/tls-cert-untrusted.js';
import type { ScanReport } from './scan-report.js';

const CONFIG_RULE_IDS = new Set(CONFIG_RULES.map((rule) => rule.id));

/**
 * Why the newer report did not look at the place of an earlier finding, or null when it did
 * (then a finding missing from it is resolved: looked again, and it is gone). A place outside
 * the newer report's scope (a target it did not probe, a configuration it did not read, a file
 * it did not audit) or not fully checked in it is "not checked this time": calling that
 * "resolved" would page someone with good news now and the same bad news on the next run.
 */
export function notCheckedBecause(finding: Finding, report: ScanReport): string | null {
  const machine = machineView(finding, report);
  if (typeof machine === 'string') return machine;
  if (isBenchmarkRule(finding.ruleId) && !benchmarkRan(finding, machine, report)) return `${finding.ruleId} is a benchmark hardening check, which did not run this time (it runs with --compliance)`;
  if (finding.target) return endpointNotChecked(finding.ruleId, finding.target, machine, report);
  const path = finding.path;
  if (!path) return 'the finding names no place this report could have looked at';
  return CONFIG_RULE_IDS.has(finding.ruleId) ? configNotChecked(finding, path, machine, report) : fileNotChecked(finding.ruleId, path, machine, report);
}

function isBenchmarkRule(ruleId: string): boolean {
  return loadRuleMetadata().get(ruleId)?.benchmark === true;
}

/** Whether the benchmark checks ran where the finding was: on its endpoint, or on its machine. */
function benchmarkRan(finding: Finding, machine: MachineView, report: ScanReport): boolean {
  if (finding.target) return machine.endpoints.find((entry) => entry.target === finding.target)?.benchmarkRules === true;
  return (report.machines ?? []).find((entry) => entry.key === machine.key)?.benchmarkRules === true;
}

/** What the newer report saw of one machine: its configuration, files, endpoints and audited paths. */
interface MachineView {
  /** The machine's key, or null for a finding that names none (a scan's, or one from before 1.7.0). */
  key: string | null;
  config: ConfigObservation | null;
  files: ScanReport['files'];
  endpoints: ScanReport['endpoints'];
  paths: string[] | null;
}

/**
 * The part of the newer report that could have seen the finding again: the same machine's, for
 * a finding that names one (a file on web-01 is not looked at by auditing web-02); a reason
 * when the newer report did not audit that machine at all.
 */
function machineView(finding: Finding, report: ScanReport): MachineView | string {
  const machines = report.machines ?? [];
  const key = finding.machine;
  if (key === undefined) {
    // A finding from before 1.7.0 names no machine: in a report of several it cannot be placed.
    if (machines.length > 1 && (!finding.target || isLoopbackTarget(finding.target))) return 'the finding does not say which machine it is on (written before report format 1.7.0), and this report covers several';
    // A machine's own loopback (an audit's 127.0.0.1:2375) is not the loopback of whoever scanned.
    const endpoints = report.endpoints.filter((endpoint) => endpoint.machine === undefined || !isLoopbackTarget(endpoint.target));
    return { key: null, config: report.config, files: report.files, endpoints, paths: report.scope?.paths ?? null };
  }
  const entry = machines.find((machine) => machine.key === key);
  // An endpoint seen from a machine is its target: another machine (or a scan) may look again.
  if (finding.target && !isLoopbackTarget(finding.target)) return { key, config: null, files: [], endpoints: report.endpoints, paths: null };
  if (!entry) return `the machine ${key} is not among the machines this ${report.scope?.kind ?? ''}${report.scope ? ' ' : ''}report audited`;
  return {
    key,
    config: entry.config,
    files: report.files.filter((file) => file.machine === key),
    endpoints: report.endpoints.filter((endpoint) => endpoint.machine === key),
    paths: entry.paths,
  };
}

function endpointNotChecked(ruleId: string, target: string, machine: MachineView, report: ScanReport): string | null {
  const endpoint = machine.endpoints.find((entry) => entry.target === target);
  if (endpoint) {
    const checked = checkedOf(endpoint);
    if (!checked.complete) return `not fully checked: ${checked.reason}`;
    // Scanned without the CA this time: the rule did not judge the chain, so its silence is not a fix.
    const trustReason = ruleId === tlsCertUntrusted.id ? serverTrustNotJudged(endpoint) : null;
    if (trustReason !== null) return `the trust of its server certificate was not judged this time: ${trustReason}`;
    // Nothing answered at all, so nothing was looked at (a firewall, a host that is down).
    if (endpoint.state === 'filtered') return 'no answer (filtered or down)';
    return null;
  }
  const failed = report.errors.find((error) => error.target === target);
  if (failed) return `could not be checked: ${failed.message}`;
  if (!report.scope) return 'the report does not record which targets it covered (written before report format 1.6.0)';
  const coverage = endpointCoverage(report.scope, report.shard, target);
  if (coverage === 'outside') return `not in this ${report.scope.kind} report's scope (${report.scope.targets === null ? 'no endpoint was probed' : 'not among its targets, ports, shard or exclusions'})`;
  // Named targets are always listed once probed: one that is missing was never reached.
  if (coverage === 'named') return 'among the targets, but not probed (the run was stopped, or its shard is missing)';
  // A swept address is listed only while open; it is gone, unless some of the sweep could not be checked.
  if (report.errors.some((error) => error.kind === 'sweep' || error.kind === 'input')) return 'in a swept range, but part of the sweep could not be checked (see the report\'s errors)';
  return null;
}

function configNotChecked(finding: Finding, path: string, machine: MachineView, report: ScanReport): string | null {
  const ruleId = finding.ruleId;
  const config = machine.config;
  if (!config) return `the host configuration was not read by this ${report.scope ? `${report.scope.kind} report` : 'report'}`;
  // A daemon whose start-up could not be told this time may still open what the finding was about.
  const unknownStartup = [config.daemon, ...(config.otherDaemons ?? [])].find((daemon) => daemon.startup?.kind === 'unknown');
  if (ruleId.startsWith('daemon-') && unknownStartup?.startup.kind === 'unknown') return `how dockerd is started could not be told this time (${unknownStartup.startup.why})`;
  const root = config.root;
  if (root !== '/' && !path.startsWith(root.endsWith('/') ? root : `${root}/`)) return `the configuration was read under another root (${root}) this time`;
  if (config.errors.some((error) => error.path === path) || report.errors.some((error) => error.path === path)) return 'the file could not be read this time';
  return ruleCouldNotDecide(finding, config);
}

/**
 * Whether the rule could decide on the newer configuration (its decides hook, or the default),
 * for every daemon it judges; and for a section 3 finding, whether its file was looked at again.
 * A rule that could not decide is silent, and its silence is not a fix.
 */
function ruleCouldNotDecide(finding: Finding, config: ConfigObservation): string | null {
  const rule = CONFIG_RULES.find((candidate) => candidate.id === finding.ruleId);
  if (!rule) return null;
  const meta = loadRuleMetadata().get(rule.id);
  const context = { now: new Date(), params: meta ? parametersFor(meta) : {} };
  const daemons = rule.id.startsWith('daemon-') ? allDaemons(config) : [config.daemon];
  const unsure = daemons.map((daemon) => configDecision(rule, { ...config, daemon }, context)).find((decision) => decision.kind === 'not-checked');
  if (unsure?.kind === 'not-checked') return `${rule.id} could not decide this time: ${unsure.why}`;
  const object = finding.evidence.object;
  if (typeof object === 'string') {
    const looked = objectGate(config, object);
    if (looked.kind === 'not-checked') return `${object} was not looked at this time: ${looked.why}`;
  }
  return null;
}

function fileNotChecked(ruleId: string, path: string, machine: MachineView, report: ScanReport): string | null {
  const file = machine.files.find((entry) => entry.path === path);
  if (file?.readError) return `the file could not be read this time (${file.readError})`;
  // The rule needs the file's role, which was unknown this time: it did not run, so it found nothing.
  if (file?.checksWithoutRole?.includes(ruleId)) return `the file's role was unknown this time, so ${ruleId} did not run`;
  if (file) return null;
  if (report.errors.some((error) => error.path === path)) return 'the file could not be read this time';
  // A file gone from a folder that was audited again is gone; one outside what was audited is unseen.
  if (report.scope && pathAudited({ ...report.scope, paths: machine.paths }, path)) return null;
  return `not audited by this ${report.scope?.kind ?? 'report'}${report.scope ? ' report' : ''}`;
}

/** A finding that left the report only because this run did not look where it was. */
export interface UncheckedFinding {
  finding: Finding;
  reason: string;
}

/** Splits the findings that left the report into the fixed and the unseen. */
export function splitGone(gone: readonly Finding[], report: ScanReport): { resolved: Finding[]; unchecked: UncheckedFinding[] } {
  const resolved: Finding[] = [];
  const unchecked: UncheckedFinding[] = [];
  for (const finding of gone) {
    const reason = notCheckedBecause(finding, report);
    if (reason === null) resolved.push(finding);
    else unchecked.push({ finding, reason });
  }
  return { resolved, unchecked };
}
