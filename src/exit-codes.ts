/**
 * dockprobe's exit codes, in one place because CI gates and cron jobs branch on them.
 * Findings outrank an incomplete scan: what was seen to be wrong is the more urgent news.
 * A failed notification outranks both: the findings are in the report, but nobody was told.
 */
export const EXIT = {
  /** Nothing at or above --fail-on, and every endpoint and rule could be checked. */
  ok: 0,
  /** A finding at or above --fail-on. */
  findings: 1,
  /** Bad input or configuration: nothing was scanned. */
  usage: 2,
  /** dockprobe itself failed: a bug. */
  internal: 3,
  /** Nothing at or above --fail-on, but something could not be checked: not a pass. */
  incomplete: 4,
  /** The report was written, but --notify could not deliver the alert: the alert path is broken. */
  notifyFailed: 5,
} as const;

export type ScanExitCode = typeof EXIT.ok | typeof EXIT.findings | typeof EXIT.incomplete;
