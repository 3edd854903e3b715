/**
 * Two network namespaces joined by a veth pair, for tools that cannot work over loopback:
 * masscan sends raw frames through its own TCP/IP stack and needs a real link to a neighbour.
 * The veth is created inside the first namespace with its peer in the second, so it never
 * exists in the machine's own namespace, and it disappears with the namespaces (remove()).
 * The addresses are from 198.18.0.0/15 (benchmarking), reachable only between the two.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createNetns, type Netns } from './netns.js';

export interface VethPair {
  /** Holds `targetAddress` on interface `targetInterface`. */
  target: Netns;
  scanner: Netns;
  targetAddress: string;
  targetInterface: string;
  /** The scanner namespace's own kernel address. */
  scannerAddress: string;
  scannerInterface: string;
  /** A further address on the scanner's link that no kernel holds: masscan's --source-ip. */
  spareAddress: string;
  /** MAC of the target's interface: masscan's --router-mac, as the target is its next hop. */
  targetMac: string;
  remove(): void;
}

export function createVethPair(label: string): VethPair {
  const target = createNetns(`${label}t`);
  let scanner: Netns | null = null;
  try {
    scanner = createNetns(`${label}s`);
    const [targetInterface, scannerInterface] = ['dpt0', 'dps0'];
    execFileSync('ip', ['-n', target.name, 'link', 'add', targetInterface, 'type', 'veth', 'peer', 'name', scannerInterface, 'netns', scanner.name]);
    execFileSync('ip', ['-n', target.name, 'addr', 'add', '198.18.0.1/24', 'dev', targetInterface]);
    execFileSync('ip', ['-n', scanner.name, 'addr', 'add', '198.18.0.2/24', 'dev', scannerInterface]);
    execFileSync('ip', ['-n', target.name, 'link', 'set', targetInterface, 'up']);
    execFileSync('ip', ['-n', scanner.name, 'link', 'set', scannerInterface, 'up']);
    const link = JSON.parse(execFileSync('ip', ['-n', target.name, '-j', 'link', 'show', targetInterface], { encoding: 'utf8' })) as { address: string }[];
    const both = scanner;
    return {
      target,
      scanner,
      targetAddress: '198.18.0.1',
      targetInterface,
      scannerAddress: '198.18.0.2',
      scannerInterface,
      spareAddress: '198.18.0.3',
      targetMac: link[0]!.address,
      remove: () => {
        both.remove();
        target.remove();
      },
    };
  } catch (error) {
    scanner?.remove();
    target.remove();
    throw error;
  }
}

export interface NetnsListener {
  port: number;
  /** Idempotent; waits (bounded) for the process to exit. */
  close(): Promise<void>;
}

const LISTENER_READY_MS = 15_000;
const LISTENER_EXIT_MS = 5_000;

/** How often the listener sends its keep-the-link-busy datagram (see listenInNetns). */
const HEARTBEAT_MS = 200;

/**
 * A TCP listener inside a namespace: a child node process (the test process cannot bind in
 * another namespace), which prints its port, drops every connection, and exits when its stdin
 * closes or it is killed.
 *
 * With `heartbeatTo`, it also sends a UDP datagram to that address (port 9, discard) every
 * 200 ms. masscan's receive thread only notices that the scan is over when a packet arrives;
 * on a quiet veth link it otherwise sits there for as long as the link stays silent (seen:
 * 17 s, and unbounded once the kernel's router solicitations stop).
 */
export function listenInNetns(netns: Netns, address: string, heartbeatTo?: string): Promise<NetnsListener> {
  const heartbeat = heartbeatTo
    ? `const beat = require('node:dgram').createSocket('udp4');
       setInterval(() => beat.send('dockprobe-test', 9, ${JSON.stringify(heartbeatTo)}), ${HEARTBEAT_MS});`
    : '';
  const script = `
    const server = require('node:net').createServer((socket) => socket.destroy());
    server.listen(0, ${JSON.stringify(address)}, () => console.log(server.address().port));
    ${heartbeat}
    process.stdin.on('end', () => process.exit(0));
    process.stdin.resume();`;
  const child = spawn(netns.exec[0]!, [...netns.exec.slice(1), process.execPath, '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  const close = closer(child);
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => fail(new Error(`no listener in ${netns.name} within ${LISTENER_READY_MS} ms: ${errors}`)), LISTENER_READY_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      void close().then(() => reject(error));
    };
    child.stderr!.on('data', (chunk) => (errors += chunk));
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`listener in ${netns.name} exited (${code}): ${errors}`)));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const port = /^(\d+)\n/.exec(output);
      if (!port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ port: Number(port[1]), close });
    });
  });
}

function closer(child: ChildProcess): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, LISTENER_EXIT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    });
    return closing;
  };
}
