import { readFileSync } from 'node:fs';
import { checkedOf } from '../report/endpoint-entry-checked.js';
import { infoFactsOf } from '../report/info-facts-of.js';
import { fileChainVerdictOf, tlsChainVerdictOf } from '../report/chain-verdicts-of.js';
import type { ScanReport } from '../report/scan-report.js';
import { validateReport } from '../report/report-schema.js';
import { UsageError } from '../usage-error.js';

/**
 * A report dockprobe wrote earlier (--baseline, --state, `report convert|diff`). It is checked
 * against schema/report.schema.json before use: a truncated file or someone else's JSON would
 * otherwise turn every finding "new" and page whoever is on call.
 */
export function readSavedReport(label: string, path: string, options: { missingIsEmpty?: boolean } = {}): ScanReport | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    if (options.missingIsEmpty && code === 'ENOENT') return null;
    throw new UsageError(`${label} "${path}": cannot read it (${code}); give a JSON report written by dockprobe -f json`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${label} "${path}": not JSON; give a report written by dockprobe -f json (a SARIF or table report cannot be read back)`);
  }
  const record = value as Partial<ScanReport> | null;
  if (record === null || typeof record !== 'object' || typeof record.schemaVersion !== 'string' || !Array.isArray(record.findings)) {
    throw new UsageError(`${label} "${path}": not a dockprobe JSON report (no schemaVersion and findings); give a report written by dockprobe -f json`);
  }
  const validation = validateReport(value);
  if (!validation.valid) {
    const [first, ...rest] = validation.problems;
    throw new UsageError(`${label} "${path}": not a valid dockprobe report: ${first}${rest.length ? ` (and ${rest.length} more problem(s))` : ''}; give a report written by dockprobe -f json, unedited`);
  }
  // Reports from before 1.3.0 lack the fields added since; minor versions only add.
  const defaults: Partial<ScanReport> = { suppressed: [], omitted: { bySeverity: 0, byBaseline: 0 }, warnings: [], errors: [], endpoints: [], files: [], config: null, shard: null, scope: null };
  const report = { ...defaults, ...(value as ScanReport) };
  return {
    ...report,
    endpoints: report.endpoints.map((endpoint) => ({ ...endpoint, checked: checkedOf(endpoint), info: infoFactsOf(endpoint.info), tls: tlsChainVerdictOf(endpoint.tls) })),
    files: report.files.map(fileChainVerdictOf),
  };
}
