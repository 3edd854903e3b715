import { hostname } from 'node:os';
import { EXIT } from '../exit-codes.js';
import { buildNotification } from '../notify/notification-payload.js';
import { describeNotifyUrl } from '../notify/notify-url.js';
import { postWebhook } from '../notify/post-webhook.js';
import { diffReports, type ReportDiff } from '../report/diff-reports.js';
import { scopeDifferences } from '../report/report-scope.js';
import { renderJson } from '../reporters/json-reporter.js';
import type { RuleMeta } from '../rules/rule.js';
import { UsageError } from '../usage-error.js';
import { writeFileAtomic, writeOutput } from './atomic-write.js';
import { renderReport, type CommandRun } from './report-output.js';

export interface DeliveryIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const PROCESS_IO: DeliveryIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

function writeOrExplain(flag: string, path: string, content: string, write: (path: string, content: string) => void = writeOutput): string | null {
  try {
    write(path, content);
    return null;
  } catch (error) {
    return `${flag} "${path}": cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

/**
 * After the work: every output is written (one failed file never stops the others), then the
 * run is compared with the last one (--state) and the change is posted (--notify, which
 * requires --state). The state file moves forward only when the notification went out, so a
 * webhook that is down today gets the same news on the next run instead of losing it.
 * Returns the exit code.
 */
export async function deliverRun(run: CommandRun, metadata: Map<string, RuleMeta>, io: DeliveryIo = PROCESS_IO): Promise<number> {
  const { settings, report } = run;
  const failures: string[] = [];

  if (settings.output === undefined) {
    io.stdout(run.rendered);
  } else {
    const failed = writeOrExplain('--output', settings.output, run.rendered);
    if (failed) {
      // The work is done: show it rather than lose it.
      io.stdout(run.rendered);
      failures.push(`${failed}; the report was printed instead`);
    } else {
      io.stderr(`dockprobe: report written to ${settings.output} (${report.findings.length} finding(s))\n`);
    }
  }
  for (const extra of settings.extraOutputs) {
    const failed = writeOrExplain(`--report ${extra.format}`, extra.path, renderReport(report, extra.format, metadata, settings.render));
    if (failed) failures.push(failed);
  }

  if (settings.baseline) {
    for (const difference of scopeDifferences(settings.baseline.scope, report.scope)) {
      io.stderr(`dockprobe: warning: --baseline "${settings.baseline.path}" covers other places than this run: ${difference}\n`);
    }
  }

  let exitCode: number = run.exitCode;
  if (settings.state) {
    const previous = settings.state.previous;
    if (previous) {
      for (const difference of scopeDifferences(previous.scope, report.scope)) {
        io.stderr(`dockprobe: warning: --state "${settings.state.path}": the last run covered other places than this one: ${difference}; findings there are not checked this time, not resolved\n`);
      }
    }
    // Findings this run did not look at are carried, not resolved (unchecked-findings.ts).
    const diff: ReportDiff = diffReports(previous?.findings ?? [], report, previous ?? { machines: [] });
    const unchecked = diff.notChecked.map((entry) => entry.finding);
    let notified = true;
    if (settings.notify && (diff.added.length > 0 || diff.resolved.length > 0)) {
      const payload = buildNotification({ report, diff, format: settings.notify.format, previousAt: previous?.finishedAt ?? null, hostname: hostname() });
      const url = new URL(settings.notify.url);
      const sent = await postWebhook(url, payload);
      if (sent.ok) {
        io.stderr(`dockprobe: notified ${describeNotifyUrl(url)} (${diff.added.length} new, ${diff.resolved.length} resolved, ${diff.notChecked.length} not checked this time)\n`);
      } else {
        notified = false;
        exitCode = EXIT.notifyFailed;
        io.stderr(`dockprobe: --notify ${describeNotifyUrl(url)}: not delivered: ${sent.reason}; the report is written, and the state is kept as it was, so the next run sends these changes again\n`);
      }
    }
    if (notified) {
      const kept = { ...report, findings: [...report.findings, ...unchecked] };
      const failed = writeOrExplain('--state', settings.state.path, renderJson(kept), writeFileAtomic);
      if (failed) failures.push(failed);
      else io.stderr(`dockprobe: ${describeChange(diff, previous?.finishedAt ?? null)}\n`);
    }
  }

  if (failures.length > 0) throw new UsageError(failures.join('; '));
  return exitCode;
}

function describeChange(diff: ReportDiff, previousAt: string | null): string {
  if (previousAt === null) return `no previous state; ${diff.added.length} finding(s) recorded as the starting point`;
  const unseen = diff.notChecked.length > 0 ? `, ${diff.notChecked.length} not checked this run (kept for the next)` : '';
  return `since the last run (${previousAt}): ${diff.added.length} new, ${diff.resolved.length} resolved, ${diff.unchanged.length} unchanged${unseen}`;
}
