/**
 * A real `openssl s_server` on 127.0.0.1, for handshake code that must agree with OpenSSL, not
 * with our own idea of TLS. Its stdin stays open (s_server quits on EOF), it listens on a port
 * that was free a moment ago, and stop() kills it and waits for it to exit.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

export interface OpensslServer {
  port: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `args` are s_server's options after `-accept`, e.g. ['-tls1_2', '-cert', c, '-key', k, '-Verify', '1']. */
export async function startOpensslServer(args: readonly string[]): Promise<OpensslServer> {
  const port = await freePort();
  const child = spawn('openssl', ['s_server', '-accept', `${HOST}:${port}`, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start within ${START_TIMEOUT_MS} ms: ${output}`)), START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/^ACCEPT/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl s_server exited (${code}) before listening: ${output}`));
    });
  });
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
