import t from 'tap';
import { whenAborted } from '../../src/network/when-aborted.js';

t.test('each waiting callback runs once on abort; undone ones do not', async (t) => {
  const controller = new AbortController();
  const ran: number[] = [];
  const undo = Array.from({ length: 5000 }, (_, i) => whenAborted(controller.signal, () => ran.push(i)));
  for (let i = 0; i < 5000; i += 2) undo[i]!();
  controller.abort('stop');
  t.equal(ran.length, 2500);
  t.ok(ran.every((i) => i % 2 === 1), 'only those not undone');
  controller.abort('again');
  t.equal(ran.length, 2500, 'never twice');
});

t.test('after the abort, a new callback runs at once', async (t) => {
  const controller = new AbortController();
  controller.abort('stop');
  let ran = 0;
  whenAborted(controller.signal, () => ran++);
  t.equal(ran, 1);
});

t.test('the same callback given twice runs twice, and each undo is its own', async (t) => {
  const controller = new AbortController();
  let ran = 0;
  const callback = (): void => {
    ran++;
  };
  const first = whenAborted(controller.signal, callback);
  whenAborted(controller.signal, callback);
  first();
  controller.abort();
  t.equal(ran, 1);
});

t.test('a callback that throws does not keep the others from running', async (t) => {
  const controller = new AbortController();
  let ran = 0;
  whenAborted(controller.signal, () => {
    throw new Error('boom');
  });
  whenAborted(controller.signal, () => ran++);
  const thrown = new Promise<Error>((resolve) => process.once('uncaughtException', resolve));
  controller.abort();
  t.equal(ran, 1);
  t.equal((await thrown).message, 'boom', 'and the exception is still reported');
});

t.test('no signal: nothing to wait for', async (t) => {
  let ran = 0;
  whenAborted(undefined, () => ran++)();
  t.equal(ran, 0);
});
