import type { ReportScope } from '../../src/report/report-scope.js';

/** The scope of a `scan` of these targets (as given) on these ports. */
export function scanScope(targets: string[], ports: number[] = [2375, 2376]): ReportScope {
  return { kind: 'scan', targets, ports, excluded: [], configRoot: null, paths: null };
}
