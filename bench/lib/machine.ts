/**
 * What the numbers were measured on and against: the machine, the tool versions, and which
 * dockprobe (git commit of the checkout, and whether dist/ is older than src/, since the
 * benchmark runs whatever dist/ holds and never rebuilds it).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  kernel: string;
  memoryGiB: number;
  node: string;
  openFileLimit: string;
  tools: Record<string, string>;
}

export interface CodeVersion {
  commit: string;
  /** Files under src/ changed since that commit (git status), so the numbers may not be the commit's. */
  srcDirty: boolean;
  distBuiltAt: string;
  /** dist/cli.js is older than the newest file in src/: dist may not hold what src/ says. */
  distStale: boolean;
  dockprobeVersion: string;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim();
  } catch (error) {
    const out = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`.trim();
    return out || 'not available';
  }
}

function firstMatch(text: string, pattern: RegExp): string {
  return pattern.exec(text)?.[1]?.trim() ?? text.split('\n')[0]!.trim();
}

export function machineInfo(): MachineInfo {
  return {
    nproc: Number(run('nproc', [])) || cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    kernel: run('uname', ['-r']),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    // The limit children inherit (ulimit -n of this process).
    openFileLimit: run('sh', ['-c', 'ulimit -n']),
    tools: {
      nmap: firstMatch(run('nmap', ['--version']), /Nmap version (\S+)/),
      sslscan: firstMatch(run('sslscan', ['--version']).replace(/\x1b\[[0-9;]*m/g, ''), /^\s*(\d[\d.]+)/m),
      testssl: firstMatch(run('dpkg-query', ['-W', '-f=${Version}', 'testssl.sh']), /^(\S+)/),
      openssl: firstMatch(run('openssl', ['version']), /OpenSSL (\S+)/),
      dockerd: firstMatch(run('dockerd', ['--version']), /version ([^,]+)/),
      'GNU time': firstMatch(run('dpkg-query', ['-W', '-f=${Version}', 'time']), /^(\S+)/),
      iptables: firstMatch(run('iptables', ['-V']), /v(\S+ \(\S+\))/),
    },
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function codeVersion(root: string): CodeVersion {
  // Read-only git: which commit, and whether src/ differs from it.
  const commit = run('git', ['-C', root, 'rev-parse', '--short=12', 'HEAD']);
  const status = run('git', ['-C', root, 'status', '--porcelain', '--', 'src']);
  const cli = statSync(join(root, 'dist', 'cli.js'));
  let dockprobeVersion = 'unknown';
  try {
    dockprobeVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  } catch {
    // keep unknown
  }
  return {
    commit,
    srcDirty: status !== '' && status !== 'not available',
    distBuiltAt: cli.mtime.toISOString(),
    distStale: newestMtime(join(root, 'src')) > cli.mtimeMs,
    dockprobeVersion,
  };
}

export function describeCode(code: CodeVersion): string {
  const flags = [code.srcDirty ? 'src/ has uncommitted changes' : '', code.distStale ? 'dist/ is OLDER than src/ (run npm run build)' : ''].filter(Boolean);
  return `commit ${code.commit}${flags.length ? ` (${flags.join('; ')})` : ''}, dist/cli.js built ${code.distBuiltAt}`;
}

function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/**
 * Cores kept busy by other processes, sampled over `ms` while the benchmark itself is idle
 * (between sections). A test suite running next to the benchmark shows up here.
 */
export async function otherCpuUse(ms = 1_000): Promise<number> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  const total = after.total - before.total;
  return total > 0 ? ((after.busy - before.busy) / total) * cpus().length : 0;
}
