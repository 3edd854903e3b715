import type { AttemptName } from '../network/endpoint-observation.js';
import type { ScanError } from '../report/finding.js';
import type { ScanReport } from '../report/scan-report.js';
import { machineNames } from '../report/finding-place.js';
import { isLoopbackTarget } from '../targets/loopback-target.js';
import { complianceGauges } from './prometheus-compliance.js';
import { SEVERITIES } from '../severity.js';
import type { CertificateFacts } from '../x509/certificate-facts.js';

/**
 * The report as Prometheus metrics, for node_exporter's textfile collector (a cron job or a
 * systemd timer writes it into the collector's directory; see docs/cron.md).
 *
 * What the collector needs: every sample of a family together under its # HELP and # TYPE,
 * no two samples with the same name and labels, no sample timestamps, and a final newline.
 * Everything is a gauge, since each file is a snapshot of one run. Families are sorted by name
 * and samples by their label text, so the same report always gives the same bytes.
 *
 * Certificates: one series per certificate and place. Endpoint chains give every certificate
 * the server sent, `position="0"` being the leaf: an intermediate or a CA that runs out breaks
 * clients as surely as the leaf does (the Docker guide's own CA is valid for 365 days). Files
 * give every certificate in the file, `position` in file order. `subject`, `issuer` and `serial`
 * say which certificate it is; the place and position keep two certificates with one subject
 * apart, and a place seen twice is written once.
 *
 * Endpoints: the 0/1 series (`dockprobe_endpoint_up`, `_docker_api`, `_api_access`,
 * `_unauthenticated_access`) are labelled only with what names them, the endpoint and the
 * attempt, so each keeps one identity from run to run and `for:` clauses in alert rules hold
 * when an endpoint goes from filtered to error. What changes (state, service, the Docker API
 * verdict, each attempt's outcome) is on `dockprobe_endpoint_info` and
 * `dockprobe_endpoint_attempt_info`, whose value is always 1: for joins and display, not for
 * alerts with `for:`.
 *
 * Compliance (--compliance): one 0/1 series per control and verdict, see prometheus-compliance.ts.
 */

/** Why an endpoint attempt reaching the API means anyone gets root: no trusted credential was used. */
const UNAUTHENTICATED_WAYS_IN: readonly AttemptName[] = ['plaintext', 'tls-no-client-cert', 'tls-untrusted-client-cert'];

/**
 * Every way in dockprobe tries, as a record so that the compiler objects when one is added to
 * AttemptName and not here.
 */
const ATTEMPTS: Record<AttemptName, true> = { plaintext: true, 'tls-no-client-cert': true, 'tls-user-client-cert': true, 'tls-untrusted-client-cert': true };
const ATTEMPT_NAMES = Object.keys(ATTEMPTS) as AttemptName[];

const ENDPOINT_UP_HELP = '1 when the endpoint accepted a TCP connection (state open), else 0 (the state is on dockprobe_endpoint_info).';
const ENDPOINT_INFO_HELP =
  'What the endpoint is, always 1: state (open, closed, filtered, error), service (docker-api, http, tls, other, none) and docker_api (confirmed, not-docker, unconfirmed). For joins and display; a change of state starts a new series, so alert with for: on the 0/1 series instead.';
const ATTEMPT_INFO_HELP =
  'What each way in got, always 1: outcome is api-access, refused, not-docker, error or skipped. For joins and display; alert with for: on dockprobe_endpoint_api_access instead.';

const ERROR_KINDS: readonly ScanError['kind'][] = ['config', 'file', 'input', 'rule', 'sweep', 'target'];

type Labels = ReadonlyArray<readonly [name: string, value: string]>;

interface Family {
  name: string;
  help: string;
  /** Rendered label text (`{a="b"}` or '') to value; the first sample for a label set wins. */
  samples: Map<string, number>;
}

class Exposition {
  private readonly families = new Map<string, Family>();

  gauge(name: string, help: string, labels: Labels, value: number): void {
    let family = this.families.get(name);
    if (!family) {
      family = { name, help, samples: new Map() };
      this.families.set(name, family);
    }
    const labelText = renderLabels(labels);
    if (!family.samples.has(labelText)) family.samples.set(labelText, value);
  }

