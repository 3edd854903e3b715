import type { RuleMeta } from '../rules/rule.js';
import type { FailThreshold } from '../severity.js';
import { checkWritable } from './atomic-write.js';
import { parseChoice, parseDate, parseFailThreshold, rejectEmptyValues } from './option-parsers.js';
import { parseRuleParams, type RuleParameterOverrides } from './parse-rule-params.js';
import { OUTPUT_FORMATS, type OutputFormat } from './report-output.js';

/** The options every command shares: how to report, when to fail, as of when, rule parameters. */
export interface ReportFlags {
  format: string;
  output?: string;
  failOn: string;
  at?: string;
  param?: string[];
}

export interface ReportSettings {
  format: OutputFormat;
  failOn: FailThreshold;
  /** --at, or null for "now". */
  at: Date | null;
  parameters: RuleParameterOverrides;
}

/** Checked before any work, so a typo costs nothing. */
export function parseReportFlags(flags: ReportFlags, metadata: Map<string, RuleMeta>): ReportSettings {
  rejectEmptyValues({ '--output': flags.output });
  const settings = {
    format: parseChoice('--format', flags.format, OUTPUT_FORMATS),
    failOn: parseFailThreshold(flags.failOn),
    at: flags.at ? parseDate('--at', flags.at) : null,
    parameters: parseRuleParams(flags.param ?? [], metadata),
  };
  if (flags.output !== undefined) checkWritable('--output', flags.output);
  return settings;
}
