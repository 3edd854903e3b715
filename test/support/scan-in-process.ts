import { executeScan, type ScanFlags } from '../../src/cli/scan-command.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { reportProblems } from '../helpers/report-validation.js';

/** Runs `dockprobe scan` in this process with the CLI's own defaults, and an empty environment. */
export async function scanInProcess(targets: string[], flags: Partial<ScanFlags> = {}, env: NodeJS.ProcessEnv = {}): Promise<{ report: ScanReport; exitCode: number; rendered: string }> {
  const run = await executeScan(
    targets,
    { ports: '2375,2376', concurrency: '16', timeout: '3000', format: 'json', failOn: 'high', ...flags },
    // HOME points nowhere so ~/.docker of the machine running the tests never leaks in.
    { HOME: '/nonexistent', ...env },
  );
  // Every scan report the suite makes is also checked against the published schema.
  const problems = (flags.format ?? 'json') === 'json' ? reportProblems(run.rendered) : [];
  if (problems.length > 0) throw new Error(`the JSON report does not match schema/report.schema.json:\n${problems.join('\n')}`);
  return { report: run.report, exitCode: run.exitCode, rendered: run.rendered };
}

export function ruleIdsFor(report: ScanReport, target: string): string[] {
  return report.findings.filter((finding) => finding.target === target).map((finding) => finding.ruleId).sort();
}

export function endpointFor(report: ScanReport, target: string): ScanReport['endpoints'][number] {
  const entry = report.endpoints.find((endpoint) => endpoint.target === target);
  if (!entry) throw new Error(`no endpoint ${target} in the report: ${report.endpoints.map((e) => e.target).join(', ')}`);
  return entry;
}
