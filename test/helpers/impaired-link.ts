/**
 * A link that behaves like a real network: added round-trip delay, jitter and random loss on
 * one interface inside a network namespace a test or benchmark made (Netns.exec, see netns.ts).
 *
 * `tc qdisc netem` is the usual tool, and is used when the kernel has it. The test machines'
 * kernel does not (no sch_netem), so the fallback is nfqueue-link.py: iptables rules send every
 * packet in and out of the interface to an NFQUEUE, and that script holds each verdict for the
 * delay or drops the packet (see its header). Both stay inside the namespace: nothing on the
 * machine's own interfaces or firewall changes, and deleting the namespace undoes everything.
 *
 * Without --queue-bypass: if the emulator dies, the link stops passing packets (fails closed)
 * instead of silently becoming an unimpaired link under a measurement that believes otherwise.
 * stop() always removes the rules, and stop() rejects when the emulator had died before it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface LinkImpairment {
  /**
   * Added round-trip time, ms. The NFQUEUE emulator adds all of it to packets coming in
   * (nfqueue-link.py says why); netem adds it to packets going out.
   */
  delayMs: number;
  /** Uniform ± spread of the added round trip, ms. */
  jitterMs: number;
  /** Percent of packets dropped, independently in each direction. */
  lossPercent: number;
}

/** What the NFQUEUE emulator counted (nfqueue-link.py), printed when it stops. */
export interface EmulatorCounts {
  queue: number;
  packets: number;
  /** Dropped on purpose (the loss). */
  dropped: number;
  /** Dropped because more than the emulator's bound were held at once. */
  overflowDropped: number;
  maxPending: number;
  /** Verdicts sent more than 10 ms after they were due: the emulator fell behind. */
  lateOver10ms: number;
  maxLateMs: number;
  readErrors: number;
  /** The kernel's counts for the queue: full queue, or a packet it could not hand to us. */
  kernelQueueFullDrops?: number;
  kernelUndeliveredDrops?: number;
}

export interface ImpairedLink {
  method: 'netem' | 'nfqueue';
  /** Removes the rules and ends the emulator; rejects if the emulator had died before. */
  stop(): Promise<void>;
  /** The emulator's counts once stop() resolved (nfqueue only; null for netem or before). */
  counts(): EmulatorCounts | null;
}

const EMULATOR = fileURLToPath(new URL('./nfqueue-link.py', import.meta.url));
const READY_MS = 10_000;
/** Emulators whose output is fully read. */
const closed = new WeakSet<ChildProcess>();
const EXIT_MS = 5_000;

/** null when it can run here, else why not (not root, no nfnetlink_queue, no python3 ...). */
export function impairedLinkUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'link impairment needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'link impairment needs root (iptables, tc in a namespace)';
  if (spawnSync('tc', ['-V']).status !== 0) return 'tc (iproute2) is not installed';
  // netem cannot be probed without an interface; the fallback is what must be present.
  if (spawnSync('iptables', ['--version']).status !== 0) return 'iptables is not installed (the NFQUEUE fallback needs it)';
  if (spawnSync('python3', ['-c', 'import socket; socket.AF_NETLINK']).status !== 0) return 'python3 with AF_NETLINK sockets is not installed (the NFQUEUE fallback needs it)';
  if (!existsSync('/proc/net/netfilter/nfnetlink_queue') && !existsSync('/sys/module/nfnetlink_queue')) return 'the kernel has no nfnetlink_queue (the NFQUEUE fallback needs it)';
  return null;
}

function checkImpairment({ delayMs, jitterMs, lossPercent }: LinkImpairment): void {
  const ok = (n: number) => Number.isFinite(n) && n >= 0;
  if (!ok(delayMs) || !ok(jitterMs) || !ok(lossPercent) || lossPercent > 100 || jitterMs > delayMs) {
    throw new Error(`impairLink: delay ${delayMs} ms, jitter ${jitterMs} ms, loss ${lossPercent} %: need 0 ≤ jitter ≤ delay and 0 ≤ loss ≤ 100`);
  }
}

function inNetns(netnsExec: string[], argv: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(netnsExec[0]!, [...netnsExec.slice(1), ...argv], { encoding: 'utf8' });
  return { status: result.status, stderr: (result.stderr ?? '').trim() };
}

function mustInNetns(netnsExec: string[], argv: string[]): void {
  const result = inNetns(netnsExec, argv);
  if (result.status !== 0) throw new Error(`impairLink: ${argv.join(' ')} failed: ${result.stderr}`);
}

/** Undo steps of every link still impaired, run by an exit hook when a test crashes before stop(). */
const live = new Set<() => void>();
let exitHookInstalled = false;
function track(undo: () => void): () => void {
  live.add(undo);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => [...live].forEach((step) => step()));
  }
  return () => live.delete(undo);
}

