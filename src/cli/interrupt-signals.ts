import { setMaxListeners } from 'node:events';

/**
 * Ctrl-C, or `kill` from cron or Kubernetes, in the middle of an hour-long sweep. The first
 * signal ends the scan early: no new probe starts, the conversations in flight end at once,
 * and the report of everything gathered is written, marked incomplete. The exit code is then
 * the shell's for that signal (130, 143), so a wrapper sees the run was cut short. A second
 * signal means "now": exit at once, writing nothing more.
 */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type InterruptSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface Interrupt {
  /** Aborted by the first signal; its reason reads "interrupted by SIGINT". */
  signal: AbortSignal;
  /** 130 or 143 once a signal came, else null. */
  exitCode(): number | null;
}

export function watchForInterrupt(stderr: (text: string) => void = (text) => process.stderr.write(text)): Interrupt {
  const controller = new AbortController();
  // Every probe in flight listens to it (up to --concurrency at once): not a leak.
  setMaxListeners(0, controller.signal);
  let received: InterruptSignal | null = null;
  const onSignal = (signal: InterruptSignal): void => {
    if (received) {
      stderr(`\ndockprobe: ${signal} again: exiting now; whatever was not yet written or sent is dropped\n`);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    }
    received = signal;
    stderr(`\ndockprobe: ${signal}: stopping the scan and writing what was gathered (send it again to exit at once)\n`);
    controller.abort(`interrupted by ${signal}`);
  };
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as InterruptSignal[]) process.on(signal, onSignal);
  return { signal: controller.signal, exitCode: () => (received ? SIGNAL_EXIT_CODES[received] : null) };
}
