import type { Finding, ScanError, SuppressedFinding } from '../report/finding.js';
import { findingFingerprint } from '../report/finding-fingerprint.js';
import { findingPlace, machineLabelOf } from '../report/finding-place.js';
import { findingLocation, type ScanReport } from '../report/scan-report.js';
import type { RuleMeta } from '../rules/rule.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version.js';
import { complianceSummary, failedControlsOf, ruleCompliance, type SarifRuleCompliance } from './sarif-compliance.js';
import { entryLocation, errorLocations, resultLocation, sarifRoot, SRCROOT, type SarifLocation, type SarifRoot } from './sarif-locations.js';
import { fallbackDescriptor, LEVEL, ruleDescriptor, type SarifLevel, type SarifReportingDescriptor } from './sarif-rules.js';

export interface SarifOptions {
  /**
   * Paths under this directory are written relative to it (uriBaseId %SRCROOT%), which is how
   * GitHub ties a result to a file of the repository: give the checkout. Default: the current
   * directory.
   */
  sarifRoot?: string;
  /**
   * runs[0].automationDetails.id, which GitHub uses to keep the analyses of one repository
   * apart ("category/" or "category/run-id"). A value without "/" gets one appended.
   * Default: "dockprobe/".
   */
  category?: string;
}

/** The partialFingerprints key; bump the version if the fingerprint's recipe ever changes. */
export const FINGERPRINT_KEY = 'dockprobe/v1';
export const DEFAULT_CATEGORY = `${TOOL_NAME}/`;
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifMessage {
  text: string;
}

interface SarifSuppression {
  kind: 'external';
  status: 'accepted';
  justification: string;
  location?: SarifLocation;
  properties: { entry: string; expires: string | null };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  /** controls: the failed compliance controls ("spec:id") the finding is evidence for, with --compliance. */
  properties: { severity: Finding['severity']; evidence: Finding['evidence']; machine?: string; controls?: string[] };
}

interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  descriptor: { id: string };
  associatedRule?: { id: string; index: number };
  locations?: SarifLocation[];
}

/** "category/" as GitHub wants it: a category with no "/" gets one. */
export function automationId(category: string | undefined): string {
  const trimmed = category?.trim();
  if (!trimmed) return DEFAULT_CATEGORY;
  return trimmed.includes('/') ? trimmed : `${trimmed}/`;
}

/**
 * The message says what is wrong and where. Rules name the host:port or file in their own
 * words almost always; when the exact place (host:port, or path:line) is not in the text, it is
 * appended, so the alert list and notifications read right without the location columns.
 */
function messageText(message: string, where: string): string {
  const text = message.trim();
  if (!where || where.startsWith('(') || text.includes(where)) return text;
  return `${text}${/[.!?]$/.test(text) ? '' : '.'} Location: ${where}.`;
}

class RuleTable {
  readonly descriptors: SarifReportingDescriptor[];
  private readonly index = new Map<string, number>();

  /** controls: per rule id, the compliance tags and controls (--compliance) its descriptor gets. */
  constructor(
    metadata: Map<string, RuleMeta>,
    private readonly controls: ReadonlyMap<string, SarifRuleCompliance> = new Map(),
  ) {
    this.descriptors = [...metadata.values()].map((rule) => this.withControls(ruleDescriptor(rule)));
    this.descriptors.forEach((descriptor, index) => this.index.set(descriptor.id, index));
  }

  private withControls(descriptor: SarifReportingDescriptor): SarifReportingDescriptor {
    const served = this.controls.get(descriptor.id);
    if (!served) return descriptor;
    const tags = [...new Set([...descriptor.properties.tags, ...served.tags])];
    return { ...descriptor, properties: { ...descriptor.properties, tags, compliance: served.compliance } };
  }

  /** The rule's index, adding a descriptor made from the finding when metadata lacks it. */
  indexOf(finding: Pick<Finding, 'ruleId' | 'title' | 'severity'>): number {
    const known = this.index.get(finding.ruleId);
    if (known !== undefined) return known;
    this.descriptors.push(this.withControls(fallbackDescriptor(finding.ruleId, finding.title, finding.severity)));
    this.index.set(finding.ruleId, this.descriptors.length - 1);
    return this.descriptors.length - 1;
  }

  lookup(ruleId: string): number | undefined {
    return this.index.get(ruleId);
  }
}