/**
 * Impairs every packet that enters or leaves interface `iface` inside the namespace whose argv
 * prefix is `netnsExec` (Netns.exec from test/helpers/netns.ts). Uses `tc qdisc netem` when
 * the kernel has it, else an NFQUEUE emulator (a dependency-free python3 script beside it).
 * stop() removes the rules and ends the emulator; an exit hook does the same for a crash.
 */
export async function impairLink(netnsExec: string[], iface: string, impairment: LinkImpairment): Promise<ImpairedLink> {
  checkImpairment(impairment);
  return tryNetem(netnsExec, iface, impairment) ?? startNfqueue(netnsExec, iface, impairment);
}

/**
 * netem shapes only what leaves an interface, so the whole round-trip delay and jitter go on the
 * way out, and loss on the way in is an iptables `statistic` rule (raw PREROUTING) beside it.
 */
function tryNetem(netnsExec: string[], iface: string, { delayMs, jitterMs, lossPercent }: LinkImpairment): ImpairedLink | null {
  const netem = ['tc', 'qdisc', 'add', 'dev', iface, 'root', 'netem', 'delay', `${delayMs}ms`, `${jitterMs}ms`, 'loss', `${lossPercent}%`];
  if (inNetns(netnsExec, netem).status !== 0) return null;
  const ingressLoss = ['PREROUTING', '-t', 'raw', '-i', iface, '-m', 'statistic', '--mode', 'random', '--probability', String(lossPercent / 100), '-j', 'DROP'];
  const undo = (): void => {
    inNetns(netnsExec, ['tc', 'qdisc', 'del', 'dev', iface, 'root']);
    if (lossPercent > 0) inNetns(netnsExec, ['iptables', '-w', '-D', ...ingressLoss]);
  };
  const untrack = track(undo);
  try {
    if (lossPercent > 0) mustInNetns(netnsExec, ['iptables', '-w', '-I', ...ingressLoss]);
  } catch (error) {
    undo();
    untrack();
    throw error;
  }
  return {
    method: 'netem',
    stop: async () => {
      undo();
      untrack();
    },
    counts: () => null,
  };
}

async function startNfqueue(netnsExec: string[], iface: string, { delayMs, jitterMs, lossPercent }: LinkImpairment): Promise<ImpairedLink> {
  // The script adds the whole round trip to incoming packets (its header says why).
  const args = [String(delayMs), String(jitterMs), String(lossPercent / 100)];
  const child = spawn(netnsExec[0]!, [...netnsExec.slice(1), 'python3', EMULATOR, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.once('close', () => closed.add(child));
  child.stdin!.on('error', () => {}); // EPIPE when it has already died: reported by stop()
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const queue = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), READY_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const ready = /^ready (\d+)$/.exec(line.trim());
      resolve(ready ? Number(ready[1]) : null);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.once('error', () => resolve(null));
  });
  if (queue === null) {
    await ended(child);
    throw new Error(`impairLink: the NFQUEUE emulator did not start in the namespace: ${stderr.trim() || 'no output'}`);
  }
  let counts: EmulatorCounts | null = null;
  lines.on('line', (line) => {
    if (line.startsWith('{')) counts = JSON.parse(line) as EmulatorCounts;
  });
  let diedEarly: string | null = null;
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) diedEarly = `the NFQUEUE emulator exited (${signal ?? code}) before stop(): ${stderr.trim()}`;
  });

  const rules = (['iptables', 'ip6tables'] as const).flatMap((command) => [
    [command, 'PREROUTING', '-i', iface],
    [command, 'POSTROUTING', '-o', iface],
  ]);
  const rule = ([command, chain, ...match]: string[], action: '-I' | '-D') => [command!, '-w', '-t', 'mangle', action, chain!, ...match, '-j', 'NFQUEUE', '--queue-num', String(queue)];
  const removeRules = (): void => rules.forEach((r) => inNetns(netnsExec, rule(r, '-D')));
  const untrack = track(() => {
    removeRules();
    child.kill('SIGKILL');
  });
  try {
    for (const r of rules) mustInNetns(netnsExec, rule(r, '-I'));
  } catch (error) {
    stopping = true;
    removeRules();
    child.stdin!.end();
    await ended(child);
    untrack();
    throw error;
  }

  let stopped: Promise<void> | null = null;
  return {
    method: 'nfqueue',
    counts: () => counts,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        removeRules();
        child.stdin!.end(); // the emulator lets every held packet through, then prints its counts
        await ended(child);
        untrack();
        if (diedEarly) throw new Error(`impairLink: ${diedEarly}`);
      })()),
  };
}

/**
 * Waits (bounded) for the child to exit and its output to be read ('close', not 'exit': the
 * counts line may still be in the pipe at exit), killing it if it does not exit.
 */
function ended(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (closed.has(child)) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, EXIT_MS);
    child.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin?.end();
  });
}
