import type { Severity } from '../severity.js';
import type { IgnoreEntry } from '../suppress/ignore-entry.js';
import { applyIgnoreEntries } from '../suppress/apply-ignore-entries.js';
import { fingerprintOf } from './diff-reports.js';
import { placeOnNewerMachine } from './legacy-machine.js';
import { countBySeverity, type ScanReport } from './scan-report.js';

/** What decides which findings a report lists, and so which can fail the run. */
export interface FindingGate {
  /** --severity: the severities to report; null reports all. */
  severities: ReadonlySet<Severity> | null;
  /** Entries of the ignore file. */
  ignore: readonly IgnoreEntry[];
  /** --baseline: the report of the findings already known; only others are reported. */
  baseline: Pick<ScanReport, 'findings'> & Partial<Pick<ScanReport, 'machines'>> | null;
}

export const OPEN_GATE: FindingGate = { severities: null, ignore: [], baseline: null };

/**
 * In this order: --severity leaves out what the user did not ask about; the ignore file moves
 * accepted risks to `suppressed` (listed with their reasons, never failing the run); the
 * baseline leaves out what was already known. Left-out findings are counted in `omitted`.
 * The exit code is then judged on what remains.
 */
export function gateFindings(report: ScanReport, gate: FindingGate, now: Date): ScanReport {
  const wanted = gate.severities === null ? report.findings : report.findings.filter((finding) => gate.severities!.has(finding.severity));
  const { kept, suppressed, warnings } = applyIgnoreEntries(wanted, gate.ignore, now);
  const known = gate.baseline === null ? null : new Set(placeOnNewerMachine(gate.baseline.findings, report, gate.baseline).map(fingerprintOf));
  const reported = known === null ? kept : kept.filter((finding) => !known.has(fingerprintOf(finding)));
  return {
    ...report,
    findings: reported,
    suppressed: [...report.suppressed, ...suppressed],
    warnings: [...report.warnings, ...warnings],
    omitted: {
      bySeverity: report.omitted.bySeverity + report.findings.length - wanted.length,
      byBaseline: report.omitted.byBaseline + kept.length - reported.length,
    },
    summary: { ...report.summary, findingsBySeverity: countBySeverity(reported) },
  };
}
