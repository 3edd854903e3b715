import type { RuleMeta } from '../rules/rule.js';

/**
 * What a renderer may need besides what it renders. One shape for every renderer, so the
 * callers (report-output.ts, report diff, --notify) never need to know which format wants what.
 */
export interface RenderContext {
  metadata: Map<string, RuleMeta>;
  /** Terminal columns for tables; undefined when stdout is not a terminal. */
  width?: number;
  /** SARIF paths are written relative to this directory (absolute). */
  sarifRoot: string;
  /** SARIF automationDetails.id (--sarif-category). */
  sarifCategory?: string;
}

/** Every output format, whatever it renders (a report, a diff, a notification), has this one shape. */
export interface Renderer<Input> {
  /** Said in a POST's Content-Type, and a hint for whoever serves the written file. */
  contentType: string;
  render(input: Input, context: RenderContext): string;
}