/** What a result needs of the report besides its rules: machine names, and the failed controls behind a finding. */
interface ResultContext {
  report: Pick<ScanReport, 'machines'>;
  controlsOf: (finding: Finding) => string[];
}

function sarifResult(finding: Finding, rules: RuleTable, root: SarifRoot, { report, controlsOf }: ResultContext): SarifResult {
  const machine = machineLabelOf(finding, report);
  const controls = controlsOf(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex: rules.indexOf(finding),
    level: LEVEL[finding.severity],
    // In a fleet report the same path is on many machines: the message says whose it is.
    message: { text: messageText(finding.message, findingPlace(finding, report)) },
    locations: [resultLocation(finding, root)],
    // Same rule, place and evidence, same value, on every run: GitHub matches alerts with it.
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint ?? findingFingerprint(finding) },
    properties: { severity: finding.severity, evidence: finding.evidence, ...(machine !== null ? { machine } : {}), ...(controls.length > 0 ? { controls } : {}) },
  };
}

/**
 * A finding an ignore-file entry accepted: still a result, so GitHub shows the alert as
 * suppressed (closed) rather than fixed, with the entry's reason as the justification.
 */
function suppressedResult(finding: SuppressedFinding, rules: RuleTable, root: SarifRoot, context: ResultContext): SarifResult {
  const { entry, reason, expires } = finding.suppressedBy;
  const location = entryLocation(entry, root);
  const suppression: SarifSuppression = {
    kind: 'external',
    status: 'accepted',
    justification: expires ? `${reason} (until ${expires}, ${entry})` : `${reason} (${entry})`,
    ...(location ? { location } : {}),
    properties: { entry, expires },
  };
  return { ...sarifResult(finding, rules, root, context), suppressions: [suppression] };
}

function errorWhere(error: ScanError): string {
  return error.target ?? error.path ?? '';
}

/** What could not be checked: errors make the run unsuccessful, warnings do not. */
function notifications(report: ScanReport, rules: RuleTable, root: SarifRoot): SarifNotification[] {
  const errors = report.errors.map((error): SarifNotification => {
    const ruleIndex = error.ruleId === undefined ? undefined : rules.lookup(error.ruleId);
    const locations = errorLocations(error, root);
    return {
      level: 'error',
      message: { text: messageText(error.message, errorWhere(error)) },
      descriptor: { id: `${TOOL_NAME}/could-not-check/${error.kind}` },
      ...(error.ruleId !== undefined && ruleIndex !== undefined ? { associatedRule: { id: error.ruleId, index: ruleIndex } } : {}),
      ...(locations.length ? { locations } : {}),
    };
  });
  const warnings = (report.warnings ?? []).map(
    (warning): SarifNotification => ({ level: 'warning', message: { text: warning }, descriptor: { id: `${TOOL_NAME}/warning` } }),
  );
  return [...errors, ...warnings];
}

/**
 * SARIF 2.1.0 for GitHub code scanning, checked with the SARIF multitool's Sarif and Gh rules
 * (test/reporters/sarif.test.ts). Rules come from the same metadata as the docs; every finding
 * is a result with a physical location (a file and line, the targets-file line that named an
 * endpoint, or a pseudo-path, see sarif-locations.ts), endpoints are also logical locations,
 * suppressed findings are results with a suppression, and what could not be checked is a
 * tool execution notification that makes executionSuccessful false.
 */
export function renderSarif(report: ScanReport, metadata: Map<string, RuleMeta>, options: SarifOptions = {}): string {
  const root = sarifRoot(options.sarifRoot);
  const compliance = report.compliance;
  const rules = new RuleTable(metadata, compliance ? ruleCompliance(compliance) : undefined);
  const context: ResultContext = { report, controlsOf: compliance ? failedControlsOf(compliance) : () => [] };
  const results = [
    ...report.findings.map((finding) => sarifResult(finding, rules, root, context)),
    ...(report.suppressed ?? []).map((finding) => suppressedResult(finding, rules, root, context)),
  ];
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_URI,
            rules: rules.descriptors,
          },
        },
        automationDetails: { id: automationId(options.category) },
        originalUriBaseIds: { [SRCROOT]: { uri: root.uri } },
        invocations: [
          {
            // False when something could not be checked: an incomplete scan is not a pass.
            executionSuccessful: report.complete,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: notifications(report, rules, root),
          },
        ],
        results,
        properties: { reportSchemaVersion: report.schemaVersion, omitted: report.omitted, ...(compliance ? { compliance: complianceSummary(compliance) } : {}) },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
