import type { ComplianceSettings } from '../cli/compliance-flags.js';
import type { ScanReport } from '../report/scan-report.js';
import type { RuleMeta, RuleParameterValue } from '../rules/rule.js';
import { parametersFor } from '../rule-engine/run-rules.js';
import { complianceRules } from './compliance-rules.js';
import type { ComplianceReport } from './compliance-report.js';
import { evaluateCompliance } from './evaluate-compliance.js';

/**
 * The compliance report of a run or a saved report. `judged` must hold every finding the run
 * made (before --severity and --baseline), with the ignore file's suppressions in `suppressed`:
 * a control must not pass because a filter hid what failed it.
 */
export function complianceOf(
  judged: ScanReport,
  settings: ComplianceSettings,
  metadata: Map<string, RuleMeta>,
  run: { now: Date; parameters?: Record<string, Record<string, RuleParameterValue>> },
): ComplianceReport {
  return evaluateCompliance(judged, settings.spec, complianceRules(metadata), {
    reportType: settings.reportType,
    contextOf: (ruleId) => {
      const meta = metadata.get(ruleId);
      return { now: run.now, params: meta ? parametersFor(meta, run.parameters?.[ruleId]) : {}, expectedHosts: [] };
    },
  });
}
