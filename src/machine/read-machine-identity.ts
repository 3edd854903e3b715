import { hostname as liveHostname } from 'node:os';
import { AuditedRoot } from '../filesystem/audited-root.js';
import { readConfigText } from '../filesystem/config-text.js';
import type { MachineIdentity } from './machine.js';

/** systemd's machine-id(5): 32 lower-case hex digits, one line. */
const MACHINE_ID = /^[0-9a-f]{32}$/;

/** RFC 1123 host names (letters, digits, hyphens, dots), at most 253 characters, as hostname(5) allows. */
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Which machine the audit under `root` describes. The live system ("/") is named by the kernel's
 * hostname and /etc/machine-id. An image or backup under --root is named by its own /etc/hostname
 * and /etc/machine-id, never by the scanning host's. `label` (--host-label) overrides both.
 * Reading never fails: a missing or unreadable file leaves that half unknown.
 */
export function readMachineIdentity(root: string, label?: string): MachineIdentity {
  const live = root === '/';
  const hostname = live ? validHostname(liveHostname()) : validHostname(firstLine(root, '/etc/hostname'));
  const machineId = validMachineId(firstLine(root, '/etc/machine-id')) ?? validMachineId(firstLine(root, '/var/lib/dbus/machine-id'));
  if (label !== undefined) return { key: label, label, hostname, machineId, source: 'host-label' };
  if (hostname === null && machineId === null) {
    const key = `root:${new AuditedRoot(root).dir}`;
    return { key, label: key, hostname, machineId, source: 'root-path' };
  }
  const key = hostname !== null && machineId !== null ? `${hostname}/${machineId}` : (hostname ?? `machine-id:${machineId}`);
  return { key, label: hostname ?? key, hostname, machineId, source: 'system' };
}

/** The first line that is not a comment (hostname(5) allows them), trimmed; null when unreadable. */
function firstLine(root: string, systemPath: string): string | null {
  // The bounded reader: an image's /etc/hostname can be a link out of the root, a FIFO or 1 GiB.
  const read = readConfigText(root, new AuditedRoot(root).at(systemPath));
  const text = read.found && read.text !== null ? read.text : null;
  if (text === null) return null;
  for (const line of text.split('\n').slice(0, 100)) {
    const trimmed = line.trim();
    if (trimmed && !trimmed.startsWith('#')) return trimmed;
  }
  return null;
}

function validHostname(value: string | null): string | null {
  return value !== null && value.length <= 253 && HOSTNAME.test(value) && value !== 'localhost' ? value : null;
}

function validMachineId(value: string | null): string | null {
  return value !== null && MACHINE_ID.test(value) ? value : null;
}