  render(): string {
    const lines: string[] = [];
    for (const family of [...this.families.values()].sort((a, b) => compareText(a.name, b.name))) {
      lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} gauge`);
      for (const labelText of [...family.samples.keys()].sort(compareText)) {
        lines.push(`${family.name}${labelText} ${formatValue(family.samples.get(labelText)!)}`);
      }
    }
    return lines.join('\n') + '\n';
  }
}

export function renderPrometheus(report: ScanReport): string {
  const out = new Exposition();

  out.gauge('dockprobe_build_info', 'The dockprobe version that wrote the report; always 1.', [['version', report.tool.version]], 1);

  const finishedAt = isoSeconds(report.finishedAt);
  const startedAt = isoSeconds(report.startedAt);
  if (finishedAt !== null) out.gauge('dockprobe_scan_timestamp_seconds', 'When the scan finished, in seconds since the epoch.', [], finishedAt);
  if (finishedAt !== null && startedAt !== null) {
    out.gauge('dockprobe_scan_duration_seconds', 'How long the scan took.', [], Math.max(0, roundMillis(finishedAt - startedAt)));
  }
  out.gauge('dockprobe_scan_complete', '1 when every endpoint, file and rule could be checked; 0 when something could not (not a pass).', [], report.complete ? 1 : 0);

  const errorsByKind = new Map<string, number>(ERROR_KINDS.map((kind) => [kind, 0]));
  for (const error of report.errors) errorsByKind.set(error.kind, (errorsByKind.get(error.kind) ?? 0) + 1);
  for (const [kind, count] of errorsByKind) out.gauge('dockprobe_scan_errors', 'Things the scan could not check, by kind.', [['kind', kind]], count);
  out.gauge('dockprobe_scan_warnings', 'Things skipped without stopping the scan.', [], report.warnings.length);

  const { summary } = report;
  for (const [state, count] of Object.entries(summary.byState)) {
    out.gauge('dockprobe_scan_probes', 'Endpoints probed, by state, including swept endpoints that are not listed.', [['state', state]], count);
  }
  out.gauge('dockprobe_scan_docker_apis', 'Docker APIs found.', [], summary.dockerApis);

  // Findings: counted from the list itself, so these always agree with the rule breakdown.
  const bySeverity = new Map<string, number>(SEVERITIES.map((severity) => [severity, 0]));
  const byRule = new Map<string, { rule: string; severity: string; count: number }>();
  for (const finding of report.findings) {
    bySeverity.set(finding.severity, (bySeverity.get(finding.severity) ?? 0) + 1);
    const key = `${finding.ruleId}\u0000${finding.severity}`;
    const entry = byRule.get(key) ?? { rule: finding.ruleId, severity: finding.severity, count: 0 };
    entry.count++;
    byRule.set(key, entry);
  }
  for (const [severity, count] of bySeverity) out.gauge('dockprobe_findings', 'Findings reported, by severity.', [['severity', severity]], count);
  for (const { rule, severity, count } of byRule.values()) {
    out.gauge('dockprobe_rule_findings', 'Findings reported, by rule.', [['rule', rule], ['severity', severity]], count);
  }

  const suppressed = new Map<string, number>(SEVERITIES.map((severity) => [severity, 0]));
  for (const finding of report.suppressed) suppressed.set(finding.severity, (suppressed.get(finding.severity) ?? 0) + 1);
  for (const [severity, count] of suppressed) {
    out.gauge('dockprobe_suppressed_findings', 'Findings an ignore-file entry hid, by severity.', [['severity', severity]], count);
  }
  const omittedHelp = 'Findings left out of the report, by reason: "severity" (--severity) or "baseline" (--baseline).';
  out.gauge('dockprobe_omitted_findings', omittedHelp, [['reason', 'baseline']], report.omitted.byBaseline);
  out.gauge('dockprobe_omitted_findings', omittedHelp, [['reason', 'severity']], report.omitted.bySeverity);

  // A fleet report (several machines): what is on a machine says which, or the samples of
  // web-01's and web-02's /etc/docker/ssl/ca.pem (and of each one's 127.0.0.1:2375) would collide.
  const machines = report.machines ?? [];
  const labelOf = machineNames(report);
  const onMachine = (key: string | undefined): Labels => (machines.length > 1 && key !== undefined ? [['machine', labelOf.get(key) ?? key]] : []);

  const seenEndpoints = new Set<string>();
  for (const endpoint of report.endpoints) {
    const machine = isLoopbackTarget(endpoint.target) ? onMachine(endpoint.machine) : [];
    const identity = `${endpoint.target}\u0000${machine.map(([, value]) => value).join('')}`;
    if (seenEndpoints.has(identity)) continue;
    seenEndpoints.add(identity);
    const where = ['endpoint', endpoint.target] as const;
    // Value series carry only the endpoint (and the attempt): a label whose value changes from run
    // to run (state, verdict, outcome) would start a new series on every change, which resets
    // `for:` clauses and leaves `up == 0` looking at a series that has just appeared. What the
    // endpoint is lives in the *_info series, always 1, for joins and display.
    out.gauge('dockprobe_endpoint_up', ENDPOINT_UP_HELP, [where, ...machine], endpoint.state === 'open' ? 1 : 0);
    out.gauge('dockprobe_endpoint_docker_api', '1 when a Docker API was confirmed at the endpoint, else 0 (the verdict is on dockprobe_endpoint_info).', [where, ...machine], endpoint.dockerApi === 'confirmed' ? 1 : 0);
    out.gauge(
      'dockprobe_endpoint_info',
      ENDPOINT_INFO_HELP,
      [where, ...machine, ['state', endpoint.state], ['service', endpoint.service ?? 'none'], ['docker_api', endpoint.dockerApi]],
      1,
    );
    const granted = new Set(endpoint.accessGrantedBy);
    out.gauge(
      'dockprobe_endpoint_unauthenticated_access',
      '1 when anyone gets root: the Docker API answered over plain HTTP, over TLS without a client certificate, or to a certificate from an unknown CA.',
      [where, ...machine],
      UNAUTHENTICATED_WAYS_IN.some((way) => granted.has(way)) ? 1 : 0,
    );
    // Every attempt, every run, whether it was made or not: a closed port, a plain-HTTP port (no
    // TLS attempts) and a run without --tlscert all skip some, and leaving those out would make
    // the series come and go with the endpoint's state, which is the churn the split above
    // avoids. A skipped attempt did not reach the API, so it is 0; its outcome ("skipped") is on
    // dockprobe_endpoint_attempt_info.
    for (const name of ATTEMPT_NAMES) {
      const outcome = endpoint.attempts.find((attempt) => attempt.name === name)?.outcome ?? 'skipped';
      out.gauge('dockprobe_endpoint_api_access', '1 when this way in (attempt) reached the Docker API, else 0, including attempts not made; the outcome is on dockprobe_endpoint_attempt_info.', [where, ...machine, ['attempt', name]], outcome === 'api-access' ? 1 : 0);
      out.gauge('dockprobe_endpoint_attempt_info', ATTEMPT_INFO_HELP, [where, ...machine, ['attempt', name], ['outcome', outcome]], 1);
    }
    endpoint.tls?.chain.forEach((certificate, position) => certificateExpiry(out, [where, ...machine], position, certificate));
  }

  for (const file of report.files) {
    const where = ['path', file.systemPath ?? file.path] as const;
    file.certificates.forEach((certificate, position) => certificateExpiry(out, [where, ...onMachine(file.machine)], position, certificate));
  }

  if (report.compliance) complianceGauges((name, help, labels, value) => out.gauge(name, help, labels, value), report.compliance);

  return out.render();
}

function certificateExpiry(out: Exposition, where: Labels, position: number, certificate: CertificateFacts): void {
  const notAfter = isoSeconds(certificate.notAfter);
  if (notAfter === null) return;
  out.gauge(
    'dockprobe_certificate_expiry_timestamp_seconds',
    'When the certificate expires (notAfter), in seconds since the epoch; at an endpoint (position 0 is the leaf) or in a file (position in file order).',
    [...where, ['position', String(position)], ['subject', certificate.subject], ['issuer', certificate.issuer], ['serial', certificate.serialNumber]],
    notAfter,
  );
}

/** Label values escape backslash, double quote and line feed; nothing else (the format knows no other escape). */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function renderLabels(labels: Labels): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function isoSeconds(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** Differences of two millisecond timestamps in seconds, without floating-point tails (0.30000000000000004). */
function roundMillis(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Code-unit order: the same on every machine, whatever the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
