import type { ScanProgress } from '../scan/run-scan.js';

const REDRAW_MS = 200;

/** A single self-overwriting stderr line, only on a terminal: logs and pipes never see it. */
export function progressLine(total: bigint, stream: NodeJS.WriteStream = process.stderr): { update: (p: ScanProgress) => void; clear: () => void } {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      drawn = true;
      stream.write(`\rdockprobe: ${progress.done}/${total} endpoints probed, ${progress.open} open`);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
