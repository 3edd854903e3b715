import t from 'tap';
import { progressLine } from '../../src/cli/progress-line.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const stream = { isTTY, written: '', write(text: string) { stream.written += text; return true; } };
  return stream as unknown as NodeJS.WriteStream & { written: string };
}

t.test('a terminal gets a self-overwriting progress line, cleared at the end', async (t) => {
  const stream = fakeStream(true);
  const progress = progressLine(512n, stream);
  progress.update({ done: 3, open: 1 });
  t.match(stream.written, /\r.*3\/512 endpoints probed, 1 open/);
  progress.clear();
  t.match(stream.written, /\r\x1b\[2K$/);
});

t.test('a pipe or a log file gets nothing', async (t) => {
  const stream = fakeStream(false);
  const progress = progressLine(512n, stream);
  progress.update({ done: 3, open: 1 });
  progress.clear();
  t.equal(stream.written, '');
});
