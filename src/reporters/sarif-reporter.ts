import { pathToFileURL } from 'node:url';
import type { Finding } from '../report/finding.js';
import type { ScanReport } from '../report/scan-report.js';
import type { RuleMeta } from '../rules/rule.js';
import type { Severity } from '../severity.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/**
 * Endpoints are logical locations (host:port); files are physical ones, with the line where
 * there is one, so a CI annotation lands on the line to fix. The path is the one the audited
 * system knows (systemPath under --root).
 */
function sarifLocations(finding: Finding): object[] {
  if (finding.target) return [{ logicalLocations: [{ fullyQualifiedName: finding.target, kind: 'resource' }] }];
  const path = finding.systemPath ?? finding.path;
  if (!path || path.startsWith('(')) return [];
  return [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(path).href }, ...(finding.line ? { region: { startLine: finding.line } } : {}) } }];
}

/**
 * SARIF 2.1.0 with rules from the same metadata as the docs. Endpoint results carry the
 * host:port as a logical location; the reports issue adds physical locations for CI.
 */
export function renderSarif(report: ScanReport, metadata: Map<string, RuleMeta>): string {
  const rules = [...metadata.values()];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_URI,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              help: { text: `${rule.description}\n\nFix: ${rule.remediation}` },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { tags: ['security', ...rule.tags], 'security-severity': SECURITY_SEVERITY[rule.severity] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: report.errors.map((error) => ({ level: 'error', message: { text: error.message } })),
          },
        ],
        results: report.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: ruleIndex.get(finding.ruleId),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: sarifLocations(finding),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
