/**
 * Network namespaces made by tests, for what 127.0.0.0/8 cannot give: IPv6. Inside a fresh
 * namespace ::1 exists only there, so nothing a test does in it can reach another machine.
 * Deleted by remove(), and by a process 'exit' hook for whatever a failing test left behind.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isProcessAlive } from './process-alive.js';

export interface Netns {
  name: string;
  /**
   * argv prefix that runs a command inside the namespace. nsenter, not `ip netns exec`: the
   * latter also remounts /sys, which hides the cgroup mounts dockerd needs.
   */
  exec: string[];
  remove(): void;
}

const created = new Set<string>();
let exitHookInstalled = false;

/** Why namespace tests cannot run here, or null when they can. */
export function netnsUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  if (spawnSync('ip', ['-V']).status !== 0) return 'the ip command (iproute2) is not installed';
  if (spawnSync('nsenter', ['--version']).status !== 0) return 'nsenter (util-linux) is not installed';
  if (!existsSync('/proc/sys/net/ipv6')) return 'the kernel has IPv6 disabled';
  return null;
}

function removeNetns(name: string): void {
  spawnSync('ip', ['netns', 'delete', name]);
  created.delete(name);
}

/** Namespaces of earlier test runs that were killed before their exit hook ran. */
function removeOrphans(): void {
  const listing = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of listing.split('\n')) {
    const orphan = /^(dockprobe-[a-z0-9]+-(\d+))\b/.exec(line);
    if (orphan && !isProcessAlive(Number(orphan[2]))) removeNetns(orphan[1]!);
  }
}

export function createNetns(label: string): Netns {
  const name = `dockprobe-${label}-${process.pid}`;
  removeOrphans();
  removeNetns(name); // a leftover from a killed run with a recycled pid
  execFileSync('ip', ['netns', 'add', name]);
  created.add(name);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => [...created].forEach(removeNetns));
  }
  try {
    execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    removeNetns(name);
    throw error;
  }
  return { name, exec: ['nsenter', `--net=/run/netns/${name}`, '--'], remove: () => removeNetns(name) };
}
