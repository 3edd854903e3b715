import type { Finding } from '../report/finding.js';
import { findingPlace } from '../report/finding-place.js';
import { findingLocation, type ScanReport } from '../report/scan-report.js';
import type { RuleMeta } from '../rules/rule.js';
import type { ClientCertificateRequest } from '../network/endpoint-observation.js';
import { serverTrustNotJudged } from '../report/server-trust-not-judged.js';
import { fittedTable, type Column } from './fitted-table.js';
import { complianceSection } from './compliance-table.js';
import { configSection, filesSection } from './local-sections.js';
import { SEVERITIES } from '../severity.js';

/** At 120 columns (no terminal) as they always were; on an 80-column terminal, narrower, and wrapped rather than cut. */
const ENDPOINT_COLUMNS: Column[] = [
  { head: 'Endpoint', ideal: 24, min: 18 },
  { head: 'State', ideal: 10, min: 10 }, // "filtered"
  { head: 'Service', ideal: 12, min: 10 },
  { head: 'TLS', ideal: 14, min: 12 },
  { head: 'Who gets in', ideal: 20, min: 18, grow: true },
];

function findingColumns(lastHead: string): Column[] {
  return [
    { head: 'Severity', ideal: 10, min: 10 }, // "CRITICAL"
    { head: 'Rule', ideal: 35, min: 16 },
    { head: 'Where', ideal: 30, min: 22 },
    { head: lastHead, ideal: 20, min: 20, grow: true },
  ];
}

/** Findings as rows: severity, rule, where, and the message (or what `last` says instead). */
export function findingsTable(
  findings: readonly Finding[],
  width: number,
  last: { head: string; cell: (finding: Finding) => string } = { head: 'Finding', cell: (finding) => finding.message },
  /** Where: findingLocation, or in a fleet report findingPlace, which names the machine. */
  place: (finding: Finding) => string = findingLocation,
): string {
  const rows = findings.map((finding) => [finding.severity.toUpperCase(), finding.ruleId, place(finding) || '-', last.cell(finding)]);
  return fittedTable(width, findingColumns(last.head), rows);
}

function tlsSummary(entry: ScanReport['endpoints'][number]): string {
  if (!entry.tls) return entry.transport === 'plain' ? 'none (plain HTTP)' : '-';
  const parts = [entry.tls.protocol ?? 'handshake not completed'];
  const legacy = entry.tls.legacyProtocols.filter((p) => p.outcome === 'accepted').map((p) => p.protocol);
  if (legacy.length) parts.push(`also ${legacy.join(', ')}`);
  const clientCas = clientCaSummary(entry.tls.clientCertificateRequest);
  if (clientCas) parts.push(clientCas);
  return parts.join('\n');
}

/** Which CAs the endpoint takes client certificates from, as its CertificateRequest says; reports before 1.6.0 lack it. */
function clientCaSummary(request: ClientCertificateRequest | undefined): string | null {
  if (request?.kind !== 'requested') return null;
  return request.caNames.length ? `client CAs: ${request.caNames.join('; ')}` : 'client CAs: none named (system store)';
}

/**
 * For people: first which endpoints hand out root and why, then every finding with its fix
 * on the rule's page, then the counts.
 */
export function renderTable(report: ScanReport, metadata: Map<string, RuleMeta>, options: { width?: number } = {}): string {
  const width = Math.max(80, options.width ?? 120);
  const out: string[] = [];

  // Asked for with --compliance: the controls come first, the findings below are their evidence.
  if (report.compliance) out.push(...complianceSection(report.compliance, width), '');

  if (report.endpoints.length > 0) {
    const rows = report.endpoints.map((entry) => [entry.target, entry.state, entry.service ?? '-', tlsSummary(entry), entry.exposure]);
    out.push('Endpoints', fittedTable(width, ENDPOINT_COLUMNS, rows));
  }

  // A fleet report: each machine's configuration under its name; one machine's goes without saying.
  const machines = report.machines ?? [];
  const configs = machines.length > 1 ? machines.flatMap((machine) => (machine.config ? [configSection(machine.config, machine.label)] : [])) : report.config ? [configSection(report.config)] : [];
  for (const section of configs) out.push(...(out.length ? [''] : []), ...section);
  const files = filesSection(report.files, width);
  if (files.length) out.push(...(out.length ? [''] : []), ...files);

  if (report.findings.length > 0) {
    out.push('', 'Findings', findingsTable(report.findings, width, undefined, (finding) => findingPlace(finding, report)));
    out.push('', 'How to fix');
    for (const ruleId of new Set(report.findings.map((finding) => finding.ruleId))) {
      const meta = metadata.get(ruleId);
      if (meta) out.push(`  ${ruleId}: ${meta.remediation}`);
    }
  } else {
    out.push('', 'No findings.');
  }

  if (report.suppressed.length > 0) {
    out.push('', `Suppressed by the ignore file (${report.suppressed.length}):`);
    for (const finding of report.suppressed) {
      const until = finding.suppressedBy.expires ? ` until ${finding.suppressedBy.expires}` : '';
      out.push(`  - ${finding.ruleId} at ${findingLocation(finding) || '-'}: ${finding.suppressedBy.reason} (${finding.suppressedBy.entry}${until})`);
    }
  }

  const trustNotJudged = report.endpoints.flatMap((entry) => {
    const reason = serverTrustNotJudged(entry);
    return reason === null ? [] : [`  - ${entry.target}: whether its server certificate is trusted: ${reason}`];
  });
  if (report.errors.length > 0 || trustNotJudged.length > 0) {
    out.push('', 'Could not check (these are not passes):');
    for (const error of report.errors) out.push(`  - ${error.message}`);
    out.push(...trustNotJudged);
  }
  if (report.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const warning of report.warnings) out.push(`  - ${warning}`);
  }

  const counts = SEVERITIES.map((s) => `${report.summary.findingsBySeverity[s]} ${s}`).join(', ');
  const { summary } = report;
  out.push(
    '',
    summary.probes === 0
      ? 'No endpoint was probed.'
      : `Scanned ${summary.probes} endpoint(s): ${summary.byState.open} open, ${summary.byState.closed} closed, ${summary.byState.filtered} filtered, ${summary.byState.error} error; ` +
        `${summary.dockerApis} Docker API(s)` + notFullyChecked(report) + '.' + (summary.unlisted ? ` ${summary.unlisted} swept endpoint(s) that did not answer (closed, filtered or error) are counted, not listed.` : ''),
    `Findings: ${counts}.` + omittedNote(report),
  );
  return out.join('\n') + '\n';
}

/** Said on the last line, so a short report never hides that it was filtered. */
function omittedNote(report: ScanReport): string {
  const parts: string[] = [];
  if (report.omitted.bySeverity) parts.push(`${report.omitted.bySeverity} outside --severity`);
  if (report.omitted.byBaseline) parts.push(`${report.omitted.byBaseline} already in the --baseline`);
  if (report.suppressed.length) parts.push(`${report.suppressed.length} suppressed`);
  return parts.length ? ` Not listed: ${parts.join(', ')}.` : '';
}

/** Listed endpoints whose verdict is not known: said beside the counts, so a reader of the summary alone sees it. */
function notFullyChecked(report: ScanReport): string {
  const count = report.endpoints.filter((entry) => !entry.checked.complete).length;
  return count > 0 ? `, ${count} not fully checked (see "Could not check")` : '';
}
