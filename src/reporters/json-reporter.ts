import type { ScanReport } from '../report/scan-report.js';

export function renderJson(report: ScanReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
